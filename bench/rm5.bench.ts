// Benchmark (issue 6): import plus full recomputation of a 4 MB review with 600 studies and
// 900 data rows takes < 2 s and < 300 MB of memory. The review is generated at bench time
// from the corpus (copies of antibiotics-for-sore-throat.rm5 with renamed studies, analyses
// from some copies only, so the counts land near 600 studies and 900 rows); nothing derived
// from the corpus is written to the repository. Skipped with a note when the corpus is absent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeRm5Bytes } from '../shared/src/rm5/decode.ts';
import { parseXmlTree, writeXmlDocument, latin1Bytes, childElements, type XmlElement, type XmlNode } from '../shared/src/rm5/xml-tree.ts';
import { spawnSync } from 'node:child_process';
import { findCorpus } from '../test/conformance/support/corpus.ts';

const COPIES = 10;
const COPIES_WITH_ANALYSES = 4;
/** Copies of the body text; brings the file to about 4 MB. */
const BODY_REPEATS = 7;

function renamed(node: XmlNode, k: number): XmlNode {
  if (typeof node === 'string') return node;
  const attrs = { ...node.attrs };
  for (const a of ['ID', 'STUDY_ID']) if (attrs[a]?.startsWith('STD-')) attrs[a] = `${attrs[a]}-c${k}`;
  if (node.name === 'STUDY' && attrs.NAME) attrs.NAME = `${attrs.NAME} c${k}`;
  return { ...node, attrs, children: node.children.map((c) => renamed(c, k)) };
}

/** The generated review as .rm5 bytes, with its study and row counts. */
export function generate(source: XmlElement): { bytes: Uint8Array; studies: number; rows: number } {
  const copies = Array.from({ length: COPIES }, (_, k) => renamed(source, k) as XmlElement);
  const merged = (name: string, pick: (e: XmlElement) => XmlElement[]): XmlElement[] =>
    copies.flatMap((c) => pick(c)).filter((e) => e.name === name);
  const map = (e: XmlElement, f: (c: XmlElement) => XmlElement): XmlElement => ({
    ...e,
    children: e.children.map((c) => (typeof c === 'string' ? c : f(c))),
  });
  const byPath = (e: XmlElement, ...names: string[]): XmlElement[] =>
    names.reduce<XmlElement[]>((acc, n) => acc.flatMap((x) => childElements(x, n)), [e]);
  let cmpNo = 0;
  const root = map(source, (top) => {
    if (top.name === 'STUDIES_AND_REFERENCES')
      return map(top, (s) =>
        s.name !== 'STUDIES'
          ? s
          : map(s, (sec) => ({
              ...sec,
              children: copies.flatMap((c) => byPath(c, 'STUDIES_AND_REFERENCES', 'STUDIES', sec.name, 'STUDY')),
            })),
      );
    if (top.name === 'CHARACTERISTICS_OF_STUDIES')
      return map(top, (t) => ({
        ...t,
        children: [
          ...copies.flatMap((c) =>
            byPath(c, 'CHARACTERISTICS_OF_STUDIES', t.name).flatMap((x) => childElements(x).filter((r) => r.name.endsWith('_CHAR'))),
          ),
          ...childElements(t, 'FOOTNOTES'),
        ],
      }));
    if (top.name === 'QUALITY_ITEMS')
      return map(top, (item) =>
        map(item, (d) =>
          d.name !== 'QUALITY_ITEM_DATA'
            ? d
            : {
                ...d,
                children: copies.flatMap((c) =>
                  byPath(c, 'QUALITY_ITEMS')
                    .flatMap((q) => childElements(q, 'QUALITY_ITEM').filter((i) => i.attrs.ID === item.attrs.ID))
                    .flatMap((i) => byPath(i, 'QUALITY_ITEM_DATA', 'QUALITY_ITEM_DATA_ENTRY')),
                ),
              },
        ),
      );
    if (top.name === 'ANALYSES_AND_DATA') {
      const cmps = copies.slice(0, COPIES_WITH_ANALYSES).flatMap((c) => byPath(c, 'ANALYSES_AND_DATA', 'COMPARISON'));
      // Top up to at least 900 rows with outcomes from the next copy.
      const rowsIn = (e: XmlElement): number => (/_DATA$/.test(e.name) ? 1 : 0) + childElements(e).reduce((n, c) => n + rowsIn(c), 0);
      let total = cmps.reduce((n, c) => n + rowsIn(c), 0);
      for (const c of byPath(copies[COPIES_WITH_ANALYSES] as XmlElement, 'ANALYSES_AND_DATA', 'COMPARISON')) {
        if (total >= 900) break;
        const outcomes: XmlElement[] = [];
        for (const o of childElements(c).filter((x) => x.name.endsWith('_OUTCOME'))) {
          if (total >= 900) break;
          outcomes.push(o);
          total += rowsIn(o);
        }
        cmps.push({ ...c, children: [...childElements(c, 'NAME'), ...outcomes] });
      }
      // Renumber comparisons (and the ids below them) so every id stays unique.
      return {
        ...top,
        children: cmps.map((c) => {
          cmpNo++;
          const id = `CMP-${String(cmpNo).padStart(3, '0')}`;
          const re = (n: XmlNode): XmlNode =>
            typeof n === 'string'
              ? n
              : {
                  ...n,
                  attrs: {
                    ...n.attrs,
                    ...(n.attrs.ID?.startsWith('CMP-') ? { ID: id + n.attrs.ID.slice(7) } : {}),
                    ...(n.name === 'COMPARISON' ? { NO: String(cmpNo) } : {}),
                  },
                  children: n.children.map(re),
                };
          return re(c) as XmlElement;
        }),
      };
    }
    if (top.name === 'MAIN_TEXT') {
      // Text makes up most of a real review's size: repeat the review's own body text (with
      // the copies' study links) until the file is about 4 MB.
      const body = childElements(top, 'BODY')[0];
      if (!body) return top;
      const texts = copies.flatMap((k) =>
        childElements(k, 'MAIN_TEXT')
          .flatMap((m) => childElements(m, 'BODY'))
          .flatMap((b) => b.children),
      );
      return map(top, (c) => (c.name !== 'BODY' ? c : { ...c, children: Array.from({ length: BODY_REPEATS }, () => texts).flat() }));
    }
    return top;
  });
  void merged;
  const text = writeXmlDocument(root);
  const studies = (text.match(/<STUDY /g) ?? []).length;
  const rows = (text.match(/<(DICH|CONT|IV)_DATA /g) ?? []).length;
  return { bytes: latin1Bytes(text), studies, rows };
}

