import { randomUUID } from 'node:crypto';
import {
  DATA_TYPE_OF_KIND,
  displayNumber,
  plannedOutlineAdditions,
  type AnalysisDataType,
  type OutcomeSettings,
  type OutcomeSource,
} from '@grove/shared';
import type { Db } from '../connection.ts';
import { cached } from '../statements.ts';
import { readReviewForAnalysis } from './analysis-data-repo.ts';
import { readProtocol } from './protocol-repo.ts';

// The outline of the one analysis model: comparisons (table comparison), outcomes
// (stored_analysis) and subgroups (stored_subgroup), in position order.

type Cell = string | number | null;
type DbRow = Record<string, Cell>;

export interface OutcomeRecord {
  /** Primary key (a UUID); the public id is `id`. */
  key: string;
  id: string;
  comparisonKey: string;
  comparisonId: string;
  comparisonName: string;
  comparisonPosition: number;
  position: number;
  name: string;
  dataType: AnalysisDataType;
  source: OutcomeSource;
  settings: OutcomeSettings;
  /** Number as RevMan shows it: "1.2". */
  number: string;
  subgroups: { key: string; id: string; number: string; name: string; position: number }[];
}

export interface ComparisonRecord {
  key: string;
  id: string;
  name: string;
  position: number;
  number: string;
  origin: 'entered' | 'protocol';
}

const str = (v: Cell | undefined): string | null => (v === null || v === undefined ? null : String(v));

function settingsOf(a: DbRow): OutcomeSettings {
  return {
    effectMeasure: str(a.effect_measure),
    method: str(a.method) as OutcomeSettings['method'],
    model: Number(a.random) === 1 ? 'random' : 'fixed',
    ciStudy: Number(a.ci_study),
    ciTotal: Number(a.ci_total),
    totals: String(a.totals) as OutcomeSettings['totals'],
    subgroupTest: Number(a.subgroup_test) === 1,
    swapEvents: Number(a.swap_events) === 1,
    logData: Number(a.log_data) === 1,
    sortBy: str(a.sort_by),
    groupLabel1: str(a.group_label_1),
    groupLabel2: str(a.group_label_2),
    graphLabel1: str(a.graph_label_1),
    graphLabel2: str(a.graph_label_2),
    scale: a.scale === null ? null : Number(a.scale),
  };
}

/** Settings → the columns that hold them. */
export function settingsColumns(s: OutcomeSettings): DbRow {
  return {
    effect_measure: s.effectMeasure,
    method: s.method,
    random: s.model === 'random' ? 1 : 0,
    ci_study: s.ciStudy,
    ci_total: s.ciTotal,
    totals: s.totals,
    subgroup_test: s.subgroupTest ? 1 : 0,
    swap_events: s.swapEvents ? 1 : 0,
    log_data: s.logData ? 1 : 0,
    sort_by: s.sortBy,
    group_label_1: s.groupLabel1,
    group_label_2: s.groupLabel2,
    graph_label_1: s.graphLabel1,
    graph_label_2: s.graphLabel2,
    scale: s.scale,
  };
}

export function readComparisons(db: Db): ComparisonRecord[] {
  return (cached(db, 'SELECT id, rm5_id, name, position, origin FROM comparison ORDER BY position, id').all() as DbRow[]).map((c, i) => ({
    key: String(c.id),
    id: String(c.rm5_id),
    name: String(c.name),
    position: Number(c.position),
    number: displayNumber(i),
    origin: String(c.origin) as ComparisonRecord['origin'],
  }));
}

