import { doiRelation, type DoiRelation } from './doi-versions.ts';
import { normaliseTitle, type NormalisedRecord } from './normalise.ts';
import { NOTICE_RELATION, noticeNames } from './notice.ts';
import { editSimilarity, overlapCoefficient } from './similarity.ts';

// Pairwise comparison of two records with field-level evidence, and the decision it supports:
// `duplicate` (merge automatically), `queue` (a reviewer decides) or `distinct`. The rules put
// a false merge — which can silently delete an eligible study — well above a missed duplicate:
// an automatic merge needs agreement on the work's identity (an identifier, or the title with
// its authors and year) and no contrary evidence; contrary evidence on one field sends a
// likely pair to the queue; contrary evidence that is strong on its own keeps them apart.

export type Verdict = 'match' | 'compatible' | 'conflict' | 'missing';

export interface FieldEvidence {
  field:
    'doi' | 'pmid' | 'registry' | 'title' | 'authors' | 'year' | 'venue' | 'pages' | 'volume' | 'issue' | 'kind' | 'notice' | 'abstract';
  verdict: Verdict;
  detail?: string;
}

export type Outcome = 'duplicate' | 'queue' | 'distinct';

export interface PairDecision {
  outcome: Outcome;
  reason: string;
  /** Higher merges first when clusters are built. */
  confidence: number;
  /** Different DOIs (not versions of one), PMIDs or registry ids: never in one automatic cluster. */
  identifierConflict: boolean;
  evidence: FieldEvidence[];
}

/** A title that is the other's beginning (a dropped subtitle) or end (a dropped acronym), long enough to identify a work on its own. */
export const PREFIX_TITLE_SIMILARITY = 0.9;

export function titleSimilarity(a: NormalisedRecord, b: NormalisedRecord, floor = 0.8): number {
  let best = 0;
  for (const x of a.titles) {
    for (const y of b.titles) {
      best = Math.max(best, editSimilarity(x, y, floor));
      const [short, long] = x.length <= y.length ? [x, y] : [y, x];
      if (short.length >= 25 && short.split(' ').length >= 4 && (long.startsWith(`${short} `) || long.endsWith(` ${short}`)))
        best = Math.max(best, PREFIX_TITLE_SIMILARITY);
    }
  }
  return best;
}

/** Some way of writing each venue agrees with some way of writing the other. */
export function venuesCompatible(a: string[][], b: string[][], conference: boolean): boolean {
  return a.some((x) => b.some((y) => venueNamesAgree(x, y, conference)));
}

/**
 * Two venue names agree: equal, one the other's abbreviation word by word ("J Vet Intern Med"),
 * one the other's acronym ("BMJ", "ICIS"), or for conferences one within the other.
 */
function venueNamesAgree(a: string[], b: string[], conference: boolean): boolean {
  const x = a.join(' ');
  const y = b.join(' ');
  if (x === y) return true;
  if (a.length === b.length && (isAbbreviation(a, b) || isAbbreviation(b, a))) return true;
  const acronym = (t: string[]) => t.map((w) => w[0]).join('');
  if ((a.length === 1 && a[0]!.length >= 3 && a[0] === acronym(b)) || (b.length === 1 && b[0]!.length >= 3 && b[0] === acronym(a)))
    return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  // A journal's name with and without its subtitle ("tripleC: Communication, Capitalism & Critique. Open Access Journal …").
  if (short.split(' ').length >= 3 && long.startsWith(`${short} `)) return true;
  if (conference) {
    if (short.length >= 6 && ` ${long} `.includes(` ${short} `)) return true;
    if (a.some((w) => w.length >= 3 && w === acronym(b)) || b.some((w) => w.length >= 3 && w === acronym(a))) return true;
  }
  return false;
}

const isAbbreviation = (abbrev: string[], full: string[]) => abbrev.every((w, i) => full[i]!.startsWith(w));

function pagesVerdict(a: string | null, b: string | null): Verdict {
  if (!a || !b) return 'missing';
  return a === b ? 'match' : 'conflict';
}

/**
 * First pages compared where they are comparable: an article number ("e12724", "a1754") and a
 * page range, or a PDF's own pagination from 1, say nothing about each other.
 */
