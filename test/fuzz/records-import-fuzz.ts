import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ExportReader, type ExportFormat } from '@grove/shared/records/index';
import { ReviewFileError } from '../../db/src/connection.ts';
import { importSearchFile, RecordsImportError } from '../../db/src/records/import-search.ts';
import { readExportFile } from '../../db/src/records/read-export-file.ts';
import { createReviewFile, openReviewFile, type ReviewFile } from '../../db/src/review-file.ts';
import { findCorpus } from '../conformance/support/corpus.ts';
import { FORMATS, fuzzRecord, mutate, mutation, writeExport } from './records-properties.ts';

// Fuzzing `grove import` of database exports into a review (issues 11 and 13), one run per
// format (RIS, PubMed/MEDLINE, Web of Science, EndNote XML, BibTeX, CSV). Seeds are the
// corpus's real exports of each format when the corpus is present (their first records),
// synthetic exports otherwise; each case damages a seed the way real files are damaged
// (bytes inserted or deleted, lines dropped or repeated, cut short, binary noise) and
// stores it in one of the encodings databases use. For every case the import either brings
// in the file as one search with all its readable records, or is refused with a message
// naming the file (and its line, for a parse refusal), never a crash or a raw SQL message,
// never a hang, and a refused file writes nothing to the review. A sample runs in
// `npm test` (test/unit/fuzz/records-import.test.ts); test/fuzz/run.ts runs 10,000 a format.

export type RecordsImporter = `records-${ExportFormat}`;
export const RECORDS_IMPORTERS: readonly RecordsImporter[] = FORMATS.map((f) => `records-${f}` as const);
export const formatOf = (importer: RecordsImporter): ExportFormat => importer.slice('records-'.length) as ExportFormat;

const EXTENSION: Record<ExportFormat, string> = {
  ris: 'ris',
  medline: 'nbib',
  wos: 'ciw',
  'endnote-xml': 'xml',
  bibtex: 'bib',
  csv: 'csv',
};

/** Records kept from each corpus file: enough for every field kind, small enough for 10,000 imports. */
const SEED_RECORDS = 12;

export interface RecordsSeed {
  /** Where the seed came from: a corpus file's name, or "synthetic". */
  origin: string;
  text: string;
}

/** The first `n` records of an export's text, cut where record n + 1 begins (closing an EndNote XML document). */
function firstRecords(text: string, format: ExportFormat, starts: number[]): string {
  if (format === 'endnote-xml') {
    let at = -1;
    for (let i = 0; i < SEED_RECORDS; i++) {
      at = text.indexOf('</record>', at + 1);
      if (at < 0) return text;
    }
    return `${text.slice(0, at + '</record>'.length)}</records></xml>\n`;
  }
  const cutLine = starts[SEED_RECORDS];
  if (cutLine === undefined) return text;
  const lines = text.split('\n');
  return `${lines.slice(0, cutLine - 1).join('\n')}\n`;
}

/** The seeds of each format: corpus exports when present, else synthetic ones. */
export function buildRecordsSeeds(): Record<ExportFormat, RecordsSeed[]> {
  const seeds = Object.fromEntries(FORMATS.map((f) => [f, [] as RecordsSeed[]])) as Record<ExportFormat, RecordsSeed[]>;
  const corpus = findCorpus();
  const dir = corpus ? path.join(corpus, 'records') : null;
  if (dir && fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      let read;
      try {
        read = readExportFile(file);
      } catch {
        continue; // a corpus file Grove refuses is no seed
      }
      const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      const seed = firstRecords(
        text,
        read.format,
        read.records.map((r) => r.line),
      );
      // The cut must still be the format it was: otherwise it is no seed of that format.
      try {
        const reader = new ExportReader(name);
        reader.push(seed);
        if (reader.end().format === read.format) seeds[read.format].push({ origin: name, text: seed });
      } catch {
        // cut where the format no longer reads: not a seed
      }
    }
  }
  const synthetic = fc.sample(fc.array(fuzzRecord, { minLength: 3, maxLength: 8 }), { numRuns: 3, seed: 13 });
  for (const f of FORMATS)
    if (seeds[f].length === 0) for (const records of synthetic) seeds[f].push({ origin: 'synthetic', text: writeExport(f, records) });
  return seeds;
}

type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le-bom';

export interface RecordsCase {
  importer: RecordsImporter;
  origin: string;
  bytes: Uint8Array;
  /** Forced with --format, or detected. */
  forced: boolean;
}

function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'windows-1252':
      return Buffer.from(text, 'latin1');
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  }
}

