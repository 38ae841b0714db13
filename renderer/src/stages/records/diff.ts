import type { QueueItem, StoredRecord } from '@grove/shared';

// The field-by-field comparison of a pair in the review queue: each field of the two records
// side by side with the engine's verdict on it (match, compatible, conflict, missing), so a
// reviewer sees at once what agrees and what does not.

export type Verdict = 'match' | 'compatible' | 'conflict' | 'missing' | 'same' | 'different';

export interface DiffRow {
  readonly field: string;
  readonly label: string;
  readonly a: string;
  readonly b: string;
  /** The engine's verdict where it judged the field, else whether the texts are the same. */
  readonly verdict: Verdict;
  readonly detail: string | null;
}

type FieldOf = (r: StoredRecord) => string;

const FIELDS: readonly { field: string; evidence: string | null; label: string; value: FieldOf }[] = [
  { field: 'title', evidence: 'title', label: 'Title', value: (r) => r.title ?? '' },
  { field: 'authors', evidence: 'authors', label: 'Authors', value: (r) => r.authors.join('; ') },
  { field: 'year', evidence: 'year', label: 'Year', value: (r) => (r.year === null ? '' : String(r.year)) },
  { field: 'journal', evidence: 'venue', label: 'Journal', value: (r) => r.journal ?? '' },
  { field: 'volume', evidence: 'volume', label: 'Volume', value: (r) => r.volume ?? '' },
  { field: 'issue', evidence: 'issue', label: 'Issue', value: (r) => r.issue ?? '' },
  { field: 'pages', evidence: 'pages', label: 'Pages', value: (r) => r.pages ?? '' },
  { field: 'doi', evidence: 'doi', label: 'DOI', value: (r) => r.doi ?? '' },
  { field: 'pmid', evidence: 'pmid', label: 'PMID', value: (r) => r.pmid ?? '' },
  { field: 'registry', evidence: 'registry', label: 'Trial registry', value: (r) => r.registryIds.join(', ') },
  { field: 'kind', evidence: 'kind', label: 'Type', value: (r) => r.kind ?? '' },
  { field: 'source', evidence: null, label: 'Source', value: (r) => `${r.source}${r.fileName ? ` (${r.fileName}, line ${r.line})` : ''}` },
  { field: 'abstract', evidence: null, label: 'Abstract', value: (r) => r.abstract ?? '' },
];

export function diffRows(item: QueueItem): DiffRow[] {
  const evidence = new Map(item.evidence.map((e) => [e.field, e]));
  return FIELDS.map(({ field, evidence: key, label, value }) => {
    const a = value(item.a);
    const b = value(item.b);
    const judged = key ? evidence.get(key) : undefined;
    const verdict: Verdict = judged ? judged.verdict : a === b ? 'same' : 'different';
    return { field, label, a, b, verdict, detail: judged?.detail ?? null };
  }).filter((row) => row.a !== '' || row.b !== '');
}

export const VERDICT_LABELS: Record<Verdict, string> = {
  match: 'matches',
  compatible: 'compatible',
  conflict: 'conflicts',
  missing: 'missing in one',
  same: 'same',
  different: 'differs',
};
