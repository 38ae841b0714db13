import { FINAL_SLOT, type CharacteristicContent, type CharacteristicValue } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';

type DbRow = Record<string, string | number | null>;

export function characteristicRow(id: string, v: Omit<CharacteristicValue, 'updatedAt'>, updatedAt: string): Row {
  return {
    id,
    study_id: v.studyId,
    field_id: v.fieldId,
    slot: v.slot,
    status: v.content.status,
    value: v.content.status === 'value' ? JSON.stringify(v.content.value) : null,
    source_note: v.sourceNote,
    comment: v.comment,
    decided_by: v.decidedBy,
    updated_at: updatedAt,
  };
}

function toValue(r: DbRow): CharacteristicValue & { id: string } {
  const content: CharacteristicContent =
    r.status === 'not-reported'
      ? { status: 'not-reported' }
      : { status: 'value', value: JSON.parse(String(r.value)) as string | number | string[] };
  return {
    id: String(r.id),
    studyId: String(r.study_id),
    fieldId: String(r.field_id),
    slot: String(r.slot),
    content,
    sourceNote: String(r.source_note),
    comment: String(r.comment),
    decidedBy: r.decided_by === null ? null : String(r.decided_by),
    updatedAt: String(r.updated_at),
  };
}

export function listCharacteristics(db: Db, studyId?: string): (CharacteristicValue & { id: string })[] {
  const rows =
    studyId === undefined
      ? cached(db, 'SELECT * FROM characteristic_value ORDER BY study_id, field_id, slot').all()
      : cached(db, 'SELECT * FROM characteristic_value WHERE study_id = ? ORDER BY field_id, slot').all(studyId);
  return (rows as DbRow[]).map(toValue);
}

/** The final (agreed) values of one field, by study id: a meta-regression's moderator. */
export function listFinalValuesOfField(db: Db, fieldId: string): Map<string, CharacteristicContent> {
  const rows = cached(db, 'SELECT * FROM characteristic_value WHERE field_id = ? AND slot = ?').all(fieldId, FINAL_SLOT) as DbRow[];
  return new Map(rows.map((r) => [String(r.study_id), toValue(r).content]));
}

export function findCharacteristic(db: Db, studyId: string, fieldId: string, slot: string): (CharacteristicValue & { id: string }) | null {
  const r = db
    .prepare('SELECT * FROM characteristic_value WHERE study_id = ? AND field_id = ? AND slot = ?')
    .get(studyId, fieldId, slot) as DbRow | undefined;
  return r ? toValue(r) : null;
}

export function stripId<T extends { id: string }>(v: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = v;
  return rest;
}

/** How many studies have a value (or N/R) for each form field, in any slot. */
export function countStudiesByField(db: Db): Record<string, number> {
  const rows = cached(db, 'SELECT field_id, count(DISTINCT study_id) AS n FROM characteristic_value GROUP BY field_id').all() as {
    field_id: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.field_id, r.n]));
}
