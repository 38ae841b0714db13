import { ApiError, type QueueState } from '@grove/shared';
import { recordChange, type Actor } from '../changes.ts';
import type { Db } from '../connection.ts';
import { TABLES } from '../tables.ts';
import {
  countDecided,
  decisionPatch,
  findMerge,
  findMergeByPair,
  findPair,
  lastDecidedPair,
  listMerges,
  listPairs,
  mergeRow,
  openPairIds,
  pairIdFor,
  pairRow,
  readQueueItem,
  type PairDecisionValue,
  type StoredPair,
} from '../repositories/records-dedup-repo.ts';
import { recordExists } from '../repositories/records-repo.ts';
import { keptOf } from './dedupe-review.ts';
import { MergeGroups } from './merge-groups.ts';

// The review queue: a reviewer decides, pair by pair, whether two records are duplicates.
// "Duplicate" merges the two groups (the more complete record is kept); "not duplicate"
// keeps them apart for good (a later deduplication run respects it); "skip" puts the pair
// at the back of the queue. Every decision is one undoable change, and can be reverted on
// its own, with the merge it made.

/**
 * The pairs still to decide, undecided ones first, then skipped ones: one pair per two
 * groups, and none whose records are merged already or kept apart by a reviewer.
 */
export function openQueue(db: Db): { undecided: StoredPair[]; skipped: StoredPair[] } {
  const groups = new MergeGroups(listMerges(db), listPairs(db));
  const shown = new Set<string>();
  const stillOpen = (p: StoredPair | null): p is StoredPair => {
    if (!p) return false;
    const key = groups.pairKey(p.a, p.b);
    if (key === null || shown.has(key)) return false;
    shown.add(key);
    return true;
  };
  const { undecided, skipped } = openPairIds(db);
  return {
    undecided: undecided.map((id) => findPair(db, id)).filter(stillOpen),
    skipped: skipped.map((id) => findPair(db, id)).filter(stillOpen),
  };
}

export function queueState(db: Db): QueueState {
  const { undecided, skipped } = openQueue(db);
  const next = undecided[0] ?? skipped[0] ?? null;
  return {
    next: next ? readQueueItem(db, next.id) : null,
    open: undecided.length,
    skipped: skipped.length,
    decided: countDecided(db),
    lastDecided: lastDecidedPair(db),
  };
}

/** The groups merges make: each kept record with the records merged into it (directly or not). */
export function mergeClusters(db: Db): string[][] {
  const merges = listMerges(db);
  const groups = new MergeGroups(merges, []);
  const roots = new Set(merges.map((m) => groups.root(m.recordId)));
  return [...roots].map((r) => [...groups.membersOf(r)]);
}

const DECISION_LABEL: Record<PairDecisionValue, string> = {
  duplicate: 'Duplicate',
  'not-duplicate': 'Not a duplicate',
  skip: 'Skipped',
};

export function decidePair(db: Db, actor: Actor, pairId: string, decision: PairDecisionValue): QueueState {
  const pair = findPair(db, pairId);
  if (!pair) throw new ApiError('NOT_FOUND', `There is no pair ${pairId} in the review queue.`);
  recordChange(db, actor, `${DECISION_LABEL[decision]}: records ${pair.a} and ${pair.b}`, (w) => {
    // A decision replaces an earlier one on the same pair, with the merge that one made.
    const earlier = findMergeByPair(db, pairId);
    if (earlier) w.delete(TABLES.recordMerge, earlier.recordId, `Unmerged record ${earlier.recordId}`);
    w.update(TABLES.dedupPair, pairId, decisionPatch(decision, actor, w.changeId), () => `${DECISION_LABEL[decision]}: ${pairId}`);
    if (decision !== 'duplicate') return;
    const groups = new MergeGroups(listMerges(db), []);
    const ra = groups.root(pair.a);
    const rb = groups.root(pair.b);
    if (ra === rb) return;
    const [kept, gone] = keptOf(db, ra, rb);
    w.insert(
      TABLES.recordMerge,
      mergeRow({ recordId: gone, keptId: kept, method: 'reviewer', pairId, reason: 'a reviewer decided they are duplicates' }, actor),
      `Merged record ${gone} into ${kept} (reviewer)`,
    );
  });
  return queueState(db);
}

export function undoPairDecision(db: Db, actor: Actor, pairId: string | undefined): QueueState {
  const id = pairId ?? lastDecidedPair(db);
  if (!id) throw new ApiError('NOT_FOUND', 'No pair of the review queue has been decided yet.');
  const pair = findPair(db, id);
  if (!pair) throw new ApiError('NOT_FOUND', `There is no pair ${id} in the review queue.`);
  if (pair.decision === null) throw new ApiError('CONFLICT', `The pair ${id} has not been decided.`);
  recordChange(db, actor, `Undo decision on records ${pair.a} and ${pair.b}`, (w) => {
    const merge = findMergeByPair(db, id);
    if (merge) w.delete(TABLES.recordMerge, merge.recordId, `Unmerged record ${merge.recordId}`);
    w.update(TABLES.dedupPair, id, decisionPatch(null, actor, w.changeId), () => `Reopened pair ${id}`);
  });
  return queueState(db);
}

/** Undoes the merge of `recordId`; the pair is then remembered as "not duplicates", so no later run merges it again. */
export function unmergeRecord(db: Db, actor: Actor, recordId: string): { recordId: string; keptId: string } {
  if (!recordExists(db, recordId)) throw new ApiError('NOT_FOUND', `There is no record ${recordId}.`);
  const merge = findMerge(db, recordId);
  if (!merge) throw new ApiError('CONFLICT', `Record ${recordId} is not merged into another record.`);
  const pairId = pairIdFor(recordId, merge.keptId);
  recordChange(db, actor, `Unmerge record ${recordId} from ${merge.keptId}`, (w) => {
    w.delete(TABLES.recordMerge, recordId, `Unmerged record ${recordId} from ${merge.keptId}`);
    if (!findPair(db, pairId))
      w.insert(
        TABLES.dedupPair,
        pairRow({ a: recordId, b: merge.keptId, confidence: 0, reason: 'unmerged by a reviewer', evidence: [] }, actor.now),
        `Kept records ${recordId} and ${merge.keptId} apart`,
      );
    w.update(TABLES.dedupPair, pairId, decisionPatch('not-duplicate', actor, w.changeId), () => `Not a duplicate: ${pairId}`);
  });
  return { recordId, keptId: merge.keptId };
}
