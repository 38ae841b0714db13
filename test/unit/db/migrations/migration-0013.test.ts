import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HYPERGEOMETRIC_RULE } from '../../../../shared/src/screening/stopping-rules.ts';
import { createExampleReview } from '../../../../db/src/example/create-example.ts';
import { schemaVersion } from '../../../../db/src/migrate.ts';
import { LATEST_SCHEMA_VERSION } from '../../../../db/src/migrations/index.ts';
import { readStoppingRule } from '../../../../db/src/repositories/screening-settings-repo.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { tempDir } from '../../../support/temp.ts';
import { rollBack0013 } from './roll-back.ts';

// Migration 13 stores the review's stopping rule for priority screening with the screening
// settings: a file from before it gets the rule the workbench offered by default, its
// highlight terms stay, and the column holds only a JSON object.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('migration 0013 stopping-rule', () => {
  it('upgrades a v12 file: the default rule, the highlight terms kept, and only a JSON object accepted', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'v12.grove');
    createExampleReview(file, { example: 'fleiss1993' }).close();
    const raw = new Database(file);
    rollBack0013(raw);
    expect(raw.pragma('user_version', { simple: true })).toBe(12);
    raw.prepare(`UPDATE screening_settings SET include_terms = '["exercise"]' WHERE singleton = 1`).run();
    raw.close();

    const review = openReviewFile(file);
    try {
      const db = review.db;
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(review.backup).toMatch(`pre-v${LATEST_SCHEMA_VERSION}`);
      expect(readStoppingRule(db)).toEqual(DEFAULT_HYPERGEOMETRIC_RULE);
      expect(db.prepare('SELECT include_terms FROM screening_settings').get()).toEqual({ include_terms: '["exercise"]' });
      expect(() => db.prepare(`UPDATE screening_settings SET stopping_rule = '[100]'`).run()).toThrow(/CHECK/);
      expect(() => db.prepare(`UPDATE screening_settings SET stopping_rule = 'buffer'`).run()).toThrow(/JSON|CHECK/);
    } finally {
      review.close();
    }
  });

  it('names the column when a file edited outside Grove holds a rule the contract refuses', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'edited.grove');
    createExampleReview(file, { example: 'fleiss1993' }).close();
    const raw = new Database(file);
    raw.prepare(`UPDATE screening_settings SET stopping_rule = '{"kind":"buffer","buffer":0}'`).run();
    raw.close();
    const review = openReviewFile(file);
    try {
      expect(() => readStoppingRule(review.db)).toThrow(
        /screening_settings\.stopping_rule: the stored rule is not valid \(must be at least 1\)/,
      );
    } finally {
      review.close();
    }
  });
});
