import { describe, expect, it } from 'vitest';
import { finishRecord, type BibRecord, type RecordDraft } from '@grove/shared/records/index';
import { compareRecords, dedupeRecords, normaliseRecord } from '@grove/shared/records/dedup/index';
import { readNotice } from '@grove/shared/records/dedup/notice';

// The deduplication rules of issue 13 on hand-made records: what merges automatically, what
// goes to the reviewer's queue, and what stays apart. The labelled corpus sets are scored in
// test/conformance/records-dedupe.test.ts.

let n = 0;
function rec(draft: RecordDraft & { doi?: string }): BibRecord {
  n++;
  const { doi, ...rest } = draft;
  return finishRecord({ ...rest, doiCandidates: doi ? [doi] : [] }, `r${n}`, 'test', n, '');
}

const base: RecordDraft = {
  kind: 'journal-article',
  title: 'Peer support for adults with serious mental illness: a randomised trial',
  authors: ['Lloyd-Evans, Brynmor', 'Mayo-Wilson, Evan', 'Harrison, Bronwyn'],
  year: 2014,
  journal: 'BMC Psychiatry',
  volume: '14',
  pages: '39-47',
};

const outcome = (a: BibRecord, b: BibRecord) => compareRecords(normaliseRecord(a), normaliseRecord(b));

