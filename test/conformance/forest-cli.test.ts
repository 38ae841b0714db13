// Forest plots of the corpus through the real command (issue 10 step 2): every corpus .rm5
// is imported, then `grove report FILE --forest all -o DIR` runs once per file. Every outcome
// whose total RevMan shows (TOTALS="YES" with a stored total) must get a plot that shows
// RevMan's pooled estimate and CI as RevMan rounds them and names every study; its strings
// (total, heterogeneity line, test for overall effect, test for subgroup differences, and
// each subgroup's subtotal lines) must equal RevMan's display rules (stats/display.ts, spec
// §1.7) applied to the values RevMan stored; every study row must show RevMan's stored weight
// and estimate [CI] as RevMan rounds them. Prints counted/total. Skips without the corpus.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path, { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heterogeneityLine, overallEffectLine, subgroupDifferencesLine } from '../../shared/src/forest/format.ts';
import { formatEstimateWithCi, formatWeight } from '../../shared/src/stats/display.ts';
import type { PooledResult } from '../../shared/src/stats/types.ts';
import type { Rm5DataRow, Rm5Outcome, Rm5StoredPooled } from '../../shared/src/rm5/types.ts';
import { decodeRm5Bytes } from '../../shared/src/rm5/decode.ts';
import { loadRm5File, parseRm5Text } from '../../db/src/rm5/load-rm5.ts';
import { importRm5 } from '../../db/src/rm5/import-rm5.ts';
import { runGrove } from '../support/run-cli.ts';
import { tempDir } from '../support/temp.ts';
import { elements, footerLines, groupsOfClass, parse, plotRows, svgRoot, textOf, type PlotRow } from '../unit/forest/helpers.ts';
import { findCorpus } from './support/corpus.ts';

const corpus = findCorpus();
const rm5Dir = corpus ? join(corpus, 'rm5') : null;
const files = rm5Dir
  ? readdirSync(rm5Dir)
      .filter((f) => f.endsWith('.rm5'))
      .sort()
  : [];
const { dir, cleanup } = tempDir('grove-forest-conf-');
afterAll(cleanup);

/** RevMan's stored pooled values as the statistical core's result shape, for the display helpers. */
function storedPooled(s: Rm5StoredPooled): PooledResult {
  if (s.estimable !== true || s.effectSize === null || s.ciStart === null || s.ciEnd === null)
    return { estimable: false, reason: 'RevMan: not estimable' };
  return {
    estimable: true,
    estimate: s.effectSize,
    ciLower: s.ciStart,
    ciUpper: s.ciEnd,
    se: 0,
    z: s.z ?? NaN,
    p: s.pZ ?? NaN,
    q: s.chi2 ?? NaN,
    df: s.df ?? 0,
    // RevMan's χ² routine can store a P a hair below zero (rm5-format.md §9.3).
    pQ: Math.max(0, s.pChi2 ?? NaN),
    i2: s.i2 ?? NaN,
    tau2: s.tau2 ?? NaN,
  };
}

const estimateText = (s: Rm5StoredPooled) =>
  s.estimable === true && s.effectSize !== null && s.ciStart !== null && s.ciEnd !== null
    ? formatEstimateWithCi(s.effectSize, s.ciStart, s.ciEnd)
    : 'Not estimable';

/** A study row as RevMan shows it from its stored values: name, weight, estimate [CI]. */
function storedRowText(name: string, r: Rm5DataRow): string {
  const s = r.stored;
  if (s.estimable !== true || s.effectSize === null || s.ciStart === null || s.ciEnd === null) return `${name} |  | Not estimable`;
  return `${name} | ${formatWeight(s.weight ?? NaN)} | ${formatEstimateWithCi(s.effectSize, s.ciStart, s.ciEnd)}`;
}

/** The plot's study rows the same way (the weight cell is empty for non-estimable rows). */
function plotRowText(r: PlotRow): string {
  const name = (r.texts[0] ?? '').replace(/\(\d+\)$/, '');
  const estimate = r.texts.at(-1) ?? '';
  const weight = r.texts.find((t) => /^-?\d+\.\d%$/.test(t)) ?? '';
  return `${name} | ${weight} | ${estimate}`;
}

/** The plot's study names without their footnote markers "(n)". */
const studyNames = (rows: PlotRow[]) => rows.filter((r) => r.kind === 'study').map((r) => (r.texts[0] ?? '').replace(/\(\d+\)$/, ''));

