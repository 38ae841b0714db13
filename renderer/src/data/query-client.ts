import { QueryClient, type Query } from '@tanstack/react-query';
import { invalidationFor } from './invalidation.ts';
import type { ChangeSummary } from '../api/client.ts';

// The renderer's one cache of server state. This window is the review file's only writer
// and every write replies with what it touched, so cached data stay fresh until a
// mutation invalidates them: no refetch on focus, mount or timer. Nothing is retried
// behind the user's back (a failed load shows its error with "Try again"; a failed save
// says "Not saved").

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        gcTime: 5 * 60_000,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}

/**
 * Marks stale what a mutation touched; queries on screen refetch at once, the others when
 * they are next shown. Resolves when the ones on screen have refetched.
 */
export async function invalidateAfter(
  queryClient: QueryClient,
  change: ChangeSummary | null | undefined,
  /** Queries the mutation brings up to date from its own reply. */
  updatedByReply: (key: readonly unknown[]) => boolean = () => false,
): Promise<void> {
  const inv = invalidationFor(change);
  const predicate = (q: Query) => !updatedByReply(q.queryKey);
  if (inv.kind === 'all') {
    await queryClient.invalidateQueries({ predicate });
    return;
  }
  await Promise.all(inv.keys.map((queryKey) => queryClient.invalidateQueries({ queryKey, predicate })));
}
