// Every query the renderer caches, named by what it reads, and the one map from the SQL
// tables a mutation reports as touched (`change.touched[].table`) to the queries that read
// them. A mutation invalidates exactly the queries its tables lead to; a new query adds its
// key here and lists it under every table it reads, or it goes stale silently.

export const queryKeys = {
  appInfo: ['app.info'] as const,
  /** The Grove data folder and recent list (browser host): files, not tables, so refetched when shown. */
  workspace: ['workspace.list'] as const,
  reviewSummary: ['review.summary'] as const,
  session: ['session'] as const,
  reviewers: ['reviewers'] as const,
  audit: ['audit'] as const,
  protocol: ['protocol'] as const,
  searchCounts: ['searchCounts'] as const,
  studies: ['studies'] as const,
  /** What deleting a study takes with it (the delete dialog). */
  studyDependents: (id: string) => ['studies.dependents', id] as const,
  studyDependentsAll: ['studies.dependents'] as const,
  settings: ['settings'] as const,
  form: ['form'] as const,
  characteristics: (studyId: string, slot: string | null) => ['characteristics', studyId, slot] as const,
  characteristicsAll: ['characteristics'] as const,
  characteristicsOfAllStudies: ['characteristics', 'all studies'] as const,
  characteristicsCompare: (studyId: string, first: string, second: string) => ['characteristics.compare', studyId, first, second] as const,
  characteristicsCompareAll: ['characteristics.compare'] as const,
  characteristicsCounts: ['characteristics.counts'] as const,
  studyData: (studyId: string) => ['studyData', studyId] as const,
  studyDataAll: ['studyData'] as const,
  plannedEntry: (studyId: string) => ['plannedEntry', studyId] as const,
  plannedEntryAll: ['plannedEntry'] as const,
  /** The planned outcomes' scales (the measure picker). */
  scales: ['scales'] as const,
  analyses: (options: { model?: 'fixed' | 'random'; preset?: 'revman5' | 'cochrane2025' }) => ['analyses', options] as const,
  analysesAll: ['analyses'] as const,
  /** The dashboard's short rows (under 'analyses', so what invalidates the analyses invalidates it). */
  dashboard: ['analyses', 'dashboard'] as const,
  analysisRun: ['analyses.run'] as const,
  grades: ['grades'] as const,
  rob: ['rob'] as const,
  robList: ['rob', 'list'] as const,
  robSettings: ['rob.settings'] as const,
  robDouble: ['rob.double'] as const,
  rob2: ['rob2'] as const,
  storedAnalyses: ['storedAnalyses'] as const,
  outcomesAll: ['outcomes'] as const,
  outline: ['outcomes', 'outline'] as const,
  outcome: (id: string) => ['outcomes', 'get', id] as const,
  outcomeExplore: (id: string, blocks: object) => ['outcomes', 'explore', id, blocks] as const,
  /** Meta-regression on extraction fields: under 'outcomes', so the extraction's values and the form invalidate it. */
  outcomeMetaRegression: (id: string, args: object) => ['outcomes', 'metaRegression', id, args] as const,
  reports: ['reports'] as const,
  table2: ['reports', 'table2'] as const,
  summaryOfFindings: ['reports', 'sof'] as const,
  prismaFlow: ['prismaFlow'] as const,
  recordsAll: ['records'] as const,
  recordsPage: (args: object) => ['records', 'page', args] as const,
  record: (id: string) => ['records', 'get', id] as const,
  searchLog: ['records', 'searchLog'] as const,
  recordsQueue: ['records', 'queue'] as const,
  prisma: ['records', 'prisma'] as const,
  screeningAll: ['screening'] as const,
  screeningSettings: ['screening', 'settings'] as const,
  screeningStatus: ['screening', 'status'] as const,
  screeningAgreement: ['screening', 'agreement'] as const,
  screeningConflicts: (stage: string) => ['screening', 'conflicts', stage] as const,
  /** A batch of the next records (the screening view's prefetch; fetched afresh each time). */
  screeningNext: (args: object) => ['screening', 'next', args] as const,
  /** The reviewer's latest decisions (going back past the session's first record). */
  screeningMine: (stage: string) => ['screening', 'mine', stage] as const,
  /** Full-text records whose report could not be obtained. */
  notRetrieved: ['screening', 'notRetrieved'] as const,
  /** Full texts: a record's or a study's attached PDFs (stages/screening/fulltext). */
  fullTextAll: ['fullText'] as const,
  fullText: (target: object) => ['fullText', target] as const,
  /** Study linking: suggestions, studies with their records, records included but not yet in a study. */
  studyLinksAll: ['studyLinks'] as const,
  studyLinks: (what: 'suggestions' | 'studies' | 'included') => ['studyLinks', what] as const,
  /** Priority screening's progress picture, under the review's stored stopping rule. */
  rankingProgress: ['ranking.progress', 'stored rule'] as const,
  rankingProgressAll: ['ranking.progress'] as const,
  /** The merge-conflicts queue (File › Merge conflicts). */
  mergeConflicts: ['merge', 'conflicts'] as const,
  /** The review's team server and how the last sync went (the status bar). */
  syncStatus: ['sync', 'status'] as const,
} as const;