/** What RevMan shows for an outcome, from its stored values, in the plot's order. */
function expected(o: Rm5Outcome) {
  const random = o.settings.random;
  const estimableGroups = o.subgroups.filter((g) => g.stored.estimable === true).length;
  return {
    total: `Total (${o.settings.ciTotal}% CI)`,
    totalEstimate: estimateText(o.stored),
    footer: [
      heterogeneityLine(storedPooled(o.stored), random),
      overallEffectLine(storedPooled(o.stored)),
      ...(o.subgroups.length > 0 && o.settings.subgroupTest
        ? [
            subgroupDifferencesLine(
              estimableGroups < 2
                ? null
                : { q: o.stored.q ?? NaN, df: estimableGroups - 1, p: o.stored.pQ ?? NaN, i2: o.stored.i2Q ?? NaN },
            ),
          ]
        : []),
    ],
    subtotals: o.subgroups.map((g) => ({
      estimate: estimateText(g.stored),
      lines: [heterogeneityLine(storedPooled(g.stored), random), overallEffectLine(storedPooled(g.stored))],
    })),
  };
}

/** The plot's subtotal rows with the two note lines that follow each. */
function subtotalsOf(rows: PlotRow[]) {
  const out: Array<{ estimate: string; lines: string[] }> = [];
  rows.forEach((r, i) => {
    if (r.kind !== 'subtotal') return;
    const notes = rows
      .slice(i + 1)
      .filter((x) => x.kind === 'note')
      .slice(0, 2);
    out.push({ estimate: r.texts.at(-1) ?? '', lines: notes.map((n) => n.texts[0] ?? '') });
  });
  return out;
}

let counted = 0;
let total = 0;
let rowsMatched = 0;
let rowsTotal = 0;
const skippedNote: string[] = [];

interface FileCheck {
  counted: number;
  total: number;
  rowsMatched: number;
  rowsTotal: number;
  skipped: string[];
  failures: string[];
  rowFailures: string[];
}

/** Imports an .rm5 file, runs `grove report --forest all` once, and checks every outcome with a total RevMan shows. */
function checkFile(label: string, xml: string): FileCheck {
  const grove = path.join(dir, `${label}.grove`);
  const out = path.join(dir, `${label}-plots`);
  const loaded = parseRm5Text(label, xml);
  importRm5(loaded, grove).review.close();
  const run = runGrove(['report', grove, '--forest', 'all', '-o', out]);
  expect(run.status, run.stderr).toBe(0);

  const names = new Map(loaded.review.studies.map((s) => [s.id, s.name]));
  const check: FileCheck = { counted: 0, total: 0, rowsMatched: 0, rowsTotal: 0, skipped: [], failures: [], rowFailures: [] };
  for (const c of loaded.review.comparisons) {
    for (const o of c.outcomes) {
      // A total RevMan shows: TOTALS="YES" and a computed total (Fleiss1993's SMD outcome was
      // never calculated: every computed attribute is "").
      if (o.settings.totals !== 'YES' || o.stored.estimable === null || (o.stored.estimable && o.stored.effectSize === null)) {
        check.skipped.push(
          `${label} ${o.id}: ${o.settings.totals !== 'YES' ? `TOTALS="${o.settings.totals}"` : 'never calculated by RevMan'}`,
        );
        continue;
      }
      check.total++;
      const plotFile = join(out, `${o.id}.svg`);
      if (!existsSync(plotFile)) {
        check.failures.push(`${o.id}: no plot`);
        continue;
      }
      const root = svgRoot(parse(readFileSync(plotFile, 'utf8')));
      const rows = plotRows(root);
      const want = expected(o);
      const got = {
        total: rows.find((r) => r.kind === 'total')?.texts[0],
        totalEstimate: rows.find((r) => r.kind === 'total')?.texts.at(-1),
        footer: footerLines(root),
        subtotals: subtotalsOf(rows),
      };
      const dataRows = [...o.rows, ...o.subgroups.flatMap((g) => g.rows)];
      const studies = new Set(studyNames(rows));
      const missing = dataRows.map((r) => names.get(r.studyId) ?? r.studyId).filter((n) => !studies.has(n));
      if (JSON.stringify(got) === JSON.stringify(want) && missing.length === 0) check.counted++;
      else check.failures.push(`${o.id} ${o.name}: ${JSON.stringify({ want, got, missing })}`);
      // Every study row: RevMan's weight and estimate [CI] as RevMan rounds them.
      const wantRows = dataRows.map((r) => storedRowText(names.get(r.studyId) ?? r.studyId, r)).sort();
      const gotRows = rows
        .filter((r) => r.kind === 'study')
        .map(plotRowText)
        .sort();
      check.rowsTotal += wantRows.length;
      const unmatched = wantRows.filter((w, i) => gotRows[i] !== w);
      check.rowsMatched += wantRows.length - unmatched.length;
      if (unmatched.length > 0)
        check.rowFailures.push(
          `${o.id}: ${JSON.stringify({ want: unmatched.slice(0, 3), got: gotRows.filter((g) => !wantRows.includes(g)).slice(0, 3) })}`,
        );
    }
  }
  return check;
}

