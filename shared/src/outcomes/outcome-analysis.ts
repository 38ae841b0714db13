import { assembleAnalysis, type AssembledAnalysis, type StudyContribution } from '../analysis/assemble.ts';
import type { AnalysisSpec } from '../analysis/analysis-spec.ts';
import type { ReviewForAnalysis } from '../analysis/review-data.ts';
import { analyze } from '../stats/analyze.ts';
import { PRESETS, presetSettings, type PresetName } from '../stats/presets.ts';
import type {
  AnalysisInput,
  ContinuousRow,
  DichotomousMeasure,
  DichotomousRow,
  EffectMeasure,
  GenericRow,
  OeVarianceMeasure,
  OeVarianceRow,
  PoolingMethod,
} from '../stats/types.ts';
import { oeVarianceMeasure } from '../rm5/to-analysis-input.ts';
import { derivedRowId, type DataRow } from './data-rows.ts';
import type { AnalysisDataType, OutcomeSettings, OutcomeSource } from './outline.ts';

// One outcome of the model, analysed: its rows (derived from the extraction, detached or
// direct) pooled with its settings. A planned outcome whose settings still follow the
// review's conventions is exactly today's assembled analysis (timepoint rule, combined
// arms, direction alignment, MD/SMD rule, minimum studies), with detached and direct rows
// taking their place; any other outcome is pooled as RevMan pools it, with its own settings.

export interface ModelOutcome {
  id: string;
  number: string;
  name: string;
  comparisonName: string;
  dataType: AnalysisDataType;
  source: OutcomeSource;
  settings: OutcomeSettings;
  subgroups: readonly { key: string; name: string }[];
}

/** Overrides the dashboard asks for (another model or method preset, a forced measure). */
export type OutcomeOverrides = Pick<AnalysisSpec, 'model' | 'preset' | 'effectMeasure' | 'subgroupFieldId' | 'sensitivity'>;

const DICH: readonly string[] = ['RR', 'OR', 'RD', 'PETO_OR'];

/** The derived rows of a planned outcome: one per included study of the assembled analysis. */
export function derivedRows(assembled: AssembledAnalysis): DataRow[] {
  return assembled.contributions.flatMap((c) =>
    c.included && c.values && c.provenance
      ? [
          {
            id: derivedRowId(c.studyId),
            origin: 'derived' as const,
            studyId: c.studyId,
            studyLabel: c.label,
            subgroupId: null,
            footnote: null,
            values: c.values,
            provenance: c.provenance,
          },
        ]
      : [],
  );
}

/** Every row of an outcome: derived rows give way to the study's detached row; direct rows follow. */
export function outcomeRows(assembled: AssembledAnalysis | null, stored: readonly DataRow[]): DataRow[] {
  const detached = new Set(stored.filter((r) => r.origin === 'detached').map((r) => r.studyId));
  const derived = assembled ? derivedRows(assembled).filter((r) => !detached.has(r.studyId)) : [];
  return [...derived, ...stored];
}

/** The measure to pool with: forced by the dashboard, set on the outcome, or by the review's rule; null = unknown. */
function measureOf(outcome: ModelOutcome, overrides: OutcomeOverrides, ruleMeasure: EffectMeasure | null): EffectMeasure | null {
  const chosen = overrides.effectMeasure ?? outcome.settings.effectMeasure ?? ruleMeasure;
  switch (outcome.dataType) {
    case 'dichotomous':
      return chosen && DICH.includes(chosen) ? (chosen as DichotomousMeasure) : chosen === null ? 'RR' : null;
    case 'continuous':
      if (chosen === 'MD' || chosen === 'SMD') return chosen;
      return chosen === null ? 'MD' : null;
    case 'generic':
      return 'GENERIC';
    case 'oe-variance':
      // RevMan 5's code or RevMan Web's words; hazard ratios unless the outcome says Peto OR.
      return oeVarianceMeasure(chosen);
    default:
      return null;
  }
}