export type QueryKeyPrefix = readonly unknown[];

const PROTOCOL = ['protocol', 'outcome_domain', 'planned_outcome', 'timepoint_category', 'planned_analysis'] as const;
const STUDY_DATA = ['arm', 'study_outcome', 'timepoint', 'arm_result'] as const;
const FORM = ['form_section', 'form_field'] as const;
const ROB = ['rob_settings', 'rob1_judgement', 'rob2_assessment'] as const;
/** The one analysis model (migration 0005): comparisons → outcomes → subgroups → data rows. */
const OUTLINE = ['comparison', 'stored_analysis', 'stored_subgroup', 'stored_data_row'] as const;
/** What every analysis is computed from: the extraction, the outline, RoB (sensitivity) and the form (subgroups). */
const ANALYSIS_INPUTS = [
  ...STUDY_DATA,
  ...PROTOCOL,
  ...OUTLINE,
  ...ROB,
  'study',
  'review_settings',
  'characteristic_value',
  ...FORM,
] as const;
const REVMAN = [
  'comparison',
  'stored_analysis',
  'stored_subgroup',
  'stored_data_row',
  'revman_study',
  'revman_report',
  'rob_item',
  'rob_item_judgement',
  'revman_part',
] as const;

const RECORDS = ['search_log', 'record', 'record_merge', 'dedup_pair'] as const;
/**
 * Screening (migration 0009): settings per stage, exclusion reasons, one decision per (record, stage, reviewer);
 * and the full-text reports that could not be obtained (0015), which leave the full-text queue and count in PRISMA.
 */
const SCREENING = ['screening_stage', 'screening_settings', 'screening_reason', 'screening_decision', 'report_not_retrieved'] as const;

