import { completeFromMembers, recordsToRis } from '@grove/shared/records/index';
import type { Db } from '../connection.ts';
import { findRecord, readRemainingRecords } from '../repositories/records-repo.ts';
import { listMerges } from '../repositories/records-dedup-repo.ts';
import { readSnapshot } from '../read-snapshot.ts';
import { MergeGroups } from './merge-groups.ts';

// The review's records as RIS: those left after deduplication and other removals, from one
// snapshot. A kept record is written with its fields completed from the records merged into
// it (the most complete record of each group, with nothing any copy had left out).

export function recordsRis(db: Db): { text: string; count: number } {
  const records = readSnapshot(db, () => {
    const groups = new MergeGroups(listMerges(db), []);
    return readRemainingRecords(db).map((r) => {
      if (r.mergedCount === 0) return r;
      const members = groups
        .membersOf(r.id)
        .filter((id) => id !== r.id)
        .map((id) => findRecord(db, id))
        .filter((m) => m !== null);
      return completeFromMembers(r, members);
    });
  });
  return { text: recordsToRis(records), count: records.length };
}
