// Benchmark (issue 13): parse + deduplicate 10k, 30k and 100k records, goal < 30 s and
// < 1.5 GB peak memory at 100k, and how both grow from 10k to 100k. The records are generated
// at bench time from the corpus exports (never committed): distinct works are made from corpus
// records (title words reordered and mixed with other corpus words, authors, venue, year and
// pages re-drawn), and about a third of the works appear again as perturbed copies — typos,
// upper case, dropped DOI/pages, initials for names — written in another export format (RIS,
// MEDLINE, BibTeX, CSV), as the same record comes from different databases. Each size is
// measured in a fresh process that reads the files through the real streaming reader.
// Skipped with a note when the corpus is absent.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BibRecord } from '../shared/src/records/record.ts';
import { readExportFile } from '../db/src/records/read-export-file.ts';
import { findCorpus } from '../test/conformance/support/corpus.ts';

const SIZES = [10_000, 30_000, 100_000];

/** A small deterministic generator, so every run measures the same records. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Work {
  id: number;
  title: string;
  authors: string[];
  journal: string;
  year: number;
  volume: string;
  pages: string;
  doi: string | null;
  abstract: string | null;
}

type Format = 'ris' | 'medline' | 'bibtex' | 'csv';
const FORMATS: Format[] = ['ris', 'medline', 'bibtex', 'csv'];

export function corpusRecords(corpus: string): BibRecord[] {
  const dir = path.join(corpus, 'records');
  return fs.readdirSync(dir).flatMap((f) => readExportFile(path.join(dir, f)).records.filter((r) => r.title && r.authors.length > 0));
}

function makeWorks(pool: BibRecord[], count: number, rnd: () => number): Work[] {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const vocabulary = [...new Set(pool.flatMap((r) => r.title!.split(/\s+/)).filter((w) => /^[A-Za-z-]{4,}$/.test(w)))];
  const journals = [...new Set(pool.map((r) => r.journal).filter((j): j is string => !!j))];
  const names = [...new Set(pool.flatMap((r) => r.authors))];
  return Array.from({ length: count }, (_, id) => {
    const base = pick(pool);
    const words = base.title!.replace(/[.:;,]/g, '').split(/\s+/);
    for (let k = 0; k < 3; k++) words.splice(Math.floor(rnd() * words.length), 0, pick(vocabulary));
    for (let k = words.length - 1; k > 0; k--) {
      const j = Math.floor(rnd() * (k + 1));
      [words[k], words[j]] = [words[j]!, words[k]!];
    }
    const first = 1 + Math.floor(rnd() * 2000);
    return {
      id,
      title: words.join(' '),
      authors: Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => pick(names)),
      journal: pick(journals),
      year: 1990 + Math.floor(rnd() * 35),
      volume: String(1 + Math.floor(rnd() * 300)),
      pages: `${first}-${first + Math.floor(rnd() * 20)}`,
      doi: rnd() < 0.7 ? `10.${1000 + Math.floor(rnd() * 9000)}/bench.${id}` : null,
      abstract: base.abstract,
    };
  });
}

/** A copy of a work as another database would export it. */
function perturb(w: Work, rnd: () => number): Work {
  let title = w.title;
  if (rnd() < 0.3) {
    const i = Math.floor(rnd() * title.length);
    title = title.slice(0, i) + title.slice(i + 1);
  }
  if (rnd() < 0.2) title = title.toUpperCase();
  const initials = rnd() < 0.5;
  return {
    ...w,
    title,
    authors: initials ? w.authors.map((a) => a.replace(/,\s*(\S)\S*.*$/, ', $1.')) : w.authors,
    doi: rnd() < 0.3 ? null : w.doi,
    pages: rnd() < 0.2 ? '' : w.pages,
    abstract: rnd() < 0.3 ? null : w.abstract,
  };
}

const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

function write(format: Format, works: Work[]): string {
  const out: string[] = [];
  if (format === 'csv') out.push('ID,title,author,year,journal,volume,pages,doi,abstract');
  works.forEach((w, k) => {
    switch (format) {
      case 'ris':
        out.push(
          'TY  - JOUR',
          `TI  - ${w.title}`,
          ...w.authors.map((a) => `AU  - ${a}`),
          `PY  - ${w.year}`,
          `T2  - ${w.journal}`,
          `VL  - ${w.volume}`,
        );
        if (w.pages) out.push(`SP  - ${w.pages.split('-')[0]}`, `EP  - ${w.pages.split('-')[1]}`);
        if (w.doi) out.push(`DO  - ${w.doi}`);
        if (w.abstract) out.push(`AB  - ${w.abstract}`);
        out.push('ER  - ', '');
        break;
      case 'medline':
        out.push(
          `PMID- ${10_000_000 + k}`,
          `TI  - ${w.title}`,
          ...w.authors.map((a) => `FAU - ${a}`),
          `DP  - ${w.year}`,
          `JT  - ${w.journal}`,
          `VI  - ${w.volume}`,
        );
        if (w.pages) out.push(`PG  - ${w.pages}`);
        if (w.doi) out.push(`LID - ${w.doi} [doi]`);
        if (w.abstract) out.push(`AB  - ${w.abstract}`);
        out.push('');
        break;
      case 'bibtex':
        out.push(
          `@article{w${w.id}x${k},`,
          `  title = {${w.title.replace(/[{}\\]/g, '')}},`,
          `  author = {${w.authors.join(' and ').replace(/[{}\\]/g, '')}},`,
          `  year = {${w.year}},`,
          `  journal = {${w.journal.replace(/[{}\\]/g, '')}},`,
          `  volume = {${w.volume}},`,
        );
        if (w.pages) out.push(`  pages = {${w.pages}},`);
        if (w.doi) out.push(`  doi = {${w.doi}},`);
        out.push('}', '');
        break;
      case 'csv':
        out.push(
          [`c${w.id}x${k}`, w.title, w.authors.join(' and '), String(w.year), w.journal, w.volume, w.pages, w.doi ?? '', w.abstract ?? '']
            .map(csvCell)
            .join(','),
        );
        break;
    }
  });
  return out.join('\n') + '\n';
}

