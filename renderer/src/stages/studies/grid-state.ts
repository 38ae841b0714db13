import type { ArmResult, ArmResultRow, Derivation, StudyData, StudyOutcome } from '@grove/shared';
import { fieldsFor, type CellField, type CellTexts, type ResultKind } from './grid-logic.ts';

// The results grid's state, pure: which arm result a cell belongs to, what the save's reply
// changes in the cached study data, a derived result's provenance, and where the keyboard
// and a pasted block go.

export interface DerivState {
  readonly derivation: Derivation;
  readonly values: Partial<Record<CellField, number | null>>;
}

export type CellRef = Pick<ArmResultRow, 'studyOutcomeId' | 'timepointId' | 'armId'>;

/** The study's data with the saved rows (null: cleared) of these cells, as the save's reply gave them. */
export function withResults(data: StudyData, cells: readonly CellRef[], rows: readonly (ArmResultRow | null)[]): StudyData {
  const same = (a: CellRef, b: CellRef) => a.studyOutcomeId === b.studyOutcomeId && a.timepointId === b.timepointId && a.armId === b.armId;
  const results = data.results.filter((r) => !cells.some((c) => same(c, r)));
  for (const row of rows) if (row) results.push(row);
  return { ...data, results };
}

export const groupKey = (outcomeId: string, timepointId: string, armId: string) => `${outcomeId}|${timepointId}|${armId}`;

export function derivOf(result: ArmResult | null | undefined): DerivState | null {
  if (!result?.derivation) return null;
  const values: Partial<Record<CellField, number | null>> =
    result.kind === 'continuous' ? { mean: result.mean, sd: result.sd, n: result.n } : { events: result.events, n: result.n };
  return { derivation: result.derivation, values };
}

type Timepoint = StudyData['timepoints'][number];

/** One row of the grid: an outcome at a timepoint. */
export interface Row {
  readonly outcome: StudyOutcome;
  readonly timepoint: Timepoint;
  readonly kind: ResultKind;
}

/** A cell: row, arm, field of that arm. */
export interface Pos {
  readonly r: number;
  readonly a: number;
  readonly f: number;
}

/** The cell to go to from `p` by a step; columns are (arm, field) pairs, rows may differ in fields. */
export function stepFrom(rows: readonly Pick<Row, 'kind'>[], armCount: number, p: Pos, dr: number, dc: number): Pos | null {
  const row = rows[p.r];
  if (!row) return null;
  if (dr !== 0) {
    const r = p.r + dr;
    const target = rows[r];
    if (!target) return null;
    const fields = fieldsFor(target.kind);
    const name = fieldsFor(row.kind)[p.f];
    const f = name && fields.includes(name) ? fields.indexOf(name) : Math.min(p.f, fields.length - 1);
    return { r, a: p.a, f };
  }
  const width = fieldsFor(row.kind).length;
  const flat = p.a * width + p.f + dc;
  if (flat < 0 || flat >= width * armCount) return null;
  return { r: p.r, a: Math.floor(flat / width), f: flat % width };
}

/** The texts of the arm results a pasted block fills, from cell `p` on (row by row, arm by arm). */
export function pasteBlock(
  rows: readonly Row[],
  arms: readonly { readonly id: string }[],
  p: Pos,
  block: readonly (readonly string[])[],
  current: (key: string) => CellTexts | undefined,
): { changes: Map<string, CellTexts>; filled: number } {
  const changes = new Map<string, CellTexts>();
  let filled = 0;
  block.forEach((cells, i) => {
    const row = rows[p.r + i];
    if (!row) return;
    const fields = fieldsFor(row.kind);
    const start = i === 0 ? p.a * fields.length + p.f : p.a * fieldsFor(rows[p.r]!.kind).length + p.f;
    cells.forEach((text, j) => {
      const flat = start + j;
      const arm = arms[Math.floor(flat / fields.length)];
      const field = fields[flat % fields.length];
      if (!arm || !field) return;
      const key = groupKey(row.outcome.id, row.timepoint.id, arm.id);
      const base = changes.get(key) ?? { ...(current(key) ?? {}) };
      changes.set(key, { ...base, [field]: text });
      filled++;
    });
  });
  return { changes, filled };
}