/** The statistical core's input for an outcome's rows, or why there is none. */
export function modelOutcomeInput(
  outcome: ModelOutcome,
  rows: readonly DataRow[],
  options: {
    preset: PresetName;
    overrides: OutcomeOverrides;
    ruleMeasure: EffectMeasure | null;
    subgroupOf?: (r: DataRow) => string | undefined;
  },
): { ok: true; input: AnalysisInput } | { ok: false; reason: string } {
  const measure = measureOf(outcome, options.overrides, options.ruleMeasure);
  if (measure === null) {
    return outcome.dataType === 'oe-variance' || outcome.dataType === 'other'
      ? {
          ok: false,
          reason: `${outcome.dataType === 'other' ? '“Other data”' : 'O − E and variance'} outcomes are not pooled by Grove yet`,
        }
      : { ok: false, reason: `unknown ${outcome.dataType} effect measure “${outcome.settings.effectMeasure ?? ''}”` };
  }
  const s = outcome.settings;
  const preset = PRESETS[options.preset];
  const base = presetSettings(preset, measure);
  const method: PoolingMethod =
    outcome.dataType === 'dichotomous' && (s.method === 'MH' || s.method === 'IV' || s.method === 'PETO') && options.preset === 'revman5'
      ? s.method
      : base.method;
  const settings = {
    ...base,
    method,
    model: options.overrides.model ?? s.model,
    ciLevel: s.ciTotal / 100,
    studyCiLevel: s.ciStudy / 100,
    overall: s.totals === 'YES',
    subgroupTest: s.subgroupTest,
  };
  const subgroupName = new Map(outcome.subgroups.map((g) => [g.key, g.name]));
  const group = (r: DataRow) => {
    const name = options.subgroupOf ? options.subgroupOf(r) : r.subgroupId ? (subgroupName.get(r.subgroupId) ?? r.subgroupId) : undefined;
    return { study: r.studyLabel, ...(name !== undefined ? { subgroup: name } : {}) };
  };
  if (outcome.dataType === 'dichotomous') {
    const out: DichotomousRow[] = [];
    for (const r of rows) {
      if (r.values.kind !== 'dichotomous') return { ok: false, reason: `${r.studyLabel}: not dichotomous data` };
      const v = r.values;
      out.push(
        s.swapEvents
          ? { ...group(r), events1: v.total1 - v.events1, total1: v.total1, events2: v.total2 - v.events2, total2: v.total2 }
          : { ...group(r), events1: v.events1, total1: v.total1, events2: v.events2, total2: v.total2 },
      );
    }
    return { ok: true, input: { ...settings, dataType: 'dichotomous', effectMeasure: measure as DichotomousMeasure, rows: out } };
  }
  if (outcome.dataType === 'continuous') {
    const out: ContinuousRow[] = [];
    for (const r of rows) {
      if (r.values.kind !== 'continuous') return { ok: false, reason: `${r.studyLabel}: not continuous data` };
      const { kind: _k, ...v } = r.values;
      out.push({ ...group(r), ...v });
    }
    return { ok: true, input: { ...settings, dataType: 'continuous', effectMeasure: measure as 'MD' | 'SMD', rows: out } };
  }
  if (outcome.dataType === 'oe-variance') {
    const out: OeVarianceRow[] = [];
    for (const r of rows) {
      if (r.values.kind !== 'oe-variance') return { ok: false, reason: `${r.studyLabel}: not O − E and variance data` };
      out.push({ ...group(r), oe: r.values.oMinusE, variance: r.values.variance });
    }
    // RevMan's method for these outcomes is EXP_O_E_VAR: Peto's Σ(O − E)/ΣV.
    return {
      ok: true,
      input: { ...settings, method: 'PETO', dataType: 'oe-variance', effectMeasure: measure as OeVarianceMeasure, rows: out },
    };
  }
  const out: GenericRow[] = [];
  for (const r of rows) {
    if (r.values.kind !== 'generic') return { ok: false, reason: `${r.studyLabel}: not generic inverse-variance data` };
    out.push({ ...group(r), estimate: r.values.estimate, se: r.values.se });
  }
  return { ok: true, input: { ...settings, dataType: 'generic', effectMeasure: 'GENERIC', logScale: s.logData, rows: out } };
}

function participantsOf(rows: readonly DataRow[]): number {
  let n = 0;
  for (const r of rows) if (r.values.kind === 'dichotomous' || r.values.kind === 'continuous') n += r.values.total1 + r.values.total2;
  return n;
}

function outcomeLabels(outcome: ModelOutcome): AssembledAnalysis['labels'] {
  const s = outcome.settings;
  return {
    title: `${outcome.number} ${outcome.name}`,
    ...(s.groupLabel1 ? { experimental: s.groupLabel1 } : {}),
    ...(s.groupLabel2 ? { control: s.groupLabel2 } : {}),
    ...(s.graphLabel1 ? { favoursLeft: s.graphLabel1 } : {}),
    ...(s.graphLabel2 ? { favoursRight: s.graphLabel2 } : {}),
  };
}

