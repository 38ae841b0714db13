import { useQuery, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { ApiClient, ArgsOf, MethodName, ResultOf, Reviewer } from '@grove/shared';
import { useClient } from '../api/client.ts';
import { queryKeys } from './query-keys.ts';

// Queries more than one stage reads. A stage's own queries live in its folder's queries.ts;
// all keys live in query-keys.ts with the tables they read.

/** One API query through the cache. */
export function useApiQuery<M extends MethodName>(
  key: readonly unknown[],
  method: M,
  args: ArgsOf<M>,
  options: { enabled?: boolean } = {},
): UseQueryResult<ResultOf<M>> {
  const client = useClient();
  return useQuery({ queryKey: key, queryFn: () => client.call(method, args), enabled: options.enabled ?? true });
}

/** The same query read once, outside a component's render (e.g. before a confirmation): from the cache when fresh. */
export function fetchApiQuery<M extends MethodName>(
  queryClient: QueryClient,
  client: ApiClient,
  key: readonly unknown[],
  method: M,
  args: ArgsOf<M>,
): Promise<ResultOf<M>> {
  return queryClient.fetchQuery({ queryKey: key, queryFn: () => client.call(method, args) });
}

export const useAppInfo = () => useApiQuery(queryKeys.appInfo, 'app.info', {});
export const useWorkspace = (enabled: boolean) => useApiQuery(queryKeys.workspace, 'workspace.list', {}, { enabled });
/**
 * The review summary as cached: without `updatedAt`, which every change stamps and no screen
 * shows, so that an edit need not refetch it (query-keys.ts, NOT_CACHED).
 */
export type CachedReviewSummary = Omit<ResultOf<'review.summary'>, 'updatedAt'>;

export async function fetchReviewSummary(client: ApiClient): Promise<CachedReviewSummary> {
  const { updatedAt: _stamp, ...summary } = await client.call('review.summary', {});
  return summary;
}

export function useReviewSummary(): UseQueryResult<CachedReviewSummary> {
  const client = useClient();
  return useQuery({ queryKey: queryKeys.reviewSummary, queryFn: () => fetchReviewSummary(client) });
}
export const useReviewers = () => useApiQuery(queryKeys.reviewers, 'reviewers.list', {});
export const useProtocol = () => useApiQuery(queryKeys.protocol, 'protocol.get', {});
export const useStudies = () => useApiQuery(queryKeys.studies, 'studies.list', {});
export const useForm = () => useApiQuery(queryKeys.form, 'form.get', {});
export const useSettings = () => useApiQuery(queryKeys.settings, 'settings.get', {});
export const useGrades = () => useApiQuery(queryKeys.grades, 'grade.list', {});
export const useStudyData = (studyId: string) => useApiQuery(queryKeys.studyData(studyId), 'studyData.get', { studyId });

/** The first load error among several queries, as a sentence. */
export function firstError(...results: readonly { error: unknown }[]): unknown {
  return results.find((r) => r.error)?.error ?? null;
}

const NO_REVIEWERS: readonly Reviewer[] = [];
/** The review's reviewers (none until loaded), with a stable identity while unchanged. */
export const useReviewerList = (): readonly Reviewer[] => useReviewers().data ?? NO_REVIEWERS;
