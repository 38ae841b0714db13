import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createExampleReview } from '../../../../db/src/example/create-example.ts';
import { schemaVersion } from '../../../../db/src/migrate.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { LATEST_SCHEMA_VERSION } from '../../../../db/src/migrations/index.ts';
import { tempDir } from '../../../support/temp.ts';
import { rollBack0014 } from './roll-back.ts';

// Migration 14 gives a merge conflict its resolution (which side, the value, when, by whom).
// Conflicts queued by a v13 Grove come through open and unchanged, and the four columns are
// set together or not at all.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const CONFLICT = `INSERT INTO merge_conflict (change_id, table_name, row_key, field, base, local, incoming, reviewer, origin_site, origin_seq)
  VALUES (1, 'study', 's1', 'label', '"A"', '"B"', '"C"', 'Bea Blake', 'site-b', 4)`;

describe('migration 0014 conflict-resolution', () => {
  it('upgrades a v13 file: its queued conflicts stay open and unchanged; a resolution is all four columns or none', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'v13.grove');
    createExampleReview(file, { example: 'fleiss1993' }).close();
    const raw = new Database(file);
    rollBack0014(raw);
    expect(raw.pragma('user_version', { simple: true })).toBe(13);
    raw.prepare(CONFLICT).run();
    const before = raw.prepare('SELECT * FROM merge_conflict').all();
    raw.close();

    const review = openReviewFile(file);
    try {
      expect(schemaVersion(review.db)).toBe(LATEST_SCHEMA_VERSION);
      expect(review.backup).toMatch(new RegExp(`pre-v${LATEST_SCHEMA_VERSION}`));
      const rows = review.db.prepare('SELECT * FROM merge_conflict').all() as Record<string, unknown>[];
      expect(rows).toEqual(before.map((r) => ({ ...(r as object), resolution: null, resolved_value: null, resolved_at: null, resolved_by: null })));
      const set = review.db.prepare(
        'UPDATE merge_conflict SET resolution = ?, resolved_value = ?, resolved_at = ?, resolved_by = ? WHERE id = ?',
      );
      const id = rows[0]?.id;
      expect(() => set.run('theirs', '"C"', 't', 'Ann', id)).toThrow(/CHECK/);
      expect(() => set.run('incoming', '"C"', null, 'Ann', id)).toThrow(/CHECK/);
      expect(() => set.run(null, null, null, 'Ann', id)).toThrow(/CHECK/);
      set.run('incoming', '"C"', '2026-01-01T00:00:00.000Z', 'Ann', id);
      expect(review.db.prepare('SELECT resolution FROM merge_conflict').pluck().get()).toBe('incoming');
      set.run(null, null, null, null, id);
      expect(review.db.prepare('SELECT resolution FROM merge_conflict').pluck().get()).toBeNull();
    } finally {
      review.close();
    }
  });
});
