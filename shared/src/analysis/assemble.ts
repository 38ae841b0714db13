import { analyze } from '../stats/analyze.ts';
import { combineDichotomousGroups, combineGroups, type Derivation } from '../stats/calculators/index.ts';
import { PRESETS, presetSettings } from '../stats/presets.ts';
import type { AnalysisInput, AnalysisResult, ContinuousRow, DichotomousRow, EffectMeasure } from '../stats/types.ts';
import type { ArmResult } from '../model/study-data.ts';
import { measureBasis, type MeasureBasis } from '../model/outcome-scale.ts';
import type { AnalysisSpec } from './analysis-spec.ts';
import type { RowProvenance, RowValues } from '../outcomes/data-rows.ts';
import type { ReviewForAnalysis, StudyForAnalysis } from './review-data.ts';

// Turning extracted arm-level data into one meta-analysis (issue: Analyses):
//  - each study contributes its timepoint selected for the category (the seed's rule);
//  - several intervention or control arms are combined with the Handbook formula
//    (the seed combined TAU and a clinician-led group for a three-arm trial);
//  - MD when every study used the same scale, SMD otherwise (the seed's rule), with the
//    scales and their studies that decided it (measureBasis);
//  - scales whose direction differs from the majority have their means negated, so
//    that every study points the same way (Handbook §10.5.2);
//  - below the review's minimum number of studies the result is a narrative synthesis.

export interface StudyContribution {
  studyId: string;
  label: string;
  included: boolean;
  /** Why a study with the outcome is not in the analysis. */
  reason?: string;
  measure?: string;
  /** Derivations applied on the way (combined arms). */
  derivations: Derivation[];
  /** Means were multiplied by −1 to align the scale's direction. */
  flipped: boolean;
  subgroup?: string;
  /** An included study's numbers as analysed, and where they came from (its derived row). */
  values?: RowValues;
  provenance?: RowProvenance;
}

export interface AssembledAnalysis {
  spec: AnalysisSpec;
  /** The outcome's id in the one analysis model ("CMP-001.01"), once it has a place there. */
  outcomeId?: string;
  outcomeName: string;
  domainName: string;
  categoryName: string;
  /** Arm-level data are continuous or dichotomous; an outcome entered RevMan's way may be generic. */
  dataType: 'continuous' | 'dichotomous' | 'generic' | 'oe-variance' | 'other';
  effectMeasure: EffectMeasure;
  /** Continuous arm-level data: which studies' scales decide MD vs SMD. */
  measureBasis?: MeasureBasis;
  /** Direction the analysis is aligned to. */
  direction: 'higher-better' | 'lower-better';
  contributions: StudyContribution[];
  input: AnalysisInput | null;
  result: AnalysisResult | null;
  synthesis: 'meta-analysis' | 'narrative synthesis' | 'no data';
  /** Participants providing data (sum of arm Ns of included studies). */
  participants: number;
  minStudies: number;
  /** The outcome's own plot labels (RevMan's group and graph labels), when it has them. */
  labels?: { title?: string; experimental?: string; control?: string; favoursLeft?: string; favoursRight?: string };
}

type Continuous = Extract<ArmResult, { kind: 'continuous' }>;
type Dichotomous = Extract<ArmResult, { kind: 'dichotomous' }>;

interface StudyRowData {
  study: StudyForAnalysis;
  measure: string;
  direction: 'higher-better' | 'lower-better';
  kind: 'continuous' | 'dichotomous';
  arms: { id: string; role: 'intervention' | 'control'; label: string; result: ArmResult }[];
  studyOutcomeId: string;
  timepoint: { id: string; label: string };
}

interface StudyIndex {
  outcomeByPlanned: Map<string, StudyForAnalysis['data']['outcomes'][number]>;
  selectedByCategory: Map<string, StudyForAnalysis['data']['timepoints'][number]>;
  result: Map<string, ArmResult>;
}

