import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { ReviewFileError } from '../../db/src/connection.ts';
import { createReviewFromDocument, ReviewDocumentError } from '../../db/src/document/import-review.ts';
import { exportReview } from '../../db/src/document/export-review.ts';
import { SAMPLE_RM5 } from '../unit/rm5/sample-rm5.ts';
import { importRm5 } from '../../db/src/rm5/import-rm5.ts';
import { revmanPackageDocument } from '../../db/src/rm5/import-revman-package.ts';
import { loadRm5Bytes, Rm5FileError } from '../../db/src/rm5/load-rm5.ts';
import { latin1Bytes } from '@grove/shared/rm5/xml-tree';

// Property-based fuzzing of every importer (issue 11): generated and mutated .rm5 files,
// RevMan Web data packages and Grove review documents. For every input the importer either
// creates a review or refuses with its own error naming the input; it never crashes with
// another error, never shows a raw SQL message, never hangs, and leaves nothing behind when
// it refuses. A sample runs in `npm test` (test/unit/fuzz/importers.test.ts); test/fuzz/run.ts
// runs 10,000 inputs per importer.

export type Importer = 'rm5' | 'revman-package' | 'grove-json';
export const IMPORTERS: readonly Importer[] = ['rm5', 'revman-package', 'grove-json'];

/** Values that broke importers before: negative and signed zeros, huge, non-numbers, markup. */
const NASTY = [
  '-1',
  '-0',
  '0',
  '-5',
  '1e309',
  'NaN',
  'Infinity',
  '',
  ' ',
  'abc',
  '99999999999999999999',
  '1.5',
  '<',
  '&amp;',
  '"',
  "'",
  '\u0000',
  '%',
  '-0.0',
  'YES',
  'NO',
  'null',
];
const nastyValue = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 12 }), fc.integer({ min: -1000, max: 100000 }).map(String));

export interface Seeds {
  rm5: string;
  json: unknown;
  packageFiles: Record<string, string>;
}

/**
 * The unmutated inputs: the unit tests' sample .rm5 (every outcome kind), the review
 * document an import of it makes (studies, references, characteristics, risk of bias and
 * the RevMan section), and a small RevMan Web data package.
 */
export function buildSeeds(dir: string): Seeds {
  const rm5 = SAMPLE_RM5;
  const imported = importRm5(loadRm5Bytes('seed.rm5', latin1Bytes(rm5)), path.join(dir, 'seed-rm5.grove'));
  const json = exportReview(imported.review.db);
  imported.review.close();
  fs.rmSync(path.join(dir, 'seed-rm5.grove'));
  const id = '111222333444555666';
  const packageFiles = {
    [`Pkg/${id}-overall-estimates-and-settings.csv`]:
      '\uFEFFAnalysis group,Analysis number,Analysis name,Analysis group name,Data type,Log-scale data,Experimental group label,Control group label,Statistical method,Effect measure,Unit of effect measure,Analysis model,Subgroup estimates,Overall estimates,Test for subgroup differences,Swap event and non-event,Study CI,Estimate CI\n' +
      '1,1,Deaths,X vs Y,Dichotomous,true,X,Y,MH,Risk Ratio,,Fixed effect,true,true,true,false,95%,95%\n' +
      '1,2,Score,X vs Y,Continuous,false,X,Y,IV,Mean Difference,,Random effect,true,true,true,false,95%,95%\n',
    [`Pkg/${id}-data-rows.csv`]:
      '\uFEFFAnalysis group,Analysis number,Analysis name,Subgroup,Applicability,Study,Study year,GIV Mean,GIV SE,Experimental mean,Experimental SD,Experimental cases,Experimental N,Control mean,Control SD,Control cases,Control N,O-E,Variance,Weight,Mean,CI start,CI end,Footnotes\n' +
      '1,1,Deaths,,SUBGROUP_AND_OVERALL,A 2001,2001,0.0,0.0,0.0,0.0,3,100,0.0,0.0,7,99,0.0,0.0,0,0,0,0,\n' +
      '1,1,Deaths,,SUBGROUP_AND_OVERALL,"B, the 2002",2002,0.0,0.0,0.0,0.0,3,30,0.0,0.0,6,31,0.0,0.0,0,0,0,0,\n' +
      '1,2,Score,,SUBGROUP_AND_OVERALL,A 2001,2001,0.0,0.0,5.1,1.2,0,40,4.8,1.1,0,41,0.0,0.0,0,0,0,0,\n',
    [`Pkg/${id}-study-information.csv`]:
      '\uFEFFStudy,Year,Data source,Char: Methods\r\nA 2001,2001,PUB,Randomised\r\n"B, the 2002",2002,UNPUB,\r\n',
    [`Pkg/${id}-risk-of-bias.csv`]:
      '\uFEFFStudy,Domain (judgement): Allocation concealment (selection bias),Domain (support): Allocation concealment (selection bias)\r\nA 2001,Low risk,Sealed envelopes\r\n',
    [`Pkg/${id}-included-studies.ris`]: 'TY  - JOUR\r\nTI  - A trial\r\nPY  - 2001\r\nNS  - A 2001\r\nER  - \r\n',
  };
  return { rm5, json, packageFiles };
}

