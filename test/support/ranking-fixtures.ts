import type { ApiClient } from '@grove/shared';

// A review for the relevance model: 60 records, six about exercise for depression spread
// through the file (every tenth), the rest about hip surgery, so that file order would not
// find the relevant ones first and a model that learnt from one of them would.

export const RELEVANT = [
  'Exercise therapy for depression in adults',
  'Aerobic exercise reduces depressive symptoms',
  'Group exercise and depression: a controlled trial',
  'Running as treatment for major depression',
  'Physical exercise programme for adolescents with depression',
  'Yoga and exercise for postnatal depression',
];

export const TITLES = Array.from({ length: 60 }, (_, i) =>
  i % 10 === 9 ? RELEVANT[(i - 9) / 10]! : `Surgical outcome ${i} of hip fracture repair in cohort ${i * 7}`,
);

export function rankingRis(): string {
  return TITLES.map((t, i) => ['TY  - JOUR', `TI  - ${t}`, `AU  - Author${i}, A.`, 'PY  - 2020', 'ER  - ', ''].join('\n')).join('\n');
}

/** Imports the records and makes Ana the current reviewer; returns the record ids in file order. */
export async function rankingReview(client: ApiClient): Promise<{ ids: string[]; anaId: string }> {
  await client.call('records.import', {
    fileName: 'search.ris',
    contentBase64: Buffer.from(rankingRis(), 'utf8').toString('base64'),
    search: { source: 'MEDLINE', searchedOn: '2024-03-01', hitsReported: null },
  });
  const page = await client.call('records.page', { status: 'remaining', sort: 'source', limit: 500 });
  const ana = await client.call('reviewers.create', { reviewer: { name: 'Ana', initials: 'AN', email: '' } });
  await client.call('session.setReviewer', { reviewerId: ana.id });
  return { ids: page.rows.map((r) => r.id), anaId: ana.id };
}

/**
 * Excludes the first two records and includes the first relevant one (record 10), in the
 * order exclude, include, exclude, a few milliseconds apart as a person's decisions are:
 * decisions within one millisecond tie and are ordered by file order (final-labels.ts), which
 * on a fast machine put the include last.
 */
export async function firstDecisions(client: ApiClient, ids: readonly string[]): Promise<void> {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 3));
  await client.call('screening.decide', { stage: 'title-abstract', recordId: ids[0]!, decision: 'exclude' });
  await tick();
  await client.call('screening.decide', { stage: 'title-abstract', recordId: ids[9]!, decision: 'include' });
  await tick();
  await client.call('screening.decide', { stage: 'title-abstract', recordId: ids[1]!, decision: 'exclude' });
}
