import type { SearchCounts } from '../../../shared/src/model/search-counts.ts';

// The seed review's PRISMA counts (Lyons, Cooper, Lloyd-Evans, BMC Psychiatry 2021, Results:
// "returned 7198 records … a further 225 … 4277 records were screened … 4179 … excluded …
// The full texts of 98 articles … eight studies, reported by 11 articles … six studies
// provided usable data for meta-analyses … 87 … excluded at full text").
export const SEED_COUNTS: SearchCounts = {
  databaseRecords: 7198,
  otherSourceRecords: 225,
  recordsAfterDeduplication: 4277,
  recordsExcludedAtTitleAbstract: 4179,
  fullTextReportsAssessed: 98,
  fullTextReportsExcluded: 87,
  studiesIncluded: 8,
  reportsOfIncludedStudies: 11,
  studiesInMetaAnalysis: 6,
  participants: 2131,
};
