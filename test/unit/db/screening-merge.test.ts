import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, type ScreeningDecision, type ScreeningStage } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { forkReview } from '../../../db/src/merge/fork.ts';
import { mergeReviewFiles } from '../../../db/src/merge/merge-files.ts';
import { importRecords } from '../../support/screening-fixtures.ts';
import { tempDir } from '../../support/temp.ts';

// Screening decisions travel in forks and merges: each reviewer's decisions are rows of their
// own slot with ids from (record, stage, slot), so two copies screening the same records meet
// without conflict, κ is computed across the merged slots, and the same reviewer deciding one
// record differently in two copies is a conflict, never applied silently.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** Opens a review file as a reviewer (by name), runs fn, closes it. */
async function as<T>(file: string, reviewer: string, fn: (c: ReturnType<typeof inProcessClient>) => Promise<T>): Promise<T> {
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file);
  try {
    const client = inProcessClient(backend);
    const who = (await client.call('reviewers.list', {})).find((r) => r.name === reviewer);
    await client.call('session.setReviewer', { reviewerId: who?.id ?? null });
    return await fn(client);
  } finally {
    backend.closeFile();
  }
}

async function decideAll(file: string, reviewer: string, stage: ScreeningStage, ids: string[], decisions: ScreeningDecision[]) {
  await as(file, reviewer, async (c) => {
    for (const [i, decision] of decisions.entries()) await c.call('screening.decide', { stage, recordId: ids[i]!, decision });
  });
}

async function setup() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const a = path.join(dir, 'a.grove');
  const backend = createBackend({ host: 'in-process' });
  backend.createFile(a, 'Screening merge');
  const client = inProcessClient(backend);
  const ids = await importRecords(client, 4);
  await client.call('reviewers.create', { reviewer: { name: 'Ann Archer', initials: 'AA', email: '' } });
  await client.call('screening.settings.update', { patch: { stages: { 'title-abstract': { mode: 'dual', sample: { kind: 'all' } } } } });
  backend.closeFile();
  const b = path.join(dir, 'b.grove');
  forkReview(a, b, 'Bea Blake');
  return { a, b, ids };
}

describe('screening decisions in forks and merges', () => {
  it('two copies screening the same records in their own slots merge without conflict; the disagreement is a screening conflict', async () => {
    const { a, b, ids } = await setup();
    await decideAll(a, 'Ann Archer', 'title-abstract', ids, ['include', 'exclude', 'exclude', 'include']);
    await decideAll(b, 'Bea Blake', 'title-abstract', ids, ['exclude', 'exclude', 'exclude', 'include']);
    const report = mergeReviewFiles(a, b);
    expect(report.conflicts).toEqual([]);
    expect(report.applied).toBeGreaterThan(0);
    const status = await as(a, 'Ann Archer', (c) => c.call('screening.status', {}));
    expect(status.stages[0]).toMatchObject({
      records: 4,
      decisions: { 'Ann Archer': { include: 2, exclude: 2, maybe: 0 }, 'Bea Blake': { include: 1, exclude: 3, maybe: 0 } },
      conflicts: 1,
      agreement: 75,
    });
    const conflicts = await as(a, 'Ann Archer', (c) => c.call('screening.conflicts', { stage: 'title-abstract' }));
    expect(conflicts.map((x) => [x.recordId, x.decisions.map((d) => [d.reviewerName, d.decision])])).toEqual([
      [
        ids[0],
        [
          ['Ann Archer', 'include'],
          ['Bea Blake', 'exclude'],
        ],
      ],
    ]);
    // Merging the same copy again changes nothing.
    expect(mergeReviewFiles(a, b)).toMatchObject({ applied: 0, conflicts: [] });
  });

  it('one reviewer deciding a record differently in two copies is a merge conflict, and the target keeps its decision', async () => {
    const { a, b, ids } = await setup();
    // Bea screens in her copy; after her reviewer row has come in with a merge, a decision is
    // also entered as Bea in the original.
    await decideAll(b, 'Bea Blake', 'title-abstract', ids.slice(0, 1), ['include']);
    mergeReviewFiles(a, b);
    await decideAll(a, 'Bea Blake', 'title-abstract', ids.slice(0, 1), ['exclude']);
    await decideAll(b, 'Bea Blake', 'title-abstract', ids.slice(0, 1), ['maybe']);
    const report = mergeReviewFiles(a, b);
    expect(report.conflicts).toEqual([
      expect.objectContaining({ table: 'screening_decision', field: 'decision', base: 'include', local: 'exclude', incoming: 'maybe' }),
    ]);
    const mine = await as(a, 'Bea Blake', (c) => c.call('screening.record', { stage: 'title-abstract', recordId: ids[0]! }));
    expect(mine.mine?.decision).toBe('exclude');
  });
});
