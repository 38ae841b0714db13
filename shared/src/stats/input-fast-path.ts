// Recognises a well-formed `grove meta` request without zod. Building the zod schemas and
// running them cold cost a short `grove meta` process more than the analyses themselves
// (issue 11: ~50 of its ~300 ms on the corpus), and almost every request is well formed.
//
// This is only a recogniser: it returns the request exactly as the schema would parse it
// (schema.ts) when it is sure the schema accepts it, and null otherwise — then the schema
// runs, and it alone words every message. Anything it does not handle (covariates, the
// beyond-RevMan blocks, a continuity correction, keys present but undefined, objects that
// are not plain) is left to the schema. The cross-field rules are schema.ts's own
// (checkRequest, checkDichotomousRow), run by parseAnalysisInput. A test holds the two
// paths to the same result on the corpus and on generated near-valid input
// (test/stats/input-fast-path.test.ts).
import type { Request } from './schema.ts';

type Json = Record<string, unknown>;

/** A plain object (what JSON.parse makes); anything else goes to the schema. */
function plainObject(v: unknown): v is Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** A whole number ≥ min (zod's int() is a safe integer). */
const isCount = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

/** How each numeric field of a row is checked: the bounds of schema.ts's row schemas. */
type FieldRule = { kind: 'count'; min: number } | { kind: 'finite'; greaterThan?: number; atLeast?: number };

const count = (min: number): FieldRule => ({ kind: 'count', min });
const finite: FieldRule = { kind: 'finite' };
const positive: FieldRule = { kind: 'finite', greaterThan: 0 };

/** The numeric fields of each data type's row, in the schema's order (the parsed row's key order). */
const ROW_FIELDS: Record<Request['dataType'], ReadonlyArray<readonly [string, FieldRule]>> = {
  dichotomous: [
    ['events1', count(0)],
    ['total1', count(1)],
    ['events2', count(0)],
    ['total2', count(1)],
  ],
  continuous: [
    ['mean1', finite],
    ['sd1', positive],
    ['total1', count(2)],
    ['mean2', finite],
    ['sd2', positive],
    ['total2', count(2)],
  ],
  generic: [
    ['estimate', finite],
    ['se', { kind: 'finite', atLeast: 0 }],
  ],
  'oe-variance': [
    ['oe', finite],
    ['variance', positive],
  ],
};

const MEASURES: Record<Request['dataType'], readonly string[]> = {
  dichotomous: ['RR', 'OR', 'RD', 'PETO_OR'],
  continuous: ['MD', 'SMD'],
  generic: ['GENERIC'],
  'oe-variance': ['HR', 'PETO_OR'],
};

const DEFAULT_MEASURE: Record<Request['dataType'], string> = {
  dichotomous: 'OR',
  continuous: 'MD',
  generic: 'GENERIC',
  'oe-variance': 'HR',
};

const CI_LEVELS: readonly unknown[] = [0.9, 0.95, 0.99, 90, 95, 99];
const PREDICTION_INTERVALS: readonly unknown[] = [true, false, 't-k-1', 't-k-2', 'normal'];
const BOOLEANS: readonly unknown[] = [true, false];

/** The optional settings and the values the schema accepts for each. */
const SETTINGS = new Map<string, readonly unknown[]>(
  Object.entries({
    preset: ['revman5', 'cochrane2025'],
    method: ['MH', 'IV', 'PETO'],
    model: ['fixed', 'random'],
    tau2Estimator: ['DL', 'REML', 'PM'],
    ciMethod: ['wald', 'hksj', 'hksj-adhoc'],
    predictionInterval: PREDICTION_INTERVALS,
    tau2Ci: BOOLEANS,
    i2Method: ['Q', 'tau2'],
    ciLevel: CI_LEVELS,
    studyCiLevel: CI_LEVELS,
    overall: BOOLEANS,
    subgroupTest: BOOLEANS,
    pValues: ['exact', 'revman5'],
  }),
);

/** Keys the schema knows but this recogniser leaves to it. */
const LEFT_TO_THE_SCHEMA = new Set(['continuityCorrection', 'metaRegression', 'trimFill', 'cumulative', 'influence', 'glmm']);

function row(v: unknown, fields: ReadonlyArray<readonly [string, FieldRule]>): Json | null {
  if (!plainObject(v)) return null;
  const study = v.study;
  if (typeof study !== 'string' || study.length === 0) return null;
  if ('covariates' in v) return null;
  const out: Json = { study };
  if ('subgroup' in v) {
    if (typeof v.subgroup !== 'string') return null;
    out.subgroup = v.subgroup;
  }
  for (const [name, rule] of fields) {
    const x = v[name];
    if (rule.kind === 'count') {
      if (!isCount(x, rule.min)) return null;
    } else if (
      !isFinite(x) ||
      (rule.greaterThan !== undefined && !(x > rule.greaterThan)) ||
      (rule.atLeast !== undefined && !(x >= rule.atLeast))
    ) {
      return null;
    }
    out[name] = x;
  }
  return out;
}

/** The request as the schema would parse it, or null when the schema must decide. */
export function wellFormedRequest(json: unknown): Request | null {
  if (!plainObject(json)) return null;
  const dataType = json.dataType;
  if (dataType !== 'dichotomous' && dataType !== 'continuous' && dataType !== 'generic' && dataType !== 'oe-variance') return null;
  const out: Json = { dataType };
  for (const key of Object.keys(json)) {
    const v = json[key];
    if (v === undefined || LEFT_TO_THE_SCHEMA.has(key)) return null;
    const allowed = SETTINGS.get(key);
    if (allowed) {
      if (!allowed.includes(v)) return null;
      // ciLevel 95 means 0.95, as the schema's transform reads it.
      out[key] = (key === 'ciLevel' || key === 'studyCiLevel') && (v as number) > 1 ? (v as number) / 100 : v;
    } else if (key === 'effectMeasure') {
      if (!MEASURES[dataType].includes(v as string)) return null;
      out.effectMeasure = v;
    } else if (key === 'logScale') {
      if (typeof v !== 'boolean') return null;
      out.logScale = v;
    }
    // Other keys are dropped, as the schema's objects drop keys they do not know.
  }
  out.effectMeasure ??= DEFAULT_MEASURE[dataType];
  if (dataType === 'generic') out.logScale ??= false;
  const rows = json.rows;
  if (!Array.isArray(rows) || rows.length === 0) return null;
  const fields = ROW_FIELDS[dataType];
  const parsed: Json[] = new Array<Json>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = row(rows[i], fields);
    if (r === null) return null;
    parsed[i] = r;
  }
  out.rows = parsed;
  return out as Request;
}
