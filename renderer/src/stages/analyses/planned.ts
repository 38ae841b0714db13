import {
  tooFewStudies,
  type AnalysisSpec,
  type AnalysisSummary,
  type ExtractionForm,
  type FormField,
  type PlannedAnalysis,
  type Sensitivity,
} from '@grove/shared';

// The protocol plans subgroup and sensitivity analyses by name ("Structured vs
// unstructured interventions", "Treatment-as-usual comparators only"); the extraction
// form's choice fields hold what defines them. These pure helpers link the two, so the
// analysis view can list the planned analyses and run each one.

/** Fields that can define subgroups: one value per study (single choice or yes/no/unclear). */
export function subgroupFields(form: ExtractionForm): FormField[] {
  return form.fields.filter((f) => f.type === 'singleChoice' || f.type === 'yesNoUnclear');
}

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 3 && !['only', 'versus', 'other', 'with', 'than', 'analysis', 'interventions', 'conditions'].includes(w));

/** The choice field a planned subgroup analysis names, by the words they share (e.g. "structured"). */
export function fieldForPlanned(planned: PlannedAnalysis, form: ExtractionForm): FormField | null {
  const want = new Set(words(`${planned.name} ${planned.description}`));
  let best: { field: FormField; score: number } | null = null;
  for (const f of subgroupFields(form)) {
    const have = words(`${f.label} ${f.options.map((o) => o.label).join(' ')}`);
    const score = have.filter((w) => want.has(w)).length;
    if (score > 0 && (!best || score > best.score)) best = { field: f, score };
  }
  return best?.field ?? null;
}

const TAU = /treatment[\s-]+as[\s-]+usual|usual care|\btau\b/i;

/** "Comparator = treatment as usual" through the comparator-type field, when the form has one. */
export function tauSensitivity(form: ExtractionForm): (Sensitivity & { kind: 'field' }) | null {
  const field = form.fields.find((f) => f.type === 'singleChoice' && /comparator/i.test(f.label));
  // "Treatment as usual and active (multi-arm)" is not a TAU-only comparator.
  const option = field?.options.find((o) => TAU.test(o.label) && !/\band\b/i.test(o.label));
  return field && option ? { kind: 'field', fieldId: field.id, optionIds: [option.id] } : null;
}

export interface PlannedLink {
  readonly planned: PlannedAnalysis;
  /** What to set on the analysis spec to run it; null when no field or rule matches. */
  readonly spec: Pick<AnalysisSpec, 'subgroupFieldId' | 'sensitivity'> | null;
  /** Why it cannot be run from here. */
  readonly unlinked?: string;
}

export function linkPlanned(planned: readonly PlannedAnalysis[], form: ExtractionForm): PlannedLink[] {
  return planned.map((p) => {
    if (p.kind === 'subgroup') {
      const f = fieldForPlanned(p, form);
      return f
        ? { planned: p, spec: { subgroupFieldId: f.id } }
        : { planned: p, spec: null, unlinked: 'no single-choice field of the extraction form defines these subgroups' };
    }
    if (/risk of bias/i.test(p.name)) return { planned: p, spec: { sensitivity: { kind: 'low-risk-of-bias' } } };
    if (TAU.test(`${p.name} ${p.description}`)) {
      const s = tauSensitivity(form);
      return s
        ? { planned: p, spec: { sensitivity: s } }
        : { planned: p, spec: null, unlinked: 'the extraction form has no comparator-type field with a treatment-as-usual option' };
    }
    return { planned: p, spec: null, unlinked: 'Grove cannot tell which studies this analysis keeps' };
  });
}

/** Why an analysis (typically a sensitivity analysis) gives no pooled estimate; null when it does. */
export function notPossibleReason(s: AnalysisSummary, what: string): string | null {
  const a = s.analysis;
  if (a.synthesis === 'meta-analysis') return null;
  const k = a.contributions.filter((c) => c.included).length;
  return tooFewStudies(k, what, a.minStudies);
}

export function sensitivityPhrase(s: Sensitivity | undefined, form: ExtractionForm): string {
  if (!s) return 'in the analysis';
  if (s.kind === 'low-risk-of-bias') return 'at low risk of bias';
  if (s.kind === 'leave-one-out') return 'left after leaving one out';
  const f = form.fields.find((x) => x.id === s.fieldId);
  const opts = s.optionIds.map((id) => f?.options.find((o) => o.id === id)?.label ?? id).join(' or ');
  return `with ${f?.label.toLowerCase() ?? 'the field'} ${opts.toLowerCase()}`;
}
