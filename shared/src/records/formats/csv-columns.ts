import type { PublicationKind } from '../record.ts';

// Automatic mapping of CSV headers to Grove's record fields: BibTeX-style generic names (`ID`,
// `title`, `year`, `author`, `journal`, ...), Scopus, Embase, Zotero and Web of Science
// tab-delimited names. Headers are compared lower-cased without spaces or punctuation; within
// a field the first alias the header has wins, so the more precise column is preferred.

export type CsvField =
  | 'id'
  | 'kind'
  | 'title'
  | 'authors'
  | 'year'
  | 'journal'
  | 'journalAbbrev'
  | 'volume'
  | 'issue'
  | 'pages'
  | 'startPage'
  | 'endPage'
  | 'doi'
  | 'pmid'
  | 'pmcid'
  | 'embaseId'
  | 'abstract';

const ALIASES: Record<CsvField, string[]> = {
  id: ['id', 'key', 'eid', 'recordid', 'refid', 'recordnumber', 'ut', 'uniquewosid', 'accessionnumber'],
  kind: ['entrytype', 'itemtype', 'documenttype', 'publicationtype', 'reftype', 'dt', 'type'],
  title: ['title', 'articletitle', 'documenttitle', 'primarytitle', 'ti'],
  authors: ['author', 'authorfullnames', 'af', 'authors', 'authornames', 'au'],
  year: ['year', 'publicationyear', 'pubyear', 'py', 'yearofpublication', 'publicationdate', 'date'],
  journal: [
    'journal',
    'sourcetitle',
    'publicationtitle',
    'journaltitle',
    'journalname',
    'source',
    'so',
    'secondarytitle',
    'booktitle',
    'bt',
    'se',
  ],
  journalAbbrev: ['journalabbreviation', 'abbreviatedsourcetitle', 'shortjournal', 'j9', 'ji'],
  volume: ['volume', 'vl'],
  issue: ['number', 'issue', 'is'],
  pages: ['pages', 'pagination', 'pg'],
  startPage: ['pagestart', 'startpage', 'firstpage', 'bp'],
  endPage: ['pageend', 'endpage', 'lastpage', 'ep'],
  doi: ['doi', 'di'],
  pmid: ['pmid', 'pubmedid', 'medlinepmid', 'pm'],
  pmcid: ['pmcid', 'pmc'],
  embaseId: ['embaseaccessionnumber', 'embaseid', 'embaseaccession'],
  abstract: ['abstract', 'abstractnote', 'ab'],
};

export const CSV_FIELDS = Object.keys(ALIASES) as CsvField[];

export const normaliseHeader = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

/** For each field, the columns that may hold it, best first (a row's first non-empty one is used). */
export type ColumnMap = Partial<Record<CsvField, number[]>>;

/** Which column holds each field; `idField` (a header name) overrides the id column. */
export function mapColumns(headers: string[], idField?: string): ColumnMap {
  const norm = headers.map(normaliseHeader);
  const map: ColumnMap = {};
  for (const field of Object.keys(ALIASES) as CsvField[]) {
    const columns = ALIASES[field].map((alias) => norm.indexOf(alias)).filter((i) => i >= 0);
    if (columns.length > 0) map[field] = columns;
  }
  if (idField !== undefined) {
    const i = headers.findIndex((h) => h === idField);
    const j = i >= 0 ? i : norm.indexOf(normaliseHeader(idField));
    if (j < 0) throw new Error(`there is no column "${idField}" (the header has ${headers.map((h) => `"${h}"`).join(', ')})`);
    map.id = [j];
  }
  return map;
}

/**
 * The reviewer's choices from the import wizard's mapping step, by header name: a header puts
 * that column (alone) behind the field, `null` leaves the field unmapped. Fields not named keep
 * the automatic mapping. A header the file does not have is refused with the header listed.
 */
export type ColumnChoices = Partial<Record<CsvField, string | null>>;

export function applyColumnChoices(map: ColumnMap, headers: string[], choices: ColumnChoices): ColumnMap {
  const out: ColumnMap = { ...map };
  const norm = headers.map(normaliseHeader);
  for (const [field, header] of Object.entries(choices) as [CsvField, string | null | undefined][]) {
    if (header === undefined) continue;
    if (header === null) {
      delete out[field];
      continue;
    }
    const exact = headers.indexOf(header);
    const i = exact >= 0 ? exact : norm.indexOf(normaliseHeader(header));
    if (i < 0) throw new Error(`there is no column "${header}" for ${field} (the header has ${headers.map((h) => `"${h}"`).join(', ')})`);
    out[field] = [i];
  }
  return out;
}

/** The mapping as the wizard shows it: each field's first column by header name, or null. */
export function describeColumns(map: ColumnMap, headers: string[]): Record<CsvField, string | null> {
  return Object.fromEntries(CSV_FIELDS.map((f) => [f, map[f]?.[0] !== undefined ? headers[map[f]![0]!]! : null])) as Record<
    CsvField,
    string | null
  >;
}

export function csvKind(value: string | null): PublicationKind | null {
  const v = normaliseHeader(value ?? '');
  if (v === '') return null;
  if (/^(article|journalarticle|review|j|jour|letter|editorial|note|shortsurvey|articleinpress)$/.test(v)) return 'journal-article';
  if (/inproceedings|conference|proceedings|meeting|congress|^c$|^conf$|abstract/.test(v)) return 'conference';
  if (/preprint|unpublished/.test(v)) return 'preprint';
  if (/chapter|section|incollection|inbook/.test(v)) return 'chapter';
  if (/^(book|b)$/.test(v)) return 'book';
  if (/thesis/.test(v)) return 'thesis';
  if (/report/.test(v)) return 'report';
  return 'other';
}
