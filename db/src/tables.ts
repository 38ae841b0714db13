import type { TableSpec } from './changes.ts';

// The audited tables and how their columns are named in the audit log.
// Undo looks specs up by table name, so every table a ChangeWriter touches is here.

const PROTOCOL_SECTIONS = ['pico', 'eligibility', 'search', 'methods', 'conventions'];

function dotted(column: string): string {
  const [head, ...rest] = column.split('_');
  const camelRest = rest.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('');
  if (head && PROTOCOL_SECTIONS.includes(head) && camelRest) return `${head === 'search' ? 'searches' : head}.${camelRest}`;
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const hide =
  (...hidden: string[]) =>
  (column: string): string | null =>
    hidden.includes(column) ? null : dotted(column);

export const TABLES = {
  protocol: { table: 'protocol', key: 'singleton', entity: 'protocol', field: hide('singleton') },
  outcomeDomain: { table: 'outcome_domain', key: 'id', entity: 'outcome domain', field: dotted },
  plannedOutcome: { table: 'planned_outcome', key: 'id', entity: 'planned outcome', field: dotted },
  timepointCategory: { table: 'timepoint_category', key: 'id', entity: 'timepoint category', field: dotted },
  plannedAnalysis: { table: 'planned_analysis', key: 'id', entity: 'planned analysis', field: dotted },
  searchCounts: { table: 'search_counts', key: 'singleton', entity: 'search counts', field: hide('singleton') },
  reviewer: { table: 'reviewer', key: 'id', entity: 'reviewer', field: hide('created_at') },
  study: { table: 'study', key: 'id', entity: 'study', field: hide('created_at', 'updated_at') },
  report: { table: 'report', key: 'id', entity: 'report', field: hide('created_at', 'updated_at') },
  formSection: { table: 'form_section', key: 'id', entity: 'form section', field: dotted },
  formField: { table: 'form_field', key: 'id', entity: 'form field', field: dotted },
  characteristic: { table: 'characteristic_value', key: 'id', entity: 'characteristic', field: hide('updated_at') },
  arm: { table: 'arm', key: 'id', entity: 'arm', field: dotted },
  studyOutcome: { table: 'study_outcome', key: 'id', entity: 'study outcome', field: dotted },
  outcomeScale: { table: 'outcome_scale', key: 'id', entity: 'scale', field: dotted },
  timepoint: { table: 'timepoint', key: 'id', entity: 'timepoint', field: dotted },
  armResult: { table: 'arm_result', key: 'id', entity: 'result', field: dotted },
  robSettings: { table: 'rob_settings', key: 'singleton', entity: 'risk-of-bias settings', field: hide('singleton') },
  rob1Judgement: { table: 'rob1_judgement', key: 'id', entity: 'risk-of-bias judgement', field: hide('updated_at') },
  rob2Assessment: { table: 'rob2_assessment', key: 'id', entity: 'RoB 2 assessment', field: hide('updated_at') },
  reviewSettings: { table: 'review_settings', key: 'singleton', entity: 'review settings', field: hide('singleton') },
  gradeAssessment: { table: 'grade_assessment', key: 'analysis_id', entity: 'GRADE assessment', field: hide('updated_at') },
  comparison: { table: 'comparison', key: 'id', entity: 'comparison', field: hide('attributes', 'extra_xml') },
  outcome: { table: 'stored_analysis', key: 'id', entity: 'outcome', field: hide('attributes', 'extra_xml') },
  subgroup: { table: 'stored_subgroup', key: 'id', entity: 'subgroup', field: hide('attributes') },
  dataRow: { table: 'stored_data_row', key: 'id', entity: 'data row', field: hide('attributes') },
  searchLog: { table: 'search_log', key: 'id', entity: 'search', field: hide('created_at') },
  record: { table: 'record', key: 'id', entity: 'record', field: hide('raw'), keptOnce: ['raw', 'abstract'] },
  recordMerge: { table: 'record_merge', key: 'record_id', entity: 'record merge', field: hide('created_at') },
  dedupPair: { table: 'dedup_pair', key: 'id', entity: 'duplicate pair', field: hide('created_at', 'evidence') },
  screeningStage: { table: 'screening_stage', key: 'stage', entity: 'screening stage', field: dotted },
  screeningSettings: { table: 'screening_settings', key: 'singleton', entity: 'screening settings', field: hide('singleton') },
  screeningReason: { table: 'screening_reason', key: 'id', entity: 'exclusion reason', field: dotted },
  screeningDecision: {
    table: 'screening_decision',
    key: 'id',
    entity: 'screening decision',
    field: hide('decided_at', 'decided_hlc', 'reviewer_name'),
  },
  pdfAttachment: { table: 'pdf_attachment', key: 'id', entity: 'full text', field: hide('attached_at') },
  reportNotRetrieved: {
    table: 'report_not_retrieved',
    key: 'id',
    entity: 'report not retrieved',
    field: hide('marked_at', 'reviewer_name'),
  },
  studyLinkRejection: { table: 'study_link_rejection', key: 'id', entity: 'rejected study link', field: hide('rejected_at') },
  // Resolving a conflict a merge queued (docs/merging.md): this copy's own queue, never merged.
  mergeConflict: {
    table: 'merge_conflict',
    key: 'id',
    entity: 'merge conflict',
    field: hide('change_id', 'table_name', 'row_key', 'field', 'base', 'local', 'incoming', 'reviewer', 'origin_site', 'origin_seq'),
    localOnly: true,
  },
  // An incoming row id a merge matched to a local row on its natural key (docs/merging.md):
  // written through the merge's change, so undoing the merge takes the match back with the
  // rows it translated and a merge made again matches afresh. Keyed by the foreign id, which
  // is how a merge reads aliases (readAliases); never passed to another copy.
  mergeAlias: {
    table: 'merge_alias',
    key: 'foreign_id',
    entity: 'merge match',
    field: hide('table_name', 'foreign_id', 'local_id'),
    localOnly: true,
  },
} as const satisfies Record<string, TableSpec>;

export const TABLE_BY_NAME: ReadonlyMap<string, TableSpec> = new Map(Object.values(TABLES).map((s) => [s.table, s]));
