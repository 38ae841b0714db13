import {
  FINAL_SLOT,
  classifyTimepoints,
  type ExtractionForm,
  type Protocol,
  type ReviewForAnalysis,
  type RobSettings,
  type StudyData,
  type StudyForAnalysis,
} from '@grove/shared';
import { rob1StudyOverall } from '@grove/shared/rob/rob1-overall';
import type { Db } from '../connection.ts';
import { cached } from '../statements.ts';
import { listCharacteristics } from './characteristic-repo.ts';
import { readForm } from './form-repo.ts';
import { readProtocol } from './protocol-repo.ts';
import { assembleRob1, readRobSettings, type Rob1Row } from './rob-repo.ts';
import { toArm, toArmResult, toStudyOutcome, toTimepoint } from './study-data-repo.ts';
import { getStudy, listStudies } from './study-repo.ts';

// What the analysis stage needs to know about a review, for the pure functions in
// shared/src/analysis. The dashboard recomputes after every edit, so this read is kept
// cheap: whole-table queries grouped in memory, and a per-file cache that, after a
// change, re-reads only the studies the change touched (from the audit entries).

type DbRow = Record<string, string | number | null>;

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

interface Context {
  protocol: Protocol;
  form: ExtractionForm;
  settings: RobSettings;
  choiceFields: Set<string>;
}

function readContext(db: Db): Context {
  const form = readForm(db);
  return {
    protocol: readProtocol(db),
    form,
    settings: readRobSettings(db),
    choiceFields: new Set(
      form.fields.filter((f) => f.type === 'singleChoice' || f.type === 'multiChoice' || f.type === 'yesNoUnclear').map((f) => f.id),
    ),
  };
}

/**
 * Reads the given studies (or every included study): whole-table queries for a full read,
 * per-study queries for the few studies a change touched.
 */
function readStudies(db: Db, ctx: Context, only: ReadonlySet<string> | null): StudyForAnalysis[] {
  // An edit that touched no study's extraction (a data row of the analysis model, say) reads nothing.
  if (only && only.size === 0) return [];
  const rows = (table: string, order: string): DbRow[] =>
    only
      ? [...only].flatMap((id) => cached(db, `SELECT * FROM ${table} WHERE study_id = ? ORDER BY ${order}`).all(id) as DbRow[])
      : (cached(db, `SELECT * FROM ${table} ORDER BY study_id, ${order}`).all() as DbRow[]);
  const values = groupBy(
    (only ? [...only].flatMap((id) => listCharacteristics(db, id)) : listCharacteristics(db)).filter(
      (v) => v.slot === FINAL_SLOT && ctx.choiceFields.has(v.fieldId),
    ),
    (v) => v.studyId,
  );
  const arms = groupBy(rows('arm', 'position, rowid').map(toArm), (a) => a.studyId);
  const outcomes = groupBy(rows('study_outcome', 'position, rowid').map(toStudyOutcome), (o) => o.studyId);
  const timepoints = groupBy(rows('timepoint', 'weeks_after_treatment, rowid').map(toTimepoint), (t) => t.studyId);
  const resultSql = 'SELECT r.*, o.study_id AS owner FROM arm_result r JOIN study_outcome o ON o.id = r.study_outcome_id';
  const resultOrder = 'ORDER BY o.study_id, o.position, r.timepoint_id, r.arm_id';
  const resultRows = only
    ? [...only].flatMap((id) => cached(db, `${resultSql} WHERE o.study_id = ? ${resultOrder}`).all(id) as DbRow[])
    : (cached(db, `${resultSql} ${resultOrder}`).all() as DbRow[]);
  const results = groupBy(
    resultRows.map((r) => ({ studyId: String(r.owner), row: toArmResult(r) })),
    (r) => r.studyId,
  );
  const rob = groupBy(
    (only
      ? [...only].flatMap((id) => cached(db, 'SELECT * FROM rob1_judgement WHERE slot = ? AND study_id = ?').all(FINAL_SLOT, id))
      : cached(db, 'SELECT * FROM rob1_judgement WHERE slot = ?').all(FINAL_SLOT)) as Rob1Row[],
    (r) => r.study_id,
  );

  // The few studies a change touched are read by id, not by listing every study and report.
  const studies = only ? [...only].flatMap((id) => getStudy(db, id) ?? []) : listStudies(db);
  return studies
    .filter((s) => s.status === 'included' && (!only || only.has(s.id)))
    .map((s) => {
      const tps = timepoints.get(s.id) ?? [];
      const classes = classifyTimepoints(tps, ctx.protocol.timepointCategories);
      const data: StudyData = {
        studyId: s.id,
        arms: arms.get(s.id) ?? [],
        outcomes: outcomes.get(s.id) ?? [],
        timepoints: tps.map((t) => ({
          ...t,
          categoryId: classes.get(t.id)?.categoryId ?? null,
          selected: classes.get(t.id)?.selected ?? false,
        })),
        results: (results.get(s.id) ?? []).map((r) => r.row),
      };
      const choices: Record<string, string | string[]> = {};
      for (const v of values.get(s.id) ?? []) {
        if (v.content.status !== 'value') continue;
        const value = v.content.value;
        if (typeof value === 'string' || Array.isArray(value)) choices[v.fieldId] = value;
      }
      const robOverall = rob1StudyOverall(assembleRob1(rob.get(s.id) ?? []), ctx.settings.overallRule).judgement;
      return { id: s.id, label: s.label, data, choices, robOverall };
    });
}

