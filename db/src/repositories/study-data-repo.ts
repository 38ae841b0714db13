import {
  classifyTimepoints,
  type Arm,
  type MeasuredOutcome,
  type ArmResult,
  type ArmResultRow,
  type StudyData,
  type StudyOutcome,
  type Timepoint,
} from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { readProtocol } from './protocol-repo.ts';
import { cached } from '../statements.ts';

// Arms, study outcomes, timepoints and the results grid of one study.

type DbRow = Record<string, string | number | null>;

export const toArm = (r: DbRow): Arm => ({
  id: String(r.id),
  studyId: String(r.study_id),
  label: String(r.label),
  role: String(r.role) as Arm['role'],
  description: String(r.description),
  randomised: r.randomised === null ? null : Number(r.randomised),
});

export const toStudyOutcome = (r: DbRow): StudyOutcome => ({
  id: String(r.id),
  studyId: String(r.study_id),
  outcomeId: String(r.outcome_id),
  measure: String(r.measure),
  direction: String(r.direction) as StudyOutcome['direction'],
  dataType: String(r.data_type) as StudyOutcome['dataType'],
  notes: String(r.notes),
});

export const toTimepoint = (r: DbRow): Timepoint => ({
  id: String(r.id),
  studyId: String(r.study_id),
  label: String(r.label),
  weeksAfterTreatment: Number(r.weeks_after_treatment),
  categoryOverride: r.category_override === null ? null : String(r.category_override),
});

export function toArmResult(r: DbRow): ArmResultRow {
  const derivation =
    r.derivation === null
      ? null
      : (JSON.parse(String(r.derivation)) as NonNullable<Extract<ArmResult, { kind: 'continuous' }>['derivation']>);
  const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  const result: ArmResult =
    r.kind === 'continuous'
      ? { kind: 'continuous', mean: num(r.mean), sd: num(r.sd), n: num(r.n), derivation }
      : { kind: 'dichotomous', events: num(r.events), n: num(r.n), derivation };
  return {
    id: String(r.id),
    studyOutcomeId: String(r.study_outcome_id),
    timepointId: String(r.timepoint_id),
    armId: String(r.arm_id),
    result,
  };
}

export function armResultRow(id: string, studyOutcomeId: string, timepointId: string, armId: string, result: ArmResult): Row {
  return {
    id,
    study_outcome_id: studyOutcomeId,
    timepoint_id: timepointId,
    arm_id: armId,
    kind: result.kind,
    mean: result.kind === 'continuous' ? result.mean : null,
    sd: result.kind === 'continuous' ? result.sd : null,
    events: result.kind === 'dichotomous' ? result.events : null,
    n: result.n,
    derivation: result.derivation ? JSON.stringify(result.derivation) : null,
  };
}

export function readStudyData(db: Db, studyId: string): StudyData {
  const arms = (cached(db, 'SELECT * FROM arm WHERE study_id = ? ORDER BY position, rowid').all(studyId) as DbRow[]).map(toArm);
  const outcomes = (cached(db, 'SELECT * FROM study_outcome WHERE study_id = ? ORDER BY position, rowid').all(studyId) as DbRow[]).map(
    toStudyOutcome,
  );
  const timepoints = (
    cached(db, 'SELECT * FROM timepoint WHERE study_id = ? ORDER BY weeks_after_treatment, rowid').all(studyId) as DbRow[]
  ).map(toTimepoint);
  const classes = classifyTimepoints(timepoints, readProtocol(db).timepointCategories);
  const results = (
    db
      .prepare(
        `SELECT r.* FROM arm_result r JOIN study_outcome o ON o.id = r.study_outcome_id WHERE o.study_id = ? ORDER BY o.position, r.timepoint_id, r.arm_id`,
      )
      .all(studyId) as DbRow[]
  ).map(toArmResult);
  return {
    studyId,
    arms,
    outcomes,
    timepoints: timepoints.map((t) => ({
      ...t,
      categoryId: classes.get(t.id)?.categoryId ?? null,
      selected: classes.get(t.id)?.selected ?? false,
    })),
    results,
  };
}

