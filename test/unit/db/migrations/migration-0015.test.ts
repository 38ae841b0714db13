import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../../db/src/migrate.ts';
import { LATEST_SCHEMA_VERSION } from '../../../../db/src/migrations/index.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { screeningReview } from '../../../support/screening-fixtures.ts';
import { rollBack0015 } from './roll-back.ts';

// Migration 15 adds the reports marked "not retrieved" at full text. A v14 file (records and
// decisions, nothing marked) upgrades with the table empty and its decisions unchanged; the
// table holds one mark per record, of a record the review has.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('migration 0015 reports-not-retrieved', () => {
  it('upgrades a v14 file with nothing marked, and refuses a second mark of a record or a mark of no record', async () => {
    const r = await screeningReview(3, ['Ana']);
    cleanups.push(r.cleanup);
    await r.as('Ana');
    await r.client.call('screening.decide', { stage: 'title-abstract', recordId: r.ids[0]!, decision: 'include' });
    r.backend.closeFile();
    const raw = new Database(r.file);
    rollBack0015(raw);
    expect(raw.pragma('user_version', { simple: true })).toBe(14);
    const decisions = raw.prepare('SELECT * FROM screening_decision').all();
    raw.close();

    const review = openReviewFile(r.file);
    try {
      const db = review.db;
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(review.backup).toMatch(new RegExp(`pre-v${LATEST_SCHEMA_VERSION}`));
      expect(db.prepare('SELECT count(*) AS n FROM report_not_retrieved').get()).toEqual({ n: 0 });
      // Unchanged, apart from the clock reading migration 16 adds.
      const upgraded = (db.prepare('SELECT * FROM screening_decision').all() as Array<Record<string, unknown>>).map(
        ({ decided_hlc: _, ...rest }) => rest,
      );
      expect(upgraded).toEqual(decisions);
      const mark = db.prepare('INSERT INTO report_not_retrieved (id, record_id, note, reviewer_id, marked_at) VALUES (?, ?, ?, ?, ?)');
      const now = '2026-01-01T00:00:00.000Z';
      mark.run('m1', r.ids[0], 'Library and interlibrary loan', 'rev', now);
      expect(() => mark.run('m2', r.ids[0], '', 'rev', now)).toThrow(/UNIQUE/);
      expect(() => mark.run('m3', 'no-such-record', '', 'rev', now)).toThrow(/FOREIGN KEY/);
      expect(db.prepare('SELECT note, reviewer_name FROM report_not_retrieved').get()).toEqual({
        note: 'Library and interlibrary loan',
        reviewer_name: '',
      });
    } finally {
      review.close();
    }
  });
});
