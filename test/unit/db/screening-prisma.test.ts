import { afterEach, describe, expect, it } from 'vitest';
import { screeningReview } from '../../support/screening-fixtures.ts';

// The PRISMA flow takes its screening counts from the decisions once the review holds any.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('PRISMA flow from screening decisions', () => {
  it('counts screened, excluded, sought, assessed and excluded with reasons from the decisions', async () => {
    const r = await screeningReview(10, ['Ana']);
    cleanups.push(r.cleanup);
    const before = await r.client.call('outputs.prismaFlow', {});
    // Records but no decisions yet: nothing screened is claimed from the data.
    expect(before.flow.screening.screened?.source ?? null).not.toBe('data');
    await r.as('Ana');
    const ta = ['exclude', 'exclude', 'include', 'exclude', 'maybe', 'exclude', 'include', 'exclude', 'include', 'exclude'] as const;
    for (const [i, decision] of ta.entries())
      await r.client.call('screening.decide', { stage: 'title-abstract', recordId: r.ids[i]!, decision });
    const settings = await r.client.call('screening.settings.update', {
      patch: { exclusionReasons: [{ label: 'Wrong population' }, { label: 'Not randomised' }, { label: 'Wrong outcome' }] },
    });
    const [population, design] = settings.exclusionReasons;
    await r.client.call('screening.decide', { stage: 'full-text', recordId: r.ids[2]!, decision: 'include' });
    await r.client.call('screening.decide', { stage: 'full-text', recordId: r.ids[4]!, decision: 'exclude', reasonId: design!.id });
    await r.client.call('screening.decide', { stage: 'full-text', recordId: r.ids[6]!, decision: 'exclude', reasonId: population!.id });
    // ids[8] is not decided yet: retrieved and being read, so assessed (sought − not retrieved).
    const { flow } = await r.client.call('outputs.prismaFlow', {});
    expect(flow.screening.screened).toEqual({ n: 10, source: 'data' });
    expect(flow.screening.recordsExcluded).toEqual({ n: 6, source: 'data' });
    expect(flow.screening.sought).toEqual({ n: 4, source: 'data' });
    expect(flow.screening.notRetrieved).toEqual({ n: 0, source: 'data' });
    expect(flow.screening.assessed).toEqual({ n: 4, source: 'data' });
    expect(flow.screening.reportsExcluded.total).toEqual({ n: 2, source: 'data' });
    // In the review's order of reasons; a reason nobody gave is not listed.
    expect(flow.screening.reportsExcluded.items.map((i) => [i.name, i.count?.n])).toEqual([
      ['Wrong population', 1],
      ['Not randomised', 1],
    ]);
  });
});
