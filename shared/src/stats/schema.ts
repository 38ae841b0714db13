// Runtime validation of the `grove meta` JSON (issue 3). Errors name the row and field,
// e.g. "rows[3].sd1: must be > 0". Optional settings default to the chosen preset
// ("revman5" unless `preset` says otherwise); explicit settings override the preset.
import * as z from 'zod';
import { checkContinuityCorrection, extensionSchemas, resolveExtensions, type IssueSink } from './extensions-schema.ts';
import { wellFormedRequest } from './input-fast-path.ts';
import { PRESETS, presetSettings, type PresetName } from './presets.ts';
import {
  asFraction,
  DATA_TYPES,
  measureMessage,
  settingMessage,
  SETTINGS,
  type DataType,
  type NumberRule,
  type SettingName,
} from './request-rules.ts';
import type { AnalysisInput, AnalysisSettings, PredictionIntervalMethod } from './types.ts';

/** A row's events cannot exceed its participants. */
export function checkDichotomousRow(r: { events1: number; total1: number; events2: number; total2: number }, ctx: IssueSink): void {
  if (r.events1 > r.total1) ctx.addIssue({ code: 'custom', path: ['events1'], message: 'must be ≤ total1' });
  if (r.events2 > r.total2) ctx.addIssue({ code: 'custom', path: ['events2'], message: 'must be ≤ total2' });
}

const finite = (): z.ZodNumber => z.number({ error: 'must be a finite number' });

/** A numeric row field's schema from its rule (request-rules.ts). */
function numberSchema(rule: NumberRule): z.ZodNumber {
  switch (rule.kind) {
    case 'count': {
      const whole = finite().int({ error: 'must be a whole number' }).min(0, { error: 'must be ≥ 0' });
      return rule.min === 0 ? whole : whole.min(rule.min, { error: `must be ≥ ${rule.min}` });
    }
    case 'finite':
      return finite();
    case 'positive':
      return finite().gt(0, { error: 'must be > 0' });
    case 'nonNegative':
      return finite().min(0, { error: 'must be ≥ 0' });
  }
}

/** What a setting parses to: one of its values, a percentage read as a fraction. */
type SettingOutput<K extends SettingName> = (typeof SETTINGS)[K] extends { percent: true } ? number : (typeof SETTINGS)[K]['values'][number];
type SettingsShape = { [K in SettingName]: z.ZodOptional<z.ZodType<SettingOutput<K>, unknown>> };

/** Each setting's schema: one of its values (request-rules.ts). */
function settingsShape(): SettingsShape {
  const shape: Record<string, z.ZodType> = {};
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const rule: { values: readonly (string | number | boolean)[]; percent?: true } = SETTINGS[name];
    const one = z.literal(rule.values, { error: settingMessage(name) });
    shape[name] = (rule.percent ? one.transform((v) => asFraction(v as number)) : one).optional();
  }
  return shape as SettingsShape;
}

/**
 * The request schemas, built on first use: building zod schemas costs a short-lived
 * `grove meta` process tens of milliseconds, and well-formed input never needs them
 * (see input-fast-path.ts). Their fields, bounds and values come from request-rules.ts.
 */
function buildRequestSchemas() {
  const { covariatesField, extensionsShape } = extensionSchemas();
  const studyName = z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' });
  const subgroupName = z.string({ error: 'must be a string' }).optional();

  const rowOf = <T extends DataType>(dataType: T) => {
    const rules: Readonly<Record<string, NumberRule>> = DATA_TYPES[dataType].row;
    const numbers = Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, numberSchema(rule)]));
    return z.object({
      study: studyName,
      subgroup: subgroupName,
      covariates: covariatesField,
      ...(numbers as { [K in keyof (typeof DATA_TYPES)[T]['row']]: z.ZodNumber }),
    });
  };
  const rowsOf = <T extends z.ZodType>(row: T) =>
    z.array(row, { error: 'must be an array of rows' }).min(1, { error: 'must contain at least one row' });
  const measureOf = <T extends DataType>(dataType: T) =>
    z
      .literal(DATA_TYPES[dataType].measures as (typeof DATA_TYPES)[T]['measures'], { error: measureMessage(dataType) })
      .default(DATA_TYPES[dataType].defaultMeasure as (typeof DATA_TYPES)[T]['measures'][number]);
  const settings = { ...settingsShape(), ...extensionsShape };

  const dichotomousRequest = z.object({
    dataType: z.literal('dichotomous'),
    effectMeasure: measureOf('dichotomous'),
    logScale: z.boolean().optional(),
    rows: rowsOf(rowOf('dichotomous').superRefine(checkDichotomousRow)),
    ...settings,
  });

  const continuousRequest = z.object({
    dataType: z.literal('continuous'),
    effectMeasure: measureOf('continuous'),
    logScale: z.boolean().optional(),
    rows: rowsOf(rowOf('continuous')),
    ...settings,
  });

  const genericRequest = z.object({
    dataType: z.literal('generic'),
    effectMeasure: measureOf('generic'),
    logScale: z.boolean({ error: 'must be true or false' }).default(DATA_TYPES.generic.logScaleDefault),
    rows: rowsOf(rowOf('generic')),
    ...settings,
  });

  const oeVarianceRequest = z.object({
    dataType: z.literal('oe-variance'),
    effectMeasure: measureOf('oe-variance'),
    logScale: z.boolean().optional(),
    rows: rowsOf(rowOf('oe-variance')),
    ...settings,
  });

  return { dichotomousRequest, continuousRequest, genericRequest, oeVarianceRequest };
}

type RequestSchemas = ReturnType<typeof buildRequestSchemas>;

