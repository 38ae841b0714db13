// Turns an .rm5 outcome into the statistical core's AnalysisInput with RevMan 5's methods
// (fixed or DerSimonian–Laird random effects, Wald intervals, I² from Q), so the core can
// recompute what RevMan stored (used by the conformance suite and a later RM5 import).
import type {
  AnalysisInput,
  AnalysisSettings,
  ContinuousRow,
  DichotomousMeasure,
  DichotomousRow,
  GenericRow,
  OeVarianceMeasure,
  OeVarianceRow,
  PoolingMethod,
} from '../stats/types.ts';
import type { Rm5DataRow, Rm5Outcome, Rm5Study } from './types.ts';

export type Rm5ConversionResult = { ok: true; input: AnalysisInput } | { ok: false; reason: string };

const DICH_MEASURES: readonly string[] = ['RR', 'OR', 'RD', 'PETO_OR'];

/** Subgroup labels, made unique (two subgroups may share a name) so rows group correctly. */
function subgroupLabels(outcome: Rm5Outcome): string[] {
  const seen = new Map<string, number>();
  return outcome.subgroups.map((s) => {
    const base = s.name === '' ? `Subgroup ${s.no ?? ''}`.trim() : s.name;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} [${s.id}]`;
  });
}

/** Data rows in file order, each with its subgroup label (undefined without subgroups). */
export function outcomeRows(outcome: Rm5Outcome): Array<{ row: Rm5DataRow; subgroup: string | undefined }> {
  if (outcome.subgroups.length === 0) return outcome.rows.map((row) => ({ row, subgroup: undefined }));
  const labels = subgroupLabels(outcome);
  return outcome.subgroups.flatMap((s, i) => s.rows.map((row) => ({ row, subgroup: labels[i] })));
}

/**
 * The measure of an IPD outcome: RevMan 5's code, RevMan Web's words, or none (meta reads
 * these outcomes as Peto odds ratios, rm5-format.md §6; hazard ratios are the usual case).
 */
export function oeVarianceMeasure(m: string | null): OeVarianceMeasure | null {
  const x = (m ?? '').trim().toUpperCase().replace(/[\s.]+/g, '_');
  if (x === '' || x === 'HR' || x === 'HAZARD_RATIO') return 'HR';
  if (x === 'PETO_OR' || x === 'PETO_ODDS_RATIO' || x === 'OR' || x === 'ODDS_RATIO') return 'PETO_OR';
  return null;
}

/** Study names by id; build it once (studyNames) when converting many outcomes of one file. */
export type Rm5StudyNames = ReadonlyMap<string, string>;

export const studyNames = (studies: readonly Rm5Study[]): Rm5StudyNames => new Map(studies.map((s) => [s.id, s.name]));

export function rm5OutcomeToAnalysisInput(outcome: Rm5Outcome, studies: readonly Rm5Study[] | Rm5StudyNames = []): Rm5ConversionResult {
  const names = Array.isArray(studies) ? studyNames(studies) : (studies as Rm5StudyNames);
  const s = outcome.settings;
  const settings: Omit<AnalysisSettings, 'method'> = {
    model: s.random ? 'random' : 'fixed',
    tau2Estimator: 'DL',
    ciMethod: 'wald',
    predictionInterval: false,
    tau2Ci: false,
    i2Method: 'Q',
    ciLevel: s.ciTotal / 100,
    studyCiLevel: s.ciStudy / 100,
    overall: s.totals === 'YES',
    subgroupTest: s.subgroupTest,
    pValues: 'revman5',
  };
  const rows = outcomeRows(outcome);
  const v = (x: number | null): number => x ?? 0;
  const base = (row: Rm5DataRow, subgroup: string | undefined) => ({
    study: names.get(row.studyId) ?? row.studyId,
    ...(subgroup !== undefined ? { subgroup } : {}),
  });

  switch (outcome.kind) {
    case 'DICH': {
      const measure = s.effectMeasure ?? '';
      if (!DICH_MEASURES.includes(measure)) return { ok: false, reason: `unknown dichotomous measure '${measure}'` };
      const method = (s.method ?? (measure === 'PETO_OR' ? 'PETO' : 'MH')) as PoolingMethod;
      const dichRows: DichotomousRow[] = rows.map(({ row, subgroup }) => {
        if (row.kind !== 'DICH') throw new Error('row kind mismatch');
        const e1 = v(row.events1);
        const n1 = v(row.total1);
        const e2 = v(row.events2);
        const n2 = v(row.total2);
        // SWAP_EVENTS analyses non-events instead of events.
        return s.swapEvents
          ? { ...base(row, subgroup), events1: n1 - e1, total1: n1, events2: n2 - e2, total2: n2 }
          : { ...base(row, subgroup), events1: e1, total1: n1, events2: e2, total2: n2 };
      });
      return {
        ok: true,
        input: { ...settings, method, dataType: 'dichotomous', effectMeasure: measure as DichotomousMeasure, rows: dichRows },
      };
    }
    case 'CONT': {
      const measure = s.effectMeasure ?? '';
      if (measure !== 'MD' && measure !== 'SMD') return { ok: false, reason: `unknown continuous measure '${measure}'` };
      const contRows: ContinuousRow[] = rows.map(({ row, subgroup }) => {
        if (row.kind !== 'CONT') throw new Error('row kind mismatch');
        return {
          ...base(row, subgroup),
          mean1: v(row.mean1),
          sd1: v(row.sd1),
          total1: v(row.total1),
          mean2: v(row.mean2),
          sd2: v(row.sd2),
          total2: v(row.total2),
        };
      });
      return { ok: true, input: { ...settings, method: 'IV', dataType: 'continuous', effectMeasure: measure, rows: contRows } };
    }
    case 'IV': {
      const ivRows: GenericRow[] = rows.map(({ row, subgroup }) => {
        if (row.kind !== 'IV') throw new Error('row kind mismatch');
        return { ...base(row, subgroup), estimate: v(row.estimate), se: v(row.se) };
      });
      return {
        ok: true,
        input: { ...settings, method: 'IV', dataType: 'generic', effectMeasure: 'GENERIC', logScale: s.logData, rows: ivRows },
      };
    }
    case 'IPD': {
      const measure = oeVarianceMeasure(s.effectMeasure);
      if (measure === null) return { ok: false, reason: `unknown O−E and variance measure '${s.effectMeasure ?? ''}'` };
      const oeRows: OeVarianceRow[] = rows.map(({ row, subgroup }) => {
        if (row.kind !== 'IPD') throw new Error('row kind mismatch');
        // A row without VAR (or VAR 0) is RevMan's "Not estimable" (oe-variance.ts).
        return { ...base(row, subgroup), oe: v(row.oMinusE), variance: v(row.variance) };
      });
      // RevMan's method for these outcomes is EXP_O_E_VAR, Peto's Σ(O−E)/ΣV.
      return { ok: true, input: { ...settings, method: 'PETO', dataType: 'oe-variance', effectMeasure: measure, rows: oeRows } };
    }
    case 'OTHER':
      return { ok: false, reason: `${outcome.kind} outcomes are not supported by the statistical core yet` };
  }
}
