import { recordsToRis } from '@grove/shared/records/index';
import type { Db } from '../connection.ts';
import { readRemainingRecords } from '../repositories/records-repo.ts';
import { readSnapshot } from '../read-snapshot.ts';

// The review's records as RIS: those left after deduplication and other removals (a
// duplicate is represented by the record it was merged into), from one snapshot.

export function recordsRis(db: Db): { text: string; count: number } {
  const records = readSnapshot(db, () => readRemainingRecords(db));
  return { text: recordsToRis(records), count: records.length };
}
