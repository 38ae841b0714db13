import type { SearchCounts } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';
import { identifiedTotals } from './records-search-log-repo.ts';

// The PRISMA counts as entered. Since schema v6 the records identified from databases and
// from other sources are the search log's (records-search-log-repo.ts): its entries, imported
// or entered by hand, are the one place they live; the two columns here are no longer read.

/** The counts that come from the search log. */
export const SEARCH_LOG_COUNTS = { databaseRecords: 'database', otherSourceRecords: 'other' } as const;
type StoredCount = Exclude<keyof SearchCounts, keyof typeof SEARCH_LOG_COUNTS>;

const COLUMNS: Record<StoredCount, string> = {
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
  for (const [key, column] of Object.entries(COLUMNS) as [StoredCount, string][]) {
    const v = c[key];
    if (v !== undefined) row[column] = v;
  }
  return row;
}

export function readSearchCounts(db: Db): SearchCounts {
  const r = cached(db, 'SELECT * FROM search_counts WHERE singleton = 1').get() as Record<string, number | null>;
  const identified = identifiedTotals(db);
  const out = { databaseRecords: identified.database, otherSourceRecords: identified.other } as Record<keyof SearchCounts, number | null>;
  for (const [key, column] of Object.entries(COLUMNS) as [StoredCount, string][]) out[key] = r[column] ?? null;
  return out;
}
