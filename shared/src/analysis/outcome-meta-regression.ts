// Meta-regression of one outcome on extraction fields (issue 17, the workbench's side): each
// study's value of the chosen fields becomes a covariate of its row — number fields
// continuous, choice fields categorical (their option labels the levels) — and the core's
// meta-regression runs on the outcome's own input. Every reason it cannot run is found here,
// before the core, and named by study and field: a missing or "not reported" value, a
// categorical moderator with one level, too few studies. No half result.
import type { CharacteristicContent } from '../model/characteristic.ts';
import type { FormField } from '../model/extraction-form.ts';
import { analyze } from '../stats/analyze.ts';
import type { BlockError } from '../stats/extensions.ts';
import { metaRegressionBubble, type BubbleData } from '../stats/meta-regression-bubble.ts';
import type { MetaRegressionResult } from '../stats/meta-regression.ts';
import type { MixedTau2Method } from '../stats/mixed-effects-model.ts';
import { computeStudies } from '../stats/study-effects.ts';
import type { AnalysisInput } from '../stats/types.ts';

export type ModeratorKind = 'continuous' | 'categorical';

/** Which extraction fields can be moderators, and how: null for text, dates and multiple choice. */
export function moderatorKind(field: Pick<FormField, 'type'>): ModeratorKind | null {
  switch (field.type) {
    case 'number':
    case 'percentage':
    case 'integer':
      return 'continuous';
    case 'singleChoice':
    case 'yesNoUnclear':
      return 'categorical';
    default:
      return null;
  }
}

export interface RegressionTerm {
  /** "Intercept", the field's label, or "label: level" for a level of a categorical field. */
  term: string;
  fieldId: string | null;
  level: string | null;
  estimate: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  p: number;
}

export interface OutcomeMetaRegression {
  outcomeId: string;
  /** Coefficients are on the analysis scale: log for ratio measures. */
  ratio: boolean;
  effectMeasure: string;
  test: 'z' | 'knha';
  tau2Estimator: MixedTau2Method;
  moderators: { fieldId: string; label: string; unit: string; kind: ModeratorKind; reference: string | null }[];
  /** Studies in the model (the estimable rows). */
  k: number;
  coefficients: RegressionTerm[];
  tau2: number;
  qm: number;
  qmDf: number;
  pQm: number;
  qe: number;
  pQe: number;
  r2: number;
  /** Residual degrees of freedom, k − number of coefficients. */
  df: number;
  /** The method record's notes (inverse-variance estimates for MH and Peto, rows left out). */
  notes: string[];
  /** One continuous moderator: the bubble plot's studies and fitted line. */
  bubble: (BubbleData & { fieldId: string; xLabel: string }) | null;
}

export interface ModeratorRow {
  studyId: string;
  label: string;
}

/** The levels of a yes / no / unclear field (YES_NO_UNCLEAR), as the form shows them. */
const YES_NO_LABELS: Readonly<Record<string, string>> = { yes: 'Yes', no: 'No', unclear: 'Unclear' };

function levelLabel(field: FormField, value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (field.type === 'yesNoUnclear') return YES_NO_LABELS[value] ?? null;
  return field.options.find((o) => o.id === value)?.label ?? null;
}

export type MetaRegressionOutcome = { ok: true; value: OutcomeMetaRegression } | { ok: false; message: string };

/**
 * `rows` names the study of each of `input.rows` (same order); `valueOf` gives a study's
 * final (agreed) value of a field.
 */
