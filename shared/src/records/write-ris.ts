import type { PublicationKind } from './record.ts';

// Records written as RIS, for another tool (a reference manager, a screening tool). Every
// value is made safe for RIS's one-line fields: line breaks become spaces, control
// characters are dropped, and a value never starts a line that could read as a tag. Read
// back by Grove's RIS parser, each record has the same fields.

export interface RisRecord {
  id: string;
  kind: PublicationKind | string | null;
  title: string | null;
  authors: readonly string[];
  year: number | null;
  journal: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  pmid: string | null;
  pmcid: string | null;
  abstract: string | null;
  registryIds: readonly string[];
}

const RIS_TYPE: Record<string, string> = {
  'journal-article': 'JOUR',
  conference: 'CONF',
  book: 'BOOK',
  chapter: 'CHAP',
  thesis: 'THES',
  report: 'RPRT',
  preprint: 'JOUR',
  other: 'GEN',
};

/** One line of text, without line breaks or control characters. */
export function risSafe(value: string): string {
  let out = '';
  for (const ch of value.replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')) {
    const code = ch.codePointAt(0)!;
    if (code < 32 || code === 127) continue;
    out += ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}

export function recordToRis(r: RisRecord): string {
  const lines: string[] = [];
  const put = (tag: string, value: string | number | null | undefined) => {
    if (value === null || value === undefined) return;
    const text = risSafe(String(value));
    if (text) lines.push(`${tag}  - ${text}`);
  };
  put('TY', RIS_TYPE[r.kind ?? ''] ?? 'JOUR');
  put('ID', r.id);
  put('TI', r.title);
  for (const a of r.authors) put('AU', a);
  put('PY', r.year);
  put('JO', r.journal);
  put('VL', r.volume);
  put('IS', r.issue);
  const [start, end] = splitPages(r.pages);
  put('SP', start);
  put('EP', end);
  put('DO', r.doi);
  put('PM', r.pmid);
  put('C2', r.pmcid);
  put('AB', r.abstract);
  for (const id of r.registryIds) put('N1', id);
  lines.push('ER  - ');
  return `${lines.join('\n')}\n`;
}

export function recordsToRis(records: readonly RisRecord[]): string {
  return records.map(recordToRis).join('\n');
}

/** "100-110" → ["100", "110"]; a single page or an article number stays whole. */
function splitPages(pages: string | null): [string | null, string | null] {
  if (!pages) return [null, null];
  const m = /^([^-]+)-([^-]+)$/.exec(pages);
  return m ? [m[1]!.trim(), m[2]!.trim()] : [pages, null];
}
