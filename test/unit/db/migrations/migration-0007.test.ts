import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createExampleReview } from '../../../../db/src/example/create-example.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { schemaVersion } from '../../../../db/src/migrate.ts';
import { recordChange } from '../../../../db/src/changes.ts';
import { TABLES } from '../../../../db/src/tables.ts';
import { tempDir } from '../../../support/temp.ts';
import { rollBack0007 } from './roll-back.ts';

// Migration 7 gives a review a site id and every past change a global identity (the
// file's site, its id) and a clock reading, strictly increasing in change order even when
// the recorded wall-clock times go backwards (a laptop whose clock was set back).

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function v5File(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = path.join(dir, 'v5.grove');
  createExampleReview(file, { example: 'fleiss1993' }).close();
  const raw = new Database(file);
  rollBack0007(raw);
  // Three past changes, the last one recorded with an earlier wall-clock time.
  const add = raw.prepare("INSERT INTO change (at, reviewer_name, label) VALUES (?, 'Ann', ?)");
  add.run('2025-03-01T10:00:00.000Z', 'first');
  add.run('2025-03-01T10:00:05.000Z', 'second');
  add.run('2025-02-01T09:00:00.000Z', 'clock set back');
  raw.close();
  return file;
}

describe('migration 0007 merge-identity', () => {
  it('gives the file a site id and its past changes identities of that site, in clock order', () => {
    const file = v5File();
    const review = openReviewFile(file);
    try {
      expect(schemaVersion(review.db)).toBeGreaterThanOrEqual(7);
      const site = review.db.prepare('SELECT id FROM site').get() as { id: string };
      expect(site.id).toMatch(/^[0-9a-f-]{36}$/);
      const changes = review.db.prepare('SELECT label, site_id, hlc FROM change ORDER BY id').all() as {
        label: string;
        site_id: string;
        hlc: string;
      }[];
      expect(changes.length).toBeGreaterThanOrEqual(3);
      expect(new Set(changes.map((c) => c.site_id))).toEqual(new Set([site.id]));
      const clocks = changes.map((c) => c.hlc);
      expect([...clocks].sort()).toEqual(clocks);
      expect(new Set(clocks).size).toBe(clocks.length);
      const [second, setBack] = changes.slice(-2);
      expect(setBack?.hlc.startsWith(String(Date.parse('2025-03-01T10:00:05.000Z')).padStart(15, '0'))).toBe(true);
      expect((setBack?.hlc ?? '') > (second?.hlc ?? '')).toBe(true);

      // A new change carries the same site and a later clock.
      recordChange(review.db, { reviewerId: null, reviewerName: 'Ann', now: new Date().toISOString() }, 'Rename', (w) => {
        w.update(TABLES.protocol, 1, { title: 'Renamed' }, () => 'Renamed');
      });
      const last = review.db.prepare('SELECT site_id, hlc FROM change ORDER BY id DESC LIMIT 1').get() as { site_id: string; hlc: string };
      expect(last.site_id).toBe(site.id);
      expect(last.hlc > (clocks[clocks.length - 1] ?? '')).toBe(true);
      expect(review.db.prepare('SELECT count(*) AS n FROM merge_conflict').get()).toEqual({ n: 0 });
    } finally {
      review.close();
    }
  });

  it('gives two files migrated separately different site ids', () => {
    const a = openReviewFile(v5File());
    const b = openReviewFile(v5File());
    try {
      expect(a.db.prepare('SELECT id FROM site').get()).not.toEqual(b.db.prepare('SELECT id FROM site').get());
    } finally {
      a.close();
      b.close();
    }
  });
});
