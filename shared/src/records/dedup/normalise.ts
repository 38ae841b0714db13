import type { BibRecord } from '../record.ts';
import { foldText } from './fold-text.ts';
import { readNotice, type Notice } from './notice.ts';

// Normalisation for comparing records: titles, author names, venues (journals, their
// abbreviations, conference names), pages, volumes. Everything is lower case, without
// diacritics or punctuation, so that formatting differences between databases vanish and
// only differences of content remain.

/** A title without case, diacritics, markup, entities or punctuation. */
export const normaliseTitle = (title: string) => foldText(title);

/**
 * The titles a record may be known by: the whole title, and where a database appended a
 * translation in square brackets ("Crowdwork: … [Arbeiten in der Crowd: …]"), each half.
 */
export function titleVariants(title: string): string[] {
  const bare = stripTitleAnnotations(title);
  const whole = normaliseTitle(bare);
  // A section label in brackets ("The all-seeing employer - [careers]") is not part of the title.
  const section = /^(.{12,}?)[\s\-–:]*\[[^\]]{1,20}\]\s*\.?$/.exec(bare);
  if (section) return [whole, normaliseTitle(section[1]!)].filter((t, i, all) => t.length > 0 && all.indexOf(t) === i);
  // A column's heading led in by an ellipsis ("How I did it ... Upwork's CEO on how …") is not
  // part of the article's title; a subtitle is set off by a colon or dash, never by an ellipsis.
  const lead = /^([^.…]{1,30}?)\s*(?:\.{3}|…)\s*(\S.{24,})$/.exec(bare);
  if (lead && lead[1]!.trim().split(/\s+/).length <= 5) {
    const rest = normaliseTitle(lead[2]!);
    if (rest.split(' ').length >= 4) return [whole, rest];
  }
  const m = /^(.*?)\s*\[([^\]]{20,})\]\s*\.?$/.exec(bare.trim());
  if (!m) return [whole];
  return [whole, normaliseTitle(m[1]!), normaliseTitle(m[2]!)].filter((t, i, all) => t.length > 0 && all.indexOf(t) === i);
}

/**
 * Databases' notes appended to a title, not part of it: Ovid MEDLINE's "[Review] [33 refs]",
 * "[Article in German]", "[Editorial]", "[see comments]".
 */
export function stripTitleAnnotations(title: string): string {
  return (
    title
      .replace(
        /\s*\[(?:review|\d+\s+refs?|article in [^\]]+|editorial|letter|comment|see comments?|english abstract|abstract|published erratum[^\]]*|corrected[^\]]*)\]\s*\.?/gi,
        ' ',
      )
      // Ovid's cross-references: "[Erratum appears in …]", "[Comment in: …]", "[Update of …]" (often cut off).
      .replace(
        /\.?\s*\[(?:erratum|comment|retraction|update|summary for patients|corrected and republished|republished)[^\]]*(?:\]|$)/gi,
        ' ',
      )
      // CRD databases (DARE, NHS EED): "(Provisional abstract)", "(Structured abstract)".
      .replace(/\s*\((?:provisional|structured) abstract\)/gi, ' ')
      .trim()
  );
}

// Titles that name a kind of item, not a work: two records sharing one are not thereby the same.
const GENERIC_TITLES = new Set(
  [
    'editorial',
    'guest editorial',
    'book review',
    'book reviews',
    'letter',
    'letters',
    'letter to the editor',
    'introduction',
    'preface',
    'foreword',
    'news',
    'reply',
    'response',
    'abstracts',
    'abstract',
    'index',
    'contents',
    'in this issue',
    'unknown',
    'untitled',
    'commentary',
    'comment',
    'correction',
    'erratum',
    'obituary',
    'conference report',
    'editors note',
    'editor s note',
    'announcement',
    'reviewers',
    'acknowledgement',
    'acknowledgements',
  ].map(normaliseTitle),
);

// The words of recurring editorial columns ("Editorial Notes", "Editor's Comments", "Remarks
// from the MIS Quarterly Editor"): a title made only of these and the venue's name is a column
// that appears in every issue, not one work.
const COLUMN_WORDS = new Set(
  'editorial editorials editor editors s notes note comments comment remarks from the a an of to in this issue message letter letters column introduction preface foreword guest welcome new year and our by for on statement words few'.split(
    ' ',
  ),
);