interface CacheEntry {
  version: number;
  ctx: Context;
  review: ReviewForAnalysis;
}
const cache = new WeakMap<Db, CacheEntry>();

/** Tables whose rows belong to one study (column holding its id); others force a full read. */
const STUDY_SCOPED: Readonly<Record<string, string>> = {
  arm: 'study_id',
  study_outcome: 'study_id',
  timepoint: 'study_id',
  characteristic_value: 'study_id',
  rob1_judgement: 'study_id',
  rob2_assessment: 'study_id',
};
/**
 * Tables that never change what this reads (the protocol, the form, the studies' extraction):
 * the one analysis model's outline and stored rows, GRADE ratings and RevMan's raw tables are
 * read beside it, so an edit of a data row does not make every study be read again.
 */
const IRRELEVANT = new Set([
  'report',
  'reviewer',
  'search_counts',
  'rob2_assessment',
  'comparison',
  'stored_analysis',
  'stored_subgroup',
  'stored_data_row',
  'grade_assessment',
]);

function latestChange(db: Db): number {
  return (cached(db, 'SELECT coalesce(max(id), 0) AS id FROM change').get() as { id: number }).id;
}

/** The studies touched since `version`, or null when something review-wide changed. */
function touchedStudies(db: Db, version: number): Set<string> | null {
  const entries = cached(db, 'SELECT table_name, before_row, after_row FROM audit_entry WHERE change_id > ?').all(version) as {
    table_name: string | null;
    before_row: string | null;
    after_row: string | null;
  }[];
  const ids = new Set<string>();
  for (const e of entries) {
    if (!e.table_name) return null;
    if (IRRELEVANT.has(e.table_name)) continue;
    const row = JSON.parse(e.after_row ?? e.before_row ?? 'null') as DbRow | null;
    if (!row) return null;
    if (e.table_name === 'arm_result') {
      const owner = cached(db, 'SELECT study_id FROM study_outcome WHERE id = ?').get(row.study_outcome_id) as
        { study_id: string } | undefined;
      if (!owner) return null;
      ids.add(owner.study_id);
      continue;
    }
    const column = STUDY_SCOPED[e.table_name];
    if (!column) return null;
    ids.add(String(row[column]));
  }
  return ids;
}

export function readReviewForAnalysis(db: Db): ReviewForAnalysis {
  const version = latestChange(db);
  const entry = cache.get(db);
  if (entry && entry.version === version) return entry.review;
  const touched = entry ? touchedStudies(db, entry.version) : null;
  let review: ReviewForAnalysis;
  let ctx: Context;
  if (entry && touched) {
    ctx = entry.ctx;
    const fresh = new Map(readStudies(db, ctx, touched).map((s) => [s.id, s]));
    review = { ...entry.review, studies: entry.review.studies.map((s) => fresh.get(s.id) ?? s) };
  } else {
    ctx = readContext(db);
    review = { protocol: ctx.protocol, form: ctx.form, studies: readStudies(db, ctx, null) };
  }
  cache.set(db, { version, ctx, review });
  return review;
}
