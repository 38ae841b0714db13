import { effectiveRob2Judgement, type Rob2ResultAssessment } from '@grove/shared/rob/rob2-assessment';
import type { Rob2Record } from '@grove/shared';
import type { Db } from '../connection.ts';
import { cached } from '../statements.ts';
import { studyLabels } from './study-repo.ts';

// RoB 2 assessments, one per result, stored as validated JSON. Writes go through the
// service layer's ChangeWriter so that they are audited and undoable.

export interface Rob2Row {
  id: string;
  study_id: string;
  study_outcome_id: string | null;
  result_label: string;
  slot: string;
  assessment: string;
  updated_at: string;
}

function toRecord(r: Rob2Row, labels: ReadonlyMap<string, string>): Rob2Record {
  const assessment = JSON.parse(r.assessment) as Rob2ResultAssessment;
  return {
    id: r.id,
    studyId: r.study_id,
    studyLabel: labels.get(r.study_id) ?? '',
    studyOutcomeId: r.study_outcome_id,
    resultLabel: r.result_label,
    slot: r.slot,
    assessment,
    overall: effectiveRob2Judgement(assessment.overall),
    updatedAt: r.updated_at,
  };
}

/** One reviewer slot's assessments, by study and result. */
export function listRob2(db: Db, slot: string): Rob2Record[] {
  const rows = cached(db, 'SELECT * FROM rob2_assessment WHERE slot = ? ORDER BY study_id, result_label').all(slot) as Rob2Row[];
  const labels = studyLabels(db);
  return rows.map((r) => toRecord(r, labels));
}

export function findRob2Row(db: Db, id: string): Rob2Row | null {
  return (cached(db, 'SELECT * FROM rob2_assessment WHERE id = ?').get(id) as Rob2Row | undefined) ?? null;
}

export function readRob2(db: Db, id: string): Rob2Record | null {
  const row = findRob2Row(db, id);
  return row ? toRecord(row, studyLabels(db)) : null;
}

/** The id of the assessment of this result in this slot, if there is one (at most one may exist). */
export function findRob2IdFor(db: Db, studyId: string, resultLabel: string, slot: string): string | null {
  const r = cached(db, 'SELECT id FROM rob2_assessment WHERE study_id = ? AND result_label = ? AND slot = ?').get(
    studyId,
    resultLabel,
    slot,
  ) as { id: string } | undefined;
  return r?.id ?? null;
}
