import { useApiQuery } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';

// What the merge dialogs read: the conflicts queue, invalidated by the tables its rows live in.

export const useMergeConflicts = (enabled = true) => useApiQuery(queryKeys.mergeConflicts, 'merge.conflicts', {}, { enabled });