/** Whether a title says which work this is (not "Editorial", not the venue's own name, not empty). */
export function isInformativeTitle(title: string, venues: string[][]): boolean {
  if (title.length < 12 || !title.includes(' ')) return false;
  if (GENERIC_TITLES.has(title)) return false;
  const venueWords = new Set(venues.flat());
  if (title.split(' ').every((w) => COLUMN_WORDS.has(w) || venueWords.has(w))) return false;
  // "Communications of the AIS Communications of the AIS Volume 52 Paper 41", "International
  // Conference on Information Systems, ICIS 2013, Volume 1": the venue's name plus boilerplate.
  const content = ` ${title
    .split(' ')
    .filter((w) => !STOPWORDS.has(w))
    .join(' ')} `;
  for (const v of venues) {
    if (v.length < 2) continue;
    const name = ` ${v.join(' ')} `;
    if (!content.includes(name)) continue;
    const rest = content
      .split(name)
      .join(' ')
      .replace(/\b(?:volume|vol|issue|no|paper|article|number|part|\d+|[a-z]{1,6}\s*$)\b/g, ' ')
      .trim();
    if (rest.length < 12) return false;
  }
  return true;
}

const STOPWORDS = new Set(['the', 'of', 'and', 'in', 'for', 'on', 'to', 'a', 'an', 'de', 'la', 'der', 'und', 'et', 'des', 'du', 'y']);

/** British and American spellings of the same journal word (gynaecology/gynecology, tumour/tumor). */
const spelling = (w: string) => w.replace(/ae/g, 'e').replace(/^oe/, 'e').replace(/our$/, 'or');

/**
 * The ways a venue may be written, as content-word lists: the whole name, and the name before
 * a subtitle or parallel title ("Clinical cancer research : an official journal of …",
 * "Sao Paulo Medical Journal = Revista …", "International journal of cancer.Journal international du cancer").
 */
export function venueVariants(venue: string): string[][] {
  const whole = venueTokens(venue);
  const main = /^(.{4,}?)\s*(?:\s:\s|\s=\s|\.(?=\S)|:\s|\.\s)/.exec(venue);
  const variants = [whole];
  // "JNCCN Journal of the National Comprehensive Cancer Network": the acronym and the name.
  const lead = /^([A-Z]{3,})\s+(\S.*)$/.exec(venue.trim());
  if (lead) variants.push(venueTokens(lead[2]!));
  if (main) {
    const head = venueTokens(main[1]!);
    if (head.length > 0 && head.join(' ') !== whole.join(' ')) variants.push(head);
  }
  return variants.filter((v) => v.length > 0);
}

// "Proceedings of the Sixteenth Annual …", "12th", "2016": what varies between the names of one conference.
const ORDINALS_AND_YEARS =
  /\b(?:proceedings|proc|\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|twenty|thirty|forty|fifty|annual|1[89]\d\d|20\d\d)\b/g;

/** A venue's content words: no brackets ("[Electronic Resource]"), "proceedings of the 12th", years or stopwords. */
export function venueTokens(venue: string): string[] {
  const v = foldText(venue.replace(/\[[^\]]*\]|\([^)]*\)/g, ' '))
    .replace(ORDINALS_AND_YEARS, ' ')
    .trim();
  return v
    .split(/\s+/)
    .filter((t) => t !== '' && !STOPWORDS.has(t))
    .map(spelling);
}

/** "Conference", "Congress", "Meeting", "Symposium", "Workshop" or abstracts in the venue's name. */
export const isConferenceVenue = (venue: string) =>
  /\b(?:conference|congress|meeting|symposium|workshop|colloquium|convention|abstracts)\b/i.test(venue);

/** The first page as written ("e0209483", "s417", "945"), or null when there is none. */
export function firstPage(pages: string | null): string | null {
  if (!pages) return null;
  const first = pages
    .split(/[-–—,]/)[0]!
    .trim()
    .toLowerCase();
  const m = /^([a-z]{0,2})0*(\d+)$/.exec(first.replace(/\s+/g, ''));
  return m ? `${m[1]}${m[2]}` : null;
}

