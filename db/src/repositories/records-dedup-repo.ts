import type { QueueItem } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';
import { findRecord } from './records-repo.ts';

// Deduplication stored in the review: merges (a record merged into a kept one; the row is
// the whole of it, so deleting it undoes the merge) and the review queue of pairs with their
// field-level evidence and the reviewer's decision.

export type PairDecisionValue = 'duplicate' | 'not-duplicate' | 'skip';

export interface MergeRow {
  recordId: string;
  keptId: string;
  method: 'automatic' | 'reviewer';
  pairId: string | null;
}

/** A pair's id: its two record ids in order, so the same pair always has the same id. */
export const pairIdFor = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function listMerges(db: Db): MergeRow[] {
  return (cached(db, 'SELECT record_id, kept_id, method, pair_id FROM record_merge ORDER BY record_id').all() as DbRow[]).map((r) => ({
    recordId: String(r.record_id),
    keptId: String(r.kept_id),
    method: r.method === 'reviewer' ? 'reviewer' : 'automatic',
    pairId: r.pair_id === null ? null : String(r.pair_id),
  }));
}

export function findMerge(db: Db, recordId: string): MergeRow | null {
  return listMergesWhere(db, 'record_id = ?', recordId)[0] ?? null;
}

export function findMergeByPair(db: Db, pairId: string): MergeRow | null {
  return listMergesWhere(db, 'pair_id = ?', pairId)[0] ?? null;
}

function listMergesWhere(db: Db, where: string, value: string): MergeRow[] {
  return (cached(db, `SELECT record_id, kept_id, method, pair_id FROM record_merge WHERE ${where}`).all(value) as DbRow[]).map((r) => ({
    recordId: String(r.record_id),
    keptId: String(r.kept_id),
    method: r.method === 'reviewer' ? 'reviewer' : 'automatic',
    pairId: r.pair_id === null ? null : String(r.pair_id),
  }));
}

export function mergeRow(
  m: { recordId: string; keptId: string; method: 'automatic' | 'reviewer'; pairId: string | null; reason: string },
  actor: { reviewerId: string | null; reviewerName: string; now: string },
): Row {
  return {
    record_id: m.recordId,
    kept_id: m.keptId,
    method: m.method,
    reviewer_id: m.method === 'reviewer' ? actor.reviewerId : null,
    reviewer_name: m.method === 'reviewer' ? actor.reviewerName : '',
    reason: m.reason,
    pair_id: m.pairId,
    created_at: actor.now,
  };
}

type DbRow = Record<string, string | number | null>;

export interface StoredPair {
  id: string;
  a: string;
  b: string;
  decision: PairDecisionValue | null;
}

export function listPairs(db: Db): StoredPair[] {
  return (cached(db, 'SELECT id, record_a, record_b, decision FROM dedup_pair ORDER BY id').all() as DbRow[]).map(toStoredPair);
}

export function findPair(db: Db, id: string): StoredPair | null {
  const r = cached(db, 'SELECT id, record_a, record_b, decision FROM dedup_pair WHERE id = ?').get(id) as DbRow | undefined;
  return r ? toStoredPair(r) : null;
}

function toStoredPair(r: DbRow): StoredPair {
  return { id: String(r.id), a: String(r.record_a), b: String(r.record_b), decision: (r.decision as PairDecisionValue | null) ?? null };
}

export function pairRow(p: { a: string; b: string; confidence: number; reason: string; evidence: unknown[] }, now: string): Row {
  const [a, b] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
  return {
    id: pairIdFor(a, b),
    record_a: a,
    record_b: b,
    confidence: p.confidence,
    reason: p.reason,
    evidence: JSON.stringify(p.evidence),
    decision: null,
    reviewer_id: null,
    reviewer_name: '',
    decided_at: null,
    decided_change: null,
    created_at: now,
  };
}

export function decisionPatch(
  decision: PairDecisionValue | null,
  actor: { reviewerId: string | null; reviewerName: string; now: string },
  changeId: number,
): Row {
  return decision === null
    ? { decision: null, reviewer_id: null, reviewer_name: '', decided_at: null, decided_change: null }
    : { decision, reviewer_id: actor.reviewerId, reviewer_name: actor.reviewerName, decided_at: actor.now, decided_change: changeId };
}

/**
 * The pairs still to decide, in the order a reviewer sees them: undecided before skipped,
 * most likely duplicates first; pairs whose records have since ended up in one group (or
 * are gone) are not shown.
 */
export function openPairIds(db: Db): { undecided: string[]; skipped: string[] } {
  const rows = cached(
    db,
    `SELECT id, decision FROM dedup_pair WHERE decision IS NULL OR decision = 'skip'
     ORDER BY decision IS NOT NULL, coalesce(decided_change, 0), confidence DESC, id`,
  ).all() as { id: string; decision: string | null }[];
  return {
    undecided: rows.filter((r) => r.decision === null).map((r) => r.id),
    skipped: rows.filter((r) => r.decision !== null).map((r) => r.id),
  };
}

export function countDecided(db: Db): number {
  return (cached(db, "SELECT count(*) AS n FROM dedup_pair WHERE decision IN ('duplicate', 'not-duplicate')").get() as { n: number }).n;
}

export function lastDecidedPair(db: Db): string | null {
  const r = cached(db, 'SELECT id FROM dedup_pair WHERE decision IS NOT NULL ORDER BY decided_change DESC LIMIT 1').get() as
    { id: string } | undefined;
  return r?.id ?? null;
}

export function readQueueItem(db: Db, id: string): QueueItem | null {
  const r = cached(db, 'SELECT * FROM dedup_pair WHERE id = ?').get(id) as DbRow | undefined;
  if (!r) return null;
  const a = findRecord(db, String(r.record_a));
  const b = findRecord(db, String(r.record_b));
  if (!a || !b) return null;
  return {
    id: String(r.id),
    a,
    b,
    confidence: Number(r.confidence),
    reason: String(r.reason),
    evidence: JSON.parse(String(r.evidence)) as QueueItem['evidence'],
    decision: (r.decision as PairDecisionValue | null) ?? null,
  };
}

export function readPairRows(db: Db): Row[] {
  return cached(db, 'SELECT * FROM dedup_pair ORDER BY id').all() as Row[];
}

export function readMergeRows(db: Db): Row[] {
  return cached(db, 'SELECT * FROM record_merge ORDER BY record_id').all() as Row[];
}