/**
 * Analyses one outcome of the model in the shape the dashboard, Table 2, GRADE and the
 * summary of findings read. `stored` are its direct and detached rows.
 */
export function analyseModelOutcome(
  review: ReviewForAnalysis,
  outcome: ModelOutcome,
  stored: readonly DataRow[],
  overrides: OutcomeOverrides = {},
): AssembledAnalysis & { rows: DataRow[]; skipped?: string } {
  const conventions = review.protocol.conventions;
  const planned = outcome.source.kind === 'planned' ? outcome.source : null;
  if (planned) {
    const spec: AnalysisSpec = { outcomeId: planned.plannedOutcomeId, categoryId: planned.categoryId, ...overrides };
    const assembled = assembleAnalysis(review, spec);
    const rows = outcomeRows(assembled, stored);
    // Untouched: exactly today's assembled analysis.
    if (planned.followsConventions && stored.length === 0) return { ...assembled, outcomeId: outcome.id, rows };
    const preset = overrides.preset ?? conventions.preset;
    const effective: ModelOutcome = planned.followsConventions
      ? { ...outcome, dataType: assembled.dataType, settings: { ...outcome.settings, model: overrides.model ?? conventions.model } }
      : outcome;
    const subgroupOf = spec.subgroupFieldId
      ? (r: DataRow) => assembled.contributions.find((c) => c.studyId === r.studyId)?.subgroup ?? 'Not classified'
      : undefined;
    const conv = modelOutcomeInput(effective, rows, {
      preset,
      overrides,
      ruleMeasure: planned.followsConventions ? assembled.effectMeasure : null,
      ...(subgroupOf ? { subgroupOf } : {}),
    });
    const replaced = new Set(rows.filter((r) => r.origin !== 'derived').map((r) => r.studyId));
    const contributions: StudyContribution[] = [
      ...assembled.contributions.filter((c) => !replaced.has(c.studyId)),
      ...rows
        .filter((r) => r.origin !== 'derived')
        .map((r) => ({ studyId: r.studyId, label: r.studyLabel, included: true, derivations: [], flipped: false, values: r.values })),
    ];
    const input = conv.ok && conv.input.rows.length > 0 ? conv.input : null;
    const result = input ? analyze(input) : null;
    const estimable = result?.rows.filter((r) => r.estimable).length ?? 0;
    return {
      ...assembled,
      outcomeId: outcome.id,
      effectMeasure: input?.effectMeasure ?? assembled.effectMeasure,
      contributions,
      input,
      result,
      synthesis: !result ? 'no data' : estimable >= conventions.minStudiesForMetaAnalysis ? 'meta-analysis' : 'narrative synthesis',
      participants: participantsOf(rows),
      rows,
      ...(conv.ok ? {} : { skipped: conv.reason }),
    };
  }

  const rows = outcomeRows(null, stored);
  const conv = modelOutcomeInput(outcome, rows, { preset: overrides.preset ?? 'revman5', overrides, ruleMeasure: null });
  const input = conv.ok && conv.input.rows.length > 0 ? conv.input : null;
  const result = input ? analyze(input) : null;
  const estimable = result?.rows.filter((r) => r.estimable).length ?? 0;
  const subgroupName = new Map(outcome.subgroups.map((g) => [g.key, g.name]));
  return {
    spec: { outcomeId: outcome.id, categoryId: '', ...overrides },
    outcomeId: outcome.id,
    outcomeName: outcome.name,
    domainName: outcome.comparisonName,
    categoryName: outcome.comparisonName,
    dataType: outcome.dataType,
    effectMeasure: (input?.effectMeasure ?? 'GENERIC') as EffectMeasure,
    direction: 'higher-better',
    contributions: rows.map((r) => ({
      studyId: r.studyId,
      label: r.studyLabel,
      included: true,
      derivations: [],
      flipped: false,
      values: r.values,
      ...(r.subgroupId ? { subgroup: subgroupName.get(r.subgroupId) ?? r.subgroupId } : {}),
    })),
    input,
    result,
    synthesis: !result ? 'no data' : estimable >= conventions.minStudiesForMetaAnalysis ? 'meta-analysis' : 'narrative synthesis',
    participants: participantsOf(rows),
    minStudies: conventions.minStudiesForMetaAnalysis,
    labels: outcomeLabels(outcome),
    rows,
    ...(conv.ok ? {} : { skipped: conv.reason }),
  };
}
