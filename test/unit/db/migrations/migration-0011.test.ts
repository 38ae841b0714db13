import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createExampleReview } from '../../../../db/src/example/create-example.ts';
import { schemaVersion } from '../../../../db/src/migrate.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { readSyncState, writeSyncState } from '../../../../db/src/repositories/sync-state-repo.ts';
import { tempDir } from '../../../support/temp.ts';
import { rollBack0011 } from './roll-back.ts';
import { LATEST_SCHEMA_VERSION } from '../../../../db/src/migrations/index.ts';

// Migration 11 adds where a review file stands with each team server: an upgraded file has
// synced with none (the first sync starts from the server's first event), and its review
// content is untouched.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('migration 0011 sync-state', () => {
  it('upgrades a v10 file to one with an empty sync state, keeping its studies, and the state is kept per server', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'v10.grove');
    createExampleReview(file, { example: 'fleiss1993' }).close();
    const raw = new Database(file);
    rollBack0011(raw);
    const studies = raw.prepare('SELECT id, label FROM study ORDER BY id').all();
    expect(raw.pragma('user_version', { simple: true })).toBe(10);
    raw.close();

    const review = openReviewFile(file);
    try {
      expect(schemaVersion(review.db)).toBe(LATEST_SCHEMA_VERSION);
      expect(review.backup).toMatch(new RegExp(`pre-v${LATEST_SCHEMA_VERSION}`));
      expect(review.db.prepare('SELECT id, label FROM study ORDER BY id').all()).toEqual(studies);
      expect(readSyncState(review.db, 'server-1')).toBeNull();
      writeSyncState(review.db, {
        serverId: 'server-1',
        url: 'postgres://a@h:5432/d',
        lastServerSeq: 12,
        pushedThroughChange: 3,
        syncedAt: 't1',
      });
      writeSyncState(review.db, {
        serverId: 'server-2',
        url: 'postgres://a@k:5432/d',
        lastServerSeq: 4,
        pushedThroughChange: 1,
        syncedAt: 't2',
      });
      writeSyncState(review.db, {
        serverId: 'server-1',
        url: 'postgres://a@h2:5432/d',
        lastServerSeq: 20,
        pushedThroughChange: 5,
        syncedAt: 't3',
      });
      expect(readSyncState(review.db, 'server-1')).toEqual({
        serverId: 'server-1',
        url: 'postgres://a@h2:5432/d',
        lastServerSeq: 20,
        pushedThroughChange: 5,
        syncedAt: 't3',
      });
      expect(readSyncState(review.db, 'server-2')?.lastServerSeq).toBe(4);
      expect(() =>
        review.db.prepare("INSERT INTO sync_state (server_id, url, last_server_seq, synced_at) VALUES ('x', 'u', -1, 't')").run(),
      ).toThrow(/CHECK/);
    } finally {
      review.close();
    }
  });
});