/** A volume's leading number ("4 (1) (no pagination)" → "4"), or null. */
export function volumeNumber(volume: string | null): string | null {
  const m = volume ? /^\s*0*(\d+)/.exec(volume) : null;
  return m ? m[1]! : null;
}

/**
 * The record's volume number, or null where the volume field holds the year: a magazine without
 * volumes (Harvard Business Review) is exported by some databases with its year as the volume and
 * by others with the publisher's volume, and the year says nothing about the volume.
 */
export function recordVolume(record: BibRecord): string | null {
  const v = volumeNumber(record.volume);
  if (v !== null && v.length === 4 && record.year !== null && Math.abs(Number(v) - record.year) <= 1) return null;
  return v;
}

/**
 * Words that identify the authors: every surname word, and given-name words that are whole
 * names (not initials), so "Omulo, S." and "Omulo Sylvia" share "omulo".
 */
export function authorTokens(authors: string[]): Set<string> {
  const tokens = new Set<string>();
  for (const a of authors) {
    const comma = a.indexOf(',');
    const surname = comma >= 0 ? a.slice(0, comma) : a;
    const given = comma >= 0 ? a.slice(comma + 1) : '';
    for (const t of foldText(surname).split(' '))
      if (t.length >= 2 && !STOPWORDS.has(t) && !['jr', 'sr', 'ii', 'iii'].includes(t)) tokens.add(t);
    for (const raw of given.split(/[\s.,-]+/)) {
      if (raw.length >= 3 && raw !== raw.toUpperCase()) tokens.add(foldText(raw));
    }
  }
  tokens.delete('');
  return tokens;
}

/** The normalised view of a record that deduplication compares. */
export interface NormalisedRecord {
  record: BibRecord;
  titles: string[];
  informativeTitle: boolean;
  /** An erratum, retraction, reply or comment; its subject only where that title identifies a work. */
  notice: Notice | null;
  authors: Set<string>;
  firstAuthor: string | null;
  venue: string[][];
  conference: boolean;
  pages: string | null;
  volume: string | null;
  issue: string | null;
}

/**
 * Journal names and author names repeat across thousands of records; their normal forms are
 * computed once per distinct string. The caches live as long as one deduplication run.
 */
export class NormaliseCache {
  private readonly venues = new Map<string, string[][]>();
  private readonly authors = new Map<string, Set<string>>();
  venue(name: string): string[][] {
    let v = this.venues.get(name);
    if (!v) this.venues.set(name, (v = venueVariants(name)));
    return v;
  }
  authorTokens(names: string[]): Set<string> {
    const out = new Set<string>();
    for (const n of names) {
      let t = this.authors.get(n);
      if (!t) this.authors.set(n, (t = authorTokens([n])));
      for (const x of t) out.add(x);
    }
    return out;
  }
}

function noticeOf(title: string, venue: string[][]): Notice | null {
  const notice = readNotice(title);
  if (!notice) return null;
  return { kind: notice.kind, subject: notice.subject !== null && isInformativeTitle(notice.subject, venue) ? notice.subject : null };
}

export function normaliseRecord(record: BibRecord, cache: NormaliseCache = new NormaliseCache()): NormalisedRecord {
  const titles = record.title ? titleVariants(record.title) : [];
  const venueName = record.journal ?? '';
  const venue = venueName ? cache.venue(venueName) : [];
  const first = record.authors[0] ? cache.authorTokens([record.authors[0]]) : new Set<string>();
  const surname = record.authors[0] ? (foldText(record.authors[0].split(',')[0]!).split(' ').at(-1) ?? null) : null;
  return {
    record,
    titles,
    informativeTitle: titles.length > 0 && isInformativeTitle(titles[0]!, venue),
    notice: titles.length > 0 ? noticeOf(titles[0]!, venue) : null,
    authors: cache.authorTokens(record.authors),
    firstAuthor: surname && first.size > 0 ? surname : null,
    venue,
    conference: record.kind === 'conference' || (venueName !== '' && isConferenceVenue(venueName)),
    pages: firstPage(record.pages),
    volume: recordVolume(record),
    issue: volumeNumber(record.issue),
  };
}