describe('pairwise decisions', () => {
  it('merges the same paper written differently by two databases', () => {
    const a = rec(base);
    const b = rec({
      ...base,
      title: 'PEER SUPPORT FOR ADULTS WITH SERIOUS MENTAL ILLNESS - A RANDOMISED TRIAL. [Review] [40 refs]',
      authors: ['Lloyd-Evans B', 'Mayo-Wilson E'],
      journal: 'BMC psychiatry [electronic resource]',
      pages: '39',
    });
    expect(outcome(a, b)).toMatchObject({ outcome: 'duplicate' });
  });

  it('matches journal abbreviations word by word and acronyms', () => {
    const a = rec({ ...base, journal: 'Journal of Veterinary Internal Medicine' });
    const b = rec({ ...base, journal: 'J Vet Intern Med', authors: [] });
    expect(outcome(a, b).evidence.find((e) => e.field === 'venue')?.verdict).toBe('match');
    const c = rec({ ...base, journal: 'British Medical Journal' });
    const d = rec({ ...base, journal: 'BMJ' });
    expect(outcome(c, d).evidence.find((e) => e.field === 'venue')?.verdict).toBe('match');
  });

  it('merges on the same DOI even when titles are formatted apart, but not a DOI on a plainly different paper', () => {
    const a = rec({ ...base, doi: 'https://doi.org/10.1186/1471-244X-14-39' });
    const b = rec({ title: 'Peer support for adults with serious mental illness', doi: '10.1186/1471-244x-14-39', year: 2014 });
    expect(outcome(a, b)).toMatchObject({ outcome: 'duplicate', reason: 'same DOI' });
    const other = rec({
      title: 'Negotiation in database schema integration',
      authors: ['Hall, Gillian'],
      year: 1995,
      doi: '10.1186/1471-244x-14-39',
    });
    expect(outcome(a, other).outcome).toBe('distinct');
  });

  it('sends different DOIs on otherwise identical records to the queue, never merging them', () => {
    const a = rec({ ...base, doi: '10.1000/one' });
    const b = rec({ ...base, doi: '10.1000/two' });
    expect(outcome(a, b).outcome).toBe('queue');
  });

  it('merges Cochrane .pub versions and a preprint with its journal version', () => {
    const a = rec({ ...base, journal: 'Cochrane Database of Systematic Reviews', doi: '10.1002/14651858.CD002273.pub2', year: 2004 });
    const b = rec({ ...base, journal: 'Cochrane Database Syst Rev', doi: '10.1002/14651858.CD002273.pub3', year: 2005 });
    expect(outcome(a, b)).toMatchObject({ outcome: 'duplicate', reason: 'DOIs are versions of one DOI' });
    const preprint = rec({ ...base, kind: 'preprint', journal: 'medRxiv', doi: '10.1101/2020.03.15.20036012', year: 2013 });
    expect(outcome(a, preprint).outcome).not.toBe('distinct');
    const journal = rec({ ...base, doi: '10.1186/s12888-014-0039-x' });
    expect(outcome(journal, preprint)).toMatchObject({ outcome: 'duplicate', reason: 'DOIs are a preprint and its publication' });
  });

  it('keeps a conference abstract apart from the article', () => {
    const a = rec(base);
    expect(outcome(a, rec({ ...base, kind: 'conference', journal: 'Annual Meeting of the Royal College of Psychiatrists' })).outcome).toBe(
      'distinct',
    );
  });

  it('merges online-first and issue versions a year apart, but not a changed title a year later', () => {
    const issue = rec({ ...base, year: 2015, pages: '566-582' });
    const online = rec({ ...base, year: 2014, pages: '1-17', volume: null });
    expect(outcome(issue, online).outcome).toBe('duplicate');
    const followUp = rec({
      ...base,
      title: 'Peer support for adults with serious mental illness: a randomised trial with two-year follow-up',
      year: 2016,
    });
    expect(outcome(issue, followUp).outcome).toBe('distinct');
  });

  it('does not merge on titles that name a kind of item rather than a work', () => {
    const a = rec({
      ...base,
      title: "Editor's Comments",
      authors: ['Weber, Ron'],
      journal: 'MIS Quarterly',
      pages: null,
      volume: '26',
      issue: '1',
    });
    const b = rec({
      ...base,
      title: "Editor's Comments",
      authors: ['Weber, Ron'],
      journal: 'MIS Quarterly',
      pages: null,
      volume: '26',
      issue: '2',
    });
    expect(outcome(a, b).outcome).toBe('distinct');
    const c = rec({ title: 'Book review', journal: 'European Journal of Information Systems', year: 1995 });
    const d = rec({ title: 'Book review', journal: 'European Journal of Information Systems', year: 1995 });
    expect(outcome(c, d).outcome).toBe('distinct');
  });

  it('merges a translated title only at the same place: authors, venue, year, volume, issue and page range', () => {
    const germanDraft: RecordDraft = {
      ...base,
      title: 'Plattformökonomie und Crowdworking als Herausforderungen für das deutsche Modell der Arbeitsbeziehungen',
      authors: ['Greef, Samuel', 'Schroeder, Wolfgang'],
      journal: 'Industrielle Beziehungen',
      volume: '27',
      issue: '2',
      pages: '205-226',
    };
    const englishDraft: RecordDraft = {
      ...base,
      title: 'Platform economy and crowdworking as challenges for the German model of industrial relations',
      authors: ['Greef, S.', 'Schroeder, W.'],
      journal: 'Industrielle Beziehungen',
      volume: '27',
      issue: '2',
      pages: '205-26',
    };
    const german = rec(germanDraft);
    expect(outcome(german, rec(englishDraft))).toMatchObject({ outcome: 'duplicate' });
    // Another issue, only a first page, or another author: a reviewer decides.
    expect(outcome(german, rec({ ...englishDraft, issue: '3' })).outcome).not.toBe('duplicate');
    expect(outcome(german, rec({ ...englishDraft, pages: '205' }))).toMatchObject({ outcome: 'queue' });
    expect(outcome(german, rec({ ...englishDraft, authors: ['Greef, S.', 'Meyer, K.'] }))).toMatchObject({ outcome: 'queue' });
  });

  it('merges the same title and authors at the same volume and issue of a journal known by two names', () => {
    const romanised = rec({ ...base, journal: 'Jinko Chino Gakkai Ronbunshi', volume: '31', issue: '2', pages: null });
    const english: RecordDraft = {
      ...base,
      journal: 'Transactions of the Japanese Society for Artificial Intelligence',
      volume: '31',
      issue: '2',
    };
    expect(outcome(romanised, rec(english))).toMatchObject({ outcome: 'duplicate' });
    expect(outcome(romanised, rec({ ...english, issue: '3' })).outcome).not.toBe('duplicate');
    expect(outcome(romanised, rec({ ...english, authors: ['Lloyd-Evans, Brynmor', 'Meyer, Karl'] })).outcome).not.toBe('duplicate');
  });

  it('keeps different papers by the same author in the same venue apart', () => {
    const a = rec({
      kind: 'conference',
      title: 'A Proposed Study on Commitment in Virtual Teams',
      authors: ['Powell, Anne L'],
      year: 1999,
      journal: 'Americas Conference on Information Systems',
    });
    const b = rec({
      kind: 'conference',
      title: 'Commitment in a Virtual Team',
      authors: ['Powell, Anne L'],
      year: 1999,
      journal: 'Americas Conference on Information Systems',
    });
    expect(outcome(a, b).outcome).toBe('distinct');
  });

  it("reads one page inside the other's range as the same place (a database giving only the last page), not another one", () => {
    const a = rec({ ...base, pages: '487-488' });
    expect(outcome(a, rec({ ...base, pages: '488' }))).toMatchObject({ outcome: 'duplicate' });
    expect(outcome(a, rec({ ...base, pages: '488' })).evidence.find((e) => e.field === 'pages')?.verdict).toBe('compatible');
    // A page outside the range, without a volume to say it is the same article, is another place: a reviewer decides.
    const noVolume = rec({ ...base, volume: null, pages: '487-488' });
    expect(outcome(noVolume, rec({ ...base, volume: null, pages: '490' })).outcome).toBe('queue');
    expect(outcome(noVolume, rec({ ...base, volume: null, pages: '489-490' })).outcome).toBe('queue');
  });

  it('merges one title and author list in one volume of one journal whatever the page ranges say (a range exported wrongly)', () => {
    const article: RecordDraft = {
      ...base,
      title: 'Cervical human papillomavirus in transplanted women: a long-term prospective follow-up study',
      authors: ['Origoni, M', 'Stefani, C', 'Carminati, G'],
      journal: 'Journal of Clinical Virology',
      volume: '51',
      pages: '250-254',
      year: 2011,
    };
    const a = rec(article);
    // The neighbouring article's range, "Pt 2" read as a page, and a record a year off in the same volume.
    for (const other of [{ pages: '246-250' }, { pages: '2-8', journal: 'J Clin Virol' }, { pages: '254-261', year: 2012 }])
      expect(outcome(a, rec({ ...article, ...other }))).toMatchObject({
        outcome: 'duplicate',
        reason: 'same title, every author, venue and volume; the page ranges disagree',
      });
    // Near misses stay apart or go to a reviewer: another volume, another issue, other DOIs, a
    // different author list, one author's recurring title, a short title, an erratum, a
    // conference abstract of the same work.
    expect(outcome(a, rec({ ...article, volume: '52', pages: '12-18', year: 2011 })).outcome).toBe('queue');
    expect(outcome(rec({ ...article, issue: '3' }), rec({ ...article, issue: '4', pages: '300-304' })).outcome).toBe('distinct');
    expect(
      outcome(
        rec({ ...article, doi: '10.1016/j.jcv.2011.04.001' }),
        rec({ ...article, pages: '246-250', doi: '10.1016/j.jcv.2011.04.002' }),
      ).outcome,
    ).not.toBe('duplicate');
    expect(outcome(a, rec({ ...article, pages: '246-250', authors: ['Origoni, M', 'Stefani, C', "Dell'Antonio, G"] })).outcome).toBe(
      'queue',
    );
    expect(outcome(a, rec({ ...article, pages: '246-250', authors: [...article.authors!, 'Candiani, M'] })).outcome).toBe('queue');
    const column: RecordDraft = { ...article, authors: ['Origoni, M'] };
    expect(outcome(rec(column), rec({ ...column, pages: '310-312' })).outcome).toBe('queue');
    const short: RecordDraft = { ...article, title: 'Update on cervical screening' };
    expect(outcome(rec(short), rec({ ...short, pages: '310-312' })).outcome).toBe('queue');
    expect(outcome(a, rec({ ...article, pages: '255-255', title: `Erratum to: ${article.title}` })).outcome).toBe('distinct');
    expect(outcome(a, rec({ ...article, kind: 'conference', pages: '12-13' })).outcome).toBe('distinct');
    // A single page is what a meeting abstract printed in a regular issue takes: a reviewer decides.
    expect(outcome(a, rec({ ...article, pages: '312' })).outcome).toBe('queue');
  });

  it("sends a supplement's page against a regular issue's page to a reviewer (a meeting abstract and its article), but not an article number", () => {
    const article = rec({ ...base, volume: '22', pages: '742-747', year: 2012 });
    const meetingAbstract = rec({ ...base, volume: '22', issue: 'Suppl 1', pages: 'S12', year: 2012 });
    expect(outcome(article, meetingAbstract)).toMatchObject({ outcome: 'queue' });
    expect(outcome(article, meetingAbstract).evidence.find((e) => e.field === 'pages')?.verdict).toBe('conflict');
    // The abstract a year before, in the previous volume's supplement: two records (the issue's rule), not even a question.
    expect(outcome(article, rec({ ...base, volume: '21', issue: 'Suppl 1', pages: 'S500', year: 2011 })).outcome).toBe('distinct');
    // The same supplement article written two ways, and an online article number against a PDF's pages, still merge.
    expect(outcome(rec({ ...base, pages: 'S78-S89' }), rec({ ...base, pages: 'S78-89' })).outcome).toBe('duplicate');
    expect(outcome(rec({ ...base, pages: 'e0209483' }), rec({ ...base, pages: '1-12' })).outcome).toBe('duplicate');
  });

  it('keeps a translated title in another issue of the volume apart, even at the same first page', () => {
    const first: RecordDraft = {
      ...base,
      title: 'Big data analytics in human resource management: automated decision-making processes',
      authors: ['Durlauf, Steven'],
      journal: 'Psychosociological Issues in Human Resource Management',
      volume: '7',
      issue: '2',
      pages: '54-59',
      year: 2019,
    };
    const other = { ...first, title: 'The commodification of digital labor in the gig economy: online outsourcing', issue: '1' };
    expect(outcome(rec(first), rec(other)).outcome).toBe('distinct');
    // The same issue and first page without the whole range: perhaps a translation, a reviewer decides.
    expect(outcome(rec(first), rec({ ...other, issue: '2', pages: '54' })).outcome).toBe('queue');
  });

  it('reads a volume that is the year as no volume (a magazine exported with its year where the volume goes)', () => {
    const magazine = { ...base, journal: 'Harvard Business Review', pages: undefined };
    expect(outcome(rec({ ...magazine, volume: '2014' }), rec({ ...magazine, volume: '94' })).outcome).toBe('duplicate');
    expect(normaliseRecord(rec({ ...magazine, volume: '2014' })).volume).toBeNull();
    // A real volume number that differs is still contrary evidence.
    expect(outcome(rec({ ...magazine, volume: '93' }), rec({ ...magazine, volume: '94' })).outcome).toBe('queue');
  });

  it('reads a heading led in by an ellipsis as no part of the title', () => {
    const upwork = { ...base, title: "Upwork's CEO on how an introverted engineer learned to lead", pages: undefined };
    const a = rec(upwork);
    const b = rec({ ...upwork, title: "How I did it ... Upwork's CEO on how an introverted engineer learned to lead" });
    expect(outcome(a, b)).toMatchObject({ outcome: 'duplicate', reason: 'same title, authors and year' });
    // A colon sets off a subtitle, which stays part of the title.
    const c = rec({ ...upwork, title: "Leadership: Upwork's CEO on how an introverted engineer learned to lead" });
    expect(outcome(a, c).reason).not.toBe('same title, authors and year');
  });

  it('sends an article published twice (same title, authors and abstract, new DOI a year later) to the queue', () => {
    const abstract =
      'Project sponsorship is assumed to be critical to the success of information systems projects. We study how sponsors manage vendors in large IT projects and find that the sponsor role shapes how vendors are governed.';
    const first = rec({ ...base, abstract, year: 2009, volume: '24', pages: '46-54', doi: '10.1057/jit.2009.2' });
    const again = rec({ ...base, abstract, year: 2010, volume: '25', pages: '56-64', doi: '10.1057/jit.2008.23' });
    expect(outcome(first, again)).toMatchObject({ outcome: 'queue' });
    expect(
      outcome(first, rec({ ...base, abstract: 'Another study.', year: 2010, volume: '25', pages: '56-64', doi: '10.1057/jit.2008.23' }))
        .outcome,
    ).toBe('distinct');
  });
});