// The dashboard assembles every analysis from the same study data; indexing each study
// once turns the repeated searches into map look-ups.
const indexes = new WeakMap<StudyForAnalysis['data'], StudyIndex>();

function indexOf(study: StudyForAnalysis): StudyIndex {
  let ix = indexes.get(study.data);
  if (!ix) {
    ix = { outcomeByPlanned: new Map(), selectedByCategory: new Map(), result: new Map() };
    for (const o of study.data.outcomes) if (!ix.outcomeByPlanned.has(o.outcomeId)) ix.outcomeByPlanned.set(o.outcomeId, o);
    for (const t of study.data.timepoints) if (t.selected && t.categoryId) ix.selectedByCategory.set(t.categoryId, t);
    for (const r of study.data.results) ix.result.set(`${r.studyOutcomeId}|${r.timepointId}|${r.armId}`, r.result);
    indexes.set(study.data, ix);
  }
  return ix;
}

function gather(study: StudyForAnalysis, spec: AnalysisSpec): StudyRowData | { reason: string } | null {
  const ix = indexOf(study);
  const outcome = ix.outcomeByPlanned.get(spec.outcomeId);
  if (!outcome) return null;
  const timepoint = ix.selectedByCategory.get(spec.categoryId);
  if (!timepoint) return null;
  if (outcome.dataType === 'contrast') return { reason: 'contrast-level data are not pooled with arm-level data yet' };
  const arms = study.data.arms.flatMap((arm) => {
    const result = ix.result.get(`${outcome.id}|${timepoint.id}|${arm.id}`);
    return result ? [{ id: arm.id, role: arm.role, label: arm.label, result }] : [];
  });
  if (!arms.some((a) => a.role === 'intervention') || !arms.some((a) => a.role === 'control')) {
    return { reason: `no usable data at ${timepoint.label} for both an intervention and a control arm` };
  }
  return {
    study,
    measure: outcome.measure,
    direction: outcome.direction,
    kind: outcome.dataType,
    arms,
    studyOutcomeId: outcome.id,
    timepoint: { id: timepoint.id, label: timepoint.label },
  };
}

// Contributions are listed in the review's study order (the backend sorts studies by name);
// sorting by that index is a number comparison, not a locale-aware string comparison.
const studyOrder = new WeakMap<ReviewForAnalysis, Map<string, number>>();
function orderOf(review: ReviewForAnalysis): Map<string, number> {
  let m = studyOrder.get(review);
  if (!m) {
    m = new Map(review.studies.map((s, i) => [s.id, i]));
    studyOrder.set(review, m);
  }
  return m;
}

function combineContinuous(arms: Continuous[], derivations: Derivation[]): { mean: number; sd: number; n: number } | null {
  const complete = arms.filter((a) => a.mean !== null && a.sd !== null && a.n !== null) as { mean: number; sd: number; n: number }[];
  if (complete.length !== arms.length || complete.length === 0) return null;
  return complete.slice(1).reduce((acc, g) => {
    const c = combineGroups(acc, g);
    derivations.push(c.derivation);
    return c.value;
  }, complete[0]!);
}

function combineDichotomous(arms: Dichotomous[], derivations: Derivation[]): { events: number; total: number } | null {
  const complete = arms.filter((a) => a.events !== null && a.n !== null).map((a) => ({ events: a.events!, total: a.n! }));
  if (complete.length !== arms.length || complete.length === 0) return null;
  return complete.slice(1).reduce((acc, g) => {
    const c = combineDichotomousGroups(acc, g);
    derivations.push(c.derivation);
    return c.value;
  }, complete[0]!);
}

function optionLabel(review: ReviewForAnalysis, fieldId: string, optionId: string): string {
  const field = review.form.fields.find((f) => f.id === fieldId);
  if (field?.type === 'yesNoUnclear') return optionId.charAt(0).toUpperCase() + optionId.slice(1);
  return field?.options.find((o) => o.id === optionId)?.label ?? optionId;
}