export function arbitraryRecordsCase(importer: RecordsImporter, seeds: Record<ExportFormat, RecordsSeed[]>): fc.Arbitrary<RecordsCase> {
  const pool = seeds[formatOf(importer)];
  return fc
    .record({
      seed: fc.nat(pool.length - 1),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
      encoding: fc.constantFrom<Encoding>('utf-8', 'utf-8', 'utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le-bom'),
      forced: fc.boolean(),
    })
    .map(({ seed, mutations, encoding, forced }) => {
      const s = pool[seed]!;
      return { importer, origin: s.origin, bytes: encode(mutations.reduce(mutate, s.text), encoding), forced };
    });
}

const RAW_MESSAGE =
  /constraint failed|SQLITE_|no such (table|column)|Cannot read propert|is not a function|undefined \(reading|Maximum call stack/i;
/** Slower than this for one small export counts as a hang. */
export const RECORDS_HANG_MS = 5000;
/** The review is replaced by a fresh one after this many records, so it stays small. */
const RECORDS_PER_REVIEW = 20_000;

/** Every table's row count: what a write would change. */
function counts(review: ReviewFile): Map<string, number> {
  const tables = review.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return new Map(tables.map((t) => [t, review.db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

/** A review that fuzzed exports are imported into, one case at a time. */
export class RecordsImportTarget {
  private review: ReviewFile;
  private readonly file: string;
  private n = 0;
  /** Cases imported, and refused (cleanly or not). */
  imported = 0;
  refused = 0;

  constructor(private readonly dir: string) {
    this.file = path.join(dir, 'fuzz-target.grove');
    this.review = this.fresh();
  }

  private fresh(): ReviewFile {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(this.file + suffix, { force: true });
    createReviewFile(this.file, { title: 'Fuzz target' }).close();
    return openReviewFile(this.file, { app: 'records fuzzing' });
  }

  close(): void {
    this.review.close();
  }

  /** Imports one case; returns what went wrong, or null. */
  check(c: RecordsCase): string | null {
    const format = formatOf(c.importer);
    const name = `fuzz-${++this.n}.${EXTENSION[format]}`;
    const exportFile = path.join(this.dir, name);
    fs.writeFileSync(exportFile, c.bytes);
    const before = counts(this.review);
    const started = performance.now();
    let failure: string | null = null;
    try {
      const actor = { reviewerId: null, reviewerName: 'fuzz', now: new Date().toISOString() };
      const details = {
        source: 'MEDLINE',
        kind: 'database' as const,
        interface: '',
        searchedOn: '2026-12-01',
        strategy: '',
        hitsReported: null,
      };
      const summary = importSearchFile(this.review.db, actor, exportFile, details, c.forced ? { format } : {});
      this.imported++;
      const after = counts(this.review);
      const added = (t: string) => (after.get(t) ?? 0) - (before.get(t) ?? 0);
      if (added('search_log') !== 1) failure = `an import added ${added('search_log')} searches`;
      else if (added('record') !== summary.recordsParsed)
        failure = `an import of ${summary.recordsParsed} records added ${added('record')} record rows`;
      for (const p of [...summary.skipped, ...summary.warnings])
        if (!(p.line >= 1) || p.message.trim() === '' || RAW_MESSAGE.test(p.message))
          failure ??= `a skipped record or warning without a line or a clear message: ${JSON.stringify(p)}`;
    } catch (err) {
      this.refused++;
      const message = err instanceof Error ? err.message : String(err);
      if (!(err instanceof RecordsImportError) && !(err instanceof ReviewFileError))
        failure = `crashed with ${err instanceof Error ? err.name : typeof err}: ${message}`;
      else if (RAW_MESSAGE.test(message)) failure = `raw message: ${message}`;
      else if (!message.includes(name)) failure = `the message does not name the file: ${message}`;
      else if (err instanceof RecordsImportError && !/imported already/.test(message) && !/, line \d+: /.test(message))
        failure = `a refusal without a line: ${message}`;
      const after = counts(this.review);
      const changed = [...after].filter(([t, k]) => before.get(t) !== k).map(([t]) => t);
      if (changed.length) failure ??= `a refused file wrote to ${changed.join(', ')}`;
    }
    const ms = performance.now() - started;
    if (ms > RECORDS_HANG_MS) failure ??= `took ${Math.round(ms)} ms`;
    fs.rmSync(exportFile);
    if ((before.get('record') ?? 0) > RECORDS_PER_REVIEW) {
      this.review.close();
      this.review = this.fresh();
    }
    return failure;
  }
}