/** One stored_analysis row as an outcome record, given its comparison, place and subgroup rows. */
function outcomeRecord(
  a: DbRow,
  cmp: { key: string; id: string; name: string; index: number },
  index: number,
  subgroups: readonly DbRow[],
): OutcomeRecord {
  const number = displayNumber(cmp.index, index);
  const source: OutcomeSource =
    a.planned_outcome_id === null
      ? { kind: 'entered' }
      : {
          kind: 'planned',
          plannedOutcomeId: String(a.planned_outcome_id),
          categoryId: String(a.timepoint_category_id),
          followsConventions: Number(a.follows_conventions) === 1,
        };
  return {
    key: String(a.id),
    id: String(a.rm5_id),
    comparisonKey: cmp.key,
    comparisonId: cmp.id,
    comparisonName: cmp.name,
    comparisonPosition: cmp.index,
    position: Number(a.position),
    name: String(a.name),
    dataType: DATA_TYPE_OF_KIND[String(a.kind)] ?? 'other',
    source,
    settings: settingsOf(a),
    number,
    subgroups: subgroups.map((s, i) => ({
      key: String(s.id),
      id: String(s.rm5_id),
      number: `${number}.${i + 1}`,
      name: String(s.name),
      position: Number(s.position),
    })),
  };
}

/** Every outcome in outline order, numbered. */
export function readOutcomes(db: Db): OutcomeRecord[] {
  const comparisons = readComparisons(db);
  const byKey = new Map(comparisons.map((c, i) => [c.key, { ...c, index: i }]));
  const subgroups = new Map<string, DbRow[]>();
  for (const s of cached(db, 'SELECT * FROM stored_subgroup ORDER BY analysis_id, position, id').all() as DbRow[]) {
    const list = subgroups.get(String(s.analysis_id)) ?? [];
    list.push(s);
    subgroups.set(String(s.analysis_id), list);
  }
  const rows = cached(
    db,
    'SELECT a.* FROM stored_analysis a JOIN comparison c ON c.id = a.comparison_id ORDER BY c.position, c.id, a.position, a.id',
  ).all() as DbRow[];
  const seen = new Map<string, number>();
  return rows.map((a) => {
    const cmp = byKey.get(String(a.comparison_id))!;
    const index = seen.get(cmp.key) ?? 0;
    seen.set(cmp.key, index + 1);
    return outcomeRecord(a, cmp, index, subgroups.get(String(a.id)) ?? []);
  });
}

/**
 * The first outcome in outline order that `where` selects (a condition on stored_analysis
 * `a`), read on its own: its row, its comparison, its subgroups and its place (counted, in
 * readOutcomes' order), so that one outcome's page or edit does not read the whole outline.
 */
function readOneOutcome(db: Db, where: string, params: readonly string[]): OutcomeRecord | undefined {
  const a = cached(
    db,
    `SELECT a.*, c.rm5_id AS cmp_rm5_id, c.name AS cmp_name, c.position AS cmp_position
       FROM stored_analysis a JOIN comparison c ON c.id = a.comparison_id
      WHERE ${where} ORDER BY c.position, c.id, a.position, a.id LIMIT 1`,
  ).get(...params) as DbRow | undefined;
  if (!a) return undefined;
  const cmpIndex = (
    cached(db, 'SELECT count(*) AS n FROM comparison WHERE (position, id) < (?, ?)').get(a.cmp_position, a.comparison_id) as { n: number }
  ).n;
  const index = (
    cached(db, 'SELECT count(*) AS n FROM stored_analysis WHERE comparison_id = ? AND (position, id) < (?, ?)').get(
      a.comparison_id,
      a.position,
      a.id,
    ) as { n: number }
  ).n;
  const subgroups = cached(db, 'SELECT * FROM stored_subgroup WHERE analysis_id = ? ORDER BY position, id').all(a.id) as DbRow[];
  const cmp = { key: String(a.comparison_id), id: String(a.cmp_rm5_id), name: String(a.cmp_name), index: cmpIndex };
  return outcomeRecord(a, cmp, index, subgroups);
}

/** The outcome with public id `id` (the first in outline order, as readOutcomes().find would give). */
export function findOutcome(db: Db, id: string): OutcomeRecord | undefined {
  return readOneOutcome(db, 'a.rm5_id = ?', [id]);
}

