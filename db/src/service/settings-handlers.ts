import {
  ApiError,
  buildSummaryOfFindings,
  computedCertainty,
  finalCertainty,
  reviewSettingsSchema,
  zodIssues,
  type GradeAssessment,
  type GradeRecord,
  type Handlers,
  type ReviewSettings,
} from '@grove/shared';
import type { Db } from '../connection.ts';
import { recordChange, type Row } from '../changes.ts';
import { readOutcomes, syncPlannedOutline } from '../repositories/outline-repo.ts';
import { readModel } from './outcome-model.ts';
import { analysedWithData } from './analysis-handlers.ts';
import { readProtocol } from '../repositories/protocol-repo.ts';
import { cached } from '../statements.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';

// Review-wide settings, GRADE certainty per analysis, and the summary-of-findings table.

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.update' | 'grade.list' | 'grade.set' | 'reports.sof'>;
type DbRow = Record<string, string | number | null>;

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  dualExtraction: false,
  extractionFirst: null,
  extractionSecond: null,
  robFirst: null,
  robSecond: null,
  sofIntervention: '',
  sofComparator: '',
  sofPopulation: '',
  sofSetting: '',
};

export function readReviewSettings(db: Db): ReviewSettings {
  const r = cached(db, 'SELECT * FROM review_settings WHERE singleton = 1').get() as DbRow;
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));
  return {
    dualExtraction: r.dual_extraction === 1,
    extractionFirst: s(r.extraction_first),
    extractionSecond: s(r.extraction_second),
    robFirst: s(r.rob_first),
    robSecond: s(r.rob_second),
    sofIntervention: String(r.sof_intervention),
    sofComparator: String(r.sof_comparator),
    sofPopulation: String(r.sof_population),
    sofSetting: String(r.sof_setting),
  };
}

export function settingsRow(s: ReviewSettings): Row {
  return {
    dual_extraction: s.dualExtraction ? 1 : 0,
    extraction_first: s.extractionFirst,
    extraction_second: s.extractionSecond,
    rob_first: s.robFirst,
    rob_second: s.robSecond,
    sof_intervention: s.sofIntervention,
    sof_comparator: s.sofComparator,
    sof_population: s.sofPopulation,
    sof_setting: s.sofSetting,
  };
}

function toGradeRecord(r: DbRow): GradeRecord {
  const assessment = JSON.parse(String(r.assessment)) as GradeAssessment;
  return {
    analysisId: String(r.analysis_id),
    assessment,
    computed: computedCertainty(assessment),
    final: finalCertainty(assessment),
    updatedAt: String(r.updated_at),
  };
}

export function listGrades(db: Db): GradeRecord[] {
  return (cached(db, 'SELECT * FROM grade_assessment ORDER BY analysis_id').all() as DbRow[]).map(toGradeRecord);
}

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
      const existing = cached(db, 'SELECT * FROM grade_assessment WHERE analysis_id = ?').get(id) as DbRow | undefined;
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
      const saved = cached(db, 'SELECT * FROM grade_assessment WHERE analysis_id = ?').get(id) as DbRow | undefined;
      return saved ? toGradeRecord(saved) : null;
    },

    'reports.sof': () => {
      const db = requireDb(ctx);
      const m = readModel(db);
      const grades = new Map(listGrades(db).map((g) => [g.analysisId, g.assessment]));
      const analyses = analysedWithData(m)
        .filter((a) => grades.has(a.record.id) || a.analysis.synthesis === 'meta-analysis')
        .map((a) => a.analysis);
      const s = readReviewSettings(db);
      // PICO texts make a header only when they are short phrases, not paragraphs.
      const pico = readProtocol(db).pico;
      const short = (t: string) => (t.trim().length > 0 && t.trim().length <= 80 ? t.trim().replace(/\.$/, '') : '');
      return buildSummaryOfFindings(analyses, grades, {
        intervention: s.sofIntervention || short(pico.intervention) || 'Intervention',
        comparator: s.sofComparator || short(pico.comparator) || 'comparator',
        population: s.sofPopulation || short(pico.population) || 'the review population',
        ...(s.sofSetting ? { setting: s.sofSetting } : {}),
      });
    },
  };
}
