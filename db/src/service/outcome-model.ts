import {
  analyseModelOutcome,
  type AssembledAnalysis,
  type DataRow,
  type ModelOutcome,
  type OutcomeOverrides,
  type OutlineComparison,
  type OutlineOutcome,
  type ReviewForAnalysis,
} from '@grove/shared';
import type { Db } from '../connection.ts';
import { readReviewForAnalysis } from '../repositories/analysis-data-repo.ts';
import { readForm } from '../repositories/form-repo.ts';
import { readProtocol } from '../repositories/protocol-repo.ts';
import { readStoredRows, readStoredRowsOf } from '../repositories/data-row-repo.ts';
import { readComparisons, readOutcomes, type OutcomeRecord } from '../repositories/outline-repo.ts';

// Reading the one analysis model and analysing its outcomes: what the outline, the
// dashboard, Table 2, GRADE, the summary of findings and `grove report` all serve from.

export interface AnalysedOutcome {
  record: OutcomeRecord;
  analysis: AssembledAnalysis & { rows: DataRow[]; skipped?: string };
}

export function modelOutcome(o: OutcomeRecord): ModelOutcome {
  return {
    id: o.id,
    number: o.number,
    name: o.name,
    comparisonName: o.comparisonName,
    dataType: o.dataType,
    source: o.source,
    settings: o.settings,
    subgroups: o.subgroups.map((s) => ({ key: s.key, name: s.name })),
  };
}

export interface ModelSnapshot {
  review: ReviewForAnalysis;
  outcomes: OutcomeRecord[];
  stored: Map<string, DataRow[]>;
}

export function readModel(db: Db): ModelSnapshot {
  return { review: readReviewForAnalysis(db), outcomes: readOutcomes(db), stored: readStoredRows(db) };
}

/**
 * The model as analysing its outcomes, and nothing else, needs it (`grove report --forest`,
 * `--script`): the studies' extraction is read only when some outcome derives its rows from it.
 * An outcome entered or imported RevMan's way reads nothing of the review but its conventions
 * (analyseModelOutcome), so an imported review's plots do not read every study's extraction.
 * Not for what reads the review's studies beside the analyses (the dashboard's notes, Table 2).
 */
export function readModelToAnalyse(db: Db): ModelSnapshot {
  const outcomes = readOutcomes(db);
  const review: ReviewForAnalysis = outcomes.some((o) => o.source.kind === 'planned')
    ? readReviewForAnalysis(db)
    : { protocol: readProtocol(db), form: readForm(db), studies: [] };
  return { review, outcomes, stored: readStoredRows(db) };
}

export function analyseOutcome(m: ModelSnapshot, record: OutcomeRecord, overrides: OutcomeOverrides = {}): AnalysedOutcome {
  return { record, analysis: analyseModelOutcome(m.review, modelOutcome(record), m.stored.get(record.key) ?? [], overrides) };
}

/**
 * One outcome analysed from its own rows only: what an outcome's page and its edits read, so
 * that they do not read and number every outcome and row of the review (`analyseOutcome` on a
 * whole snapshot gives the same analysis). The review's extraction comes from its per-file cache.
 */
export function analyseOne(db: Db, record: OutcomeRecord, overrides: OutcomeOverrides = {}): AnalysedOutcome {
  return {
    record,
    analysis: analyseModelOutcome(readReviewForAnalysis(db), modelOutcome(record), readStoredRowsOf(db, record.key), overrides),
  };
}

export function analyseAll(m: ModelSnapshot, overrides: OutcomeOverrides = {}): AnalysedOutcome[] {
  return m.outcomes.map((o) => analyseOutcome(m, o, overrides));
}

function outlineOutcome(a: AnalysedOutcome): OutlineOutcome {
  const o = a.record;
  return {
    id: o.id,
    number: o.number,
    comparisonId: o.comparisonId,
    name: o.name,
    dataType: a.analysis.dataType,
    source: o.source,
    settings: o.settings,
    subgroups: o.subgroups.map((s) => ({ id: s.id, number: s.number, name: s.name })),
    studies: new Set(a.analysis.rows.map((r) => r.studyId)).size,
  };
}

export function outlineOf(db: Db, m: ModelSnapshot = readModel(db)): OutlineComparison[] {
  const analysed = analyseAll(m);
  return readComparisons(db).map((c) => ({
    id: c.id,
    number: c.number,
    name: c.name,
    outcomes: analysed.filter((a) => a.record.comparisonKey === c.key).map(outlineOutcome),
  }));
}

export function outlineOutcomeOf(a: AnalysedOutcome): OutlineOutcome {
  return outlineOutcome(a);
}
