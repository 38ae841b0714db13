// Recognises a well-formed `grove meta` request without zod. Building the zod schemas and
// running them cold cost a short `grove meta` process more than the analyses themselves
// (issue 11: ~50 of its ~300 ms on the corpus), and almost every request is well formed.
//
// This is only a recogniser: it returns the request exactly as the schema would parse it
// (schema.ts) when it is sure the schema accepts it, and null otherwise — then the schema
// runs, and it alone words every message. Both read what a request accepts from one table
// (request-rules.ts). Anything it does not handle (covariates, the beyond-RevMan blocks, a
// continuity correction, keys the table does not have, keys present but undefined, objects
// that are not plain) is left to the schema. The cross-field rules are schema.ts's own
// (checkRequest, checkDichotomousRow), run by parseAnalysisInput. A test holds the two
// paths to the same result on the corpus and on generated near-valid input
// (test/stats/input-fast-path.test.ts).
import { asFraction, DATA_TYPES, SETTINGS, type NumberRule } from './request-rules.ts';
import type { Request } from './schema.ts';

type Json = Record<string, unknown>;

/** A plain object (what JSON.parse makes); anything else goes to the schema. */
function plainObject(v: unknown): v is Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Whether `x` passes `rule`, as the schema's number checks decide (zod's int() is a safe integer). */
function passes(x: unknown, rule: NumberRule): x is number {
  if (typeof x !== 'number') return false;
  switch (rule.kind) {
    case 'count':
      return Number.isSafeInteger(x) && x >= rule.min;
    case 'finite':
      return Number.isFinite(x);
    case 'positive':
      return Number.isFinite(x) && x > 0;
    case 'nonNegative':
      return Number.isFinite(x) && x >= 0;
  }
}

type Fields = ReadonlyArray<readonly [string, NumberRule]>;

/** Each data type's numeric row fields with their rules, in the parsed row's order, read once from the table. */
const ROW_FIELDS = new Map<unknown, Fields>(Object.entries(DATA_TYPES).map(([type, t]) => [type, Object.entries(t.row)]));

/** The settings and the values each accepts. */
const SETTING_VALUES = new Map<string, { values: readonly unknown[]; percent?: true }>(Object.entries(SETTINGS));

function row(v: unknown, fields: Fields): Json | null {
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
    if (!passes(x, rule)) return null;
    out[name] = x;
  }
  return out;
}

/** The request as the schema would parse it, or null when the schema must decide. */
export function wellFormedRequest(json: unknown): Request | null {
  if (!plainObject(json)) return null;
  const dataType = json.dataType;
  const fields = ROW_FIELDS.get(dataType);
  if (fields === undefined) return null;
  const type = DATA_TYPES[dataType as keyof typeof DATA_TYPES];
  const out: Json = { dataType };
  for (const key of Object.keys(json)) {
    const v = json[key];
    if (v === undefined) return null;
    const setting = SETTING_VALUES.get(key);
    if (setting) {
      if (!setting.values.includes(v)) return null;
      out[key] = setting.percent ? asFraction(v as number) : v;
    } else if (key === 'effectMeasure') {
      if (!(type.measures as readonly unknown[]).includes(v)) return null;
      out.effectMeasure = v;
    } else if (key === 'logScale') {
      if (typeof v !== 'boolean') return null;
      out.logScale = v;
    } else if (key !== 'dataType' && key !== 'rows') {
      // Any other key — an extension block, a continuity correction, a key the schema
      // drops — is the schema's to decide: what this recogniser takes is the table's only.
      return null;
    }
  }
  out.effectMeasure ??= type.defaultMeasure;
  if (type.logScaleDefault !== undefined) out.logScale ??= type.logScaleDefault;
  const rows = json.rows;
  if (!Array.isArray(rows) || rows.length === 0) return null;
  const parsed: Json[] = new Array<Json>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = row(rows[i], fields);
    if (r === null) return null;
    parsed[i] = r;
  }
  out.rows = parsed;
  return out as Request;
}
