import { RM5_KIND_OF, type AnalysisDataType, type OutcomeSettings } from '@grove/shared';
import type { Db } from '../connection.ts';
import { cached } from '../statements.ts';
import { settingsColumns } from './outline-repo.ts';

// What editing the outline reads beyond the outline itself (the stored rows and GRADE
// ratings an item carries, every id in use) and the rows it writes for new items.

type Cell = string | number | null;
type DbRow = Record<string, Cell>;

/** Every comparison, outcome and subgroup id in the file, so a new one never repeats one. */
export function outlineIdsInUse(db: Db): string[] {
  return (
    cached(
      db,
      'SELECT rm5_id FROM comparison UNION ALL SELECT rm5_id FROM stored_analysis UNION ALL SELECT rm5_id FROM stored_subgroup',
    ).all() as DbRow[]
  ).map((r) => String(r.rm5_id));
}

/** The stored rows (direct and detached) of an outcome, or of one of its subgroups. */
export function storedRowIdsOf(db: Db, of: { outcomeKey: string } | { subgroupKey: string }): string[] {
  const rows =
    'outcomeKey' in of
      ? cached(db, 'SELECT id FROM stored_data_row WHERE analysis_id = ? ORDER BY position, id').all(of.outcomeKey)
      : cached(db, 'SELECT id FROM stored_data_row WHERE subgroup_id = ? ORDER BY position, id').all(of.subgroupKey);
  return (rows as DbRow[]).map((r) => String(r.id));
}

/** Stored rows of an outcome that sit in no subgroup. */
export function ungroupedRowIdsOf(db: Db, outcomeKey: string): string[] {
  return (
    cached(db, 'SELECT id FROM stored_data_row WHERE analysis_id = ? AND subgroup_id IS NULL ORDER BY position, id').all(
      outcomeKey,
    ) as DbRow[]
  ).map((r) => String(r.id));
}

/** True when the outcome (by its public id) has a GRADE rating. */
export function hasGrade(db: Db, outcomeId: string): boolean {
  return cached(db, 'SELECT 1 AS x FROM grade_assessment WHERE analysis_id = ?').get(outcomeId) !== undefined;
}

export function comparisonRow(key: string, id: string, name: string, position: number): DbRow {
  return { id: key, position, rm5_id: id, no: position + 1, name, origin: 'entered' };
}

export function outcomeRow(
  key: string,
  comparisonKey: string,
  id: string,
  name: string,
  dataType: AnalysisDataType,
  position: number,
  settings: OutcomeSettings,
): DbRow {
  return {
    id: key,
    comparison_id: comparisonKey,
    position,
    rm5_id: id,
    no: position + 1,
    kind: RM5_KIND_OF[dataType],
    name,
    ...settingsColumns(settings),
    subgroups: 0,
    planned_outcome_id: null,
    timepoint_category_id: null,
    follows_conventions: 0,
  };
}

export function subgroupRow(key: string, outcomeKey: string, id: string, name: string, position: number): DbRow {
  return { id: key, analysis_id: outcomeKey, position, rm5_id: id, no: position + 1, name };
}
