// The stored analyses of a review (the RevMan section) as the typed outcomes the .rm5 reader
// produces, so the same conversion and statistical core recompute them (storedAnalyses.list,
// the .rm5 export). Stored results are empty: Grove keeps inputs and settings only.
import type { RevmanAnalysis, RevmanComparison, RevmanDataRow, RevmanSection } from './document-section.ts';
import type { Rm5DataRow, Rm5Outcome, Rm5StoredPooled, Rm5StoredRow, Rm5Study } from './types.ts';

const EMPTY_POOLED: Rm5StoredPooled = {
  estimable: null, effectSize: null, ciStart: null, ciEnd: null, logEffectSize: null, logCiStart: null, logCiEnd: null, z: null, pZ: null,
  chi2: null, df: null, pChi2: null, i2: null, tau2: null, weight: null, total1: null, total2: null, events1: null, events2: null,
};
const EMPTY_ROW: Rm5StoredRow = {
  estimable: null, effectSize: null, ciStart: null, ciEnd: null, se: null, weight: null, logEffectSize: null, logCiStart: null, logCiEnd: null, variance: null, oMinusE: null,
};

export function sectionRow(r: RevmanDataRow, rm5StudyId: string): Rm5DataRow {
  const base = { studyId: rm5StudyId, order: r.order, footnote: r.footnote, stored: EMPTY_ROW };
  switch (r.kind) {
    case 'DICH':
      return { ...base, kind: 'DICH', events1: r.events1, total1: r.total1, events2: r.events2, total2: r.total2 };
    case 'CONT':
      return { ...base, kind: 'CONT', mean1: r.mean1, sd1: r.sd1, total1: r.total1, mean2: r.mean2, sd2: r.sd2, total2: r.total2 };
    case 'IV':
      return { ...base, kind: 'IV', estimate: r.estimate, se: r.se, total1: r.total1, total2: r.total2 };
    case 'IPD':
      return { ...base, kind: 'IPD', oMinusE: r.oMinusE, variance: r.variance };
    case 'OTHER':
      return { ...base, kind: 'OTHER', attributes: r.attributes };
  }
}

export interface SectionOutcome {
  comparison: RevmanComparison;
  analysis: RevmanAnalysis;
  outcome: Rm5Outcome;
  /** Rows in stored order, beside the typed rows of `outcome` (same order as outcomeRows()). */
  rows: RevmanDataRow[];
}

/**
 * Every stored analysis as a typed outcome. Studies are named by their RevMan id when they
 * have one (so results line up with the file), otherwise by Grove's id.
 */
export function sectionOutcomes(section: RevmanSection, studyLabels: ReadonlyMap<string, string>): { outcomes: SectionOutcome[]; studies: Rm5Study[] } {
  const rm5Of = new Map(section.studies.map((s) => [s.studyId, s.rm5Id]));
  const idOf = (studyId: string): string => rm5Of.get(studyId) ?? studyId;
  const studies: Rm5Study[] = [...studyLabels].map(([id, label]) => ({ id: idOf(id), name: label, year: null, dataSource: null }));
  const rowsByAnalysis = new Map<string, RevmanDataRow[]>();
  for (const r of section.rows) rowsByAnalysis.set(r.analysisId, [...(rowsByAnalysis.get(r.analysisId) ?? []), r]);
  const subgroupsByAnalysis = new Map<string, RevmanSection['subgroups']>();
  for (const s of section.subgroups) subgroupsByAnalysis.set(s.analysisId, [...(subgroupsByAnalysis.get(s.analysisId) ?? []), s]);
  const comparisons = new Map(section.comparisons.map((c) => [c.id, c]));
  const outcomes: SectionOutcome[] = [];
  for (const a of section.analyses) {
    const comparison = comparisons.get(a.comparisonId);
    if (!comparison) continue;
    const rows = (rowsByAnalysis.get(a.id) ?? []).slice().sort((x, y) => x.position - y.position);
    const subgroups = (subgroupsByAnalysis.get(a.id) ?? []).slice().sort((x, y) => x.position - y.position);
    const ordered = subgroups.length > 0 ? subgroups.flatMap((s) => rows.filter((r) => r.subgroupId === s.id)) : rows.filter((r) => r.subgroupId === null);
    const outcome: Rm5Outcome = {
      kind: a.kind,
      id: a.rm5Id,
      no: a.no,
      name: a.name,
      groupLabel1: a.groupLabel1,
      groupLabel2: a.groupLabel2,
      graphLabel1: a.graphLabel1,
      graphLabel2: a.graphLabel2,
      settings: {
        effectMeasure: a.effectMeasure,
        method: a.method,
        random: a.random,
        ciStudy: a.ciStudy,
        ciTotal: a.ciTotal,
        totals: a.totals,
        subgroups: a.subgroups,
        subgroupTest: a.subgroupTest,
        swapEvents: a.swapEvents,
        logData: a.logData,
        sortBy: a.sortBy,
        studies: ordered.length,
        units: a.units,
      },
      stored: { ...EMPTY_POOLED, q: null, pQ: null, i2Q: null },
      subgroups: subgroups.map((s) => ({
        id: s.rm5Id,
        no: s.no,
        name: s.name,
        stored: EMPTY_POOLED,
        rows: rows.filter((r) => r.subgroupId === s.id).map((r) => sectionRow(r, idOf(r.studyId))),
      })),
      rows: subgroups.length > 0 ? [] : ordered.map((r) => sectionRow(r, idOf(r.studyId))),
    };
    outcomes.push({ comparison, analysis: a, outcome, rows: ordered });
  }
  return { outcomes, studies };
}
