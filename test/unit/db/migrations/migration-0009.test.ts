import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createExampleReview } from '../../../../db/src/example/create-example.ts';
import { schemaVersion } from '../../../../db/src/migrate.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { tempDir } from '../../../support/temp.ts';
import { rollBack0009 } from './roll-back.ts';

// Migration 9 adds screening: both stages start single-screened, no highlight terms or
// exclusion reasons, no decisions; the tables refuse what the model forbids.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function v8File(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = path.join(dir, 'example.grove');
  createExampleReview(file).close();
  const raw = new Database(file);
  rollBack0009(raw);
  expect(raw.pragma('user_version', { simple: true })).toBe(8);
  raw.close();
  return file;
}

describe('migration 0009 screening', () => {
  it('upgrades a v8 file: both stages single, empty settings, and the example keeps its studies', () => {
    const review = openReviewFile(v8File());
    try {
      const db = review.db;
      expect(schemaVersion(db)).toBe(9);
      expect(db.prepare('SELECT stage, mode, sample FROM screening_stage ORDER BY stage').all()).toEqual([
        { stage: 'full-text', mode: 'single', sample: null },
        { stage: 'title-abstract', mode: 'single', sample: null },
      ]);
      expect(db.prepare('SELECT include_terms, exclude_terms FROM screening_settings').get()).toEqual({
        include_terms: '[]',
        exclude_terms: '[]',
      });
      expect(db.prepare('SELECT count(*) AS n FROM screening_decision').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM study').get()).toEqual({ n: 8 });
    } finally {
      review.close();
    }
  });

  it('refuses a dual stage without a sample, a reason outside a full-text exclusion, and two rows for one slot', () => {
    const review = openReviewFile(v8File());
    try {
      const db = review.db;
      expect(() => db.prepare("UPDATE screening_stage SET mode = 'dual' WHERE stage = 'full-text'").run()).toThrow(/CHECK/);
      db.exec(`INSERT INTO search_log (id, position, kind, origin, source, file_sha256, created_at) VALUES ('s', 9, 'database', 'imported', 'X', 'abc', 'now');
               INSERT INTO record (id, search_id, ordinal, line, source_id, raw) VALUES ('r1', 's', 1, 1, 'r1', '');
               INSERT INTO screening_reason (id, position, label) VALUES ('why', 0, 'Wrong population');`);
      const insert = db.prepare(
        `INSERT INTO screening_decision (id, record_id, stage, slot, reviewer_id, decision, reason_id, decided_at) VALUES (?, 'r1', ?, 'A', 'A', ?, ?, 'now')`,
      );
      expect(() => insert.run('d1', 'title-abstract', 'exclude', 'why')).toThrow(/CHECK/);
      expect(() => insert.run('d1', 'full-text', 'include', 'why')).toThrow(/CHECK/);
      insert.run('d1', 'full-text', 'exclude', 'why');
      expect(() => insert.run('d2', 'full-text', 'include', null)).toThrow(/UNIQUE/);
      expect(() => insert.run('d3', 'title-abstract', 'perhaps', null)).toThrow(/CHECK/);
    } finally {
      review.close();
    }
  });
});
