import type { PrismaIdentification } from '@grove/shared';
import type { Db } from '../connection.ts';
import { recordCounts } from '../repositories/records-repo.ts';
import { listSearchLog } from '../repositories/records-search-log-repo.ts';

// PRISMA 2020's identification box from the review's own data: records identified per
// source (parsed from an imported export, or a total entered by hand), duplicates removed
// (records merged into another), other removals, and what is left to screen.

export function prismaIdentification(db: Db): PrismaIdentification {
  const log = listSearchLog(db);
  const counts = recordCounts(db);
  const sum = (kind: 'database' | 'other') => log.filter((e) => e.kind === kind).reduce((s, e) => s + e.identified, 0);
  return {
    sources: log.map((e) => ({ id: e.id, kind: e.kind, source: e.source, identified: e.identified })),
    databaseRecords: sum('database'),
    otherSourceRecords: sum('other'),
    duplicatesRemoved: counts.duplicate,
    otherRemovals: counts.removed,
    recordsToScreen: counts.remaining,
  };
}
