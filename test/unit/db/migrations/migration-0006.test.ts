import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createExampleReview } from '../../../../db/src/example/create-example.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { schemaVersion } from '../../../../db/src/migrate.ts';
import { LATEST_SCHEMA_VERSION } from '../../../../db/src/migrations/index.ts';
import { createBackend } from '../../../../db/src/backend.ts';
import { tempDir } from '../../../support/temp.ts';
import { rollBack0006 } from './roll-back.ts';

// Migration 6 (records and search log): a v5 review's hand-entered totals of records
// identified become search-log entries, its PRISMA counts read the same afterwards, and the
// records tables accept what an import writes (and refuse what it must not).

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function v5Example(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = path.join(dir, 'seed.grove');
  createExampleReview(file, { example: 'peer-support' }).close();
  const raw = new Database(file);
  rollBack0006(raw);
  raw.close();
  return file;
}

describe('migration 0006 records-and-search-log', () => {
  it('turns the example review’s hand-entered totals into search-log entries, keeping its PRISMA counts', async () => {
    const file = v5Example();
    const before = new Database(file, { readonly: true });
    expect(before.prepare('SELECT database_records, other_source_records, records_after_deduplication FROM search_counts').get()).toEqual({
      database_records: 7198,
      other_source_records: 225,
      records_after_deduplication: 4277,
    });
    before.close();

    const backend = createBackend({ host: 'in-process' });
    const review = backend.openFile(file);
    expect(schemaVersion(review.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(review.db.prepare('SELECT id, kind, origin, hits_reported FROM search_log ORDER BY position').all()).toEqual([
      { id: 'entered-database', kind: 'database', origin: 'entered', hits_reported: 7198 },
      { id: 'entered-other', kind: 'other', origin: 'entered', hits_reported: 225 },
    ]);
    // The old columns are no longer the place these numbers live.
    expect(review.db.prepare('SELECT database_records, other_source_records FROM search_counts').get()).toEqual({
      database_records: null,
      other_source_records: null,
    });
    const client = inProcessClient(backend);
    expect(await client.call('searchCounts.get', {})).toMatchObject({
      databaseRecords: 7198,
      otherSourceRecords: 225,
      recordsAfterDeduplication: 4277,
    });
    expect(await client.call('records.prisma', {})).toMatchObject({ databaseRecords: 7198, otherSourceRecords: 225, duplicatesRemoved: 0 });
    backend.closeFile();
  });

  it('keeps "not yet known" as no entry', () => {
    const file = v5Example();
    const raw = new Database(file);
    raw.exec('UPDATE search_counts SET database_records = NULL, other_source_records = NULL');
    raw.close();
    const review = openReviewFile(file);
    expect(review.db.prepare('SELECT count(*) AS n FROM search_log').get()).toEqual({ n: 0 });
    review.close();
  });

  it('refuses records of an unknown search, merges of a record into itself and unordered pairs', () => {
    const file = v5Example();
    const review = openReviewFile(file);
    const db = review.db;
    const insertRecord = (id: string, search: string) =>
      db
        .prepare("INSERT INTO record (id, search_id, ordinal, line, source_id, raw) VALUES (?, ?, 1, 1, 'x', 'TY  - JOUR')")
        .run(id, search);
    expect(() => insertRecord('r1', 'no-such-search')).toThrow(/FOREIGN KEY/);
    db.prepare(
      "INSERT INTO search_log (id, position, kind, origin, source, file_sha256, created_at) VALUES ('s', 2, 'database', 'imported', 'MEDLINE', 'abc', 't')",
    ).run();
    // An imported entry must name its file's hash, an entered one must not.
    expect(() =>
      db
        .prepare(
          "INSERT INTO search_log (id, position, kind, origin, source, created_at) VALUES ('s2', 3, 'database', 'imported', 'X', 't')",
        )
        .run(),
    ).toThrow(/CHECK/);
    insertRecord('r1', 's');
    db.prepare("INSERT INTO record (id, search_id, ordinal, line, source_id, raw) VALUES ('r2', 's', 2, 9, 'y', 'TY  - JOUR')").run();
    expect(() =>
      db.prepare("INSERT INTO record_merge (record_id, kept_id, method, created_at) VALUES ('r1', 'r1', 'automatic', 't')").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO dedup_pair (id, record_a, record_b, confidence, reason, evidence, created_at) VALUES ('p', 'r2', 'r1', 0.5, 'x', '[]', 't')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE report SET record_id = 'no-such-record' WHERE rowid = (SELECT min(rowid) FROM report)").run()).toThrow(
      /FOREIGN KEY/,
    );
    review.close();
  });
});
