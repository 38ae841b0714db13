import fc from 'fast-check';
import { ExportFileRefused, ExportReader, type ExportFormat, type ExportReadResult } from '@grove/shared/records/index';

// Property-based fuzzing of every export parser (issue 13), shared by the sample in `npm test`
// (test/unit/records/fuzz.test.ts) and the 10,000-case run (test/fuzz/records-fuzz.ts):
//  1. round trip: records written in the format come back with their fields;
//  2. any mutation of a valid file (bytes inserted, lines dropped, cut short, binary noise) is
//     either read or refused with ExportFileRefused naming file and line — never another
//     error, never a hang — and a refused file yields nothing;
//  3. the result does not depend on where the input is cut into chunks (streaming).

export const FORMATS: ExportFormat[] = ['ris', 'medline', 'wos', 'endnote-xml', 'bibtex', 'csv'];

export interface FuzzRecord {
  title: string;
  authors: Array<[string, string]>;
  year: number;
  journal: string;
  doi: string | null;
}

// Placeholder words ("None", "NA", "Unknown") mean a missing field in every export, by design;
// a bare "and" inside a name is BibTeX's own list separator (BibTeX needs it braced as {and}).
const word = fc.stringMatching(/^[A-Za-z][a-z]{1,9}$/).filter((w) => !/^(?:none|null|na|unknown|and)$/i.test(w));
const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '));
export const fuzzRecord: fc.Arbitrary<FuzzRecord> = fc.record({
  title: words(2, 12),
  authors: fc.array(fc.tuple(word, word), { minLength: 1, maxLength: 4 }),
  year: fc.integer({ min: 1900, max: 2030 }),
  journal: words(1, 5),
  doi: fc.option(
    fc.tuple(fc.integer({ min: 1000, max: 99999 }), fc.stringMatching(/^[a-z0-9]{1,12}$/)).map(([p, s]) => `10.${p}/${s}`),
    { nil: null },
  ),
});

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The records written as a file of the format, the way the databases write it. */
export function writeExport(format: ExportFormat, records: FuzzRecord[], eol = '\n'): string {
  const lines: string[] = [];
  switch (format) {
    case 'ris':
      for (const r of records) {
        lines.push(
          'TY  - JOUR',
          `TI  - ${r.title}`,
          ...r.authors.map(([l, f]) => `AU  - ${l}, ${f}`),
          `PY  - ${r.year}`,
          `T2  - ${r.journal}`,
        );
        if (r.doi) lines.push(`DO  - ${r.doi}`);
        lines.push('ER  - ', '');
      }
      break;
    case 'medline':
      records.forEach((r, i) => {
        lines.push(
          `PMID- ${1000 + i}`,
          `TI  - ${r.title}`,
          ...r.authors.map(([l, f]) => `FAU - ${l}, ${f}`),
          `DP  - ${r.year} Jan`,
          `JT  - ${r.journal}`,
        );
        if (r.doi) lines.push(`LID - ${r.doi} [doi]`);
        lines.push('');
      });
      break;
    case 'wos':
      lines.push('FN Clarivate Analytics Web of Science', 'VR 1.0');
      for (const r of records) {
        lines.push(
          'PT J',
          ...r.authors.map(([l, f], k) => `${k === 0 ? 'AF' : '  '} ${l}, ${f}`),
          `TI ${r.title}`,
          `SO ${r.journal}`,
          `PY ${r.year}`,
        );
        if (r.doi) lines.push(`DI ${r.doi}`);
        lines.push('ER', '');
      }
      lines.push('EF');
      break;
    case 'endnote-xml':
      lines.push('<?xml version="1.0" encoding="UTF-8"?>', '<xml><records>');
      for (const r of records) {
        lines.push(
          `<record><ref-type name="Journal Article">17</ref-type><contributors><authors>${r.authors.map(([l, f]) => `<author><style face="normal">${xmlEscape(l)}, </style><style>${xmlEscape(f)}</style></author>`).join('')}</authors></contributors>`,
          `<titles><title>${xmlEscape(r.title)}</title><secondary-title>${xmlEscape(r.journal)}</secondary-title></titles><dates><year>${r.year}</year></dates>${r.doi ? `<electronic-resource-num>${r.doi}</electronic-resource-num>` : ''}</record>`,
        );
      }
      lines.push('</records></xml>');
      break;
    case 'bibtex':
      records.forEach((r, i) => {
        lines.push(
          `@article{key${i},`,
          `  title = {${r.title}},`,
          `  author = {${r.authors.map(([l, f]) => `${l}, ${f}`).join(' and ')}},`,
          `  year = ${r.year},`,
          `  journal = {${r.journal}},`,
        );
        if (r.doi) lines.push(`  doi = {${r.doi}},`);
        lines.push('}', '');
      });
      break;
    case 'csv':
      lines.push('ID,title,author,year,journal,doi');
      records.forEach((r, i) =>
        lines.push(
          [`id${i}`, r.title, r.authors.map(([l, f]) => `${l}, ${f}`).join(' and '), String(r.year), r.journal, r.doi ?? '']
            .map(csvCell)
            .join(','),
        ),
      );
      break;
  }
  return lines.join(eol) + eol;
}

type Outcome = { kind: 'read'; result: ExportReadResult } | { kind: 'refused'; error: ExportFileRefused };