// --- mutations -----------------------------------------------------------------------

type TextMutation =
  | { kind: 'attr'; at: number; value: string }
  | { kind: 'duplicate-element'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number };

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('attr' as const), at: fc.nat(), value: nastyValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate-element' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom('<STUDY ID="X" NAME="X"/>', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', '&e;', ']]>', '\u0007'),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
);

/** Applies XML-aware mutations to .rm5 text: attribute values, duplicated elements (STUDY, data rows), cuts. */
export function mutateXml(text: string, mutations: readonly TextMutation[]): string {
  let out = text;
  for (const m of mutations) {
    if (m.kind === 'attr') {
      const attrs = [...out.matchAll(/ ([A-Z_0-9]+)="([^"]*)"/g)];
      const a = attrs[m.at % Math.max(1, attrs.length)];
      if (!a || a.index === undefined) continue;
      const value = m.value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
      out = `${out.slice(0, a.index)} ${a[1]}="${value}"${out.slice(a.index + a[0].length)}`;
    } else if (m.kind === 'duplicate-element') {
      const els = [...out.matchAll(/<(STUDY|DICH_DATA|CONT_DATA|COMPARISON|DICH_OUTCOME|REFERENCE)\b[^>]*?(\/>|>[\s\S]*?<\/\1>)/g)];
      const e = els[m.at % Math.max(1, els.length)];
      if (!e || e.index === undefined) continue;
      out = `${out.slice(0, e.index)}${e[0]}\n${out.slice(e.index)}`;
    } else if (m.kind === 'delete') {
      const at = m.at % Math.max(1, out.length);
      out = out.slice(0, at) + out.slice(at + m.length);
    } else if (m.kind === 'insert') {
      const at = m.at % Math.max(1, out.length);
      out = out.slice(0, at) + m.text + out.slice(at);
    } else {
      out = out.slice(0, m.at % Math.max(1, out.length));
    }
  }
  return out;
}

type CsvMutation = { file: number; line: number; cell: number; op: 'set' | 'duplicate-line' | 'delete-line' | 'truncate'; value: string };
const csvMutation: fc.Arbitrary<CsvMutation> = fc.record({
  file: fc.nat(),
  line: fc.nat(),
  cell: fc.nat(),
  op: fc.constantFrom(
    'set' as const,
    'set' as const,
    'set' as const,
    'duplicate-line' as const,
    'delete-line' as const,
    'truncate' as const,
  ),
  value: nastyValue,
});