export function assembleAnalysis(review: ReviewForAnalysis, spec: AnalysisSpec): AssembledAnalysis {
  const outcome = review.protocol.plannedOutcomes.find((o) => o.id === spec.outcomeId);
  const category = review.protocol.timepointCategories.find((c) => c.id === spec.categoryId);
  const conventions = review.protocol.conventions;
  const contributions: StudyContribution[] = [];
  const gathered: StudyRowData[] = [];
  const order = orderOf(review);

  for (const study of review.studies) {
    const g = gather(study, spec);
    if (g === null) continue;
    if ('reason' in g) {
      contributions.push({ studyId: study.id, label: study.label, included: false, reason: g.reason, derivations: [], flipped: false });
      continue;
    }
    const s = spec.sensitivity;
    let excluded: string | null = null;
    if (s?.kind === 'low-risk-of-bias' && study.robOverall !== 'low') {
      excluded =
        study.robOverall === 'pending' ? 'overall risk of bias not yet judged' : `overall risk of bias is ${study.robOverall}, not low`;
    }
    if (s?.kind === 'field') {
      const v = study.choices[s.fieldId];
      const values = v === undefined ? [] : typeof v === 'string' ? [v] : v;
      if (!values.some((x) => s.optionIds.includes(x))) {
        const field = review.form.fields.find((f) => f.id === s.fieldId);
        excluded = `${field?.label ?? 'the field'} is not ${s.optionIds.map((o) => optionLabel(review, s.fieldId, o)).join(' or ')}`;
      }
    }
    if (s?.kind === 'leave-one-out' && s.studyId === study.id) excluded = 'left out in this sensitivity analysis';
    if (excluded) {
      contributions.push({ studyId: study.id, label: study.label, included: false, reason: excluded, derivations: [], flipped: false });
      continue;
    }
    gathered.push(g);
  }

  // The data type of the analysis is that of the majority of studies (ties: continuous).
  const continuousCount = gathered.filter((g) => g.kind === 'continuous').length;
  const dataType: 'continuous' | 'dichotomous' = continuousCount >= gathered.length - continuousCount ? 'continuous' : 'dichotomous';
  const usable = gathered.filter((g) => {
    if (g.kind === dataType) return true;
    contributions.push({
      studyId: g.study.id,
      label: g.study.label,
      included: false,
      reason: `${g.kind} data in a ${dataType} analysis`,
      derivations: [],
      flipped: false,
    });
    return false;
  });
  const higher = usable.filter((g) => g.direction === 'higher-better').length;
  const direction = higher >= usable.length - higher ? 'higher-better' : 'lower-better';
  const basis = dataType === 'continuous' ? measureBasis(usable.map((g) => ({ label: g.study.label, measure: g.measure }))) : undefined;
  const effectMeasure: EffectMeasure = spec.effectMeasure ?? basis?.measure ?? 'RR';

  const contRows: ContinuousRow[] = [];
  const dichRows: DichotomousRow[] = [];
  let participants = 0;
  for (const g of usable) {
    const derivations: Derivation[] = [];
    const flipped = g.direction !== direction;
    const armsOf = (role: 'intervention' | 'control') => g.arms.filter((a) => a.role === role).map((a) => ({ id: a.id, label: a.label }));
    const provenance: RowProvenance = {
      studyOutcomeId: g.studyOutcomeId,
      measure: g.measure,
      timepointId: g.timepoint.id,
      timepointLabel: g.timepoint.label,
      interventionArms: armsOf('intervention'),
      controlArms: armsOf('control'),
      flipped,
      derivations,
    };
    let values: RowValues;
    const subgroupValue = spec.subgroupFieldId ? g.study.choices[spec.subgroupFieldId] : undefined;
    const subgroup = spec.subgroupFieldId
      ? typeof subgroupValue === 'string'
        ? optionLabel(review, spec.subgroupFieldId, subgroupValue)
        : 'Not classified'
      : undefined;
    const base = { studyId: g.study.id, label: g.study.label, measure: g.measure, derivations, flipped, ...(subgroup ? { subgroup } : {}) };
    if (dataType === 'continuous') {
      const side = (role: 'intervention' | 'control') =>
        combineContinuous(
          g.arms.filter((a) => a.role === role).map((a) => a.result as Continuous),
          derivations,
        );
      const e = side('intervention');
      const c = side('control');
      if (!e || !c) {
        contributions.push({ ...base, included: false, reason: 'a mean, SD or N is missing' });
        continue;
      }
      const sign = flipped ? -1 : 1;
      contRows.push({
        study: g.study.label,
        subgroup,
        mean1: sign * e.mean,
        sd1: e.sd,
        total1: e.n,
        mean2: sign * c.mean,
        sd2: c.sd,
        total2: c.n,
      });
      participants += e.n + c.n;
      values = { kind: 'continuous', mean1: sign * e.mean, sd1: e.sd, total1: e.n, mean2: sign * c.mean, sd2: c.sd, total2: c.n };
    } else {
      const side = (role: 'intervention' | 'control') =>
        combineDichotomous(
          g.arms.filter((a) => a.role === role).map((a) => a.result as Dichotomous),
          derivations,
        );
      const e = side('intervention');
      const c = side('control');
      if (!e || !c) {
        contributions.push({ ...base, included: false, reason: 'events or N are missing' });
        continue;
      }
      dichRows.push({ study: g.study.label, subgroup, events1: e.events, total1: e.total, events2: c.events, total2: c.total });
      participants += e.total + c.total;
      values = { kind: 'dichotomous', events1: e.events, total1: e.total, events2: c.events, total2: c.total };
    }
    contributions.push({ ...base, included: true, values, provenance });
  }

  const preset = PRESETS[spec.preset ?? conventions.preset];
  const settings = { ...presetSettings(preset, effectMeasure), model: spec.model ?? conventions.model };
  const rows = dataType === 'continuous' ? contRows : dichRows;
  const input: AnalysisInput | null =
    rows.length === 0
      ? null
      : dataType === 'continuous'
        ? { ...settings, dataType, effectMeasure: effectMeasure as 'MD' | 'SMD', rows: contRows }
        : { ...settings, dataType, effectMeasure: effectMeasure as 'RR' | 'OR' | 'RD', rows: dichRows };
  const result = input ? analyze(input) : null;
  const estimable = result?.rows.filter((r) => r.estimable).length ?? 0;
  const synthesis = !result ? 'no data' : estimable >= conventions.minStudiesForMetaAnalysis ? 'meta-analysis' : 'narrative synthesis';

  return {
    spec,
    outcomeName: outcome?.name ?? spec.outcomeId,
    domainName: review.protocol.outcomeDomains.find((d) => d.id === outcome?.domainId)?.name ?? '',
    categoryName: category?.name ?? spec.categoryId,
    dataType,
    effectMeasure,
    ...(basis ? { measureBasis: basis } : {}),
    direction,
    contributions: contributions.sort((a, b) => (order.get(a.studyId) ?? 0) - (order.get(b.studyId) ?? 0)),
    input,
    result,
    synthesis,
    participants,
    minStudies: conventions.minStudiesForMetaAnalysis,
  };
}

/** Every outcome × timepoint category for which at least one study has data. */
export function plannedAnalysisSpecs(review: ReviewForAnalysis): AnalysisSpec[] {
  const specs: AnalysisSpec[] = [];
  for (const outcome of review.protocol.plannedOutcomes) {
    for (const category of review.protocol.timepointCategories) {
      const spec = { outcomeId: outcome.id, categoryId: category.id };
      if (review.studies.some((s) => gather(s, spec) !== null)) specs.push(spec);
    }
  }
  return specs;
}
