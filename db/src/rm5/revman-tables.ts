import type { ApiIssue, ReviewDocument } from '@grove/shared';
import type { RevmanSection } from '@grove/shared/rm5/document-section';
import type { Db } from '../connection.ts';

// The RevMan section of a review document ↔ the tables of migration 0003. Written inside
// the import's transaction; read back by the JSON export in a fixed order, so exports stay
// deterministic.

type Cell = string | number | null | undefined;
type DbRow = Record<string, Cell>;

const json = (v: unknown): string => JSON.stringify(v);
const bool = (v: boolean | null): number | null => (v === null ? null : v ? 1 : 0);

function insert(db: Db, table: string, row: Record<string, string | number | null>): void {
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
    ...cols.map((c) => row[c] ?? null),
  );
}

export function writeRevmanSection(db: Db, r: RevmanSection): void {
  r.parts.forEach((p, i) => insert(db, 'revman_part', { key: p.key, position: i, content: p.content }));
  for (const s of r.studies) {
    insert(db, 'revman_study', {
      study_id: s.studyId,
      rm5_id: s.rm5Id,
      year: s.year,
      data_source: s.dataSource,
      identifiers: json(s.identifiers),
      attributes: json(s.attributes),
    });
  }
  for (const x of r.reports)
    insert(db, 'revman_report', { report_id: x.reportId, type: x.type, fields: json(x.fields), attributes: json(x.attributes) });
  for (const i of r.robItems) {
    insert(db, 'rob_item', {
      id: i.id,
      position: i.position,
      rm5_id: i.rm5Id,
      no: i.no,
      name: i.name,
      core_item: i.coreItem ? 1 : 0,
      level: i.level,
      description_xml: i.descriptionXml,
      domain: i.domain,
      groups: json(i.groups),
      attributes: json(i.attributes),
    });
  }
  for (const e of r.robEntries) {
    insert(db, 'rob_item_judgement', {
      item_id: e.itemId,
      study_id: e.studyId,
      group_rm5_id: e.groupRm5Id,
      result: e.result,
      support_xml: e.supportXml,
      attributes: json(e.attributes),
    });
  }
  for (const c of r.comparisons) {
    insert(db, 'comparison', {
      id: c.id,
      position: c.position,
      rm5_id: c.rm5Id,
      no: c.no,
      name: c.name,
      attributes: json(c.attributes),
      extra_xml: c.extraXml,
      origin: c.origin ?? 'entered',
    });
  }
  for (const a of r.analyses) {
    insert(db, 'stored_analysis', {
      id: a.id,
      comparison_id: a.comparisonId,
      position: a.position,
      rm5_id: a.rm5Id,
      no: a.no,
      kind: a.kind,
      name: a.name,
      effect_measure: a.effectMeasure,
      method: a.method,
      random: a.random ? 1 : 0,
      ci_study: a.ciStudy,
      ci_total: a.ciTotal,
      totals: a.totals,
      subgroups: a.subgroups ? 1 : 0,
      subgroup_test: a.subgroupTest ? 1 : 0,
      swap_events: a.swapEvents ? 1 : 0,
      log_data: a.logData ? 1 : 0,
      sort_by: a.sortBy,
      units: a.units,
      scale: a.scale,
      show_participants: bool(a.showParticipants),
      group_label_1: a.groupLabel1,
      group_label_2: a.groupLabel2,
      graph_label_1: a.graphLabel1,
      graph_label_2: a.graphLabel2,
      attributes: json(a.attributes),
      extra_xml: a.extraXml,
      planned_outcome_id: a.planned?.plannedOutcomeId ?? null,
      timepoint_category_id: a.planned?.categoryId ?? null,
      follows_conventions: a.planned?.followsConventions ? 1 : 0,
    });
  }
  for (const s of r.subgroups) {
    insert(db, 'stored_subgroup', {
      id: s.id,
      analysis_id: s.analysisId,
      position: s.position,
      rm5_id: s.rm5Id,
      no: s.no,
      name: s.name,
      attributes: json(s.attributes),
    });
  }
  const rowStmt = db.prepare(
    `INSERT INTO stored_data_row (id, analysis_id, subgroup_id, position, study_id, kind, events_1, total_1, events_2, total_2, mean_1, sd_1, mean_2, sd_2, estimate, se, o_minus_e, variance, rm5_order, footnote, attributes, origin, detach_reason, provenance)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const x of r.rows) {
    rowStmt.run(
      x.id,
      x.analysisId,
      x.subgroupId,
      x.position,
      x.studyId,
      x.kind,
      x.events1,
      x.total1,
      x.events2,
      x.total2,
      x.mean1,
      x.sd1,
      x.mean2,
      x.sd2,
      x.estimate,
      x.se,
      x.oMinusE,
      x.variance,
      x.order,
      x.footnote,
      json(x.attributes),
      x.origin ?? 'direct',
      x.detachReason ?? null,
      x.provenance ? json(x.provenance) : null,
    );
  }
}

const parse = <T>(v: Cell): T => JSON.parse(String(v)) as T;
const num = (v: Cell): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: Cell): string | null => (v === null || v === undefined ? null : String(v));
const flag = (v: Cell): boolean => Number(v) === 1;

/** The section as stored, or undefined when the review holds no RevMan data. */
export function readRevmanSection(db: Db): RevmanSection | undefined {
  const all = (sql: string) => db.prepare(sql).all() as DbRow[];
  const parts = all('SELECT key, content FROM revman_part ORDER BY position, key').map((p) => ({
    key: String(p.key),
    content: String(p.content),
  }));
  const comparisons = all('SELECT * FROM comparison ORDER BY position, id');
  const studies = all('SELECT * FROM revman_study ORDER BY rm5_id');
  const robItems = all('SELECT * FROM rob_item ORDER BY position, id');
  if (parts.length === 0 && comparisons.length === 0 && studies.length === 0 && robItems.length === 0) return undefined;
  return {
    parts,
    studies: studies.map((s) => ({
      studyId: String(s.study_id),
      rm5Id: String(s.rm5_id),
      year: str(s.year),
      dataSource: str(s.data_source),
      identifiers: parse(s.identifiers),
      attributes: parse(s.attributes),
    })),
    reports: all('SELECT * FROM revman_report ORDER BY report_id').map((x) => ({
      reportId: String(x.report_id),
      type: str(x.type),
      fields: parse(x.fields),
      attributes: parse(x.attributes),
    })),
    robItems: robItems.map((i) => ({
      id: String(i.id),
      position: Number(i.position),
      rm5Id: String(i.rm5_id),
      no: num(i.no),
      name: String(i.name),
      coreItem: flag(i.core_item),
      level: String(i.level) as 'STUDY' | 'GROUP',
      descriptionXml: String(i.description_xml),
      domain: str(i.domain) as RevmanSection['robItems'][number]['domain'],
      groups: parse(i.groups),
      attributes: parse(i.attributes),
    })),
    robEntries: all('SELECT * FROM rob_item_judgement ORDER BY item_id, study_id, group_rm5_id').map((e) => ({
      itemId: String(e.item_id),
      studyId: String(e.study_id),
      groupRm5Id: String(e.group_rm5_id),
      result: str(e.result) as 'YES' | 'NO' | 'UNKNOWN' | null,
      supportXml: String(e.support_xml),
      attributes: parse(e.attributes),
    })),
    comparisons: comparisons.map((c) => ({
      id: String(c.id),
      position: Number(c.position),
      rm5Id: String(c.rm5_id),
      no: num(c.no),
      name: String(c.name),
      attributes: parse(c.attributes),
      extraXml: String(c.extra_xml),
      // v5 fields only when they differ from an import's, so imported reviews export as before.
      ...(c.origin === 'protocol' ? { origin: 'protocol' as const } : {}),
    })),
    analyses: all(
      'SELECT a.* FROM stored_analysis a JOIN comparison c ON c.id = a.comparison_id ORDER BY c.position, a.position, a.id',
    ).map((a) => ({
      id: String(a.id),
      comparisonId: String(a.comparison_id),
      position: Number(a.position),
      rm5Id: String(a.rm5_id),
      no: num(a.no),
      kind: String(a.kind) as RevmanSection['analyses'][number]['kind'],
      name: String(a.name),
      effectMeasure: str(a.effect_measure),
      method: str(a.method),
      random: flag(a.random),
      ciStudy: Number(a.ci_study),
      ciTotal: Number(a.ci_total),
      totals: String(a.totals) as 'YES' | 'SUB' | 'NO',
      subgroups: flag(a.subgroups),
      subgroupTest: flag(a.subgroup_test),
      swapEvents: flag(a.swap_events),
      logData: flag(a.log_data),
      sortBy: str(a.sort_by),
      units: str(a.units),
      scale: num(a.scale),
      showParticipants: a.show_participants === null || a.show_participants === undefined ? null : flag(a.show_participants),
      groupLabel1: str(a.group_label_1),
      groupLabel2: str(a.group_label_2),
      graphLabel1: str(a.graph_label_1),
      graphLabel2: str(a.graph_label_2),
      attributes: parse(a.attributes),
      extraXml: String(a.extra_xml),
      ...(a.planned_outcome_id === null
        ? {}
        : {
            planned: {
              plannedOutcomeId: String(a.planned_outcome_id),
              categoryId: String(a.timepoint_category_id),
              followsConventions: flag(a.follows_conventions),
            },
          }),
    })),
    subgroups: all(
      'SELECT s.* FROM stored_subgroup s JOIN stored_analysis a ON a.id = s.analysis_id JOIN comparison c ON c.id = a.comparison_id ORDER BY c.position, a.position, s.position, s.id',
    ).map((s) => ({
      id: String(s.id),
      analysisId: String(s.analysis_id),
      position: Number(s.position),
      rm5Id: String(s.rm5_id),
      no: num(s.no),
      name: String(s.name),
      attributes: parse(s.attributes),
    })),
    rows: all(
      'SELECT r.* FROM stored_data_row r JOIN stored_analysis a ON a.id = r.analysis_id JOIN comparison c ON c.id = a.comparison_id ORDER BY c.position, a.position, r.position, r.id',
    ).map((x) => ({
      id: String(x.id),
      analysisId: String(x.analysis_id),
      subgroupId: str(x.subgroup_id),
      position: Number(x.position),
      studyId: String(x.study_id),
      kind: String(x.kind) as RevmanSection['rows'][number]['kind'],
      events1: num(x.events_1),
      total1: num(x.total_1),
      events2: num(x.events_2),
      total2: num(x.total_2),
      mean1: num(x.mean_1),
      sd1: num(x.sd_1),
      mean2: num(x.mean_2),
      sd2: num(x.sd_2),
      estimate: num(x.estimate),
      se: num(x.se),
      oMinusE: num(x.o_minus_e),
      variance: num(x.variance),
      order: num(x.rm5_order),
      footnote: str(x.footnote),
      attributes: parse(x.attributes),
      ...(x.origin === 'detached'
        ? {
            origin: 'detached' as const,
            detachReason: str(x.detach_reason),
            provenance: x.provenance === null ? null : parse<Record<string, unknown>>(x.provenance),
          }
        : {}),
    })),
  };
}

/** Cross-references a document's RevMan section must satisfy (beyond the schema). */
export function revmanSectionIssues(doc: ReviewDocument): ApiIssue[] {
  const r = doc.revman;
  if (!r) return [];
  const issues: ApiIssue[] = [];
  const studies = new Set(doc.studies.map((s) => s.id));
  const reports = new Set(doc.studies.flatMap((s) => s.reports.map((x) => x.id)));
  const comparisons = new Set(r.comparisons.map((c) => c.id));
  const analyses = new Map(r.analyses.map((a) => [a.id, a]));
  const subgroups = new Map(r.subgroups.map((s) => [s.id, s]));
  const items = new Set(r.robItems.map((i) => i.id));
  r.studies.forEach((s, i) => {
    if (!studies.has(s.studyId)) issues.push({ path: `revman.studies.${i}.studyId`, message: `no study has id ${s.studyId}` });
  });
  r.reports.forEach((x, i) => {
    if (!reports.has(x.reportId)) issues.push({ path: `revman.reports.${i}.reportId`, message: `no report has id ${x.reportId}` });
  });
  r.robEntries.forEach((e, i) => {
    if (!items.has(e.itemId)) issues.push({ path: `revman.robEntries.${i}.itemId`, message: `no risk-of-bias item has id ${e.itemId}` });
    if (!studies.has(e.studyId)) issues.push({ path: `revman.robEntries.${i}.studyId`, message: `no study has id ${e.studyId}` });
  });
  r.analyses.forEach((a, i) => {
    if (!comparisons.has(a.comparisonId))
      issues.push({ path: `revman.analyses.${i}.comparisonId`, message: `no comparison has id ${a.comparisonId}` });
  });
  r.subgroups.forEach((s, i) => {
    if (!analyses.has(s.analysisId))
      issues.push({ path: `revman.subgroups.${i}.analysisId`, message: `no analysis has id ${s.analysisId}` });
  });
  r.rows.forEach((x, i) => {
    const a = analyses.get(x.analysisId);
    if (!a) issues.push({ path: `revman.rows.${i}.analysisId`, message: `no analysis has id ${x.analysisId}` });
    else if (a.kind !== x.kind) issues.push({ path: `revman.rows.${i}.kind`, message: `a ${x.kind} row in a ${a.kind} analysis` });
    if (x.subgroupId !== null && subgroups.get(x.subgroupId)?.analysisId !== x.analysisId)
      issues.push({ path: `revman.rows.${i}.subgroupId`, message: 'not a subgroup of the row’s analysis' });
    if (!studies.has(x.studyId)) issues.push({ path: `revman.rows.${i}.studyId`, message: `no study has id ${x.studyId}` });
  });
  return issues;
}
