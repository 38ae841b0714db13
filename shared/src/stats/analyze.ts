// The main entry point: one analysis in, study rows, subgroup and overall results, the test
// for subgroup differences and a record of the methods out (issue 3; spec §1).
import { criticalValue } from './distributions.ts';
import { runExtensions } from './extensions.ts';
import { describeMethods } from './methods-record.ts';
import { poolStudies, type PoolContext, type PoolOutcome, type PoolableStudy } from './pool-studies.ts';
import { computeStudies, isRatioAnalysis, type StudyComputation } from './study-effects.ts';
import { subgroupDifferencesTest } from './subgroup-differences.ts';
import type {
  AnalysisInput,
  AnalysisResult,
  OverallResult,
  RowResult,
  SubgroupDifferences,
  SubgroupResult,
} from './types.ts';

interface Group {
  name: string;
  indices: number[];
}

/** Rows grouped by subgroup in order of first appearance; null when no row has a subgroup. */
function groupRows(input: AnalysisInput): Group[] | null {
  const rows: ReadonlyArray<{ subgroup?: string | undefined }> = input.rows;
  if (!rows.some((r) => r.subgroup !== undefined)) return null;
  const groups = new Map<string, Group>();
  rows.forEach((r, i) => {
    const name = r.subgroup ?? '';
    let g = groups.get(name);
    if (!g) {
      g = { name, indices: [] };
      groups.set(name, g);
    }
    g.indices.push(i);
  });
  return [...groups.values()];
}

function poolIndices(studies: StudyComputation[], indices: readonly number[], ctx: PoolContext) {
  const estimable: number[] = [];
  const poolable: PoolableStudy[] = [];
  for (const i of indices) {
    const p = studies[i]?.poolable;
    if (p) {
      estimable.push(i);
      poolable.push(p);
    }
  }
  return { estimable, outcome: poolStudies(poolable, ctx) };
}

/** Distributes pooled weights to rows as percentages of their sum. */
function assignWeights(target: number[], estimable: readonly number[], outcome: PoolOutcome): void {
  const total = outcome.weights.reduce((a, b) => a + b, 0);
  estimable.forEach((rowIndex, j) => {
    target[rowIndex] = (100 * (outcome.weights[j] as number)) / total;
  });
}

export function analyze(input: AnalysisInput): AnalysisResult {
  const ratio = isRatioAnalysis(input);
  const ctx: PoolContext = { settings: input, effectMeasure: input.effectMeasure, ratio };
  const studies = computeStudies(input);
  const allIndices = input.rows.map((_, i) => i);
  const groups = groupRows(input);
  const weights = new Array<number>(input.rows.length).fill(0);

  // Overall total: always for an analysis without subgroups; for a subgrouped analysis only
  // when requested (RevMan TOTALS="YES"); it pools all studies with its own τ² (spec §1.5).
  let overall: OverallResult | null = null;
  if (input.overall || groups === null) {
    const { estimable, outcome } = poolIndices(studies, allIndices, ctx);
    if (outcome.stats.estimable) assignWeights(weights, estimable, outcome);
    // Object.assign, not a spread: V8 gave most spread copies of these varied shapes
    // dictionary (slow) properties, which cost every later read and the printing (issue 11).
    overall = Object.assign({}, outcome.stats, { k: input.rows.length, kEstimable: estimable.length, weight: 0 });
    overall.weight = estimable.reduce((a, i) => a + (weights[i] as number), 0);
  }

  const subgroups: SubgroupResult[] = [];
  const forTest: Array<{ y: number; se: number }> = [];
  for (const g of groups ?? []) {
    const { estimable, outcome } = poolIndices(studies, g.indices, ctx);
    // Without an overall total, RevMan expresses row weights within each subgroup.
    if (!input.overall && outcome.stats.estimable) assignWeights(weights, estimable, outcome);
    const weight = estimable.reduce((a, i) => a + (weights[i] as number), 0);
    subgroups.push({ ...outcome.stats, name: g.name, k: g.indices.length, kEstimable: estimable.length, weight });
    if (outcome.stats.estimable && outcome.y !== null) forTest.push({ y: outcome.y, se: outcome.stats.se });
  }

  let subgroupDifferences: SubgroupDifferences | null = null;
  if (groups !== null && input.subgroupTest) subgroupDifferences = subgroupDifferencesTest(forTest, input.pValues);

  const zRow = criticalValue(input.studyCiLevel);
  const back = ratio ? Math.exp : (x: number): number => x;
  // Each row is one object literal: spreading a shared { study, subgroup } into it cost V8
  // about ten times as much per row (issue 11: most of `grove meta`'s time per analysis).
  const rows: RowResult[] = input.rows.map((row, i) => {
    const effect = (studies[i] as StudyComputation).effect;
    if (!effect.estimable) {
      return { study: row.study, subgroup: row.subgroup ?? null, estimable: false, estimate: null, ciLower: null, ciUpper: null, se: null, weight: 0 };
    }
    return {
      study: row.study,
      subgroup: row.subgroup ?? null,
      estimable: true,
      estimate: back(effect.y),
      ciLower: back(effect.y - zRow * effect.se),
      ciUpper: back(effect.y + zRow * effect.se),
      se: effect.se,
      weight: weights[i] as number,
    };
  });

  const methods = describeMethods(input, ratio);
  const extensions = runExtensions(input, studies, ratio, methods);
  return { rows, subgroups, overall: input.overall || groups === null ? overall : null, subgroupDifferences, methods, ...extensions };
}
