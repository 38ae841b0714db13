import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { RecordsPage, RecordsPageArgs } from '@grove/shared';
import { useClient } from '../../api/client.ts';
import { queryKeys } from '../../data/query-keys.ts';

// What the Records stage reads. Every key sits under ['records'], which the invalidation map
// ties to the records tables: an import, a deduplication run or a queue decision refreshes
// what is on screen.

export type RecordsFilter = Omit<RecordsPageArgs, 'offset' | 'limit'>;

/** Rows are fetched in pages of this size as the table scrolls to them. */
export const PAGE_SIZE = 200;

/** The pages of the records table that cover rows [first, last], plus page 0 for the total and the counts. */
export function useRecordPages(filter: RecordsFilter, first: number, last: number) {
  const client = useClient();
  const from = Math.floor(Math.max(0, first) / PAGE_SIZE);
  const to = Math.max(from, Math.floor(Math.max(0, last) / PAGE_SIZE));
  const pages = [...new Set([0, ...Array.from({ length: to - from + 1 }, (_, i) => from + i)])];
  return useQueries({
    queries: pages.map((page) => {
      const args = { ...filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
      return {
        queryKey: queryKeys.recordsPage(args),
        queryFn: () => client.call('records.page', args),
        placeholderData: page === 0 ? keepPreviousData : undefined,
      };
    }),
    combine: (results) => {
      const byOffset = new Map<number, RecordsPage>();
      for (const r of results) if (r.data) byOffset.set(r.data.offset, r.data);
      const head = results[0];
      return { head: head?.data ?? null, error: results.find((r) => r.error)?.error ?? null, byOffset, loading: head?.isPending ?? true };
    },
  });
}

export function useRecord(id: string | null) {
  const client = useClient();
  return useQuery({
    queryKey: queryKeys.record(id ?? ''),
    enabled: id !== null,
    queryFn: () => client.call('records.get', { id: id! }),
  });
}

export function useSearchLog() {
  const client = useClient();
  return useQuery({ queryKey: queryKeys.searchLog, queryFn: () => client.call('records.searchLog', {}) });
}

export function useQueue() {
  const client = useClient();
  return useQuery({ queryKey: queryKeys.recordsQueue, queryFn: () => client.call('records.queue', {}) });
}

export function usePrisma() {
  const client = useClient();
  return useQuery({ queryKey: queryKeys.prisma, queryFn: () => client.call('records.prisma', {}) });
}
