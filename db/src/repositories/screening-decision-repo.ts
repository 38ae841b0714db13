import type { ScreeningDecision, ScreeningStage } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';
import { naturalRowId } from '../merge/row-identity.ts';

// Screening decisions as stored: one row per (record, stage, slot); the slot is the
// reviewer's id, or FINAL_SLOT for the resolution of a conflict (migration 0009). Ids derive
// from that key, so a reviewer's decision made in two forks meets in a merge.

export interface DecisionRow {
  id: string;
  record_id: string;
  stage: ScreeningStage;
  slot: string;
  reviewer_id: string;
  reviewer_name: string;
  decision: ScreeningDecision;
  reason_id: string | null;
  note: string;
  labels: string;
  decided_at: string;
  /** The clock reading of the change that made the decision (migration 0016); null for one built from a review document. */
  decided_hlc: string | null;
}

export const decisionId = (recordId: string, stage: ScreeningStage, slot: string): string =>
  naturalRowId('screening_decision', recordId, stage, slot);

export function findDecision(db: Db, recordId: string, stage: ScreeningStage, slot: string): DecisionRow | null {
  return (
    (cached(db, 'SELECT * FROM screening_decision WHERE record_id = ? AND stage = ? AND slot = ?').get(recordId, stage, slot) as
      DecisionRow | undefined) ?? null
  );
}

/** Every decision (all slots) on the given records at a stage, by record. */
export function readDecisionsOf(db: Db, stage: ScreeningStage, recordIds: readonly string[]): Map<string, DecisionRow[]> {
  const byRecord = new Map<string, DecisionRow[]>();
  // One statement per chunk size keeps the statement cache small.
  for (let i = 0; i < recordIds.length; i += 50) {
    const chunk = recordIds.slice(i, i + 50);
    const rows = cached(db, `SELECT * FROM screening_decision WHERE stage = ? AND record_id IN (${chunk.map(() => '?').join(', ')})`).all(
      stage,
      ...chunk,
    ) as DecisionRow[];
    for (const row of rows) byRecord.set(row.record_id, [...(byRecord.get(row.record_id) ?? []), row]);
  }
  return byRecord;
}

/** Every decision at a stage, by record (status, conflicts, the full-text stage's records). */
export function readStageDecisions(db: Db, stage: ScreeningStage): Map<string, DecisionRow[]> {
  const byRecord = new Map<string, DecisionRow[]>();
  for (const row of cached(db, 'SELECT * FROM screening_decision WHERE stage = ?').iterate(stage) as Iterable<DecisionRow>) {
    const list = byRecord.get(row.record_id);
    if (list) list.push(row);
    else byRecord.set(row.record_id, [row]);
  }
  return byRecord;
}

/** The records a slot has decided at a stage. */
export function readDecidedBy(db: Db, stage: ScreeningStage, slot: string): Set<string> {
  const rows = cached(db, 'SELECT record_id FROM screening_decision WHERE stage = ? AND slot = ?').pluck().all(stage, slot) as string[];
  return new Set(rows);
}

/**
 * A slot's decisions at a stage, the latest first: by the clock reading of the change that made
 * each (two decisions in one millisecond still come back in the order they were made); those
 * without one (built from a review document) after them, by timestamp.
 */
export function readLatestBy(db: Db, stage: ScreeningStage, slot: string, limit: number): string[] {
  return cached(
    db,
    'SELECT record_id FROM screening_decision WHERE stage = ? AND slot = ? ORDER BY decided_hlc DESC, decided_at DESC, record_id DESC LIMIT ?',
  )
    .pluck()
    .all(stage, slot, limit) as string[];
}

export interface DecisionInput {
  recordId: string;
  stage: ScreeningStage;
  slot: string;
  reviewerId: string;
  reviewerName: string;
  decision: ScreeningDecision;
  reasonId: string | null;
  note: string;
  labels: readonly string[];
  decidedAt: string;
}

/**
 * The row of a decision; `decided_at` and `decided_hlc` (the change's clock reading, `ChangeWriter.hlc`)
 * are set only along with a real change (handlers pass them as alsoSet on update).
 */
export function decisionRow(d: DecisionInput, decidedHlc: string | null): Row {
  return {
    id: decisionId(d.recordId, d.stage, d.slot),
    record_id: d.recordId,
    stage: d.stage,
    slot: d.slot,
    reviewer_id: d.reviewerId,
    reviewer_name: d.reviewerName,
    decision: d.decision,
    reason_id: d.reasonId,
    note: d.note,
    labels: JSON.stringify(d.labels),
    decided_at: d.decidedAt,
    decided_hlc: decidedHlc,
  };
}

/** Whether the review holds any screening decision (the PRISMA flow then counts from them). */
export function hasDecisions(db: Db): boolean {
  return cached(db, 'SELECT 1 FROM screening_decision LIMIT 1').get() !== undefined;
}

/** The stage of each decision row that still exists, by id. */
export function decisionStages(db: Db, ids: readonly string[]): Map<string, ScreeningStage> {
  const out = new Map<string, ScreeningStage>();
  for (const id of ids) {
    const stage = cached(db, 'SELECT stage FROM screening_decision WHERE id = ?').pluck().get(id) as ScreeningStage | undefined;
    if (stage) out.set(id, stage);
  }
  return out;
}
