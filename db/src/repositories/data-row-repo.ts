import type { DataRow, RowProvenance, RowValues } from '@grove/shared';
import type { ChangeWriter, Row } from '../changes.ts';
import type { Db } from '../connection.ts';
import { cached } from '../statements.ts';
import { TABLES } from '../tables.ts';

// The stored rows of the one analysis model (stored_data_row): direct rows (entered or
// imported) and detached ones. Derived rows are never stored.

type Cell = string | number | null;
type DbRow = Record<string, Cell>;

const KIND = { dichotomous: 'DICH', continuous: 'CONT', generic: 'IV', 'oe-variance': 'IPD' } as const;

// RevMan leaves empty cells empty; it analyses them as 0, and so does its import (to-analysis-input.ts).
const n = (v: Cell | undefined): number => (v === null || v === undefined ? 0 : Number(v));

function valuesOf(r: DbRow): RowValues | null {
  switch (r.kind) {
    case 'DICH':
      return { kind: 'dichotomous', events1: n(r.events_1), total1: n(r.total_1), events2: n(r.events_2), total2: n(r.total_2) };
    case 'CONT':
      return {
        kind: 'continuous',
        mean1: n(r.mean_1),
        sd1: n(r.sd_1),
        total1: n(r.total_1),
        mean2: n(r.mean_2),
        sd2: n(r.sd_2),
        total2: n(r.total_2),
      };
    case 'IV':
      return { kind: 'generic', estimate: n(r.estimate), se: n(r.se) };
    case 'IPD':
      return { kind: 'oe-variance', oMinusE: n(r.o_minus_e), variance: n(r.variance) };
    default:
      return null;
  }
}

/** The value columns of a row; every other value column is NULL (the table's CHECKs require it). */
export function valueColumns(v: RowValues): Row {
  const empty: Row = {
    events_1: null,
    total_1: null,
    events_2: null,
    total_2: null,
    mean_1: null,
    sd_1: null,
    mean_2: null,
    sd_2: null,
    estimate: null,
    se: null,
    o_minus_e: null,
    variance: null,
  };
  switch (v.kind) {
    case 'dichotomous':
      return { ...empty, kind: KIND[v.kind], events_1: v.events1, total_1: v.total1, events_2: v.events2, total_2: v.total2 };
    case 'continuous':
      return {
        ...empty,
        kind: KIND[v.kind],
        mean_1: v.mean1,
        sd_1: v.sd1,
        total_1: v.total1,
        mean_2: v.mean2,
        sd_2: v.sd2,
        total_2: v.total2,
      };
    case 'generic':
      return { ...empty, kind: KIND[v.kind], estimate: v.estimate, se: v.se };
    case 'oe-variance':
      return { ...empty, kind: KIND[v.kind], o_minus_e: v.oMinusE, variance: v.variance };
  }
}

function toDataRow(r: DbRow): DataRow | null {
  const values = valuesOf(r);
  if (!values) return null;
  const base = {
    id: String(r.id),
    studyId: String(r.study_id),
    studyLabel: String(r.label),
    subgroupId: r.subgroup_id === null ? null : String(r.subgroup_id),
    footnote: r.footnote === null ? null : String(r.footnote),
    values,
  };
  return r.origin === 'detached'
    ? {
        ...base,
        origin: 'detached',
        reason: String(r.detach_reason ?? ''),
        provenance: r.provenance === null ? null : (JSON.parse(String(r.provenance)) as RowProvenance),
      }
    : { ...base, origin: 'direct' };
}

const ROWS_SQL = `SELECT r.*, s.label FROM stored_data_row r JOIN study s ON s.id = r.study_id`;

/** Stored rows by outcome key (stored_analysis.id), in position order. */
export function readStoredRows(db: Db): Map<string, DataRow[]> {
  const out = new Map<string, DataRow[]>();
  for (const r of cached(db, `${ROWS_SQL} ORDER BY r.analysis_id, r.position, r.id`).all() as DbRow[]) {
    const row = toDataRow(r);
    if (!row) continue;
    const key = String(r.analysis_id);
    const list = out.get(key) ?? [];
    list.push(row);
    out.set(key, list);
  }
  return out;
}

export function readStoredRowsOf(db: Db, outcomeKey: string): DataRow[] {
  return (cached(db, `${ROWS_SQL} WHERE r.analysis_id = ? ORDER BY r.position, r.id`).all(outcomeKey) as DbRow[]).flatMap((r) => {
    const row = toDataRow(r);
    return row ? [row] : [];
  });
}

export function readStoredRow(db: Db, id: string): (DataRow & { outcomeKey: string }) | null {
  const r = cached(db, `${ROWS_SQL} WHERE r.id = ?`).get(id) as DbRow | undefined;
  const row = r ? toDataRow(r) : null;
  return row && r ? { ...row, outcomeKey: String(r.analysis_id) } : null;
}

/** Ids of every stored row of an outcome, whatever its kind (an "other data" row included). */
export function storedRowIdsOf(db: Db, outcomeKey: string): string[] {
  return (cached(db, 'SELECT id FROM stored_data_row WHERE analysis_id = ? ORDER BY position, id').all(outcomeKey) as { id: string }[]).map(
    (r) => r.id,
  );
}

export function nextRowPosition(db: Db, outcomeKey: string): number {
  return (
    cached(db, 'SELECT coalesce(max(position) + 1, 0) AS p FROM stored_data_row WHERE analysis_id = ?').get(outcomeKey) as { p: number }
  ).p;
}

export function insertRow(
  w: ChangeWriter,
  row: {
    id: string;
    outcomeKey: string;
    subgroupKey: string | null;
    position: number;
    studyId: string;
    values: RowValues;
    footnote: string | null;
    detached?: { reason: string; provenance: RowProvenance | null };
  },
  summary: string,
): void {
  w.insert(
    TABLES.dataRow,
    {
      id: row.id,
      analysis_id: row.outcomeKey,
      subgroup_id: row.subgroupKey,
      position: row.position,
      study_id: row.studyId,
      ...valueColumns(row.values),
      footnote: row.footnote,
      origin: row.detached ? 'detached' : 'direct',
      detach_reason: row.detached?.reason ?? null,
      provenance: row.detached?.provenance ? JSON.stringify(row.detached.provenance) : null,
    },
    summary,
  );
}