export function nextPosition(db: Db, table: 'arm' | 'study_outcome', studyId: string): number {
  return (cached(db, `SELECT coalesce(max(position), -1) + 1 AS p FROM ${table} WHERE study_id = ?`).get(studyId) as { p: number }).p;
}

export function getRow(db: Db, table: 'arm' | 'study_outcome' | 'timepoint', id: string): DbRow | null {
  return (cached(db, `SELECT * FROM ${table} WHERE id = ?`).get(id) as DbRow | undefined) ?? null;
}

/** The stored result of one arm for one outcome at one timepoint, if any. */
export function findArmResult(db: Db, studyOutcomeId: string, timepointId: string, armId: string): DbRow | null {
  return (
    (cached(db, 'SELECT * FROM arm_result WHERE study_outcome_id = ? AND timepoint_id = ? AND arm_id = ?').get(
      studyOutcomeId,
      timepointId,
      armId,
    ) as DbRow | undefined) ?? null
  );
}

/** Ids of the results stored for an arm, a study outcome or a timepoint (deleted with it). */
export function armResultIdsOf(db: Db, owner: 'arm' | 'study_outcome' | 'timepoint', id: string): string[] {
  return (cached(db, `SELECT id FROM arm_result WHERE ${owner}_id = ? ORDER BY rowid`).all(id) as { id: string }[]).map((r) => r.id);
}

/** The study a study outcome belongs to, or null when there is no such outcome. */
export function studyIdOfOutcome(db: Db, studyOutcomeId: string): string | null {
  return (
    (cached(db, 'SELECT study_id FROM study_outcome WHERE id = ?').get(studyOutcomeId) as { study_id: string } | undefined)?.study_id ??
    null
  );
}

/**
 * Ids of everything that hangs off a study, children before parents (results, extracted
 * values, RoB judgements, RoB 2 assessments, timepoints, outcomes, arms), so that deleting
 * them in this order and undoing in reverse restores parents first.
 */
export function studyDependentIds(db: Db, studyId: string): { table: StudyDependentTable; ids: string[] }[] {
  const ids = (sql: string) => (cached(db, sql).all(studyId) as { id: string }[]).map((r) => r.id);
  return [
    { table: 'arm_result', ids: ids('SELECT r.id FROM arm_result r JOIN arm a ON a.id = r.arm_id WHERE a.study_id = ?') },
    { table: 'characteristic_value', ids: ids('SELECT id FROM characteristic_value WHERE study_id = ?') },
    { table: 'rob1_judgement', ids: ids('SELECT id FROM rob1_judgement WHERE study_id = ?') },
    { table: 'rob2_assessment', ids: ids('SELECT id FROM rob2_assessment WHERE study_id = ?') },
    { table: 'timepoint', ids: ids('SELECT id FROM timepoint WHERE study_id = ?') },
    { table: 'study_outcome', ids: ids('SELECT id FROM study_outcome WHERE study_id = ?') },
    { table: 'arm', ids: ids('SELECT id FROM arm WHERE study_id = ?') },
  ];
}
export type StudyDependentTable =
  'arm_result' | 'characteristic_value' | 'rob1_judgement' | 'rob2_assessment' | 'timepoint' | 'study_outcome' | 'arm';

/** How every study measured the planned outcomes, in entry order: the defaults of one-step entry vote with these. */
export function listMeasuredOutcomes(db: Db): MeasuredOutcome[] {
  return (
    cached(db, 'SELECT study_id, outcome_id, direction, data_type FROM study_outcome ORDER BY rowid').all() as DbRow[]
  ).map((r) => ({
    studyId: String(r.study_id),
    outcomeId: String(r.outcome_id),
    direction: String(r.direction) as MeasuredOutcome['direction'],
    dataType: String(r.data_type) as MeasuredOutcome['dataType'],
  }));
}
