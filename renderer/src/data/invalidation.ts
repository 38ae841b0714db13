import type { ChangeSummary } from '../api/client.ts';
import { queryKeys, TABLE_READERS, type QueryKeyPrefix } from './query-keys.ts';

// Which cached queries a mutation makes stale. Pure, so the rule is unit-tested without React.

export type Invalidation = { readonly kind: 'all' } | { readonly kind: 'some'; readonly keys: readonly QueryKeyPrefix[] };

/**
 * `change` as the reply carried it: undefined when the backend does not report changes
 * (then everything may be stale), null when the mutation wrote nothing.
 */
export function invalidationFor(change: ChangeSummary | null | undefined): Invalidation {
  if (change === undefined) return { kind: 'all' };
  if (change === null) return { kind: 'some', keys: [] };
  const keys = new Map<string, QueryKeyPrefix>();
  // Every change is a new entry in the activity log.
  keys.set(JSON.stringify(queryKeys.audit), queryKeys.audit);
  for (const { table } of change.touched) {
    const readers = TABLE_READERS.get(table);
    // A table nobody mapped yet: better a refetch too many than a stale screen.
    if (!readers) return { kind: 'all' };
    for (const k of readers) keys.set(JSON.stringify(k), k);
  }
  return { kind: 'some', keys: [...keys.values()] };
}