function firstPagesVerdict(a: NormalisedRecord, b: NormalisedRecord): Verdict {
  if (!a.pages || !b.pages) return 'missing';
  if (a.pages === b.pages) return 'match';
  if (supplementApart(a, b)) return 'conflict';
  const articleNumber = (p: string) => /^[a-z]/.test(p);
  if (articleNumber(a.pages) !== articleNumber(b.pages) || a.pages === '1' || b.pages === '1') return 'missing';
  // Some databases give an article's last page alone ("488" for 487-488): one page inside the
  // other's range is the same place, not another one.
  if (pageWithin(a.record.pages, b.record.pages) || pageWithin(b.record.pages, a.record.pages)) return 'compatible';
  return 'conflict';
}

/**
 * One record on a supplement's page ("S500") and the other on a page of a regular issue: two
 * places in the journal. A supplement holds mostly meeting abstracts, and a meeting abstract is
 * not the article it became (the issue's rule), even under one title in one volume.
 */
function supplementApart(a: NormalisedRecord, b: NormalisedRecord): boolean {
  const supplement = (p: string) => /^s\d/.test(p);
  const regular = (p: string) => /^\d/.test(p);
  if (!a.pages || !b.pages) return false;
  return (supplement(a.pages) && regular(b.pages)) || (supplement(b.pages) && regular(a.pages));
}

/** `single` is one page number that lies inside the page range `range`. */
function pageWithin(single: string | null, range: string | null): boolean {
  const page = /^\s*(\d+)\s*$/.exec(single ?? '');
  const span = pageSpan(range);
  return page !== null && span !== null && Number(page[1]) >= span[0] && Number(page[1]) <= span[1];
}

/**
 * A page range with a real end ("205-226", not "35+" or a single page): with the venue, volume
 * and issue it is the place of one article in a journal, whatever language its title is given in.
 */
function pageRange(pages: string | null): string | null {
  const span = pageSpan(pages);
  return span ? `${span[0]}-${span[1]}` : null;
}

function pageSpan(pages: string | null): [number, number] | null {
  const m = /^\s*(\d+)\s*[-–—]+\s*(\d+)\s*$/.exec(pages ?? '');
  if (!m) return null;
  const start = Number(m[1]);
  let end = Number(m[2]);
  // "1234-56" is written short for 1234-1256.
  if (m[2]!.length < m[1]!.length) end = Number(m[1]!.slice(0, m[1]!.length - m[2]!.length) + m[2]);
  return end > start ? [start, end] : null;
}

/** Titles shorter than this may recur in one volume ("Update on cervical screening"): different pages keep them apart. */
export const MIN_TITLE_WORDS_FOR_PAGE_ERRORS = 6;

const wordCount = (title: string) => title.split(' ').length;

/**
 * The same list of two or more authors: as many names, every one found in the other list. One
 * author's recurring column may reuse a title; a group of authors does not.
 */
function sameAuthorList(a: NormalisedRecord, b: NormalisedRecord): boolean {
  const n = a.record.authors.length;
  return n >= 2 && n === b.record.authors.length && overlapCoefficient(a.authors, b.authors) === 1;
}

/** An abstract long enough to be one work's own, word for word the same (case, punctuation and markup aside). */
export const MIN_ABSTRACT_LENGTH = 200;

function sameAbstract(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const x = normaliseTitle(a);
  return x.length >= MIN_ABSTRACT_LENGTH && x === normaliseTitle(b);
}

