import type { QueryClient } from '@tanstack/react-query';
import type { SyncStatus } from '@grove/shared';
import type { ApiClient } from '@grove/shared';
import { queryKeys } from '../../data/query-keys.ts';

// The Sync button's one call (sync.run): its reply is the new sync status, written into the
// status bar's query; what the sync pulled in refreshes through the reply's touched tables.

type Mutate = <T>(fn: (client: ApiClient) => Promise<T>) => Promise<T>;

export async function runSync(mutate: Mutate, queryClient: QueryClient, url?: string): Promise<SyncStatus> {
  const status = await mutate((c) => c.call('sync.run', url === undefined ? {} : { url }));
  queryClient.setQueryData(queryKeys.syncStatus, status);
  return status;
}
