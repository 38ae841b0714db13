import type { ApiClient, ArgsOf, QueryMethod } from '@grove/shared';

// Arguments for calling every query method of the contract on the example review. The
// mapped type makes a new query without a sample a compile error, so the "queries never
// write" check in the contract suite always covers the whole contract.

export interface QuerySample<M extends QueryMethod> {
  args: ArgsOf<M>;
  /** The error code the call is expected to end with on the example review, if any. */
  fails?: string;
}

type Samples = { [M in QueryMethod]: (client: ApiClient) => Promise<QuerySample<M>> };

const plain = async () => ({ args: {} });

export const QUERY_SAMPLES: Samples = {
  'app.info': plain,
  'merge.conflicts': plain,
  'sync.status': plain,
  // The browser host's File menu; hosts with their own menu answer UNSUPPORTED.
  'workspace.list': async (c) => ((await c.call('app.info', {})).host === 'http' ? { args: {} } : { args: {}, fails: 'UNSUPPORTED' }),
  'review.summary': plain,
  'review.export': plain,
  'protocol.get': plain,
  'searchCounts.get': plain,
  'reviewers.list': plain,
  'session.get': plain,
  'studies.list': plain,
  'studies.get': async (c) => ({ args: { id: (await c.call('studies.list', {}))[0]!.id } }),
  'studies.dependents': async (c) => ({ args: { id: (await c.call('studies.list', {}))[0]!.id } }),
  'audit.list': async () => ({ args: { limit: 5 } }),
  'history.status': plain,
  'form.get': plain,
  'characteristics.list': plain,
  'characteristics.counts': plain,
  'studyData.get': async (c) => ({ args: { studyId: (await c.call('studies.list', {}))[0]!.id } }),
  'entry.planned': async (c) => ({ args: { studyId: (await c.call('studies.list', {}))[0]!.id } }),
  'rob.settings.get': plain,
  'rob.list': plain,
  'rob.double': async () => ({ args: { firstSlot: 'first', secondSlot: 'second' } }),
  'characteristics.compare': async () => ({ args: { firstSlot: 'first', secondSlot: 'second' } }),
  'rob2.list': plain,
  'analyses.list': plain,
  'analyses.dashboard': plain,
  'analyses.run': async (c) => {
    const p = await c.call('protocol.get', {});
    return { args: { outcomeId: p.plannedOutcomes[0]!.id, categoryId: p.timepointCategories[0]!.id } };
  },
  'outputs.table2': plain,
  'settings.get': plain,
  'grade.list': plain,
  'outputs.sof': plain,
  'outputs.prismaFlow': plain,
  'files.exportRevman': plain,
  'files.exportRevmanWeb': plain,
  'storedAnalyses.list': plain,
  // The example review was not brought in from RevMan: it has no stored analyses.
  'storedAnalyses.get': async () => ({ args: { id: 'no-such-analysis' }, fails: 'NOT_FOUND' }),
  'outcomes.outline': plain,
  'scales.list': plain,
  // The seed example holds no outcome data, so its outline has no outcome to open.
  'outcomes.get': async (c) => {
    const first = (await c.call('outcomes.outline', {}))[0]?.outcomes[0];
    return first ? { args: { id: first.id } } : { args: { id: 'CMP-999.99' }, fails: 'NOT_FOUND' };
  },
  'records.page': async () => ({ args: { search: 'peer support', status: 'remaining', sort: 'year', limit: 50 } }),
  // The example review holds no imported records.
  'records.get': async () => ({ args: { id: 'rec-none-1' }, fails: 'NOT_FOUND' }),
  'records.searchLog': plain,
  // Reading an export without importing it writes nothing to the review.
  'records.preview': async () => ({
    args: { fileName: 'one.ris', contentBase64: btoa('TY  - JOUR\nTI  - A trial of peer support\nPY  - 2020\nER  - \n') },
  }),
  'records.queue': plain,
  // The example review has no outcome yet (NOT_FOUND); a review with one runs it on a number field of the form
  // (test/unit/db/meta-regression-outcome.test.ts covers the handler itself).
  'analyses.metaRegression': async (c) => {
    const first = (await c.call('outcomes.outline', {}))[0]?.outcomes[0];
    const field = (await c.call('form.get', {})).fields.find((f) => f.type === 'number' || f.type === 'integer');
    return first && field
      ? { args: { outcomeId: first.id, moderators: [field.id], test: 'z' } }
      : { args: { outcomeId: 'CMP-999.99', moderators: ['field-none'], test: 'z' }, fails: 'NOT_FOUND' };
  },
  'analyses.explore': async (c) => {
    const first = (await c.call('outcomes.outline', {}))[0]?.outcomes[0];
    return first
      ? { args: { outcomeId: first.id, trimFill: { estimator: 'L0' }, cumulative: true, influence: true } }
      : { args: { outcomeId: 'CMP-999.99' }, fails: 'NOT_FOUND' };
  },
  'records.prisma': plain,
  'screening.settings.get': plain,
  'screening.status': plain,
  'screening.agreement': plain,
  // Screening asks who is working; the example review holds no records to screen.
  'screening.next': async (c) =>
    (await c.call('session.get', {})).reviewerId
      ? { args: { stage: 'title-abstract' } }
      : { args: { stage: 'title-abstract' }, fails: 'CONFLICT' },
  'screening.record': async () => ({ args: { stage: 'title-abstract', recordId: 'rec-none-1' }, fails: 'NOT_FOUND' }),
  'screening.myDecisions': async () => ({ args: { stage: 'full-text' } }),
  'screening.conflicts': async () => ({ args: { stage: 'title-abstract' } }),
  'fullText.list': async (c) => ({ args: { studyId: (await c.call('studies.list', {}))[0]!.id } }),
  // The example review has no PDF attached.
  'fullText.get': async () => ({ args: { id: 'no-such-attachment' }, fails: 'NOT_FOUND' }),
  'retrieval.list': plain,
  'fullText.chunk': async () => ({ args: { id: 'no-such-attachment', n: 0 }, fails: 'NOT_FOUND' }),
  'studyLinks.suggestions': plain,
  'studyLinks.studies': plain,
  'studyLinks.included': plain,
  'ranking.progress': plain,
};