describe('notices: errata, retractions, replies and comments', () => {
  const article = () => rec({ ...base, doi: '10.1186/1471-244x-14-39' });

  it('reads the kind of notice and the title it names', () => {
    expect(readNotice('erratum to how do requirements evolve over time')).toEqual({
      kind: 'erratum',
      subject: 'how do requirements evolve over time',
    });
    expect(readNotice('retraction note to peer support for adults')).toEqual({ kind: 'retraction', subject: 'peer support for adults' });
    expect(readNotice('reply to comment on peer support for adults')).toEqual({ kind: 'reply', subject: 'peer support for adults' });
    expect(readNotice('editorial expression of concern regarding peer support')).toEqual({ kind: 'concern', subject: 'peer support' });
    expect(readNotice('authors reply to peer support')).toEqual({ kind: 'reply', subject: 'peer support' });
    expect(readNotice('erratum')).toEqual({ kind: 'erratum', subject: null });
    // Ordinary titles that begin with a notice's word.
    expect(readNotice('response of tumours to radiotherapy in dogs')).toBeNull();
    expect(readNotice('correctional facilities and mental health')).toBeNull();
    expect(readNotice('commentary and debate in public health')).toBeNull();
  });

  it.each([
    ['Erratum to: ', 'erratum', /^an erratum of this article: a record of its own$/],
    ['Corrigendum: ', 'corrigendum', /^an erratum of this article/],
    ['Correction to - ', 'correction', /^an erratum of this article/],
    ['Retraction note to: ', 'retraction', /^a retraction of this article/],
    ['Notice of retraction: ', 'IEEE retraction', /^a retraction of this article/],
    ['Expression of concern: ', 'expression of concern', /^an expression of concern about this article/],
    ['Reply to: ', 'reply', /^a reply about this article/],
    ['Comment on: ', 'comment', /^a comment on this article/],
  ])('keeps %s<the article> (%s) apart, with or without DOIs, saying what it is', (prefix, _kind, reason) => {
    const title = `${prefix}${base.title}`;
    // Same journal, volume, authors: everything but the title's prefix and the page.
    const withDois = outcome(article(), rec({ ...base, title, pages: '48', doi: '10.1186/1471-244x-14-48' }));
    expect(withDois.outcome).toBe('distinct');
    expect(withDois.reason).toMatch(reason);
    expect(outcome(rec(base), rec({ ...base, title, pages: '48' }))).toMatchObject({
      outcome: 'distinct',
      reason: expect.stringMatching(reason),
    });
    // The same notice with exactly the article's details but its title.
    expect(outcome(rec(base), rec({ ...base, title })).outcome).toBe('distinct');
  });

  it('keeps a comment by other authors a year later apart, naming it a comment on the article', () => {
    const comment = rec({
      title: `Commentary on Lloyd-Evans and colleagues' '${base.title}'`,
      authors: ['Smith, John'],
      year: 2015,
      journal: 'Psychiatric Services',
    });
    expect(outcome(rec(base), comment)).toMatchObject({ outcome: 'distinct', reason: expect.stringMatching(/^a comment on this article/) });
  });

  it('keeps a notice about a different article apart, even by the same authors in the same issue', () => {
    const other = 'Erratum to: Peer support for carers of adults with dementia: a pilot study';
    expect(outcome(article(), rec({ ...base, title: other, pages: '48' })).outcome).toBe('distinct');
    expect(outcome(rec(base), rec({ ...base, title: other, pages: '48' })).outcome).toBe('distinct');
    expect(
      outcome(rec(base), rec({ ...base, title: 'Retraction of: Exercise for depression in older adults: a cluster trial' })).outcome,
    ).toBe('distinct');
    // A notice that names no work, and another work whose title quotes the article.
    expect(outcome(rec(base), rec({ ...base, title: 'Erratum' })).outcome).toBe('distinct');
    const quoting = rec({ ...base, title: `Open questions? A commentary on '${base.title}'`, authors: ['Smith, John'] });
    expect(outcome(rec({ ...base, title: `Erratum - ${base.title}` }), quoting).outcome).toBe('distinct');
  });

  it('keeps notices of different kinds about one article apart, and merges one notice exported twice', () => {
    const erratum = rec({ ...base, title: `Erratum to: ${base.title}`, pages: '48' });
    const reply = rec({ ...base, title: `Reply to: ${base.title}`, pages: '48' });
    expect(outcome(erratum, reply).outcome).toBe('distinct');
    const erratumAgain = rec({ ...base, title: `ERRATUM TO - ${base.title}`, journal: 'BMC psychiatry', pages: '48' });
    expect(outcome(erratum, erratumAgain).outcome).toBe('duplicate');
  });

  it('never clusters or queues an erratum with the copies of its article', () => {
    const result = dedupeRecords([
      rec(base),
      rec({ ...base, authors: ['Lloyd-Evans B', 'Mayo-Wilson E', 'Harrison B'] }),
      rec({ ...base, title: `Erratum to: ${base.title}`, pages: '48' }),
    ]);
    expect(result.clusters).toEqual([[0, 1]]);
    expect(result.queue).toEqual([]);
  });
});

describe('clustering', () => {
  it('never joins a chain of near matches into records that are plainly different', () => {
    // a and c carry different DOIs (not versions of one another); b has none and looks like both.
    const a = rec({ ...base, doi: '10.1000/one', pages: '39-47' });
    const b = rec({ ...base, pages: '39-47' });
    const c = rec({ ...base, doi: '10.1000/two', pages: '39-47' });
    const result = dedupeRecords([a, b, c]);
    for (const cluster of result.clusters) expect(cluster.includes(0) && cluster.includes(2)).toBe(false);
    expect(result.clusters).toHaveLength(1);
  });

  it('merges many copies of one record into one cluster and leaves unrelated records alone', () => {
    const copies = [
      rec(base),
      rec({ ...base, authors: ['Lloyd-Evans B', 'Mayo-Wilson E'] }),
      rec({ ...base, journal: 'BMC psychiatry' }),
      rec({ ...base, pages: null }),
    ];
    const other = rec({ ...base, title: 'Exercise for depression in older adults: a cluster randomised trial', authors: ['Smith, John'] });
    const result = dedupeRecords([...copies, other]);
    expect(result.clusters).toEqual([[0, 1, 2, 3]]);
    expect(result.queue).toEqual([]);
  });
});