export function outcomeMetaRegression(args: {
  outcomeId: string;
  input: AnalysisInput;
  rows: readonly ModeratorRow[];
  fields: readonly FormField[];
  valueOf: (studyId: string, fieldId: string) => CharacteristicContent | undefined;
  test: 'z' | 'knha';
}): MetaRegressionOutcome {
  const { input, rows, fields, test } = args;
  const fail = (message: string): MetaRegressionOutcome => ({ ok: false, message });
  if (rows.length !== input.rows.length) throw new Error('outcomeMetaRegression: rows and input rows differ in length');
  if (fields.length === 0) return fail('Choose at least one extraction field as a moderator.');
  for (const f of fields) {
    if (moderatorKind(f) === null) {
      return fail(`The extraction field "${f.label}" cannot be a moderator: only number and single-choice fields can (it is ${f.type}).`);
    }
  }
  const computed = computeStudies(input);
  const used = input.rows.map((_, i) => computed[i]?.poolable != null);
  const covariates: Record<string, number | string>[] = input.rows.map(() => ({}));
  for (const f of fields) {
    const kind = moderatorKind(f);
    const levels = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      if (!used[i]) continue;
      const row = rows[i] as ModeratorRow;
      const content = args.valueOf(row.studyId, f.id);
      if (!content)
        return fail(
          `Study "${row.label}" has no value for the extraction field "${f.label}": enter it, or leave "${f.label}" out of the model.`,
        );
      if (content.status === 'not-reported') {
        return fail(`Study "${row.label}" has "${f.label}" marked not reported: a meta-regression needs a value for every study.`);
      }
      if (kind === 'continuous') {
        if (typeof content.value !== 'number' || !Number.isFinite(content.value)) {
          return fail(`Study "${row.label}": the value of "${f.label}" is not a number.`);
        }
        (covariates[i] as Record<string, number | string>)[f.id] = content.value;
      } else {
        const level = levelLabel(f, content.value);
        if (level === null) return fail(`Study "${row.label}": the value of "${f.label}" is not one of its options.`);
        levels.add(level);
        (covariates[i] as Record<string, number | string>)[f.id] = level;
      }
    }
    if (kind === 'categorical' && levels.size < 2) {
      const only = [...levels][0] ?? '';
      return fail(
        `The moderator "${f.label}" has only one level ("${only}") among the studies: a categorical moderator needs studies in at least two of its options.`,
      );
    }
  }
  const k = used.filter(Boolean).length;
  const levelsOf = (f: FormField) =>
    [...new Set(covariates.filter((_, i) => used[i]).map((c) => c[f.id] as string))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const p = 1 + fields.reduce((n, f) => n + (moderatorKind(f) === 'continuous' ? 1 : levelsOf(f).length - 1), 0);
  if (k <= p) {
    return fail(
      `A meta-regression with ${p} coefficients (the intercept and ${fields.map((f) => `"${f.label}"`).join(', ')}) needs at least ${p + 1} studies with an estimate; this outcome has ${k}.`,
    );
  }

  const tau2Estimator: MixedTau2Method = input.model === 'fixed' ? 'FE' : 'REML';
  const withCovariates: AnalysisInput = {
    ...input,
    rows: input.rows.map((r, i) => ({ ...r, covariates: covariates[i] })) as AnalysisInput['rows'],
    extensions: { metaRegression: { moderators: fields.map((f) => f.id), test, tau2Estimator } },
  } as AnalysisInput;
  const result = analyze(withCovariates);
  const mr = result.metaRegression as MetaRegressionResult | BlockError | undefined;
  if (!mr) throw new Error('outcomeMetaRegression: the core returned no meta-regression');
  if ('error' in mr) return fail(`The meta-regression cannot run: ${labelled(mr.error, fields)}`);

  const notes = [...result.methods.notes];
  const left = rows.filter((_, i) => !used[i]).map((r) => r.label);
  if (left.length > 0) notes.push(`Left out as not estimable: ${left.join(', ')}.`);
  const continuous = fields.filter((f) => moderatorKind(f) === 'continuous');
  const single = fields.length === 1 && continuous.length === 1 ? (continuous[0] as FormField) : null;
  return {
    ok: true,
    value: {
      outcomeId: args.outcomeId,
      ratio: result.methods.ratio,
      effectMeasure: result.methods.effectMeasure,
      test,
      tau2Estimator,
      moderators: fields.map((f) => ({
        fieldId: f.id,
        label: f.label,
        unit: f.unit,
        kind: moderatorKind(f) as ModeratorKind,
        reference: moderatorKind(f) === 'categorical' ? (levelsOf(f)[0] ?? null) : null,
      })),
      k: mr.k,
      coefficients: mr.coefficients.map((c) => ({
        ...termOf(c.name, fields),
        estimate: c.estimate,
        se: c.se,
        ciLower: c.ciLower,
        ciUpper: c.ciUpper,
        p: c.p,
      })),
      tau2: mr.tau2,
      qm: mr.qm,
      qmDf: mr.qmDf,
      pQm: mr.pQm,
      qe: mr.qe,
      pQe: mr.pQe,
      r2: mr.r2,
      df: mr.df,
      notes,
      bubble: single
        ? {
            ...metaRegressionBubble(withCovariates, single.id, { test, tau2Estimator }),
            fieldId: single.id,
            xLabel: single.unit ? `${single.label} (${single.unit})` : single.label,
          }
        : null,
    },
  };
}

/** The core names coefficients by covariate key (the field id) and level: shown by the field's label. */
function termOf(name: string, fields: readonly FormField[]): Pick<RegressionTerm, 'term' | 'fieldId' | 'level'> {
  if (name === 'intercept') return { term: 'Intercept', fieldId: null, level: null };
  const exact = fields.find((f) => f.id === name);
  if (exact) return { term: exact.label, fieldId: exact.id, level: null };
  const f = fields.find((x) => name.startsWith(`${x.id}[`) && name.endsWith(']'));
  if (!f) return { term: name, fieldId: null, level: null };
  const level = name.slice(f.id.length + 1, -1);
  return { term: `${f.label}: ${level}`, fieldId: f.id, level };
}

/** The core's message names covariates by field id: say the field's label instead. */
function labelled(message: string, fields: readonly FormField[]): string {
  return fields.reduce((m, f) => m.split(f.id).join(`"${f.label}"`), message);
}
