import type { SearchCounts } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';

const COLUMNS: Record<keyof SearchCounts, string> = {
  databaseRecords: 'database_records',
  otherSourceRecords: 'other_source_records',
  recordsAfterDeduplication: 'records_after_deduplication',
  recordsExcludedAtTitleAbstract: 'records_excluded_at_title_abstract',
  fullTextReportsAssessed: 'full_text_reports_assessed',
  fullTextReportsExcluded: 'full_text_reports_excluded',
  studiesIncluded: 'studies_included',
  reportsOfIncludedStudies: 'reports_of_included_studies',
  studiesInMetaAnalysis: 'studies_in_meta_analysis',
  participants: 'participants',
};

export function searchCountsRow(c: Partial<SearchCounts>): Row {
  const row: Row = {};
  for (const [key, column] of Object.entries(COLUMNS) as [keyof SearchCounts, string][]) {
    const v = c[key];
    if (v !== undefined) row[column] = v;
  }
  return row;
}

export function readSearchCounts(db: Db): SearchCounts {
  const r = cached(db, 'SELECT * FROM search_counts WHERE singleton = 1').get() as Record<string, number | null>;
  const out = {} as Record<keyof SearchCounts, number | null>;
  for (const [key, column] of Object.entries(COLUMNS) as [keyof SearchCounts, string][]) out[key] = r[column] ?? null;
  return out;
}
