import { formatAuthors } from './authors.ts';
import { findEmbaseId, findPmcid, findRegistryIds, normaliseDoi, normalisePmid } from './identifiers.ts';
import type { BibRecord, RecordDraft } from './record.ts';

// Turns what a format parser read into a BibRecord: the one place where fields are trimmed,
// years become integers, pages are written one way and identifiers are normalised.

const clean = (s: string | null | undefined): string | null => {
  if (s === null || s === undefined) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t === '' || /^(?:none|null|n\/a|na|unknown)$/i.test(t) ? null : t;
};

/** The first plausible publication year in the text (1500–2099), as an integer. */
export function parseYear(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1500 && value < 2100 ? value : null;
  const m = /(?:^|[^0-9])(1[5-9]\d\d|20\d\d)(?![0-9])/.exec(value);
  return m ? Number(m[1]) : null;
}

/** "9848--9853", "9848 - 53", "e0209483": one hyphen, no spaces. */
export function formatPages(start: string | null, end: string | null, pages: string | null): string | null {
  const joined = pages ?? (start && end && start !== end ? `${start}-${end}` : start);
  const p = clean(joined);
  return p ? p.replace(/\s*[-–—]+\s*/g, '-') : null;
}

/** An identifier written with its label somewhere in the other fields ("PMID: 123" in Zotero's Extra). */
function labelled(texts: string[], pattern: RegExp): string | null {
  for (const t of texts) {
    const m = pattern.exec(t);
    if (m) return m[1]!.replace(/^0+(?=\d)/, '');
  }
  return null;
}

export function finishRecord(draft: RecordDraft, fallbackId: string, source: string, line: number, raw: string): BibRecord {
  const other = draft.otherText ?? [];
  let doi: string | null = null;
  for (const c of draft.doiCandidates ?? []) {
    doi = normaliseDoi(c);
    if (doi) break;
  }
  const title = clean(draft.title);
  const abstract = clean(draft.abstract);
  return {
    id: clean(draft.ownId) ?? fallbackId,
    source,
    line,
    kind: draft.kind ?? null,
    title,
    authors: formatAuthors(draft.authors ?? []),
    year: parseYear(draft.year ?? null),
    journal: clean(draft.journal),
    journalAbbrev: clean(draft.journalAbbrev),
    volume: clean(draft.volume),
    issue: clean(draft.issue),
    pages: formatPages(clean(draft.startPage), clean(draft.endPage), clean(draft.pages)),
    doi,
    pmid: normalisePmid(draft.pmid) ?? labelled(other, /\bPMID:?\s*(\d{1,9})\b/i),
    pmcid: findPmcid(draft.pmcid) ?? labelled(other, /\bPMCID:?\s*(PMC\d{4,9})\b/i),
    embaseId: draft.embaseId ? findEmbaseId(draft.embaseId) : null,
    abstract,
    registryIds: findRegistryIds([title, abstract, ...other]),
    raw,
  };
}
