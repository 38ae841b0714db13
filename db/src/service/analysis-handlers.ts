import {
  analysisId,
  assembleAnalysis,
  buildTable2,
  dashboardEntry,
  resultsSentence,
  tooFewStudies,
  type AnalysisSpec,
  type AnalysisSummary,
  type AssembledAnalysis,
  type Handlers,
  type ReviewForAnalysis,
} from '@grove/shared';
import type { Db } from '../connection.ts';
import { requireDb, type ServiceContext } from './context.ts';
import { readReviewForAnalysis } from '../repositories/analysis-data-repo.ts';
import { findOutcomeFor } from '../repositories/outline-repo.ts';
import { analyseAll, analyseOne, readModel, type AnalysedOutcome, type ModelSnapshot } from './outcome-model.ts';

// Analyses are computed on demand by the statistical core from the data as they are, for
// every outcome of the one analysis model: a native review's planned outcomes (rows derived
// from the extraction) and outcomes entered or imported RevMan's way alike.

type AnalysisHandlers = Pick<Handlers, 'analyses.list' | 'analyses.dashboard' | 'analyses.run' | 'outputs.table2'>;

function summarise(review: ReviewForAnalysis, id: string, analysis: AssembledAnalysis): AnalysisSummary {
  return {
    id,
    analysis,
    sentence: resultsSentence(analysis, review.protocol.conventions),
    notPossible: plannedNotPossible(review, analysis),
  };
}

/** Planned sensitivity analyses that this analysis cannot support, with the reason. */
function plannedNotPossible(review: ReviewForAnalysis, analysis: AssembledAnalysis): { name: string; reason: string }[] {
  const out: { name: string; reason: string }[] = [];
  const included = analysis.contributions.filter((c) => c.included);
  const byId = new Map(review.studies.map((s) => [s.id, s]));
  for (const planned of review.protocol.plannedAnalyses) {
    if (planned.kind !== 'sensitivity' || !/risk of bias/i.test(planned.name)) continue;
    const low = included.filter((c) => byId.get(c.studyId)?.robOverall === 'low').length;
    if (low < analysis.minStudies) {
      out.push({
        name: planned.name,
        reason: tooFewStudies(low, 'at low risk of bias', analysis.minStudies),
      });
    }
  }
  return out;
}

/** "3 to 6 months": the range of the analysed timepoints' labels (planned outcomes only). */
function followUpText(review: ReviewForAnalysis, spec: AnalysisSpec, studyIds: readonly string[]): string {
  if (!spec.categoryId) return '';
  const picked = review.studies
    .filter((s) => studyIds.includes(s.id))
    .flatMap((s) => s.data.timepoints.filter((t) => t.categoryId === spec.categoryId && t.selected))
    .sort((a, b) => a.weeksAfterTreatment - b.weeksAfterTreatment);
  if (picked.length === 0) return '';
  const first = picked[0]!;
  const last = picked[picked.length - 1]!;
  if (first.weeksAfterTreatment === 0 && last.weeksAfterTreatment === 0) return 'End of treatment';
  return first.label === last.label ? first.label : `${first.label} to ${last.label}`;
}

/** Outcomes with at least one row: what the dashboard lists. */
export function analysedWithData(m: ModelSnapshot, overrides: Parameters<typeof analyseAll>[1] = {}): AnalysedOutcome[] {
  return analyseAll(m, overrides).filter((a) => a.analysis.rows.length > 0 || a.analysis.contributions.length > 0);
}

export function table2For(db: Db) {
  const m = readModel(db);
  const analysed = analysedWithData(m);
  const followUps = new Map(
    analysed.map((a) => [
      analysisId(a.analysis.spec.outcomeId, a.analysis.spec.categoryId),
      followUpText(
        m.review,
        a.analysis.spec,
        a.analysis.contributions.filter((c) => c.included).map((c) => c.studyId),
      ),
    ]),
  );
  return buildTable2(
    analysed.map((a) => a.analysis),
    followUps,
    m.review.protocol.conventions,
  );
}

export function analysisHandlers(ctx: ServiceContext): AnalysisHandlers {
  return {
    'analyses.list': ({ model, preset }) => {
      const m = readModel(requireDb(ctx));
      return analysedWithData(m, { ...(model ? { model } : {}), ...(preset ? { preset } : {}) }).map((a) =>
        summarise(m.review, a.record.id, a.analysis),
      );
    },
    'analyses.dashboard': () => {
      const m = readModel(requireDb(ctx));
      return analysedWithData(m, {}).map((a) =>
        dashboardEntry(a.record.id, a.analysis, resultsSentence(a.analysis, m.review.protocol.conventions)),
      );
    },
    'analyses.run': (spec) => {
      const db = requireDb(ctx);
      // The outcome the spec names (by id, or planned outcome × category), read on its own.
      const record = findOutcomeFor(db, spec.outcomeId, spec.categoryId);
      const review = readReviewForAnalysis(db);
      const { outcomeId: _o, categoryId: _c, ...overrides } = spec;
      if (record) return summarise(review, record.id, analyseOne(db, record, overrides).analysis);
      // A planned outcome × category without data has no place in the outline yet.
      return summarise(review, analysisId(spec.outcomeId, spec.categoryId), assembleAnalysis(review, spec));
    },
    'outputs.table2': () => table2For(requireDb(ctx)),
  };
}