/** Writes about `size` records as four export files; returns the files and the true number of duplicates. */
export function generate(pool: BibRecord[], size: number, dir: string): { files: string[]; duplicates: number; bytes: number } {
  const rnd = random(size);
  const works = makeWorks(pool, Math.round(size / 1.45), rnd);
  const byFormat = new Map<Format, Work[]>(FORMATS.map((f) => [f, []]));
  let total = 0;
  let duplicates = 0;
  for (const w of works) {
    const copies = rnd() < 0.35 ? (rnd() < 0.3 ? 3 : 2) : 1;
    const formats = [...FORMATS].sort(() => rnd() - 0.5).slice(0, copies);
    formats.forEach((f, k) => byFormat.get(f)!.push(k === 0 ? w : perturb(w, rnd)));
    total += copies;
    duplicates += copies - 1;
    if (total >= size) break;
  }
  const files = FORMATS.map((f) => {
    const file = path.join(dir, `bench-${size}.${f === 'medline' ? 'nbib' : f === 'bibtex' ? 'bib' : f}`);
    fs.writeFileSync(file, write(f, byFormat.get(f)!));
    return file;
  });
  return { files, duplicates, bytes: files.reduce((s, f) => s + fs.statSync(f).size, 0) };
}

interface Measured {
  records: number;
  parseMs: number;
  dedupeMs: number;
  /** CPU time (user + system) of the measuring process: what the work costs, whatever else the machine runs. */
  parseCpuMs: number;
  dedupeCpuMs: number;
  maxRssKb: number;
  merged: number;
  queue: number;
  compared: number;
}

function measure(files: string[], dir: string): Measured {
  const repo = path.resolve(import.meta.dirname, '..');
  const script = path.join(dir, 'measure.mts');
  fs.writeFileSync(
    script,
    `import { readExportFile } from ${JSON.stringify(path.join(repo, 'db/src/records/read-export-file.ts'))};
import { dedupeRecords } from ${JSON.stringify(path.join(repo, 'shared/src/records/dedup/dedupe.ts'))};
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const t0 = performance.now(), c0 = cpu();
const records = process.argv.slice(2).flatMap((f) => readExportFile(f).records);
const t1 = performance.now(), c1 = cpu();
const result = dedupeRecords(records);
const t2 = performance.now(), c2 = cpu();
const merged = result.clusters.reduce((s, c) => s + c.length - 1, 0);
console.log(JSON.stringify({ records: records.length, parseMs: t1 - t0, dedupeMs: t2 - t1, parseCpuMs: c1 - c0, dedupeCpuMs: c2 - c1, maxRssKb: process.resourceUsage().maxRSS, merged, queue: result.queue.length, compared: result.compared }));
`,
  );
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...files], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`records bench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measured;
}

interface MeasuredReview {
  records: number;
  importCpuMs: number;
  dedupeCpuMs: number;
  wallMs: number;
  maxRssKb: number;
  merged: number;
  queued: number;
  fileMb: number;
}

/**
 * The same files imported into a new review (one search per file, every row audited and
 * undoable, raw text kept) and deduplicated there (merges and queue stored), in a fresh process.
 */
function measureReview(files: string[], dir: string): MeasuredReview {
  const repo = path.resolve(import.meta.dirname, '..');
  const script = path.join(dir, 'measure-review.mts');
  const review = path.join(dir, `bench-${Date.now()}.grove`);
  fs.writeFileSync(
    script,
    `import fs from 'node:fs';
