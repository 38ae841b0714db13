import {
  analysisId,
  assembleAnalysis,
  buildTable2,
  plannedAnalysisSpecs,
  resultsSentence,
  type AnalysisSpec,
  type AnalysisSummary,
  type Handlers,
  type ReviewForAnalysis,
} from '@grove/shared';
import { readReviewForAnalysis } from '../repositories/analysis-data-repo.ts';
import { requireDb, type ServiceContext } from './context.ts';

// Analyses are computed on demand by the statistical core from the data as they are.

type AnalysisHandlers = Pick<Handlers, 'analyses.list' | 'analyses.run' | 'outputs.table2'>;

function summarise(review: ReviewForAnalysis, spec: AnalysisSpec): AnalysisSummary {
  const analysis = assembleAnalysis(review, spec);
  return {
    id: analysisId(spec.outcomeId, spec.categoryId),
    analysis,
    sentence: resultsSentence(analysis, review.protocol.conventions),
    notPossible: plannedNotPossible(review, analysis),
  };
}

/** Planned sensitivity analyses that this analysis cannot support, with the reason. */
function plannedNotPossible(review: ReviewForAnalysis, analysis: ReturnType<typeof assembleAnalysis>): { name: string; reason: string }[] {
  const out: { name: string; reason: string }[] = [];
  const included = analysis.contributions.filter((c) => c.included);
  const byId = new Map(review.studies.map((s) => [s.id, s]));
  for (const planned of review.protocol.plannedAnalyses) {
    if (planned.kind !== 'sensitivity' || !/risk of bias/i.test(planned.name)) continue;
    const low = included.filter((c) => byId.get(c.studyId)?.robOverall === 'low').length;
    if (low < analysis.minStudies) {
      out.push({
        name: planned.name,
        reason: `only ${low} ${low === 1 ? 'study' : 'studies'} at low risk of bias (at least ${analysis.minStudies} needed)`,
      });
    }
  }
  return out;
}

/** "3 to 6 months": the range of the analysed timepoints' labels. */
function followUpText(review: ReviewForAnalysis, spec: AnalysisSpec, studyIds: readonly string[]): string {
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

export function analysisHandlers(ctx: ServiceContext): AnalysisHandlers {
  return {
    'analyses.list': ({ model, preset }) => {
      const review = readReviewForAnalysis(requireDb(ctx));
      return plannedAnalysisSpecs(review).map((spec) =>
        summarise(review, { ...spec, ...(model ? { model } : {}), ...(preset ? { preset } : {}) }),
      );
    },
    'analyses.run': (spec) => summarise(readReviewForAnalysis(requireDb(ctx)), spec),
    'outputs.table2': () => {
      const review = readReviewForAnalysis(requireDb(ctx));
      const analyses = plannedAnalysisSpecs(review).map((spec) => assembleAnalysis(review, spec));
      const followUps = new Map(
        analyses.map((a) => [
          analysisId(a.spec.outcomeId, a.spec.categoryId),
          followUpText(
            review,
            a.spec,
            a.contributions.filter((c) => c.included).map((c) => c.studyId),
          ),
        ]),
      );
      return buildTable2(analyses, followUps, review.protocol.conventions);
    },
  };
}
