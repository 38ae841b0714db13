import { describe, expect, it } from 'vitest';
import { conflictPointer, syncStatusText } from './sync-status-text.ts';

const NOW = Date.parse('2026-12-07T10:00:00.000Z');
const url = 'postgres://alice@db.example.org:5432/reviews';

describe('syncStatusText', () => {
  it('says each state of the team sync', () => {
    expect(syncStatusText(undefined, false, NOW)).toMatchObject({ text: 'Team sync not set up', tone: 'idle' });
    expect(syncStatusText({ server: null, last: null }, true, NOW)).toMatchObject({ text: 'Syncing…', tone: 'busy' });
    // A long sync says how far it is, phase by phase.
    const at = (phase: 'pulling' | 'merging' | 'pushing', done: number, total: number) =>
      syncStatusText({ server: null, last: null }, true, NOW, { operation: `Syncing with ${url}`, phase, done, total }).text;
    expect(at('pulling', 2500, 10_000)).toBe('Syncing… Receiving changes from the server 25% (2,500 of 10,000)');
    expect(at('merging', 10_000, 10_000)).toBe('Syncing… Bringing in the changes 100% (10,000 of 10,000)');
    expect(at('pushing', 4000, 10_000)).toBe('Syncing… Sending changes to the server 40% (4,000 of 10,000)');
    // Progress heard after the sync ended is not shown.
    expect(
      syncStatusText({ server: null, last: null }, false, NOW, { operation: 'Syncing with x', phase: 'pushing', done: 1, total: 2 }).text,
    ).toBe('Team sync not set up');
    expect(syncStatusText({ server: { url, syncedAt: '2026-12-07T09:58:00.000Z' }, last: null }, false, NOW).text).toBe(
      'Team server: last synced 2 min ago',
    );
    const synced = syncStatusText(
      {
        server: { url, syncedAt: '2026-12-07T09:59:50.000Z' },
        last: { outcome: 'synced', url, at: '2026-12-07T09:59:50.000Z', pushed: 3, pulled: 12, applied: 10, conflicts: 2, backup: null },
      },
      false,
      NOW,
    );
    expect(synced).toEqual({ text: 'Synced just now: 3 pushed, 12 pulled', tone: 'ok', conflicts: 2 });
    expect(conflictPointer(synced.conflicts)).toBe('2 conflicts to resolve: File › Merge conflicts…');
    expect(conflictPointer(0)).toBeNull();
    expect(
      syncStatusText({ server: { url, syncedAt: 'x' }, last: { outcome: 'offline', url, at: 'x', message: 'Cannot reach' } }, false, NOW),
    ).toMatchObject({ text: 'Offline: the server cannot be reached; nothing is lost, your changes wait', tone: 'warn' });
    expect(
      syncStatusText({ server: null, last: { outcome: 'error', url, at: 'x', message: 'role bob is not one of its members' } }, false, NOW),
    ).toMatchObject({ text: 'Sync failed: role bob is not one of its members', tone: 'error' });
  });
});
