import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../../db/src/migrate.ts';
import { LATEST_SCHEMA_VERSION } from '../../../../db/src/migrations/index.ts';
import { readLatestBy } from '../../../../db/src/repositories/screening-decision-repo.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { screeningReview } from '../../../support/screening-fixtures.ts';
import { rollBack0016 } from './roll-back.ts';

// Migration 16 gives each screening decision the clock reading of the change that made it. A
// v15 file's decisions take the reading of the audited change that set their timestamp: a
// decision changed later takes the later change's, and the other columns stay as they were.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('migration 0016 decision-clock', () => {
  it("upgrades a v15 file: each decision takes the reading of the change that set it, and a reviewer's come back in the order made", async () => {
    const r = await screeningReview(3, ['Ana']);
    cleanups.push(r.cleanup);
    await r.as('Ana');
    const [a, b, c] = r.ids as [string, string, string];
    for (const id of [c, a, b]) await r.client.call('screening.decide', { stage: 'title-abstract', recordId: id, decision: 'include' });
    await r.client.call('screening.decide', { stage: 'title-abstract', recordId: c, decision: 'exclude' });
    r.backend.closeFile();

    const raw = new Database(r.file);
    const hlcOfChange = (label: string) =>
      (raw.prepare('SELECT hlc FROM change WHERE label LIKE ? ORDER BY id DESC LIMIT 1').get(label) as { hlc: string }).hlc;
    const expected = new Map([
      [c, hlcOfChange('%Trial 3 of peer support%exclude')],
      [a, hlcOfChange('%Trial 1 of peer support%include')],
      [b, hlcOfChange('%Trial 2 of peer support%include')],
    ]);
    rollBack0016(raw);
    expect(raw.pragma('user_version', { simple: true })).toBe(15);
    const before = raw.prepare('SELECT * FROM screening_decision ORDER BY id').all();
    raw.close();

    const review = openReviewFile(r.file);
    try {
      const db = review.db;
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      const rows = db.prepare('SELECT * FROM screening_decision ORDER BY id').all() as Array<Record<string, unknown>>;
      expect(rows.map(({ decided_hlc: _, ...rest }) => rest)).toEqual(before);
      expect(new Map(rows.map((row) => [row.record_id, row.decided_hlc]))).toEqual(expected);
      // Were every timestamp one millisecond, the readings would still give the order made.
      db.prepare("UPDATE screening_decision SET decided_at = '2026-01-01T00:00:00.000Z'").run();
      const slot = rows[0]!.slot as string;
      expect(readLatestBy(db, 'title-abstract', slot, 10)).toEqual([c, b, a]);
    } finally {
      review.close();
    }
  });
});