import { createReviewFile } from ${JSON.stringify(path.join(repo, 'db/src/review-file.ts'))};
import { importSearchFile } from ${JSON.stringify(path.join(repo, 'db/src/records/import-search.ts'))};
import { dedupeReview } from ${JSON.stringify(path.join(repo, 'db/src/records/dedupe-review.ts'))};
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const file = ${JSON.stringify(review)};
const actor = { reviewerId: null, reviewerName: 'bench', now: new Date().toISOString() };
const opened = createReviewFile(file, { title: 'bench' });
const t0 = performance.now(), c0 = cpu();
let records = 0;
for (const f of process.argv.slice(2)) records += importSearchFile(opened.db, actor, f, { source: f, searchedOn: '2024-03-01' }).recordsParsed;
const c1 = cpu();
const run = dedupeReview(opened.db, actor);
const c2 = cpu(), t2 = performance.now();
opened.close();
const fileMb = fs.statSync(file).size / 1e6;
console.log(JSON.stringify({ records, importCpuMs: c1 - c0, dedupeCpuMs: c2 - c1, wallMs: t2 - t0, maxRssKb: process.resourceUsage().maxRSS, merged: run.merged, queued: run.queued, fileMb }));
`,
  );
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...files], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 24 });
  for (const suffix of ['', '-wal', '-shm', '.lock']) fs.rmSync(review + suffix, { force: true });
  if (r.status !== 0) throw new Error(`records review bench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as MeasuredReview;
}

export default async function run(): Promise<Array<{ name: string; value: number; unit: string; target?: number; note?: string }>> {
  const corpus = findCorpus();
  if (!corpus)
    return [{ name: 'parse + dedupe 100k records', value: NaN, unit: 's', target: 30, note: 'skipped: no corpus (set GROVE_CORPUS)' }];
  const pool = corpusRecords(corpus);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-records-bench-'));
  const figures: Array<{ name: string; value: number; unit: string; target?: number; note?: string }> = [];
  try {
    const results: Array<Measured & { size: number }> = [];
    const inReview: Array<MeasuredReview & { size: number }> = [];
    for (const size of SIZES) {
      const { files, duplicates, bytes } = generate(pool, size, dir);
      const m = measure(files, dir);
      results.push({ ...m, size });
      const last = size === SIZES.at(-1);
      const note = `${m.records} records in 4 formats (${(bytes / 1e6).toFixed(0)} MB): CPU parse ${(m.parseCpuMs / 1000).toFixed(1)} s + dedupe ${(m.dedupeCpuMs / 1000).toFixed(1)} s (wall ${((m.parseMs + m.dedupeMs) / 1000).toFixed(1)} s), ${m.compared} pairs compared; ${duplicates} true duplicates, ${m.merged} merged, ${m.queue} queued`;
      // CPU time, not wall time: on a shared machine the wall clock measures the neighbours.
      figures.push({
        name: `parse + dedupe ${size / 1000}k records (CPU)`,
        value: (m.parseCpuMs + m.dedupeCpuMs) / 1000,
        unit: 's',
        ...(last ? { target: 30 } : {}),
        note,
      });
      figures.push({
        name: `peak RSS at ${size / 1000}k records`,
        value: Math.round(m.maxRssKb / 1024),
        unit: 'MB',
        ...(last ? { target: 1536 } : {}),
        note: 'fresh process: Node, tsx, the records and the comparison',
      });
      const r = measureReview(files, dir);
      inReview.push({ ...r, size });
      figures.push({
        name: `import + dedupe into a review, ${size / 1000}k records (CPU)`,
        value: (r.importCpuMs + r.dedupeCpuMs) / 1000,
        unit: 's',
        ...(last ? { target: 30 } : {}),
        note: `import ${(r.importCpuMs / 1000).toFixed(1)} s + dedupe ${(r.dedupeCpuMs / 1000).toFixed(1)} s CPU (wall ${(r.wallMs / 1000).toFixed(1)} s); ${r.merged} merged, ${r.queued} queued; review file ${r.fileMb.toFixed(0)} MB (raw text and audit log included)`,
      });
      figures.push({
        name: `peak RSS of import + dedupe into a review at ${size / 1000}k records`,
        value: Math.round(r.maxRssKb / 1024),
        unit: 'MB',
        ...(last ? { target: 1536 } : {}),
      });
      for (const f of files) fs.rmSync(f);
    }
    const first = results[0]!;
    const last = results.at(-1)!;
    figures.push({
      name: `growth ${first.size / 1000}k → ${last.size / 1000}k records (×${last.size / first.size})`,
      value: (last.parseCpuMs + last.dedupeCpuMs) / (first.parseCpuMs + first.dedupeCpuMs),
      unit: '× CPU',
      note: `memory ×${(last.maxRssKb / first.maxRssKb).toFixed(2)}; pairs compared ×${(last.compared / first.compared).toFixed(2)}`,
    });
    const a = inReview[0]!;
    const b = inReview.at(-1)!;
    figures.push({
      name: `growth into a review ${a.size / 1000}k → ${b.size / 1000}k records (×${b.size / a.size})`,
      value: (b.importCpuMs + b.dedupeCpuMs) / (a.importCpuMs + a.dedupeCpuMs),
      unit: '× CPU',
      note: `memory ×${(b.maxRssKb / a.maxRssKb).toFixed(2)}`,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
