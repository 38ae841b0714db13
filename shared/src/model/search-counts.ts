import * as z from 'zod';

// The counts a PRISMA 2020 flow diagram reports, as entered from the searches.
// Null means "not yet known", which is different from zero.
const count = z.int('must be a whole number').min(0, 'cannot be negative').nullable();

export const searchCountsSchema = z.object({
  databaseRecords: count,
  otherSourceRecords: count,
  recordsAfterDeduplication: count,
  recordsExcludedAtTitleAbstract: count,
  fullTextReportsAssessed: count,
  fullTextReportsExcluded: count,
  studiesIncluded: count,
  reportsOfIncludedStudies: count,
  studiesInMetaAnalysis: count,
  participants: count,
});
export type SearchCounts = z.infer<typeof searchCountsSchema>;

export const SEARCH_COUNT_LABELS: Readonly<Record<keyof SearchCounts, string>> = {
  databaseRecords: 'Records identified from databases',
  otherSourceRecords: 'Records identified from other sources',
  recordsAfterDeduplication: 'Records screened after removing duplicates',
  recordsExcludedAtTitleAbstract: 'Records excluded at title and abstract',
  fullTextReportsAssessed: 'Full-text reports assessed for eligibility',
  fullTextReportsExcluded: 'Full-text reports excluded',
  studiesIncluded: 'Studies included',
  reportsOfIncludedStudies: 'Reports of included studies',
  studiesInMetaAnalysis: 'Studies in meta-analysis',
  participants: 'Participants in included studies',
};

export function emptySearchCounts(): SearchCounts {
  return {
    databaseRecords: null,
    otherSourceRecords: null,
    recordsAfterDeduplication: null,
    recordsExcludedAtTitleAbstract: null,
    fullTextReportsAssessed: null,
    fullTextReportsExcluded: null,
    studiesIncluded: null,
    reportsOfIncludedStudies: null,
    studiesInMetaAnalysis: null,
    participants: null,
  };
}

/** Arithmetic a reader of the flow diagram would check. */
export function searchCountIssues(c: SearchCounts): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const total = c.databaseRecords !== null && c.otherSourceRecords !== null ? c.databaseRecords + c.otherSourceRecords : null;
  if (total !== null && c.recordsAfterDeduplication !== null && c.recordsAfterDeduplication > total) {
    issues.push({ path: 'recordsAfterDeduplication', message: `cannot exceed the ${total} records identified` });
  }
  if (
    c.recordsAfterDeduplication !== null &&
    c.recordsExcludedAtTitleAbstract !== null &&
    c.recordsExcludedAtTitleAbstract > c.recordsAfterDeduplication
  ) {
    issues.push({ path: 'recordsExcludedAtTitleAbstract', message: `cannot exceed the ${c.recordsAfterDeduplication} records screened` });
  }
  if (c.fullTextReportsAssessed !== null && c.fullTextReportsExcluded !== null && c.fullTextReportsExcluded > c.fullTextReportsAssessed) {
    issues.push({ path: 'fullTextReportsExcluded', message: `cannot exceed the ${c.fullTextReportsAssessed} reports assessed` });
  }
  if (c.studiesIncluded !== null && c.studiesInMetaAnalysis !== null && c.studiesInMetaAnalysis > c.studiesIncluded) {
    issues.push({ path: 'studiesInMetaAnalysis', message: `cannot exceed the ${c.studiesIncluded} studies included` });
  }
  return issues;
}