/** Reads text fed in the given chunk sizes; any error but a refusal propagates and fails the property. */
export function readIn(file: string, text: string, chunkSizes: number[], format?: ExportFormat): Outcome {
  const reader = new ExportReader(file, { format });
  try {
    let at = 0;
    let k = 0;
    while (at < text.length) {
      const size = chunkSizes.length > 0 ? Math.max(1, chunkSizes[k++ % chunkSizes.length]!) : text.length;
      reader.push(text.slice(at, at + size));
      at += size;
    }
    return { kind: 'read', result: reader.end() };
  } catch (err) {
    if (err instanceof ExportFileRefused) return { kind: 'refused', error: err };
    throw err;
  }
}

const summary = (o: Outcome) =>
  o.kind === 'refused'
    ? { refused: o.error.message }
    : { format: o.result.format, records: o.result.records.map((r) => ({ ...r })), skipped: o.result.skipped, warnings: o.result.warnings };

/** A mutation of a file: the kinds of damage real exports show. */
export const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 40 }) }),
  fc.record({ kind: fc.constant('insertUnicode' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 20 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('dropLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
);
export type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

export function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % text.length;
  switch (m.kind) {
    case 'insert':
    case 'insertUnicode':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'cut':
      return text.slice(0, at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'dropLine':
    case 'duplicateLine': {
      const lines = text.split('\n');
      const i = at % lines.length;
      if (m.kind === 'dropLine') lines.splice(i, 1);
      else lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
  }
}

const chunkSizes = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 });

/** A named property, checked (long run, reporting) or asserted (test) with a number of runs. */
export interface NamedProperty {
  name: string;
  check(numRuns: number): fc.RunDetails<unknown>;
  assert(numRuns: number): void;
}

function named<Ts extends [unknown, ...unknown[]]>(name: string, property: fc.IProperty<Ts>): NamedProperty {
  return {
    name,
    check: (numRuns) => fc.check(property, { numRuns }) as fc.RunDetails<unknown>,
    assert: (numRuns) => fc.assert(property, { numRuns }),
  };
}

/** Every property for one format. */
export function formatProperties(format: ExportFormat): NamedProperty[] {
  const roundTrip = fc.property(
    fc.array(fuzzRecord, { minLength: 1, maxLength: 6 }),
    fc.constantFrom('\n', '\r\n'),
    chunkSizes,
    (records, eol, sizes) => {
      const out = readIn(`f.${format}`, writeExport(format, records, eol), sizes, format);
      if (out.kind !== 'read') throw new Error(`valid file refused: ${out.error.message}`);
      const got = out.result.records;
      if (got.length !== records.length) throw new Error(`expected ${records.length} records, read ${got.length}`);
      records.forEach((r, i) => {
        const g = got[i]!;
        if (g.title !== r.title) throw new Error(`title ${JSON.stringify(g.title)} != ${JSON.stringify(r.title)}`);
        if (g.year !== r.year) throw new Error(`year ${g.year} != ${r.year}`);
        if (g.journal !== r.journal) throw new Error(`journal ${g.journal} != ${r.journal}`);
        if (g.doi !== (r.doi?.toLowerCase() ?? null)) throw new Error(`doi ${g.doi} != ${r.doi}`);
        const names = r.authors.map(([l, f]) => `${l}, ${f}`);
        if (JSON.stringify(g.authors) !== JSON.stringify(names))
          throw new Error(`authors ${JSON.stringify(g.authors)} != ${JSON.stringify(names)}`);
      });
      if (out.result.skipped.length > 0 || out.result.warnings.length > 0) throw new Error('a valid file produced problems');
    },
  );

  const damaged = fc.property(
    fc.array(fuzzRecord, { minLength: 1, maxLength: 4 }),
    fc.array(mutation, { minLength: 1, maxLength: 4 }),
    chunkSizes,
    fc.boolean(),
    (records, mutations, sizes, forced) => {
      const text = mutations.reduce(mutate, writeExport(format, records));
      const whole = readIn(`f.${format}`, text, [], forced ? format : undefined);
      const chunked = readIn(`f.${format}`, text, sizes, forced ? format : undefined);
      if (whole.kind === 'refused' && !/^f\.\S+, line \d+: ./.test(whole.error.message))
        throw new Error(`refusal without file and line: ${whole.error.message}`);
      if (JSON.stringify(summary(whole)) !== JSON.stringify(summary(chunked)))
        throw new Error('the result depends on how the input is chunked');
    },
  );

  return [
    named(`${format}: round trip`, roundTrip),
    named(`${format}: damaged input is read or refused with file and line, the same whatever the chunking`, damaged),
  ];
}

/** Arbitrary text and binary noise under every format (forced) and detection. */
export const noiseProperty = named(
  'any text or binary noise, every format',
  fc.property(
    fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })),
    fc.option(fc.constantFrom(...FORMATS), { nil: undefined }),
    chunkSizes,
    (text, format, sizes) => {
      const whole = readIn('noise.txt', text, [], format);
      const chunked = readIn('noise.txt', text, sizes, format);
      if (JSON.stringify(summary(whole)) !== JSON.stringify(summary(chunked)))
        throw new Error('the result depends on how the input is chunked');
    },
  ),
);
