import { useApiQuery } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';

// What the status bar's sync state reads: the review's team server and the last sync,
// brought up to date by each sync's reply (components/sync/mutations.ts).

export const useSyncStatus = () => useApiQuery(queryKeys.syncStatus, 'sync.status', {});
