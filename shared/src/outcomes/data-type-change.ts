import { defaultOutcomeSettings, type AnalysisDataType, type OutcomeSettings, type OutcomeSource } from './outline.ts';

// Changing an outcome's data type, as RevMan allows it: freely while the outcome has no
// data rows, and otherwise only by clearing them, since a row of one type (events/total)
// has no meaning in another (mean/SD/N). A native review's derived outcome takes its type
// from the planned outcome's arm-level data, so it is never changed here. The renderer asks
// this before offering the change; the handler enforces it.

export type DataTypeChange =
  | { readonly kind: 'unchanged' }
  /** Allowed: the new settings, and how many stored rows the change deletes (0 unless confirmed). */
  | { readonly kind: 'allowed'; readonly settings: OutcomeSettings; readonly clears: number }
  /** Allowed only with the reviewer's confirmation that the rows are cleared. */
  | { readonly kind: 'needs-clearing'; readonly rows: number; readonly message: string }
  | { readonly kind: 'refused'; readonly message: string };

export interface DataTypeChangeRequest {
  readonly number: string;
  readonly dataType: AnalysisDataType;
  readonly source: OutcomeSource;
  readonly settings: OutcomeSettings;
  /** Stored rows of the outcome (entered or imported), whatever their type. */
  readonly storedRows: number;
  readonly to: AnalysisDataType;
  /** The reviewer confirmed that the outcome's rows are deleted. */
  readonly clearRows: boolean;
}

const TYPE_WORDS: Readonly<Record<AnalysisDataType, string>> = {
  dichotomous: 'dichotomous',
  continuous: 'continuous',
  generic: 'generic inverse variance',
  'oe-variance': 'O − E and variance',
  other: 'other data',
};

export function dataTypeWords(t: AnalysisDataType): string {
  return TYPE_WORDS[t];
}

export const DERIVED_TYPE_MESSAGE =
  'This outcome’s rows are derived from the arm-level extraction, so its data type is the planned outcome’s: it cannot be changed here.';

/**
 * The settings of an outcome of the new type: what belongs to the data type (effect measure,
 * method, swapped events, log data) starts as RevMan starts a new outcome of that type; the
 * rest (model, confidence levels, totals, labels, sort order, scale) is kept.
 */
export function settingsForDataType(s: OutcomeSettings, to: AnalysisDataType): OutcomeSettings {
  const d = defaultOutcomeSettings(to);
  return { ...s, effectMeasure: d.effectMeasure, method: d.method, swapEvents: false, logData: false };
}

export function dataTypeChange(r: DataTypeChangeRequest): DataTypeChange {
  if (r.source.kind === 'planned') return { kind: 'refused', message: DERIVED_TYPE_MESSAGE };
  if (r.to === r.dataType) return { kind: 'unchanged' };
  if (r.storedRows > 0 && !r.clearRows) {
    const one = r.storedRows === 1;
    const rows = one ? 'one data row' : `${r.storedRows} data rows`;
    return {
      kind: 'needs-clearing',
      rows: r.storedRows,
      message: `Outcome ${r.number} has ${rows} of ${dataTypeWords(r.dataType)} data, which ${one ? 'means' : 'mean'} nothing as ${dataTypeWords(r.to)} data: changing its data type deletes ${one ? 'it' : 'them'}.`,
    };
  }
  return { kind: 'allowed', settings: settingsForDataType(r.settings, r.to), clears: r.storedRows };
}