/** A request as the schema parses it, before the preset's defaults are applied. */
export type Request =
  | z.infer<RequestSchemas['dichotomousRequest']>
  | z.infer<RequestSchemas['continuousRequest']>
  | z.infer<RequestSchemas['genericRequest']>
  | z.infer<RequestSchemas['oeVarianceRequest']>;

/** Cross-field rules that a per-field schema cannot express. */
export function checkRequest(req: Request, ctx: IssueSink): void {
  const m = req.method;
  if (m === 'MH' && req.dataType !== 'dichotomous') {
    ctx.addIssue({ code: 'custom', path: ['method'], message: 'Mantel–Haenszel applies only to dichotomous data' });
  }
  if (m === 'MH' && req.effectMeasure === 'PETO_OR') {
    ctx.addIssue({ code: 'custom', path: ['method'], message: "PETO_OR must use method 'PETO'" });
  }
  if (m === 'PETO' && req.effectMeasure !== 'PETO_OR' && req.dataType !== 'oe-variance') {
    ctx.addIssue({ code: 'custom', path: ['method'], message: "method 'PETO' requires effectMeasure 'PETO_OR'" });
  }
  checkContinuityCorrection(req, ctx);
  const withSubgroup = req.rows.filter((r) => r.subgroup !== undefined).length;
  if (withSubgroup > 0 && withSubgroup < req.rows.length) {
    req.rows.forEach((r, i) => {
      if (r.subgroup === undefined) {
        ctx.addIssue({ code: 'custom', path: ['rows', i, 'subgroup'], message: 'required when other rows have a subgroup' });
      }
    });
  }
}

/** The complete AnalysisInput: the request's settings over its preset's. */
function resolve(req: Request): AnalysisInput {
  const preset = PRESETS[(req.preset ?? 'revman5') as PresetName];
  const base = presetSettings(preset, req.effectMeasure);
  const pi = req.predictionInterval;
  const predictionInterval: PredictionIntervalMethod = pi === undefined ? base.predictionInterval : pi === true ? 't-k-1' : pi;
  const ciLevelValue = req.ciLevel ?? base.ciLevel;
  // O−E data pool by Peto's Σ(O−E)/ΣV unless told otherwise (IV gives the same numbers).
  const settings: AnalysisSettings = {
    method: req.method ?? (req.dataType === 'oe-variance' ? 'PETO' : base.method),
    model: req.model ?? base.model,
    tau2Estimator: req.tau2Estimator ?? base.tau2Estimator,
    ciMethod: req.ciMethod ?? base.ciMethod,
    predictionInterval,
    tau2Ci: req.tau2Ci ?? base.tau2Ci,
    i2Method: req.i2Method ?? base.i2Method,
    ciLevel: ciLevelValue,
    // Study rows follow the pooled level unless set separately (RevMan CI_STUDY/CI_TOTAL).
    studyCiLevel: req.studyCiLevel ?? ciLevelValue,
    overall: req.overall ?? base.overall,
    subgroupTest: req.subgroupTest ?? base.subgroupTest,
    pValues: req.pValues ?? base.pValues,
  };
  if (req.continuityCorrection) settings.continuityCorrection = req.continuityCorrection;
  const extensions = resolveExtensions(req);
  if (Object.keys(extensions).length > 0) settings.extensions = extensions;
  // Added to `settings`, not spread into a new object: a spread per request cost V8 more
  // than the rest of resolving it (issue 11). The keys keep the order a spread gave them.
  switch (req.dataType) {
    case 'dichotomous':
      return Object.assign(settings, { dataType: 'dichotomous' as const, effectMeasure: req.effectMeasure, rows: req.rows });
    case 'continuous':
      return Object.assign(settings, { dataType: 'continuous' as const, effectMeasure: req.effectMeasure, rows: req.rows });
    case 'generic':
      return Object.assign(settings, { dataType: 'generic' as const, effectMeasure: 'GENERIC' as const, logScale: req.logScale, rows: req.rows });
    case 'oe-variance':
      return Object.assign(settings, { dataType: 'oe-variance' as const, effectMeasure: req.effectMeasure, rows: req.rows });
  }
}

function buildAnalysisInputSchema() {
  const { dichotomousRequest, continuousRequest, genericRequest, oeVarianceRequest } = buildRequestSchemas();
  return z
    .discriminatedUnion('dataType', [dichotomousRequest, continuousRequest, genericRequest, oeVarianceRequest], {
      error: "must be 'dichotomous', 'continuous', 'generic' or 'oe-variance'",
    })
    .superRefine(checkRequest)
    .transform(resolve);
}

let schema: ReturnType<typeof buildAnalysisInputSchema> | null = null;

/** Validates `grove meta` JSON and resolves it to a complete AnalysisInput (built on first use). */
export function analysisInputSchema(): ReturnType<typeof buildAnalysisInputSchema> {
  schema ??= buildAnalysisInputSchema();
  return schema;
}

/** "rows[3].sd1" from ['rows', 3, 'sd1']. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(input)' : out;
}

export type ParseResult = { ok: true; input: AnalysisInput } | { ok: false; errors: string[] };

/** Parses unknown JSON into an AnalysisInput, or returns messages like "rows[3].sd1: must be > 0". */
export function parseAnalysisInput(json: unknown): ParseResult {
  // Well-formed input (all of the corpus's) is recognised without zod; anything else, and
  // every message, comes from the schema.
  const req = wellFormedRequest(json);
  if (req !== null) {
    let refused = false;
    const recorder = { addIssue: () => void (refused = true) };
    if (req.dataType === 'dichotomous') for (const r of req.rows) checkDichotomousRow(r, recorder);
    checkRequest(req, recorder);
    if (!refused) return { ok: true, input: resolve(req) };
  }
  const r = analysisInputSchema().safeParse(json);
  if (r.success) return { ok: true, input: r.data };
  return { ok: false, errors: r.error.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`) };
}