describe.skipIf(!corpus)('grove report --forest all on the corpus', () => {
  for (const file of files) {
    it(`${file}: every outcome with a total RevMan shows has its plot, RevMan's total and lines, and every study`, () => {
      const check = checkFile(file, decodeRm5Bytes(readFileSync(join(rm5Dir as string, file))));
      counted += check.counted;
      total += check.total;
      rowsMatched += check.rowsMatched;
      rowsTotal += check.rowsTotal;
      skippedNote.push(...check.skipped);
      console.log(`[forest] ${file}: ${check.counted}/${check.total} outcomes show RevMan's total, lines and studies`);
      expect(check.failures).toEqual([]);
      expect(check.rowFailures).toEqual([]);
    }, 120_000);
  }

  afterAll(() => {
    console.log(`[forest] corpus: ${counted}/${total} outcomes with a total RevMan shows`);
    console.log(`[forest] corpus: ${rowsMatched}/${rowsTotal} study rows show RevMan's weight and estimate [CI]`);
    for (const n of skippedNote) console.log(`[forest] not counted: ${n}`);
  });
});

describe('O − E and variance outcomes (synthetic, values from metafor: the corpus has none)', () => {
  it('oe-variance.rm5: every outcome shows the stored total, lines, subtotals and study rows', () => {
    const fixture = path.resolve(import.meta.dirname, '../stats/fixtures/oe-variance.rm5');
    const check = checkFile('oe-variance.rm5', decodeRm5Bytes(readFileSync(fixture)));
    console.log(`[forest] oe-variance.rm5: ${check.counted}/${check.total} outcomes, ${check.rowsMatched}/${check.rowsTotal} study rows`);
    expect(check.total).toBe(3);
    expect(check.failures).toEqual([]);
    expect(check.rowFailures).toEqual([]);
  });
});

describe('a subtotals-only outcome (synthetic: the corpus has none)', () => {
  it("shows each subgroup's total and lines, no overall total, and the test for subgroup differences", () => {
    const fixture = path.resolve(import.meta.dirname, '../fixtures/rm5/subtotals-only.rm5');
    const loaded = loadRm5File(fixture);
    const grove = path.join(dir, 'subtotals-only.grove');
    importRm5(loaded, grove).review.close();
    const out = path.join(dir, 'subtotals-only-plots');
    const run = runGrove(['report', grove, '--forest', 'all', '-o', out]);
    expect(run.status, run.stderr).toBe(0);
    const o = loaded.review.comparisons[0]!.outcomes[0]!;
    expect(o.settings.totals).toBe('SUB');
    const root = svgRoot(parse(readFileSync(join(out, `${o.id}.svg`), 'utf8')));
    const rows = plotRows(root);
    expect(rows.filter((r) => r.kind === 'total')).toEqual([]);
    const want = expected(o);
    expect(subtotalsOf(rows)).toEqual(want.subtotals);
    expect(want.subtotals).toHaveLength(3);
    expect(footerLines(root)).toEqual(want.footer.slice(2));
    // Study weights are percentages of their subgroup, as RevMan stores them under TOTALS="SUB".
    const names = new Map(loaded.review.studies.map((s) => [s.id, s.name]));
    const wantRows = o.subgroups.flatMap((g) => g.rows).map((r) => storedRowText(names.get(r.studyId) ?? r.studyId, r));
    expect(
      rows
        .filter((r) => r.kind === 'study')
        .map(plotRowText)
        .sort(),
    ).toEqual(wantRows.sort());
    // Names with markup are drawn formatted.
    const heading = rows.find((r) => r.kind === 'heading')!;
    expect(heading.texts[0]).toBe('1.1.1 Adjuvant chemotherapy');
    expect(elements(heading.node, 'tspan').find((t) => textOf(t) === 'Adjuvant')?.['@_font-style']).toBe('italic');
    const title = groupsOfClass(root, 'forest-title');
    expect(elements(title, 'tspan').map(textOf).join('')).toBe('1.1 Overall survivala by timing of chemotherapy (fixed effect)');
    expect(elements(title, 'tspan').find((t) => textOf(t) === 'a')?.['@_dy']).toMatch(/^-/);
  });
});

describe.skipIf(!!corpus)('grove report --forest all on the corpus — skipped', () => {
  it.skip('corpus not found: set GROVE_CORPUS or provide ../shared/corpus', () => {});
});
