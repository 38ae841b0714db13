import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient, ScreeningOrder, ScreeningRecord, ScreeningStage } from '@grove/shared';
import { useApiQuery } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';

// What the Screening stage reads. Every key sits under ['screening'], which the invalidation
// map ties to the screening tables (and the records and reviewers they name).

export const useScreeningSettings = () => useApiQuery(queryKeys.screeningSettings, 'screening.settings.get', {});
export const useScreeningStatus = (enabled = true) => useApiQuery(queryKeys.screeningStatus, 'screening.status', {}, { enabled });
export const useScreeningAgreement = (enabled = true) => useApiQuery(queryKeys.screeningAgreement, 'screening.agreement', {}, { enabled });
export const useNotRetrieved = (enabled = true) => useApiQuery(queryKeys.notRetrieved, 'retrieval.list', {}, { enabled });
export const useConflicts = (stage: ScreeningStage, enabled = true) =>
  useApiQuery(queryKeys.screeningConflicts(stage), 'screening.conflicts', { stage, include: 'open' }, { enabled });

export interface NextArgs {
  readonly stage: ScreeningStage;
  readonly after?: string;
  readonly count: number;
  readonly order: ScreeningOrder;
}

/**
 * The next batch for the screening view's queue (queue.ts), read through the cache but
 * always afresh: what is next changes with every decision, and the queue, not the cache,
 * holds what the view shows.
 */
export async function fetchNext(queryClient: QueryClient, client: ApiClient, args: NextArgs): Promise<readonly ScreeningRecord[]> {
  const key = queryKeys.screeningNext(args);
  const reply = await queryClient.fetchQuery({ queryKey: key, queryFn: () => client.call('screening.next', { ...args }), staleTime: 0 });
  // Nothing shows a batch after it is taken: keep the cache small over thousands of records.
  queryClient.removeQueries({ queryKey: key, exact: true });
  return reply.records;
}

/** The reviewer's counts when the queue starts: the queue moves them with each decision. */
export function fetchStatus(queryClient: QueryClient, client: ApiClient) {
  return queryClient.fetchQuery({ queryKey: queryKeys.screeningStatus, queryFn: () => client.call('screening.status', {}), staleTime: 0 });
}

/** The reviewer's latest decisions at a stage (latest first), for going back past the session's first record. */
export async function fetchMyDecisions(queryClient: QueryClient, client: ApiClient, stage: ScreeningStage): Promise<readonly ScreeningRecord[]> {
  return queryClient.fetchQuery({
    queryKey: queryKeys.screeningMine(stage),
    queryFn: () => client.call('screening.myDecisions', { stage, limit: 100 }),
    staleTime: 0,
  });
}
