// What a `grove meta` request accepts: its data types with their effect measures and row
// fields, and the settings with their values. One table, read by both the zod schema
// (schema.ts), which words every message, and the recogniser that takes well-formed input
// without zod (input-fast-path.ts), so that the two cannot drift apart (issue 11).

/** How a numeric row field is checked. */
export type NumberRule =
  /** A whole number (a safe integer) ≥ min. */
  | { readonly kind: 'count'; readonly min: 0 | 1 | 2 }
  /** A finite number. */
  | { readonly kind: 'finite' }
  /** A finite number > 0. */
  | { readonly kind: 'positive' }
  /** A finite number ≥ 0. */
  | { readonly kind: 'nonNegative' };

const count = <M extends 0 | 1 | 2>(min: M) => ({ kind: 'count', min }) as const;
const finite = { kind: 'finite' } as const;
const positive = { kind: 'positive' } as const;
const nonNegative = { kind: 'nonNegative' } as const;

/**
 * Each data type: its effect measures and the one a request without `effectMeasure` gets,
 * how its messages name it, the `logScale` a request without one gets (none when undefined),
 * and its row's numeric fields in the order a parsed row has them (after `study` and `subgroup`).
 */
export const DATA_TYPES = {
  dichotomous: {
    label: 'dichotomous data',
    measures: ['RR', 'OR', 'RD', 'PETO_OR'],
    defaultMeasure: 'OR',
    logScaleDefault: undefined,
    row: { events1: count(0), total1: count(1), events2: count(0), total2: count(1) },
  },
  continuous: {
    label: 'continuous data',
    measures: ['MD', 'SMD'],
    defaultMeasure: 'MD',
    logScaleDefault: undefined,
    row: { mean1: finite, sd1: positive, total1: count(2), mean2: finite, sd2: positive, total2: count(2) },
  },
  generic: {
    label: 'generic data',
    measures: ['GENERIC'],
    defaultMeasure: 'GENERIC',
    // Generic estimates are on their natural scale unless the request says they are logs.
    logScaleDefault: false,
    // SE = 0 is accepted: RevMan shows such a row as "Not estimable".
    row: { estimate: finite, se: nonNegative },
  },
  'oe-variance': {
    label: 'O−E and variance data',
    measures: ['HR', 'PETO_OR'],
    defaultMeasure: 'HR',
    logScaleDefault: undefined,
    // Unlike a generic SE of 0, a variance of 0 is refused: a study without information has no
    // O−E row to enter (an .rm5 file's VAR="0.0" row is still shown as "Not estimable").
    row: { oe: finite, variance: positive },
  },
} as const satisfies Record<
  string,
  {
    label: string;
    measures: readonly string[];
    defaultMeasure: string;
    logScaleDefault: false | undefined;
    row: Readonly<Record<string, NumberRule>>;
  }
>;

export type DataType = keyof typeof DATA_TYPES;

/** The confidence levels, as a fraction or a percentage (95 means 0.95). */
const CI_LEVELS = [0.9, 0.95, 0.99, 90, 95, 99] as const;
const CI_LEVEL_MESSAGE = 'must be 0.9, 0.95 or 0.99 (or 90, 95, 99)';
const BOOLEANS = [true, false] as const;

/** The optional settings, each with the values it accepts, in the order a parsed request has them. */
export const SETTINGS = {
  preset: { values: ['revman5', 'cochrane2025'] },
  method: { values: ['MH', 'IV', 'PETO'] },
  model: { values: ['fixed', 'random'] },
  tau2Estimator: { values: ['DL', 'REML', 'PM'] },
  ciMethod: { values: ['wald', 'hksj', 'hksj-adhoc'] },
  predictionInterval: { values: [true, false, 't-k-1', 't-k-2', 'normal'] },
  tau2Ci: { values: BOOLEANS },
  i2Method: { values: ['Q', 'tau2'] },
  ciLevel: { values: CI_LEVELS, message: CI_LEVEL_MESSAGE, percent: true },
  studyCiLevel: { values: CI_LEVELS, message: CI_LEVEL_MESSAGE, percent: true },
  overall: { values: BOOLEANS },
  subgroupTest: { values: BOOLEANS },
  pValues: { values: ['exact', 'revman5'] },
} as const satisfies Record<string, { values: readonly (string | number | boolean)[]; message?: string; percent?: true }>;

export type SettingName = keyof typeof SETTINGS;

/** A value as a message shows it: strings quoted. */
const shown = (v: string | number | boolean): string => (typeof v === 'string' ? `'${v}'` : String(v));

/** "'a', 'b' or 'c'". */
function alternatives(values: readonly (string | number | boolean)[]): string {
  const all = values.map(shown);
  return all.length === 1 ? (all[0] as string) : `${all.slice(0, -1).join(', ')} or ${all[all.length - 1] as string}`;
}

/** The message for a value a setting does not accept. */
export function settingMessage(name: SettingName): string {
  const rule: { values: readonly (string | number | boolean)[]; message?: string } = SETTINGS[name];
  return rule.message ?? `must be ${alternatives(rule.values)}`;
}

/** The message for an effect measure a data type does not have. */
export function measureMessage(dataType: DataType): string {
  const t = DATA_TYPES[dataType];
  return `unknown measure for ${t.label} (expected ${alternatives(t.measures)})`;
}

/** A percentage setting's value as a fraction (95 → 0.95), as both readers give it. */
export const asFraction = (v: number): number => (v > 1 ? v / 100 : v);