export function compareRecords(a: NormalisedRecord, b: NormalisedRecord): PairDecision {
  const ra = a.record;
  const rb = b.record;
  const evidence: FieldEvidence[] = [];
  let identifierConflict = false;
  const decide = (outcome: Outcome, reason: string, confidence = 0): PairDecision => ({
    outcome,
    reason,
    confidence,
    evidence,
    identifierConflict,
  });

  // A correction, retraction, reply or comment is never the work it concerns: a record of its
  // own, never merged with it and not sent to the queue either. The labelled sets keep notices
  // apart from the article they name (13 of digital_work's 14), and a queue full of errata is
  // the noise that makes reviewers stop trusting flagged pairs. The reason says which it is.
  if ((a.notice === null) !== (b.notice === null)) {
    const [notice, work] = a.notice ? [a.notice, b] : [b.notice!, a];
    if (notice.subject !== null && work.informativeTitle && noticeNames(notice.subject, work.titles)) {
      evidence.push({ field: 'notice', verdict: 'conflict', detail: `${notice.kind} naming the other record's title` });
      return decide('distinct', `${NOTICE_RELATION[notice.kind]}: a record of its own`);
    }
    evidence.push({ field: 'notice', verdict: 'conflict', detail: 'one is an erratum, retraction, reply or comment' });
    return decide('distinct', 'one record is a notice about another work');
  }
  // An erratum and a reply naming one article share most of their title, yet are two items.
  if (a.notice && b.notice && a.notice.kind !== b.notice.kind) {
    evidence.push({ field: 'notice', verdict: 'conflict', detail: `${a.notice.kind} vs ${b.notice.kind}` });
    return decide('distinct', 'notices of different kinds');
  }
  // A conference abstract and the journal article of the same trial are different records.
  const kindA = a.conference ? 'conference' : ra.kind;
  const kindB = b.conference ? 'conference' : rb.kind;
  if ((kindA === 'conference' && kindB === 'journal-article') || (kindB === 'conference' && kindA === 'journal-article')) {
    evidence.push({ field: 'kind', verdict: 'conflict', detail: `${kindA} vs ${kindB}` });
    return decide('distinct', 'a conference record and a journal article are different records');
  }

  const doi: DoiRelation = doiRelation(ra.doi, rb.doi);
  evidence.push({
    field: 'doi',
    verdict: doi === 'same' ? 'match' : doi === 'missing' ? 'missing' : doi === 'different' ? 'conflict' : 'compatible',
    detail: doi,
  });
  const pmid: Verdict = !ra.pmid || !rb.pmid ? 'missing' : ra.pmid === rb.pmid ? 'match' : 'conflict';
  evidence.push({ field: 'pmid', verdict: pmid });
  const registry: Verdict =
    ra.registryIds.length === 0 || rb.registryIds.length === 0
      ? 'missing'
      : ra.registryIds.some((id) => rb.registryIds.includes(id))
        ? 'match'
        : 'conflict';
  evidence.push({ field: 'registry', verdict: registry });

  const sameId = doi === 'same' || pmid === 'match';
  const hasTitles = a.titles.length > 0 && b.titles.length > 0;
  // With a shared identifier a looser title comparison is worth its cost ("Hyred: Hybrid …" vs "Hybrid …").
  const titleSim = hasTitles ? titleSimilarity(a, b, sameId ? 0.5 : 0.8) : 0;
  const titlesInformative = a.informativeTitle && b.informativeTitle;
  evidence.push({
    field: 'title',
    verdict:
      a.titles.length === 0 || b.titles.length === 0 ? 'missing' : titleSim === 1 ? 'match' : titleSim >= 0.85 ? 'compatible' : 'conflict',
    detail: titleSim.toFixed(3),
  });

  const authorOverlap = overlapCoefficient(a.authors, b.authors);
  const authors: Verdict =
    a.authors.size === 0 || b.authors.size === 0
      ? 'missing'
      : authorOverlap >= 0.5
        ? authorOverlap === 1
          ? 'match'
          : 'compatible'
        : authorOverlap === 0
          ? 'conflict'
          : 'compatible';
  evidence.push({ field: 'authors', verdict: authors, detail: authorOverlap.toFixed(2) });
  const authorsAgree = authors !== 'missing' && authorOverlap >= 0.5;

  const yearDiff = ra.year !== null && rb.year !== null ? Math.abs(ra.year - rb.year) : null;
  evidence.push({
    field: 'year',
    verdict: yearDiff === null ? 'missing' : yearDiff === 0 ? 'match' : 'conflict',
    detail: yearDiff === null ? undefined : `${ra.year} vs ${rb.year}`,
  });

  const conference = kindA === 'conference' || kindB === 'conference';
  const venue: Verdict =
    a.venue.length === 0 || b.venue.length === 0 ? 'missing' : venuesCompatible(a.venue, b.venue, conference) ? 'match' : 'conflict';
  evidence.push({ field: 'venue', verdict: venue });
  const pages = firstPagesVerdict(a, b);
  evidence.push({ field: 'pages', verdict: pages });
  const volume = pagesVerdict(a.volume, b.volume);
  evidence.push({ field: 'volume', verdict: volume });
  const issue = pagesVerdict(a.issue, b.issue);
  evidence.push({ field: 'issue', verdict: issue });
  // Another issue of the same volume is another item (a column that recurs in every issue).
  const otherIssue = volume === 'match' && issue === 'conflict';
  const detailsDiffer = pages === 'conflict' || volume === 'conflict' || otherIssue;

  const idConflict = doi === 'different' || pmid === 'conflict' || registry === 'conflict';
  identifierConflict = idConflict;

  // 1. The same DOI or PMID: one work, unless the records plainly describe two (a DOI pasted
  //    onto the wrong record, a chapter carrying its book's DOI).
  if (sameId && !idConflict) {
    if (titleSim >= 0.6 || !titlesInformative) {
      if (authors === 'conflict' && titleSim < 0.9) return decide('queue', 'same identifier, but the author lists share no name');
      if (yearDiff !== null && yearDiff >= 2 && titleSim < 0.9) return decide('queue', 'same identifier, but years differ by two or more');
      return decide('duplicate', doi === 'same' ? 'same DOI' : 'same PMID', 3);
    }
    if (authors === 'conflict' || (yearDiff !== null && yearDiff >= 1))
      return decide('distinct', 'same identifier on records with different titles, authors and years');
    return decide('queue', 'same identifier, different titles');
  }

  // 2. Known version patterns of one DOI: Cochrane `.pubN` updates, preprint and publication.
  if ((doi === 'versions' || doi === 'preprint-and-publication') && pmid !== 'conflict' && registry !== 'conflict') {
    if (titleSim >= 0.9 && authors !== 'conflict' && (yearDiff === null || yearDiff <= 2))
      return decide('duplicate', `DOIs are ${doi === 'versions' ? 'versions of one DOI' : 'a preprint and its publication'}`, 2.5);
    if (titleSim >= 0.8) return decide('queue', 'version DOIs, but titles or authors differ');
    return decide('distinct', 'version DOIs on different titles');
  }

  // Without a shared identifier, the title has to say which work it is.
  if (!titlesInformative) return decide('distinct', 'no shared identifier and a title that does not identify a work');
  if (titleSim < 0.85) {
    // A translated title: the same authors at the same place (venue, year, volume, first page) of a journal.
    // Another issue is another place, whatever the pages say (each issue of some journals is paginated from 1).
    if (
      !conference &&
      !idConflict &&
      authorsAgree &&
      yearDiff === 0 &&
      venue === 'match' &&
      volume === 'match' &&
      issue !== 'conflict' &&
      pages === 'match'
    ) {
      // The whole place — volume, issue and the same page range — with every author the same is one article.
      const range = pageRange(ra.pages);
      if (authors === 'match' && issue === 'match' && range !== null && range === pageRange(rb.pages))
        return decide('duplicate', 'a translated title: same authors, venue, year, volume, issue and page range', 1.3);
      return decide('queue', 'different titles at the same venue, year, volume and page (a translation?)');
    }
    return decide('distinct', 'titles differ');
  }
  if (yearDiff !== null && yearDiff >= 2) return decide('distinct', 'years differ by two or more');
  // A supplement's abstract and a regular issue's article of another year or volume: the meeting
  // abstract and the article it became, different records by the issue's rule.
  if (supplementApart(a, b) && (volume === 'conflict' || (yearDiff !== null && yearDiff >= 1)))
    return decide(
      'distinct',
      "a supplement's page and a regular issue's page in another year or volume (a meeting abstract and its article)",
    );
  if (authors === 'conflict') {
    // Group authorship ("ALTS Group") against named authors: the same title at the same volume
    // and pages of the same venue in the same year is one article whatever the author lists say.
    if (titleSim === 1 && yearDiff === 0 && venue === 'match' && pages === 'match' && volume === 'match' && !idConflict)
      return decide('duplicate', 'same title, venue, year, volume and pages; author lists written differently', 1.4);
    // Same volume alone is not enough: commentaries on one paper share title, volume and issue.
    return titleSim === 1 && yearDiff === 0 && venue !== 'conflict' && pages === 'match'
      ? decide('queue', 'same title, year and first page but no author in common')
      : decide('distinct', 'no author in common');
  }
  if (idConflict) {
    // The issue's rule: different identifiers go to a reviewer, unless the records also differ in year or issue details.
    if (yearDiff === 0 && !detailsDiffer) return decide('queue', 'similar records with different identifiers');
    // An article a journal published twice (reprinted in a later issue under a new DOI) keeps its
    // title, authors and abstract word for word; a follow-up work does not. A reviewer decides.
    if (titleSim === 1 && authors === 'match' && sameAbstract(ra.abstract, rb.abstract)) {
      evidence.push({ field: 'abstract', verdict: 'match' });
      return decide('queue', 'the same title, authors and abstract under different identifiers (published twice?)');
    }
    return decide('distinct', 'different identifiers and different years or issue details');
  }
  if (otherIssue) return decide('distinct', 'same volume, different issue');
  if (venue === 'conflict') {
    // Venue names are written many ways; identical volume and pages under the same title, authors and year are the same article.
    if (pages === 'match' && volume !== 'conflict' && yearDiff === 0 && authorsAgree && titleSim >= 0.95)
      return decide('duplicate', 'same title, authors, year and pages; venue written differently', 1.6);
    // A journal known by two names (a translated or romanised title): the same title and authors at the same volume and issue.
    if (titleSim === 1 && authors === 'match' && yearDiff === 0 && volume === 'match' && issue === 'match' && pages !== 'conflict')
      return decide('duplicate', 'same title, authors, year, volume and issue; venue written differently', 1.5);
    return pages === 'match' || volume === 'match'
      ? decide('queue', 'same title and issue details under different venue names')
      : decide('distinct', 'same title in different venues');
  }

  const exactTitle = titleSim === 1;
  // The page range is the field exports get wrong most often (the neighbouring article's range,
  // "Pt 2" read as a page, a typo); the title, every author, the journal and its volume together
  // name one article. Two works with one long title and one author list in one volume of one
  // journal do not occur, so the pages alone do not keep them apart. A conference abstract and
  // the article (kept apart above), other DOIs or another issue still do; so does a single
  // page, which is what a meeting abstract printed in a regular issue takes.
  if (
    pages === 'conflict' &&
    !supplementApart(a, b) &&
    pageSpan(ra.pages) !== null &&
    pageSpan(rb.pages) !== null &&
    exactTitle &&
    sameAuthorList(a, b) &&
    venue === 'match' &&
    volume === 'match' &&
    issue !== 'conflict' &&
    yearDiff !== null &&
    yearDiff <= 1 &&
    !conference &&
    Math.min(...a.titles.map(wordCount), ...b.titles.map(wordCount)) >= MIN_TITLE_WORDS_FOR_PAGE_ERRORS
  )
    return decide('duplicate', 'same title, every author, venue and volume; the page ranges disagree', 1.3);
  // Online-first and issue versions: a year apart, the online-first one paginated from 1 or missing pages.
  if (yearDiff === 1) {
    if (exactTitle && authorsAgree && venue === 'match' && volume !== 'conflict' && pages !== 'conflict')
      return decide('duplicate', 'same title, authors and venue a year apart (online-first and issue)', 1.5);
    // Versions a year apart keep their title; a changed title a year later is a follow-up work.
    return titleSim >= 0.95 ? decide('queue', 'similar records a year apart') : decide('distinct', 'different titles a year apart');
  }

  const issueAgrees = venue === 'match' && (pages === 'match' || volume === 'match');
  if (pages === 'conflict' || volume === 'conflict') return decide('queue', 'same title with different pages or volume');
  if (titleSim >= 0.95) {
    if (authorsAgree || (authors === 'missing' && issueAgrees))
      return decide(
        'duplicate',
        exactTitle ? 'same title, authors and year' : 'nearly the same title, same authors and year',
        exactTitle ? 2 : 1.8,
      );
    return decide('queue', 'same title and year, too little else to compare');
  }
  if (authorsAgree && issueAgrees) return decide('duplicate', 'similar title, same authors, year, venue and pages or volume', 1.2);
  return decide('queue', 'similar titles');
}
