import { useQuery } from '@tanstack/react-query';
import type { RankingProgress } from '@grove/shared';
import { useClient } from '../../../api/client.ts';
import { queryKeys } from '../../../data/query-keys.ts';

// What the priority panel reads: ranking.progress under the review's stored stopping rule,
// refreshed by every decision and every change of the rule (the invalidation map ties it to
// the screening tables) and, while the model is starting or
// learning in its worker thread, every second until it is done: its state changes
// without any table changing.

const BUSY_POLL_MS = 1000;

export function useRankingProgress() {
  const client = useClient();
  return useQuery<RankingProgress>({
    queryKey: queryKeys.rankingProgress,
    queryFn: () => client.call('ranking.progress', {}),
    refetchInterval: (q) => {
      const state = q.state.data?.model.state;
      return state === 'starting' || state === 'busy' ? BUSY_POLL_MS : false;
    },
  });
}
