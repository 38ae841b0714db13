import { ProgressReporter, type DedupeSummary, type ProgressListener } from '@grove/shared';
import { dedupeRecords } from '@grove/shared/records/dedup/index';
import { recordChange, type Actor } from '../changes.ts';
import type { Db } from '../connection.ts';
import { TABLES } from '../tables.ts';
import { completeness, findRecord, readRecordsForDedupe } from '../repositories/records-repo.ts';
import { listMerges, listPairs, mergeRow, pairIdFor, pairRow } from '../repositories/records-dedup-repo.ts';
import { MergeGroups } from './merge-groups.ts';

// Deduplicating the records of a review: the engine (shared/src/records/dedup) runs over all
// of them, so an updated search imported later is compared with what is already there. What
// it finds is added to what the review holds, never put in its place: a merge already made
// stays, a pair already in the queue keeps its decision, and two records a reviewer said are
// not duplicates are never merged automatically. Running it twice changes nothing the second
// time.

export const AUTOMATIC_MERGE_REASON = 'certain duplicate: the same identifier, or the same title, authors and year with nothing contrary';

/** `onProgress` hears the pairs compared, then the merges and queue pairs stored. */
export function dedupeReview(db: Db, actor: Actor, onProgress?: ProgressListener): DedupeSummary {
  const progress = new ProgressReporter('Removing duplicates', onProgress);
  const records = readRecordsForDedupe(db);
  let comparing = false;
  const result = dedupeRecords(records, (done, total) => {
    if (!comparing) progress.start('comparing', total);
    comparing = true;
    progress.update(done);
  });
  if (!comparing) progress.start('comparing', 0);
  progress.finish();
  progress.start('storing', result.clusters.reduce((n, c) => n + c.length - 1, 0) + result.queue.length);
  let stored = 0;
  const storedPairs = listPairs(db);
  const groups = new MergeGroups(listMerges(db), storedPairs);
  const existingPairs = new Set(storedPairs.map((p) => p.id));
  const complete = new Map(records.map((r) => [r.id, completeness(r)]));
  let merged = 0;
  let queued = 0;
  recordChange(db, actor, 'Remove duplicate records', (w) => {
    for (const cluster of result.clusters) {
      const ids = cluster.map((i) => records[i]!.id);
      for (const id of ids.slice(1)) {
        progress.update(++stored);
        const ra = groups.root(ids[0]!);
        const rb = groups.root(id);
        if (ra === rb || groups.keptApart(ra, rb)) continue;
        // The kept record is the more complete of the two groups' kept records.
        const [kept, gone] = (complete.get(rb) ?? 0) > (complete.get(ra) ?? 0) ? [rb, ra] : [ra, rb];
        w.insert(
          TABLES.recordMerge,
          mergeRow({ recordId: gone, keptId: kept, method: 'automatic', pairId: null, reason: AUTOMATIC_MERGE_REASON }, actor),
          `Merged record ${gone} into ${kept} (automatic)`,
        );
        groups.merge(gone, kept);
        merged++;
      }
    }
    // One question per two groups: a pair between groups that already have one is not added.
    const asked = new Set(storedPairs.map((p) => groups.pairKey(p.a, p.b)).filter((k) => k !== null));
    for (const p of result.queue) {
      progress.update(++stored);
      const a = records[p.a]!.id;
      const b = records[p.b]!.id;
      const id = pairIdFor(a, b);
      const key = groups.pairKey(a, b);
      if (existingPairs.has(id) || key === null || asked.has(key)) continue;
      existingPairs.add(id);
      asked.add(key);
      w.insert(
        TABLES.dedupPair,
        pairRow({ a, b, confidence: p.decision.confidence, reason: p.decision.reason, evidence: p.decision.evidence }, actor.now),
        `Queued records ${a} and ${b} for a reviewer`,
      );
      queued++;
    }
  });
  progress.finish();
  return { records: records.length, compared: result.compared, merged, queued };
}

/** Which of two records (or groups' kept records) to keep: the more complete, else the first. */
export function keptOf(db: Db, a: string, b: string): [kept: string, gone: string] {
  const ca = findRecord(db, a);
  const cb = findRecord(db, b);
  return cb && ca && completeness(cb) > completeness(ca) ? [b, a] : [a, b];
}
