import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import * as m0001 from '../../db/src/migrations/0001-create-review.ts';
import { GROVE_APPLICATION_ID, openConnection } from '../../db/src/connection.ts';
import { migrate } from '../../db/src/migrate.ts';
import { LATEST_SCHEMA_VERSION } from '../../db/src/migrations/index.ts';
import { openReviewFile } from '../../db/src/review-file.ts';
import { exportReview } from '../../db/src/document/export-review.ts';
import { createExampleReview } from '../../db/src/example/create-example.ts';
import { writeReviewDocument } from '../../db/src/document/import-review.ts';
import { createReviewFile } from '../../db/src/review-file.ts';
import { startServe } from '../support/serve-process.ts';
import { forkReview } from '../../db/src/merge/fork.ts';
import { recordChange } from '../../db/src/changes.ts';
import { TABLES } from '../../db/src/tables.ts';
import { GROVE_BIN, REPO_ROOT } from '../support/temp.ts';

// The crash harness (issue 11): `grove` processes killed with SIGKILL at random moments of
// an import (`new --from`, `grove import` of database exports), a burst of writes through `grove serve`, each export, a merge and a
// migration. After each kill, what a user would do next must work: the file opens in Grove
// (not only in sqlite3) with `PRAGMA integrity_check` ok, every acknowledged write is
// there, an import or export is complete or absent (an export: the previous file or the
// complete new one), and no stray file is left once Grove has next touched the file.
// A fixed sample runs in `npm test` (test/integration/crash.test.ts); test/crash/run.ts
// runs 50 of each and prints the counts.

export interface CrashOutcome {
  /** The process was killed before it finished (false: it completed before the kill). */
  killed: boolean;
  /** Broken promises; empty when every check held. */
  problems: string[];
}

export type ScenarioName =
  | 'new-from'
  | 'serve-writes'
  | 'export-rm5'
  | 'export-json'
  | 'export-csv'
  | 'export-revman-web'
  | 'report'
  | 'migration'
  | 'merge'
  | 'import-records';
export const SCENARIOS: readonly ScenarioName[] = [
  'new-from',
  'serve-writes',
  'export-rm5',
  'export-json',
  'export-csv',
  'export-revman-web',
  'report',
  'migration',
  'merge',
  'import-records',
];

/** A deterministic pseudo-random source, so a failing sample can be replayed from its seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Runs `grove ARGS` and SIGKILLs it after `killAfterMs` unless it finished first. */
function runAndKill(args: string[], killAfterMs: number): Promise<{ killed: boolean; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [GROVE_BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.exitCode === null && child.kill('SIGKILL');
    }, killAfterMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ killed, code, stderr });
    });
  });
}

