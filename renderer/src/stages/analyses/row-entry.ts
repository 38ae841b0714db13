import { rowValueIssues, rowValuesSchema, type AnalysisDataType, type RowValues } from '@grove/shared';
import { formatNumber, parseCell } from '../studies/grid-logic.ts';

// The outcome data table's pure logic: the columns of each data type as RevMan lays them
// out, a row's values as cell texts, and reading typed cells back into the values the API
// takes, checked with the shared rules (counts not negative, events within totals), so a
// wrong cell is named at the cell before anything is sent.

export type EnterableType = Exclude<AnalysisDataType, 'other'>;

export interface Column {
  readonly field: string;
  readonly label: string;
  /** Which group the column belongs to (experimental / control), for the header row. */
  readonly group: 1 | 2 | null;
}

const COLUMNS: Readonly<Record<EnterableType, readonly Column[]>> = {
  dichotomous: [
    { field: 'events1', label: 'Events', group: 1 },
    { field: 'total1', label: 'Total', group: 1 },
    { field: 'events2', label: 'Events', group: 2 },
    { field: 'total2', label: 'Total', group: 2 },
  ],
  continuous: [
    { field: 'mean1', label: 'Mean', group: 1 },
    { field: 'sd1', label: 'SD', group: 1 },
    { field: 'total1', label: 'Total', group: 1 },
    { field: 'mean2', label: 'Mean', group: 2 },
    { field: 'sd2', label: 'SD', group: 2 },
    { field: 'total2', label: 'Total', group: 2 },
  ],
  generic: [
    { field: 'estimate', label: 'Estimate', group: null },
    { field: 'se', label: 'SE', group: null },
  ],
  'oe-variance': [
    { field: 'oMinusE', label: 'O − E', group: null },
    { field: 'variance', label: 'Variance', group: null },
  ],
};

export function isEnterable(t: AnalysisDataType): t is EnterableType {
  return t !== 'other';
}

export function columnsFor(t: EnterableType): readonly Column[] {
  return COLUMNS[t];
}

export type RowTexts = Readonly<Record<string, string>>;

export function textsOfValues(v: RowValues): RowTexts {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'kind') out[k] = formatNumber(x as number);
  return out;
}

export type ReadRow = { ok: true; values: RowValues } | { ok: false; errors: Readonly<Record<string, string>> };

/** Typed cells → values, or a message per wrong cell (every cell of a row is needed). */
export function readRow(t: EnterableType, texts: RowTexts): ReadRow {
  const errors: Record<string, string> = {};
  const raw: Record<string, unknown> = { kind: t };
  for (const c of COLUMNS[t]) {
    const parsed = parseCell(texts[c.field] ?? '');
    if (!parsed.ok) errors[c.field] = parsed.message;
    else if (parsed.value === null) errors[c.field] = `${c.label} is needed`;
    else raw[c.field] = parsed.value;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const checked = rowValuesSchema.safeParse(raw);
  if (!checked.success) {
    for (const i of checked.error.issues) errors[String(i.path[0])] ??= i.message;
    return { ok: false, errors };
  }
  for (const i of rowValueIssues(checked.data)) errors[i.path.replace(/^values\./, '')] ??= i.message;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values: checked.data };
}
