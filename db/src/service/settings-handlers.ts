import { ApiError, buildSummaryOfFindings, finalCertainty, reviewSettingsSchema, zodIssues, type Handlers } from '@grove/shared';
import type { Db } from '../connection.ts';
import { recordChange } from '../changes.ts';
import { findGrade, listGrades } from '../repositories/grade-repo.ts';
import { readOutcomes, syncPlannedOutline } from '../repositories/outline-repo.ts';
import { readModel } from './outcome-model.ts';
import { analysedWithData } from './analysis-handlers.ts';
import { readProtocol } from '../repositories/protocol-repo.ts';
import { readReviewSettings, settingsRow } from '../repositories/review-settings-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';

// Review-wide settings, GRADE certainty per analysis, and the summary-of-findings table.

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.update' | 'grade.list' | 'grade.set' | 'outputs.sof'>;

/**
 * The outcome a rating is for: an outcome id ("CMP-001.01"), or a planned outcome ×
 * timepoint category ("outcome@category") as analyses without data are named, which
 * gives that analysis its outcome in the outline first (in its own change).
 */
function gradedOutcome(db: Db, ctx: ServiceContext, requested: string): { id: string; label: string } {
  const byId = readOutcomes(db).find((o) => o.id === requested);
  if (byId) return { id: byId.id, label: `${byId.number} ${byId.name}` };
  const [outcomeId, categoryId] = requested.split('@');
  const protocol = readProtocol(db);
  const outcome = protocol.plannedOutcomes.find((o) => o.id === outcomeId);
  const category = protocol.timepointCategories.find((c) => c.id === categoryId);
  if (!outcome || !category)
    throw new ApiError('NOT_FOUND', `There is no analysis "${requested}": no such outcome, planned outcome or timepoint category.`);
  const planned = () =>
    readOutcomes(db).find(
      (o) => o.source.kind === 'planned' && o.source.plannedOutcomeId === outcomeId && o.source.categoryId === categoryId,
    );
  if (!planned()) {
    recordChange(db, actorOf(ctx, db), `Add ${outcome.name}, ${category.name} to the analyses`, (w) =>
      syncPlannedOutline(db, (table, row, summary) => w.insert(table === 'comparison' ? TABLES.comparison : TABLES.outcome, row, summary), [
        requested,
      ]),
    );
  }
  const o = planned();
  if (!o) throw new Error(`The outline has no outcome for ${requested} after adding it`);
  return { id: o.id, label: `${o.number} ${o.name}` };
}

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

    'grade.set': ({ analysisId: requested, assessment }) => {
      const db = requireDb(ctx);
      const { id, label } = gradedOutcome(db, ctx, requested);
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
      const m = readModel(db);
      const grades = new Map(listGrades(db).map((g) => [g.analysisId, g.assessment]));
      const analyses = analysedWithData(m)
        .filter((a) => grades.has(a.record.id) || a.analysis.synthesis === 'meta-analysis')
        .map((a) => a.analysis);
      const s = readReviewSettings(db);
      // PICO texts make a header only when they are short phrases, not paragraphs; what is
      // left unfilled stays null and prints as a gap to fill (sofGap), not as a generic word.
      const pico = readProtocol(db).pico;
      const short = (t: string) => (t.trim().length > 0 && t.trim().length <= 80 ? t.trim().replace(/\.$/, '') : '');
      const part = (setting: string, picoText: string) => setting.trim() || short(picoText) || null;
      return buildSummaryOfFindings(analyses, grades, {
        intervention: part(s.sofIntervention, pico.intervention),
        comparator: part(s.sofComparator, pico.comparator),
        population: part(s.sofPopulation, pico.population),
        ...(s.sofSetting ? { setting: s.sofSetting } : {}),
      });
    },
  };
}