/** The queries that read each table, by key prefix. */
const READERS: readonly (readonly [QueryKeyPrefix, readonly string[]])[] = [
  // The title is the protocol's. The review row itself is left out: see NOT_CACHED.
  [queryKeys.reviewSummary, ['protocol', 'study', 'report', 'reviewer']],
  [queryKeys.reviewers, ['reviewer']],
  [queryKeys.audit, ['change', 'audit_entry']],
  [queryKeys.protocol, PROTOCOL],
  // Records identified from databases and other sources are the search log's.
  [queryKeys.searchCounts, ['search_counts', 'search_log']],
  [queryKeys.studies, ['study', 'report']],
  [queryKeys.studyDependentsAll, ['study', 'report', 'characteristic_value', ...STUDY_DATA, ...ROB]],
  [queryKeys.settings, ['review_settings']],
  [queryKeys.form, FORM],
  [queryKeys.characteristicsAll, [...FORM, 'characteristic_value']],
  [queryKeys.characteristicsCompareAll, [...FORM, 'characteristic_value', 'review_settings', 'reviewer']],
  [queryKeys.characteristicsCounts, [...FORM, 'characteristic_value', 'study']],
  [queryKeys.studyDataAll, [...STUDY_DATA, ...PROTOCOL]],
  // One-step entry's defaults vote with every study's measures; its arms are the study's.
  // It reads no result, so a grid edit does not refetch it (one edit, one round trip).
  [queryKeys.plannedEntryAll, ['arm', 'study_outcome', 'timepoint', ...PROTOCOL, 'study']],
  // A study outcome's new measure can add its outcome's scale in the same change.
  [queryKeys.scales, ['outcome_scale', 'study_outcome', ...PROTOCOL]],
  [queryKeys.analysesAll, [...ANALYSIS_INPUTS, ...REVMAN]],
  [queryKeys.analysisRun, [...ANALYSIS_INPUTS, ...REVMAN]],
  [queryKeys.grades, ['grade_assessment']],
  [queryKeys.rob, [...ROB, 'study', 'review_settings']],
  [queryKeys.robSettings, ['rob_settings']],
  [queryKeys.robDouble, [...ROB, 'study', 'review_settings', 'reviewer']],
  [queryKeys.rob2, ['rob2_assessment', 'rob_settings', 'study']],
  [queryKeys.storedAnalyses, REVMAN],
  // The one analysis model: its outline and outcomes read the RevMan tables and derive rows from the extraction.
  [queryKeys.outcomesAll, [...REVMAN, ...STUDY_DATA, ...PROTOCOL, ...ROB, 'study', 'review_settings', 'characteristic_value', ...FORM]],
  [queryKeys.reports, [...ANALYSIS_INPUTS, 'report', 'grade_assessment']],
  // The flow diagram: the hand-entered counts, studies and their reports, and what the
  // analyses read (for the studies in a meta-analysis).
  [
    queryKeys.prismaFlow,
    [
      'search_counts',
      ...RECORDS,
      // Screened, excluded, assessed and excluded with reasons come from the decisions.
      ...SCREENING,
      'study',
      'report',
      ...STUDY_DATA,
      ...PROTOCOL,
      ...ROB,
      ...FORM,
      'characteristic_value',
      'review_settings',
    ],
  ],
  [queryKeys.recordsAll, RECORDS],
  // What a record is and whether it is in a stage are the records' (a duplicate removed
  // leaves screening); who decided is named from the reviewers.
  [queryKeys.screeningAll, [...SCREENING, ...RECORDS, 'reviewer']],
  // PDF bytes are written beside their attachment, in the same change (never on their own).
  [queryKeys.fullTextAll, ['pdf_attachment', 'pdf_blob', 'pdf_blob_chunk']],
  // Linking is about the records at full text (screening decides which) and the studies they are reports of.
  [queryKeys.studyLinksAll, [...RECORDS, 'study', 'report', 'study_link_rejection', 'screening_decision', 'screening_stage']],
  [queryKeys.rankingProgressAll, [...RECORDS, 'screening_decision', 'screening_stage', 'screening_settings']],
  // The queue shows each conflict's row as it is now (any merged table) and names its study,
  // record, form field and reviewer; a merge writes the queue through its change (merge_conflict).
  // Written by sync.run's reply (which is the new status): no change touches it.
  [queryKeys.syncStatus, ['sync_state']],
  [
    queryKeys.mergeConflicts,
    ['merge_conflict', 'study', 'record', 'reviewer', 'report', 'characteristic_value', ...FORM, ...STUDY_DATA, ...ROB, ...SCREENING],
  ],
];

/**
 * Tables every change writes but no cached query shows: the review row only stamps
 * `updated_at` on each change (db/src/changes.ts), and the cached summary drops that field
 * (data/queries.ts), so an edit does not refetch the header.
 */
const NOT_CACHED = ['review'] as const;

/** Table → the query key prefixes that read it. */
export const TABLE_READERS: ReadonlyMap<string, readonly QueryKeyPrefix[]> = (() => {
  const map = new Map<string, QueryKeyPrefix[]>(NOT_CACHED.map((t) => [t, []]));
  for (const [key, tables] of READERS) {
    for (const t of tables) map.set(t, [...(map.get(t) ?? []), key]);
  }
  return map;
})();