/** The outcome `outcomeId` names: its public id, or a planned outcome × timepoint category (`categoryId`). */
export function findOutcomeFor(db: Db, outcomeId: string, categoryId: string): OutcomeRecord | undefined {
  return readOneOutcome(db, '(a.rm5_id = ? OR (a.planned_outcome_id = ? AND a.timepoint_category_id = ?))', [
    outcomeId,
    outcomeId,
    categoryId,
  ]);
}

/** Inserts one row (audited by the caller's writer, or plainly inside a migration). */
export type OutlineInsert = (table: 'comparison' | 'stored_analysis', row: DbRow, summary: string) => void;

/**
 * Gives a native review's planned outcomes with data (and those with a GRADE rating) their
 * place in the outline. Writes nothing when nothing is missing.
 */
export function syncPlannedOutline(db: Db, insert: OutlineInsert, alsoKeep: readonly string[] = []): number {
  const protocol = readProtocol(db);
  if (protocol.plannedOutcomes.length === 0 || protocol.timepointCategories.length === 0) return 0;
  const review = readReviewForAnalysis(db);
  const comparisons = readComparisons(db);
  const protocolComparison = comparisons.find((c) => c.origin === 'protocol') ?? null;
  const analyses = cached(
    db,
    'SELECT rm5_id, comparison_id, planned_outcome_id, timepoint_category_id FROM stored_analysis',
  ).all() as DbRow[];
  const grades = (cached(db, 'SELECT analysis_id FROM grade_assessment').all() as DbRow[]).map((g) => String(g.analysis_id));
  const additions = plannedOutlineAdditions(
    review,
    protocol.pico,
    {
      comparisonIds: comparisons.map((c) => c.id),
      protocolComparisonId: protocolComparison?.id ?? null,
      protocolComparisonOutcomes: protocolComparison ? analyses.filter((a) => a.comparison_id === protocolComparison.key).length : 0,
      outcomeIds: analyses.map((a) => String(a.rm5_id)),
      planned: new Set(
        analyses
          .filter((a) => a.planned_outcome_id !== null)
          .map((a) => `${String(a.planned_outcome_id)}@${String(a.timepoint_category_id)}`),
      ),
    },
    [...grades, ...alsoKeep],
  );
  if (!additions) return 0;
  let comparisonKey = protocolComparison?.key ?? null;
  if (additions.newComparison) {
    comparisonKey = randomUUID();
    insert(
      'comparison',
      {
        id: comparisonKey,
        position: comparisons.length,
        rm5_id: additions.newComparison.id,
        no: comparisons.length + 1,
        name: additions.newComparison.name,
        origin: 'protocol',
      },
      `Added comparison ${additions.newComparison.name}`,
    );
  }
  const { conventions } = protocol;
  for (const o of additions.outcomes) {
    insert(
      'stored_analysis',
      {
        id: randomUUID(),
        comparison_id: comparisonKey,
        position: o.position,
        rm5_id: o.id,
        no: o.position + 1,
        kind: o.dataType === 'continuous' ? 'CONT' : 'DICH',
        name: o.name,
        effect_measure: null,
        method: null,
        random: conventions.model === 'random' ? 1 : 0,
        ci_study: 95,
        ci_total: 95,
        totals: 'YES',
        subgroups: 0,
        subgroup_test: 0,
        swap_events: 0,
        log_data: 0,
        planned_outcome_id: o.plannedOutcomeId,
        timepoint_category_id: o.categoryId,
        follows_conventions: 1,
      },
      `Added outcome ${o.name} to the analyses`,
    );
  }
  return additions.outcomes.length;
}

/** Writes outline rows directly (files brought up to date on open, outside the change log). */
export function plainInsert(db: Db): OutlineInsert {
  return (table, row) => {
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
      ...cols.map((c) => row[c] ?? null),
    );
  };
}
