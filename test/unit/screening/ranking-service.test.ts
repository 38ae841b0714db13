import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '@grove/shared';
import { freshBackend } from '../../support/review-fixtures.ts';
import { firstDecisions, RELEVANT, rankingReview } from '../../support/ranking-fixtures.ts';

// The relevance model in its worker thread, driven through the API on a real review file:
// it learns from final decisions only, screening.next offers the likely includes first once
// it has, and the progress picture counts what was decided.

async function setUp() {
  const f = freshBackend('empty');
  return { ...f, ...(await rankingReview(f.client)) };
}

/** Asks for the progress until the model has learnt from `decisions` final decisions. */
async function trainedOn(client: ApiClient, decisions: number) {
  for (let i = 0; i < 600; i++) {
    const p = await client.call('ranking.progress', {});
    if (p.model.state === 'failed') throw new Error(p.model.message ?? 'failed');
    const t = p.model.trainedOn;
    if (t && t.includes + t.excludes === decisions && p.model.state === 'ready') return p;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('The ranking worker never trained.');
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('ranking service', { timeout: 90_000 }, () => {
  it('offers the likely includes first once it has learnt, and counts progress', async () => {
    const f = await setUp();
    cleanup = f.cleanup;
    const { client, ids } = f;
    await client.call('ranking.configure', { retrainEvery: 1 });
    // Before any decision: file order, nothing learnt.
    const before = await client.call('screening.next', { stage: 'title-abstract', order: 'relevance', count: 3 });
    expect(before.records.map((r) => r.recordId)).toEqual(ids.slice(0, 3));

    await firstDecisions(client, ids);
    const progress = await trainedOn(client, 3);
    expect(progress).toMatchObject({ records: 60, screened: 3, includes: 1 });
    expect(progress.curve).toEqual([
      { screened: 0, includes: 0 },
      { screened: 2, includes: 1 },
      { screened: 3, includes: 1 },
    ]);
    expect(progress.stopping.words).toMatch(/Callaghan–Müller-Hansen/);

    const next = await client.call('screening.next', { stage: 'title-abstract', order: 'relevance', count: 5 });
    const titles = next.records.map((r) => r.title);
    expect(new Set(titles)).toEqual(new Set(RELEVANT.slice(1)));
    // File and random order are still there, unchanged by the model.
    const file = await client.call('screening.next', { stage: 'title-abstract', order: 'file', count: 2 });
    expect(file.records.map((r) => r.recordId)).toEqual([ids[2], ids[3]]);
  });

  it('learns only from final decisions under dual screening', async () => {
    const f = await setUp();
    cleanup = f.cleanup;
    const { client, ids } = f;
    await client.call('screening.settings.update', { patch: { stages: { 'title-abstract': { mode: 'dual', sample: { kind: 'all' } } } } });
    const ben = await client.call('reviewers.create', { reviewer: { name: 'Ben', initials: 'BE', email: '' } });
    await client.call('ranking.configure', { retrainEvery: 1 });
    for (const [id, decision] of [
      [ids[0]!, 'exclude'],
      [ids[9]!, 'include'],
    ] as const)
      await client.call('screening.decide', { stage: 'title-abstract', recordId: id, decision });
    // One reviewer of two: nothing final yet.
    const waiting = await client.call('ranking.progress', { rule: { kind: 'buffer', buffer: 50 } });
    expect(waiting).toMatchObject({ screened: 0, includes: 0 });
    expect(waiting.stopping.methodsText).toMatch(/stopped after 50 consecutive records were judged irrelevant/);
    await client.call('session.setReviewer', { reviewerId: ben.id });
    await client.call('screening.decide', { stage: 'title-abstract', recordId: ids[0]!, decision: 'exclude' });
    await client.call('screening.decide', { stage: 'title-abstract', recordId: ids[9]!, decision: 'include' });
    const progress = await trainedOn(client, 2);
    expect(progress).toMatchObject({ screened: 2, includes: 1 });
  });
});
