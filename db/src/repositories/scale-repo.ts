import { randomUUID } from 'node:crypto';
import { scaleKey, scalesFromMeasures, type OutcomeScale, type OutcomeScaleFields } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';

// The scales of the planned outcomes (outcome_scale, migration 0008).

type DbRow = Record<string, string | number | null>;

const toScale = (r: DbRow): OutcomeScale => ({
  id: String(r.id),
  outcomeId: String(r.outcome_id),
  name: String(r.name),
  direction: String(r.direction) as OutcomeScale['direction'],
  unit: String(r.unit),
});

/** Every scale (or one outcome's), in each outcome's own order. */
export function listScales(db: Db, outcomeId?: string): OutcomeScale[] {
  const rows = (
    outcomeId === undefined
      ? cached(db, 'SELECT * FROM outcome_scale ORDER BY outcome_id, position, id').all()
      : cached(db, 'SELECT * FROM outcome_scale WHERE outcome_id = ? ORDER BY position, id').all(outcomeId)
  ) as DbRow[];
  return rows.map(toScale);
}

export function scaleRow(outcomeId: string, fields: OutcomeScaleFields, position: number, id: string = randomUUID()): Row {
  return { id, outcome_id: outcomeId, position, name: fields.name, direction: fields.direction, unit: fields.unit };
}

/**
 * The scales missing for measures written without the workbench (a review document, a
 * merge, the examples): one row per outcome and spelling key no scale has yet.
 */
export function missingScaleRows(db: Db): Row[] {
  const known = new Set(listScales(db).map((s) => `${s.outcomeId}\u0000${scaleKey(s.name)}`));
  const measures = (
    cached(
      db,
      `SELECT o.outcome_id AS outcomeId, o.measure, o.direction FROM study_outcome o JOIN study s ON s.id = o.study_id
       ORDER BY s.label, s.id, o.position, o.id`,
    ).all() as { outcomeId: string; measure: string; direction: 'higher-better' | 'lower-better' }[]
  ).filter((m) => m.measure.trim() !== '' && !known.has(`${m.outcomeId}\u0000${scaleKey(m.measure)}`));
  if (measures.length === 0) return [];
  const positions = new Map<string, number>();
  const next = (outcomeId: string) => {
    const p = positions.get(outcomeId) ?? listScales(db, outcomeId).length;
    positions.set(outcomeId, p + 1);
    return p;
  };
  return scalesFromMeasures(measures).map((s) =>
    scaleRow(s.outcomeId, { name: s.name, direction: s.direction, unit: '' }, next(s.outcomeId)),
  );
}

/** Writes a scale outside the change log: only for bringing a file up to date when it is opened. */
export function insertScaleUnaudited(db: Db, row: Row): void {
  cached(db, 'INSERT INTO outcome_scale (id, outcome_id, position, name, direction, unit) VALUES (?, ?, ?, ?, ?, ?)').run(
    row.id,
    row.outcome_id,
    row.position,
    row.name,
    row.direction,
    row.unit,
  );
}

export function getScale(db: Db, id: string): OutcomeScale | null {
  const r = cached(db, 'SELECT * FROM outcome_scale WHERE id = ?').get(id) as DbRow | undefined;
  return r ? toScale(r) : null;
}

/** The study outcomes of a planned outcome that use a scale (by its spelling key): id and measure. */
export function studyOutcomesOnScale(db: Db, outcomeId: string, name: string): { id: string; measure: string }[] {
  const key = scaleKey(name);
  return (
    cached(db, 'SELECT id, measure FROM study_outcome WHERE outcome_id = ?').all(outcomeId) as { id: string; measure: string }[]
  ).filter((r) => scaleKey(r.measure) === key);
}
