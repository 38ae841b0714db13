import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../db/src/migrations/index.ts';
import { createReviewFile, openReviewFile } from '../../../../db/src/review-file.ts';
import { migrate, schemaVersion } from '../../../../db/src/migrate.ts';
import { openConnection } from '../../../../db/src/connection.ts';
import { tempDir } from '../../../support/temp.ts';
import { rollBack0005, rollBack0007 } from './roll-back.ts';

// Migration 4 adds review settings (seeded with defaults) and GRADE assessments to a v3 file.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('migration 0004 review-settings-and-grade', () => {
  it('upgrades a v3 review, keeping its data, with one default settings row', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'v3.grove');
    // A current file rolled back to v3: drop what 0004 made, as a v3 Grove would have left it.
    createReviewFile(file, { title: 'Made by v3' }).close();
    const raw = new Database(file);
    rollBack0007(raw);
    rollBack0005(raw);
    raw.exec('DROP TABLE review_settings; DROP TABLE grade_assessment; PRAGMA user_version = 3;');
    raw.close();
    const db = openConnection(file);
    const result = migrate(db, file, 4, MIGRATIONS.slice(0, 4));
    expect(result).toMatchObject({ from: 3, to: 4 });
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT dual_extraction, rob_second, sof_population FROM review_settings').all()).toEqual([
      { dual_extraction: 0, rob_second: null, sof_population: '' },
    ]);
    expect(db.prepare('SELECT title FROM protocol').get()).toEqual({ title: 'Made by v3' });
    expect(() => db.prepare("INSERT INTO grade_assessment (analysis_id, assessment, updated_at) VALUES ('a@b', '[]', 'x')").run()).toThrow(
      /CHECK/,
    );
    db.close();
    expect(() => openReviewFile(file).close()).not.toThrow();
  });
});
