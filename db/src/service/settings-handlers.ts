import {
  ApiError,
  analysisId,
  assembleAnalysis,
  buildSummaryOfFindings,
  finalCertainty,
  plannedAnalysisSpecs,
  reviewSettingsSchema,
  zodIssues,
  type Handlers,
} from '@grove/shared';
import { recordChange } from '../changes.ts';
import { readReviewForAnalysis } from '../repositories/analysis-data-repo.ts';
import { findGrade, listGrades } from '../repositories/grade-repo.ts';
import { readProtocol } from '../repositories/protocol-repo.ts';
import { readReviewSettings, settingsRow } from '../repositories/review-settings-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';

// Review-wide settings, GRADE certainty per analysis, and the summary-of-findings table.

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.update' | 'grade.list' | 'grade.set' | 'outputs.sof'>;

export function settingsHandlers(ctx: ServiceContext): SettingsHandlers {
  return {
    'settings.get': () => readReviewSettings(requireDb(ctx)),

    'settings.update': ({ patch }) => {
      const db = requireDb(ctx);
      const parsed = reviewSettingsSchema.safeParse({ ...readReviewSettings(db), ...patch });
      if (!parsed.success) {
        const issues = zodIssues(parsed.error).map((i) => ({ ...i, path: `patch.${i.path}` }));
        throw new ApiError('VALIDATION', `The settings were not saved: ${issues[0]?.message}`, issues);
      }
      recordChange(db, actorOf(ctx, db), 'Edit review settings', (w) =>
        w.update(TABLES.reviewSettings, 1, settingsRow(parsed.data), (f) => `Edited review settings: ${f.join(', ')}`),
      );
      return readReviewSettings(db);
    },

    'grade.list': () => listGrades(requireDb(ctx)),

    'grade.set': ({ analysisId: id, assessment }) => {
      const db = requireDb(ctx);
      const [outcomeId, categoryId] = id.split('@');
      const protocol = readProtocol(db);
      const outcome = protocol.plannedOutcomes.find((o) => o.id === outcomeId);
      const category = protocol.timepointCategories.find((c) => c.id === categoryId);
      if (!outcome || !category)
        throw new ApiError('NOT_FOUND', `There is no analysis "${id}": no such planned outcome or timepoint category.`);
      const label = `${outcome.name}, ${category.name}`;
      const existing = findGrade(db, id);
      const actor = actorOf(ctx, db);
      recordChange(db, actor, `Rate certainty: ${label}`, (w) => {
        if (!assessment) {
          if (existing) w.delete(TABLES.gradeAssessment, id, `Cleared the certainty rating of ${label}`);
          return;
        }
        const json = JSON.stringify(assessment);
        if (existing)
          w.update(TABLES.gradeAssessment, id, { assessment: json }, () => `Rated certainty of ${label}: ${finalCertainty(assessment)}`, {
            updated_at: actor.now,
          });
        else
          w.insert(
            TABLES.gradeAssessment,
            { analysis_id: id, assessment: json, updated_at: actor.now },
            `Rated certainty of ${label}: ${finalCertainty(assessment)}`,
          );
      });
      return findGrade(db, id);
    },

    'outputs.sof': () => {
      const db = requireDb(ctx);
      const review = readReviewForAnalysis(db);
      const analyses = plannedAnalysisSpecs(review).map((spec) => assembleAnalysis(review, spec));
      const grades = new Map(listGrades(db).map((g) => [g.analysisId, g.assessment]));
      const s = readReviewSettings(db);
      // PICO texts make a header only when they are short phrases, not paragraphs; what is
      // left unfilled stays null and prints as a gap to fill (sofGap), not as a generic word.
      const pico = readProtocol(db).pico;
      const short = (t: string) => (t.trim().length > 0 && t.trim().length <= 80 ? t.trim().replace(/\.$/, '') : '');
      const part = (setting: string, picoText: string) => setting.trim() || short(picoText) || null;
      return buildSummaryOfFindings(
        analyses.filter((a) => grades.has(analysisId(a.spec.outcomeId, a.spec.categoryId)) || a.synthesis === 'meta-analysis'),
        grades,
        {
          intervention: part(s.sofIntervention, pico.intervention),
          comparator: part(s.sofComparator, pico.comparator),
          population: part(s.sofPopulation, pico.population),
          ...(s.sofSetting ? { setting: s.sofSetting } : {}),
        },
      );
    },
  };
}