/** Applies cell- and line-level mutations to the package's files, then zips it (maybe damaging the zip). */
export function mutatePackage(files: Record<string, string>, mutations: readonly CsvMutation[], damageZip: number | null): Uint8Array {
  const out = { ...files };
  const names = Object.keys(out);
  for (const m of mutations) {
    const name = names[m.file % names.length]!;
    const lines = out[name]!.split(/\r?\n/);
    const li = m.line % lines.length;
    if (m.op === 'set') {
      const cells = lines[li]!.split(',');
      cells[m.cell % cells.length] = /[",\n]/.test(m.value) ? `"${m.value.replace(/"/g, '""')}"` : m.value;
      lines[li] = cells.join(',');
    } else if (m.op === 'duplicate-line') lines.splice(li, 0, lines[li]!);
    else if (m.op === 'delete-line') lines.splice(li, 1);
    else lines.splice(li + 1);
    out[name] = lines.join('\r\n');
  }
  const zip = zipSync(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, strToU8(v)])));
  if (damageZip !== null) zip[damageZip % zip.length] = (zip[damageZip % zip.length] ?? 0) ^ 0xff;
  return zip;
}

type JsonMutation = { path: number; op: 'set' | 'duplicate' | 'delete'; value: unknown };
const jsonMutation: fc.Arbitrary<JsonMutation> = fc.record({
  path: fc.nat(),
  op: fc.constantFrom('set' as const, 'set' as const, 'duplicate' as const, 'delete' as const),
  value: fc.oneof(nastyValue, fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: -5, max: 5 }), fc.double()),
});

function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : [];
  for (const [k, v] of entries) {
    out.push([...prefix, k]);
    paths(v, [...prefix, k], out);
  }
  return out;
}

/** Sets, deletes or duplicates (an array element: duplicate ids) at paths of the document. */
export function mutateJson(doc: unknown, mutations: readonly JsonMutation[]): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  for (const m of mutations) {
    const all = paths(copy);
    const p = all[m.path % all.length];
    if (!p) continue;
    const parent = p.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], copy) as
      Record<string | number, unknown> | unknown[];
    const key = p[p.length - 1]!;
    if (m.op === 'set') (parent as Record<string | number, unknown>)[key] = m.value;
    else if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, unknown>)[key as string];
    } else if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
  }
  return copy;
}

// --- the property --------------------------------------------------------------------

const RAW_MESSAGE =
  /constraint failed|SQLITE_|no such (table|column)|Cannot read propert|is not a function|undefined \(reading|Maximum call stack/i;
/** Slower than this for one small input counts as a hang. */
export const HANG_MS = 5000;

export interface FuzzCase {
  importer: Importer;
  input: Uint8Array | unknown;
}

export function arbitraryCase(importer: Importer, seeds: Seeds): fc.Arbitrary<FuzzCase> {
  switch (importer) {
    case 'rm5':
      return fc
        .array(textMutation, { minLength: 1, maxLength: 4 })
        .map((ms) => ({ importer, input: latin1Bytes(mutateXml(seeds.rm5, ms)) }));
    case 'revman-package':
      return fc
        .tuple(fc.array(csvMutation, { minLength: 0, maxLength: 4 }), fc.option(fc.nat(), { freq: 8 }))
        .map(([ms, damage]) => ({ importer, input: mutatePackage(seeds.packageFiles, ms, damage) }));
    case 'grove-json':
      return fc.array(jsonMutation, { minLength: 1, maxLength: 3 }).map((ms) => ({ importer, input: mutateJson(seeds.json, ms) }));
  }
}

/** Runs one input through its importer into `dir` (which must be empty); returns what went wrong, or null. */
export function checkCase(c: FuzzCase, dir: string): string | null {
  const out = path.join(dir, 'imported.grove');
  const started = performance.now();
  let failure: string | null = null;
  try {
    if (c.importer === 'rm5') importRm5(loadRm5Bytes('fuzz.rm5', c.input as Uint8Array), out).review.close();
    else if (c.importer === 'revman-package') {
      const { document } = revmanPackageDocument('fuzz.zip', c.input as Uint8Array);
      createReviewFromDocument(out, 'fuzz.zip', document).close();
    } else createReviewFromDocument(out, 'fuzz.json', c.input).close();
  } catch (err) {
    const known = err instanceof Rm5FileError || err instanceof ReviewDocumentError || err instanceof ReviewFileError;
    const message = err instanceof Error ? err.message : String(err);
    if (!known) failure = `crashed with ${err instanceof Error ? err.name : typeof err}: ${message}`;
    else if (RAW_MESSAGE.test(message)) failure = `raw message: ${message}`;
    else if (!/fuzz\.(rm5|zip|json)/.test(message)) failure = `the message does not name the input: ${message}`;
    const left = fs.readdirSync(dir);
    if (left.length > 0) failure ??= `left ${left.join(', ')} behind after refusing`;
  }
  const ms = performance.now() - started;
  if (ms > HANG_MS) failure ??= `took ${Math.round(ms)} ms`;
  for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  return failure;
}
