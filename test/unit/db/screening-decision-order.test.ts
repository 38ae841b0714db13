import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { importRecords } from '../../support/screening-fixtures.ts';
import { tempDir } from '../../support/temp.ts';

// A reviewer's own decisions come back latest first ("back to the previous record") in the
// order they were made, even when they carry one timestamp: two decisions in one millisecond
// (or a clock that stood still) are ordered by the clock reading of the change that made them.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** A review whose clock never moves: every decision gets the same timestamp. */
async function frozenClockReview(records: number) {
  const { dir, cleanup } = tempDir();
  const backend = createBackend({ host: 'in-process', now: () => '2026-01-01T00:00:00.000Z' });
  backend.createFile(path.join(dir, 'review.grove'), 'Test review');
  cleanups.push(() => {
    backend.closeFile();
    cleanup();
  });
  const client = inProcessClient(backend);
  const ids = await importRecords(client, records);
  const ana = await client.call('reviewers.create', { reviewer: { name: 'Ana', initials: 'An', email: '' } });
  await client.call('session.setReviewer', { reviewerId: ana.id });
  return { client, ids };
}

describe('a reviewer’s decisions, latest first', () => {
  it('come back in the order they were made when they share one timestamp', async () => {
    const { client, ids } = await frozenClockReview(4);
    // Decided against the ids' order, so neither order of ids would pass for the order made.
    const made = [...ids].sort().reverse();
    const [first, second, third, fourth] = made as [string, string, string, string];
    for (const id of [first, second, third, fourth])
      await client.call('screening.decide', { stage: 'title-abstract', recordId: id, decision: 'include' });
    const latest = async () => (await client.call('screening.myDecisions', { stage: 'title-abstract', limit: 10 })).map((v) => v.recordId);
    expect(await latest()).toEqual([fourth, third, second, first]);

    // Changing an earlier decision makes it the latest; undoing that change puts it back.
    await client.call('screening.decide', { stage: 'title-abstract', recordId: second, decision: 'exclude' });
    expect(await latest()).toEqual([second, fourth, third, first]);
    await client.call('history.undo', {});
    expect(await latest()).toEqual([fourth, third, second, first]);
  });
});