export default async function run(): Promise<Array<{ name: string; value: number; unit: string; target?: number; note?: string }>> {
  const corpus = findCorpus();
  const file = corpus ? path.join(corpus, 'rm5', 'antibiotics-for-sore-throat.rm5') : null;
  if (!file || !fs.existsSync(file)) {
    return [
      {
        name: 'import + recompute of a 4 MB .rm5 (600 studies, 900 rows)',
        value: NaN,
        unit: 'ms',
        target: 2000,
        note: 'skipped: no corpus (set GROVE_CORPUS)',
      },
    ];
  }
  const source = parseXmlTree(decodeRm5Bytes(fs.readFileSync(file)));
  const { bytes, studies, rows } = generate(source);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-rm5-bench-'));
  try {
    // Measured in a fresh process so that generating the file does not count against memory.
    const input = path.join(dir, 'generated.rm5');
    fs.writeFileSync(input, bytes);
    const repo = path.resolve(import.meta.dirname, '..');
    const script = path.join(dir, 'measure.mts');
    fs.writeFileSync(
      script,
      `import fs from 'node:fs';
import { loadRm5Bytes } from ${JSON.stringify(path.join(repo, 'db/src/rm5/load-rm5.ts'))};
import { importRm5 } from ${JSON.stringify(path.join(repo, 'db/src/rm5/import-rm5.ts'))};
import { analyzeRm5Review } from ${JSON.stringify(path.join(repo, 'shared/src/rm5/analyze-review.ts'))};
const t0 = performance.now();
const loaded = loadRm5Bytes('generated.rm5', new Uint8Array(fs.readFileSync(process.argv[2])));
const { review } = importRm5(loaded, process.argv[3]);
review.close();
const outcomes = analyzeRm5Review(loaded.review).outcomes.length;
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, outcomes, maxRssKb: process.resourceUsage().maxRSS }));
`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', script, input, path.join(dir, 'bench.grove')], {
      cwd: repo,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`rm5 bench child failed: ${r.stderr}`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop() as string) as { ms: number; outcomes: number; maxRssKb: number };
    const note = `${(bytes.length / 1e6).toFixed(1)} MB, ${studies} studies, ${rows} data rows, ${m.outcomes} outcomes; fresh process`;
    return [
      { name: 'import + recompute of a 4 MB .rm5', value: Math.round(m.ms), unit: 'ms', target: 2000, note },
      {
        name: 'peak RSS of the process importing it',
        value: Math.round(m.maxRssKb / 1024),
        unit: 'MB',
        target: 300,
        note: 'includes Node, tsx and the modules loaded',
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
