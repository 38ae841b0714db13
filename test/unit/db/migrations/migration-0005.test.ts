import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createExampleReview } from '../../../../db/src/example/create-example.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { schemaVersion } from '../../../../db/src/migrate.ts';
import { tempDir } from '../../../support/temp.ts';
import { importRm5 } from '../../../../db/src/rm5/import-rm5.ts';
import { parseRm5Text } from '../../../../db/src/rm5/load-rm5.ts';
import { SAMPLE_RM5 } from '../../rm5/sample-rm5.ts';
import { LATEST_SCHEMA_VERSION } from '../../../../db/src/migrations/index.ts';
import { rollBack0005, rollBack0007 } from './roll-back.ts';

// Migration 5 (one analysis model): a v4 native review gets its outline (one comparison for
// its review question, one outcome per planned outcome × timepoint category with data),
// its GRADE ratings move from "outcome@category" keys to those outcomes' ids, and imported
// RevMan rows become direct rows, with nothing lost.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** A current file rolled back to what a v4 Grove wrote, with `extra` SQL run on it. */
function rollBackToV4(file: string, extra = ''): void {
  const raw = new Database(file);
  rollBack0007(raw);
  rollBack0005(raw);
  raw.exec(extra);
  raw.close();
}

function example(name: 'peer-support' | 'fleiss1993'): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = path.join(dir, `${name}.grove`);
  createExampleReview(file, { example: name }).close();
  return file;
}

describe('migration 0005 one-analysis-model', () => {
  it('gives a v4 native review its outline and moves its GRADE ratings to the outcome ids', () => {
    const file = example('fleiss1993');
    const grade = JSON.stringify({ note: 'kept' });
    rollBackToV4(
      file,
      `DELETE FROM grade_assessment;
       INSERT INTO grade_assessment (analysis_id, assessment, updated_at) VALUES ('outcome-utilisation@timepoint-post', '${grade}', 't1');`,
    );
    const before = new Database(file, { readonly: true });
    const counts = (db: Database.Database) =>
      ['study', 'arm', 'study_outcome', 'timepoint', 'arm_result', 'planned_outcome', 'change', 'audit_entry'].map(
        (t) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
      );
    const countsBefore = counts(before);
    before.close();

    const review = openReviewFile(file);
    const db = review.db;
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(review.backup).toMatch(`pre-v${LATEST_SCHEMA_VERSION}`);
    expect(counts(db)).toEqual(countsBefore);
    expect(db.prepare('SELECT rm5_id, name, origin FROM comparison').all()).toEqual([
      { rm5_id: 'CMP-001', name: 'Intervention versus control', origin: 'protocol' },
    ]);
    expect(
      db.prepare('SELECT rm5_id, name, planned_outcome_id, timepoint_category_id, follows_conventions, kind FROM stored_analysis').all(),
    ).toEqual([
      {
        rm5_id: 'CMP-001.01',
        name: 'Medical utilisation: post-intervention',
        planned_outcome_id: 'outcome-utilisation',
        timepoint_category_id: 'timepoint-post',
        follows_conventions: 1,
        kind: 'CONT',
      },
    ]);
    expect(db.prepare('SELECT analysis_id, assessment, updated_at FROM grade_assessment').all()).toEqual([
      { analysis_id: 'CMP-001.01', assessment: grade, updated_at: 't1' },
    ]);
    // The outline is made once: opening again adds nothing.
    review.close();
    const again = openReviewFile(file);
    expect(again.db.prepare('SELECT count(*) AS n FROM stored_analysis').get()).toEqual({ n: 1 });
    again.close();
  });

  it('keeps an outcome for a GRADE rating whose analysis has no data', () => {
    const file = example('peer-support');
    rollBackToV4(
      file,
      `DELETE FROM grade_assessment;
       INSERT INTO grade_assessment (analysis_id, assessment, updated_at) VALUES ('outcome-hope@timepoint-short-term', '{}', 't');
       INSERT INTO grade_assessment (analysis_id, assessment, updated_at) VALUES ('no-such@timepoint-short-term', '{}', 't');`,
    );
    const review = openReviewFile(file);
    expect(review.db.prepare('SELECT rm5_id, name FROM stored_analysis').all()).toEqual([
      { rm5_id: 'CMP-001.01', name: 'Hope: short-term follow-up' },
    ]);
    // A rating for an outcome the protocol no longer has keeps its key: nothing is dropped.
    expect(review.db.prepare('SELECT analysis_id FROM grade_assessment ORDER BY analysis_id').all()).toEqual([
      { analysis_id: 'CMP-001.01' },
      { analysis_id: 'no-such@timepoint-short-term' },
    ]);
    review.close();
  });

  it('keeps an imported review’s outcomes and rows as direct rows, adding no outline of its own', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'sample.grove');
    importRm5(parseRm5Text('sample.rm5', SAMPLE_RM5), file).review.close();
    const raw = new Database(file, { readonly: true });
    const rowsBefore = raw.prepare('SELECT * FROM stored_data_row ORDER BY id').all() as Record<string, unknown>[];
    const outcomesBefore = raw.prepare('SELECT id, rm5_id, name FROM stored_analysis ORDER BY id').all();
    raw.close();
    expect(rowsBefore.length).toBeGreaterThan(0);
    rollBackToV4(file);
    const review = openReviewFile(file);
    const rows = review.db.prepare('SELECT * FROM stored_data_row ORDER BY id').all() as Record<string, unknown>[];
    expect(rows).toEqual(rowsBefore.map((r) => ({ ...r, origin: 'direct', detach_reason: null, provenance: null })));
    expect(review.db.prepare('SELECT id, rm5_id, name FROM stored_analysis ORDER BY id').all()).toEqual(outcomesBefore);
    expect(() => review.db.prepare("UPDATE stored_data_row SET origin = 'derived' WHERE id = ?").run(String(rows[0]!.id))).toThrow(/CHECK/);
    review.close();
  });
});