/** Times one complete run, so kills can be spread over the whole of it. */
async function timeRun(args: string[]): Promise<number> {
  const start = performance.now();
  const r = await runAndKill(args, 600_000);
  if (r.code !== 0) throw new Error(`grove ${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - start;
}

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
function treeHash(p: string): string {
  if (!fs.existsSync(p)) return 'absent';
  if (fs.statSync(p).isFile()) return sha(p);
  return fs
    .readdirSync(p)
    .sort()
    .map((n) => `${n}:${sha(path.join(p, n))}`)
    .join(',');
}

/** Files beside a review that should not outlive the next open and close in Grove. */
function strays(dir: string, keep: readonly string[]): string[] {
  return fs.readdirSync(dir).filter((n) => !keep.includes(n));
}

/** Opens `file` in Grove for editing, checks integrity, returns its study labels, and closes it. */
function openInGrove(file: string, problems: string[]): string[] | null {
  try {
    const review = openReviewFile(file, { app: 'crash harness' });
    try {
      const check = review.db.pragma('integrity_check', { simple: true }) as string;
      if (check !== 'ok') problems.push(`integrity_check: ${check}`);
      return (review.db.prepare('SELECT label FROM study ORDER BY label').all() as { label: string }[]).map((r) => r.label);
    } finally {
      review.close();
    }
  } catch (err) {
    problems.push(`does not open in Grove: ${(err as Error).message}`);
    return null;
  }
}

export interface Fixture {
  dir: string;
  /** Calibrated duration of one complete run of the scenario's command, ms. */
  durationMs: Partial<Record<ScenarioName, number>>;
  /** A review with enough in it that its writes take a while. */
  review: string;
  reviewLabels: string[];
  document: string;
  references: Partial<Record<ScenarioName, string>>;
  /** For the merge scenario: the review, and a co-reviewer's copy of it that edited every study. */
  merge?: { base: string; other: string };
  /** For the records-import scenario: database exports and the number of records in each. */
  exports?: Array<{ file: string; records: number }>;
}

/** Records per synthetic export: enough that importing the files takes a while to kill into. */
const EXPORT_RECORDS = [1500, 900, 1200];

/**
 * Synthetic RIS exports (the corpus is not needed): each record with a title, authors, a
 * journal, a year, a DOI and an abstract, as a database writes them.
 */
function prepareExports(fixture: Fixture): Array<{ file: string; records: number }> {
  return EXPORT_RECORDS.map((n, k) => {
    const file = path.join(fixture.dir, `search-${k + 1}.ris`);
    const lines: string[] = [];
    for (let i = 0; i < n; i++)
      lines.push(
        'TY  - JOUR',
        `TI  - Trial ${k}-${i} of peer support for people with mental health conditions`,
        `AU  - Author${i % 97}, A.`,
        `AU  - Writer${(i * 7) % 89}, B.`,
        `PY  - ${1990 + (i % 35)}`,
        `T2  - Journal of Examples ${i % 13}`,
        `DO  - 10.${1000 + k}/crash.${i}`,
        `AB  - ${`Background and methods of trial ${i}. `.repeat(12)}`,
        'ER  - ',
        '',
      );
    fs.writeFileSync(file, lines.join('\r\n'));
    return { file, records: n };
  });
}

/** Records per imported file (by file name), and the labels of the review's studies. */
function importedRecords(file: string): Map<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(
        "SELECT s.file_name AS name, s.records_parsed AS parsed, count(r.id) AS n FROM search_log s LEFT JOIN record r ON r.search_id = s.id WHERE s.origin = 'imported' GROUP BY s.id",
      )
      .all() as { name: string; parsed: number; n: number }[];
    const out = new Map<string, number>();
    for (const r of rows) out.set(r.name, r.n === r.parsed ? r.n : -r.n);
    return out;
  } finally {
    db.close();
  }
}

/** A fork of the fixture's review in which a co-reviewer edited every study's notes, one change each. */
function prepareMergeCopies(fixture: Fixture): { base: string; other: string } {
  const base = path.join(fixture.dir, 'merge-base.grove');
  const other = path.join(fixture.dir, 'merge-other.grove');
  fs.copyFileSync(fixture.review, base);
  forkReview(base, other, 'Crash Reviewer');
  const review = openReviewFile(other, { app: 'crash harness' });
  try {
    const ids = review.db.prepare('SELECT id FROM study ORDER BY id').pluck().all() as string[];
    for (const id of ids)
      recordChange(review.db, { reviewerId: null, reviewerName: 'Crash Reviewer', now: new Date().toISOString() }, 'Notes', (w) => {
        w.update(TABLES.study, id, { notes: `merged ${id}` }, () => 'notes');
      });
  } finally {
    review.close();
  }
  return { base, other };
}

/** Every study's notes, as one string to compare whole states of a review. */
function notesOf(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT id, notes FROM study ORDER BY id').all() as { id: string; notes: string }[])
      .map((r) => `${r.id}=${r.notes}`)
      .join('\n');
  } finally {
    db.close();
  }
}

/** Builds the inputs once: a large review, its JSON document, and the complete outputs. */
export async function prepareFixture(dir: string, studies = 400): Promise<Fixture> {
  const review = path.join(dir, 'base.grove');
  const example = createExampleReview(path.join(dir, 'example.grove'));
  const doc = exportReview(example.db);
  example.close();
  fs.rmSync(path.join(dir, 'example.grove'));
  const now = new Date().toISOString();
  const padded = {
    ...doc,
    studies: [
      ...doc.studies,
      ...Array.from({ length: studies }, (_, i) => ({
        ...doc.studies[0]!,
        id: `crash-s${i}`,
        label: `Crash ${String(i).padStart(4, '0')}`,
        notes: `n${i} `.repeat(200),
        createdAt: now,
        updatedAt: now,
        reports: [],
      })),
    ],
  };
  createReviewFile(review, { title: doc.protocol.title, build: (db) => writeReviewDocument(db, padded) }).close();
  const document = path.join(dir, 'base.json');
  fs.writeFileSync(document, JSON.stringify(padded));
  const reviewLabels = openInGrove(review, []) ?? [];
  return { dir, durationMs: {}, review, reviewLabels, document, references: {} };
}

function exportArgs(name: ScenarioName, file: string, out: string): string[] {
  switch (name) {
    case 'export-rm5':
      return ['export', file, '--rm5', out];
    case 'export-json':
      return ['export', file, '--json', '-o', out];
    case 'export-csv':
      return ['export', file, '--rm5-csv', out];
    case 'export-revman-web':
      return ['export', file, '--revman-web', out];
    case 'report':
      return ['report', file, '--table1', '--format', 'html', '-o', out];
    default:
      throw new Error(name);
  }
}

/** One run of a scenario: its own folder, a kill at `at` (0..1.2 of a complete run). */
export async function runScenario(name: ScenarioName, fixture: Fixture, runDir: string, at: number, seed: number): Promise<CrashOutcome> {
  fs.mkdirSync(runDir, { recursive: true });
  const problems: string[] = [];
  switch (name) {
    case 'new-from': {
      const out = path.join(runDir, 'imported.grove');
      fixture.durationMs[name] ??= await timeRun(['new', path.join(runDir, 'calibrate.grove'), '--from', fixture.document]);
      fs.rmSync(path.join(runDir, 'calibrate.grove'), { force: true });
      const r = await runAndKill(['new', out, '--from', fixture.document], at * fixture.durationMs[name]!);
      if (fs.existsSync(out)) {
        const labels = openInGrove(out, problems);
        if (labels && labels.join('|') !== fixture.reviewLabels.join('|'))
          problems.push(`the import is partial: ${labels.length} of ${fixture.reviewLabels.length} studies`);
      } else if (!r.killed) problems.push(`completed without a file: ${r.stderr}`);
      else {
        // No review: the user runs the import again, which must work and clear what the killed one left.
        const again = await runAndKill(['new', out, '--from', fixture.document], 600_000);
        if (again.code !== 0) problems.push(`the import run again fails: ${again.stderr}`);
        else openInGrove(out, problems);
      }
      const left = strays(runDir, ['imported.grove']);
      if (left.length) problems.push(`stray files: ${left.join(', ')}`);
      return { killed: r.killed, problems };
    }
    case 'serve-writes': {
      const file = path.join(runDir, 'served.grove');
      fs.copyFileSync(fixture.review, file);
      const server = await startServe([file]);
      const acked: string[] = [];
      const random = rng(seed);
      const deadline = 200 + random() * 2500;
      const started = performance.now();
      let n = 0;
      const kill = new Promise<void>((resolve) =>
        setTimeout(() => {
          server.child.kill('SIGKILL');
          resolve();
        }, deadline),
      );
      // Writes keep coming until the kill: each one acknowledged is a promise kept.
      const burst = (async () => {
        while (performance.now() - started < deadline + 500) {
          const label = `Burst ${String(n++).padStart(5, '0')}`;
          try {
            const r = await server.call('studies.create', { study: { label, status: 'included', identifiers: '', notes: '' } });
            if (r.ok) acked.push(label);
          } catch {
            break; // the connection died with the process
          }
        }
      })();
      await kill;
      await burst;
      await new Promise((r) =>
        server.child.exitCode !== null || server.child.signalCode !== null ? r(null) : server.child.once('exit', r),
      );
      const labels = openInGrove(file, problems);
      if (labels) {
        const present = new Set(labels);
        const lost = acked.filter((l) => !present.has(l));
        if (lost.length) problems.push(`${lost.length} acknowledged writes lost (first: ${lost[0]})`);
        for (const l of fixture.reviewLabels) if (!present.has(l)) problems.push(`lost an existing study ${l}`);
      }
      const left = strays(runDir, ['served.grove']);
      if (left.length) problems.push(`stray files: ${left.join(', ')}`);
      return { killed: true, problems };
    }
    case 'merge': {
      // `grove merge` of a co-reviewer's copy that changed every study, killed mid-way: the
      // target is unchanged or fully merged, a backup beside it is whole, and merging
      // again completes the merge.
      const { base, other } = (fixture.merge ??= prepareMergeCopies(fixture));
      const target = path.join(runDir, 'target.grove');
      const copy = path.join(runDir, 'other.grove');
      fs.copyFileSync(base, target);
      fs.copyFileSync(other, copy);
      const unchanged = notesOf(base);
      const merged = notesOf(other);
      fixture.durationMs[name] ??= await (async () => {
        const probe = path.join(runDir, 'probe.grove');
        fs.copyFileSync(base, probe);
        const ms = await timeRun(['merge', probe, copy]);
        for (const n of fs.readdirSync(runDir)) if (n.startsWith('probe')) fs.rmSync(path.join(runDir, n));
        return ms;
      })();
      const r = await runAndKill(['merge', target, copy], at * fixture.durationMs[name]!);
      openInGrove(target, problems);
      const now = notesOf(target);
      if (now !== unchanged && now !== merged) problems.push('the target is neither unchanged nor fully merged');
      if (!r.killed && now !== merged) problems.push(`the merge completed but the target is not merged: ${r.stderr}`);
      for (const n of fs.readdirSync(runDir).filter((f) => /\.pre-merge(-\d+)?\.grove$/.test(f))) {
        const b = new Database(path.join(runDir, n), { readonly: true });
        try {
          if (b.pragma('integrity_check', { simple: true }) !== 'ok') problems.push(`backup ${n} is damaged`);
        } finally {
          b.close();
        }
        if (notesOf(path.join(runDir, n)) !== unchanged) problems.push(`backup ${n} is not the target as it was`);
      }
      const again = await runAndKill(['merge', target, copy], 600_000);
      if (again.code !== 0) problems.push(`merging again fails: ${again.stderr}`);
      if (notesOf(target) !== merged) problems.push('merging again did not complete the merge');
      const left = strays(runDir, [
        'target.grove',
        'other.grove',
        'target.grove-wal',
        'target.grove-shm',
        'other.grove-wal',
        'other.grove-shm',
      ]).filter((f) => !/\.pre-merge(-\d+)?\.grove$/.test(f));
      if (left.length) problems.push(`stray files: ${left.join(', ')}`);
      return { killed: r.killed, problems };
    }
    case 'import-records': {
      // `grove import` of three exports (one transaction per file), killed mid-way: each
      // file's search and records are in the review completely or not at all, the studies
      // are untouched, and running the same import again brings in exactly what is missing
      // (a file already imported is refused as such, imports nothing, and is not doubled).
      const exports = (fixture.exports ??= prepareExports(fixture));
      const target = path.join(runDir, 'target.grove');
      fs.copyFileSync(fixture.review, target);
      const args = (file: string) => ['import', file, ...exports.map((e) => e.file), '--source', 'MEDLINE', '--searched', '2026-12-01'];
      fixture.durationMs[name] ??= await (async () => {
        const probe = path.join(runDir, 'probe.grove');
        fs.copyFileSync(fixture.review, probe);
        const ms = await timeRun(args(probe));
        for (const n of fs.readdirSync(runDir)) if (n.startsWith('probe')) fs.rmSync(path.join(runDir, n));
        return ms;
      })();
      const expected = (names: string[]) => names.map((n) => `${n}=${exports.find((e) => path.basename(e.file) === n)!.records}`).join(',');
      const state = () =>
        [...importedRecords(target).entries()]
          .map(([n, c]) => `${n}=${c}`)
          .sort()
          .join(',');
      const r = await runAndKill(args(target), at * fixture.durationMs[name]!);
      const labels = openInGrove(target, problems);
      if (labels && labels.join('|') !== fixture.reviewLabels.join('|')) problems.push('the studies changed');
      const after = importedRecords(target);
      for (const [file, n] of after) {
        const want = exports.find((e) => path.basename(e.file) === file)?.records;
        if (n !== want) problems.push(`${file} is partly imported: ${Math.abs(n)} of ${want} records`);
      }
      const all = expected(exports.map((e) => path.basename(e.file)).sort());
      if (!r.killed && state() !== all) problems.push(`the import completed but the review holds ${state()}: ${r.stderr}`);
      const again = await runAndKill(args(target), 600_000);
      const refusedAsImported = (again.stderr.match(/was imported already/g) ?? []).length;
      if (refusedAsImported !== after.size)
        problems.push(`importing again: ${refusedAsImported} file(s) refused as imported, ${after.size} were`);
      if (again.code !== (after.size > 0 ? 2 : 0)) problems.push(`importing again exits ${again.code}: ${again.stderr}`);
      if (state() !== all) problems.push(`importing again leaves ${state()}, not ${all}`);
      const left = strays(runDir, ['target.grove', 'target.grove-wal', 'target.grove-shm']);
      if (left.length) problems.push(`stray files: ${left.join(', ')}`);
      return { killed: r.killed, problems };
    }
    case 'migration': {
      const file = path.join(runDir, 'old.grove');
      writeV1Review(file, 1500);
      const labels = openLabelsRaw(file);
      fixture.durationMs[name] ??= await (async () => {
        const probe = path.join(runDir, 'probe.grove');
        fs.copyFileSync(file, probe);
        const ms = await timeRun(['export', probe, '--json', '-o', path.join(runDir, 'probe.json')]);
        for (const n of fs.readdirSync(runDir)) if (n.startsWith('probe')) fs.rmSync(path.join(runDir, n));
        return ms;
      })();
      // An export of an older file upgrades it first (after a backup): kill during that.
      const r = await runAndKill(['export', file, '--json', '-o', path.join(runDir, 'old.json')], at * fixture.durationMs[name]!);
      const after = openInGrove(file, problems);
      if (after && after.join('|') !== labels.join('|')) problems.push('studies changed by the interrupted migration');
      for (const n of fs.readdirSync(runDir).filter((f) => /\.pre-v\d+(-\d+)?\.grove$/.test(f))) {
        // A backup beside it must be a whole copy of the old file, never a partial one.
        const b = new Database(path.join(runDir, n), { readonly: true });
        try {
          if (b.pragma('integrity_check', { simple: true }) !== 'ok') problems.push(`backup ${n} is damaged`);
          if (b.pragma('user_version', { simple: true }) !== 1) problems.push(`backup ${n} is not the old version`);
          if ((b.prepare('SELECT count(*) AS n FROM study').get() as { n: number }).n !== labels.length)
            problems.push(`backup ${n} is partial`);
        } finally {
          b.close();
        }
      }
      if (r.killed) {
        // What the user does next, as in the export scenarios: the export again, which must
        // work and clear the temporary file the killed one left.
        const again = await runAndKill(['export', file, '--json', '-o', path.join(runDir, 'old.json')], 600_000);
        if (again.code !== 0) problems.push(`the next export fails: ${again.stderr}`);
      }
      // old.grove-wal/-shm are SQLite's own companions of the review (a read-only export of
      // an upgraded WAL file leaves them for the next writer to checkpoint), not leftovers.
      const left = strays(runDir, ['old.grove', 'old.json', 'old.grove-wal', 'old.grove-shm']).filter(
        (f) => !/\.pre-v\d+(-\d+)?\.grove$/.test(f),
      );
      if (left.length) problems.push(`stray files: ${left.join(', ')}`);
      if (fs.existsSync(path.join(runDir, 'old.json'))) checkJson(path.join(runDir, 'old.json'), problems);
      return { killed: r.killed, problems };
    }
    default: {
      const out = path.join(runDir, name === 'export-revman-web' ? 'web' : `out.${name}`);
      if (!fixture.references[name]) {
        const ref = path.join(fixture.dir, `reference-${name}`);
        fixture.durationMs[name] = await timeRun(exportArgs(name, fixture.review, ref));
        fixture.references[name] = ref;
      }
      // The previous export, different from the new one: it must survive a kill whole.
      if (name === 'export-revman-web') {
        fs.mkdirSync(out);
        fs.writeFileSync(path.join(out, 'old-export.csv'), 'previous');
      } else fs.writeFileSync(out, 'previous export');
      const before = treeHash(out);
      const r = await runAndKill(exportArgs(name, fixture.review, out), at * fixture.durationMs[name]!);
      const now = treeHash(out);
      const complete = treeHash(fixture.references[name]!);
      if (now !== before && now !== complete)
        problems.push(`${path.basename(out)} is neither the previous export nor the complete new one`);
      if (!r.killed && now !== complete) problems.push(`completed but the output differs: ${r.stderr}`);
      // The next export to the same place finishes the job and leaves nothing else.
      const again = await runAndKill(exportArgs(name, fixture.review, out), 600_000);
      if (again.code !== 0) problems.push(`the next export fails: ${again.stderr}`);
      const left = strays(runDir, [path.basename(out)]);
      if (left.length) problems.push(`stray files after the next export: ${left.join(', ')}`);
      return { killed: r.killed, problems };
    }
  }
}

function checkJson(file: string, problems: string[]): void {
  try {
    JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    problems.push(`${path.basename(file)} is a partial JSON document`);
  }
}

function openLabelsRaw(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT label FROM study ORDER BY label').all() as { label: string }[]).map((r) => r.label);
  } finally {
    db.close();
  }
}

/** A schema-v1 review (as the first Grove wrote it) with `studies` studies, for the migration scenario. */
export function writeV1Review(file: string, studies: number): void {
  const db = openConnection(file);
  db.pragma(`application_id = ${GROVE_APPLICATION_ID}`);
  migrate(db, null, 1, [m0001]);
  db.exec(`
    INSERT INTO review (singleton, id, created_at, updated_at) VALUES (1, 'rev-1', 'x', 'x');
    INSERT INTO protocol (singleton, title) VALUES (1, 'A v1 review');
    INSERT INTO search_counts (singleton) VALUES (1);
  `);
  const insert = db.prepare("INSERT INTO study (id, label, status, notes, created_at, updated_at) VALUES (?, ?, 'included', ?, 'x', 'x')");
  db.transaction(() => {
    for (let i = 0; i < studies; i++) insert.run(`s${i}`, `Old ${String(i).padStart(5, '0')}`, `note ${i} `.repeat(100));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  if (LATEST_SCHEMA_VERSION <= 1) throw new Error('no migration to interrupt');
}
