import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createExampleReview } from '../../../../db/src/example/create-example.ts';
import { schemaVersion } from '../../../../db/src/migrate.ts';
import { LATEST_SCHEMA_VERSION } from '../../../../db/src/migrations/index.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { tempDir } from '../../../support/temp.ts';
import { rollBack0012 } from './roll-back.ts';

// Migration 12 indexes the change table by reviewer, so finding a reviewer's own undo and
// redo (db/src/history.ts) reads their changes only; nothing else in the file changes.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const OWN_CHANGES = 'SELECT id FROM change WHERE reviewer_id IS ? ORDER BY id DESC';

describe('migration 0012 change-by-reviewer', () => {
  it('upgrades a v11 file: the per-reviewer walk of the history uses the index, and the history is unchanged', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'v11.grove');
    createExampleReview(file, { example: 'fleiss1993' }).close();
    const raw = new Database(file);
    rollBack0012(raw);
    expect(raw.pragma('user_version', { simple: true })).toBe(11);
    const plan = (db: Database.Database) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${OWN_CHANGES}`).all('r1') as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan(raw)).not.toMatch(/change_reviewer/);
    const changes = raw.prepare('SELECT * FROM change ORDER BY id').all();
    raw.close();

    const review = openReviewFile(file);
    try {
      expect(schemaVersion(review.db)).toBe(LATEST_SCHEMA_VERSION);
      expect(review.backup).toMatch(`pre-v${LATEST_SCHEMA_VERSION}`);
      expect(plan(review.db as unknown as Database.Database)).toMatch(/USING (COVERING )?INDEX change_reviewer/);
      expect(review.db.prepare('SELECT * FROM change ORDER BY id').all()).toEqual(changes);
    } finally {
      review.close();
    }
  });
});
