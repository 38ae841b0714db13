import type { ColumnChoices, CsvField } from '@grove/shared';

// The pure side of the mapping step: the fields offered, their labels, and how a choice
// joins the choices made so far (the last choice for a field wins; choosing the column the
// automatic mapping already uses is still recorded, so the import reads what was shown).

/** The fields the mapping step offers, in the order a reference is read. */
export const MAPPED_FIELDS: readonly CsvField[] = [
  'id',
  'title',
  'authors',
  'year',
  'journal',
  'journalAbbrev',
  'volume',
  'issue',
  'pages',
  'startPage',
  'endPage',
  'doi',
  'pmid',
  'pmcid',
  'embaseId',
  'abstract',
  'kind',
];

export const FIELD_LABELS: Record<CsvField, string> = {
  id: 'Record id',
  kind: 'Publication type',
  title: 'Title',
  authors: 'Authors',
  year: 'Year',
  journal: 'Journal',
  journalAbbrev: 'Journal abbreviation',
  volume: 'Volume',
  issue: 'Issue',
  pages: 'Pages',
  startPage: 'First page',
  endPage: 'Last page',
  doi: 'DOI',
  pmid: 'PMID',
  pmcid: 'PMCID',
  embaseId: 'Embase accession',
  abstract: 'Abstract',
};

/** The select's value for "this field is not read": a sentinel no header can be (a header may be empty). */
export const NOT_READ = '\u0000not-read';

export function chooseColumn(choices: ColumnChoices, field: CsvField, header: string | null): ColumnChoices {
  return { ...choices, [field]: header };
}
