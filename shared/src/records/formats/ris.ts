import { splitAuthorList } from '../authors.ts';
import { LineSplitter } from '../line-splitter.ts';
import { ExportRefusedError, type ExportTokeniser, type PublicationKind, type RecordDraft, type RecordSink } from '../record.ts';
import { TaggedFields, type TaggedField } from './tagged-fields.ts';

// RIS and its dialects (generic, Ovid, EBSCO, Scopus, Web of Science, Embase, ProQuest, Zotero,
// EndNote): `TY  - ` starts a record and `ER  - ` ends it; lines without a tag continue the
// previous value (wrapped abstracts). Lines outside records (Ovid's "1." counters, headers) are
// not data. A record without TY is skipped and listed; a last record without ER is accepted
// with a warning.

const TAG_LINE = /^([A-Z][A-Z0-9])\s{1,2}-(?:\s(.*))?$/;

export function risKind(type: string | null): PublicationKind | null {
  switch ((type ?? '').trim().toUpperCase()) {
    case 'JOUR':
    case 'JFULL':
    case 'MGZN':
    case 'EJOUR':
      return 'journal-article';
    case 'CONF':
    case 'CPAPER':
    case 'ABST':
      return 'conference';
    case 'BOOK':
    case 'EBOOK':
    case 'EDBOOK':
      return 'book';
    case 'CHAP':
    case 'ECHAP':
      return 'chapter';
    case 'THES':
      return 'thesis';
    case 'RPRT':
      return 'report';
    case '':
      return null;
    default:
      return 'other';
  }
}

/** A value that is a DOI (bare, `doi:` or a doi.org link), as dialects put in L3, M3 or UR. */
const looksLikeDoi = (v: string) => /^(?:doi:?\s*|https?:\/\/(?:dx\.)?doi\.org\/)?10\.\d{4,9}\/\S+$/i.test(v.trim());

export function risDraft(f: TaggedFields): RecordDraft {
  const database = `${f.first('DB') ?? ''} ${f.first('DP') ?? ''}`;
  const accession = f.first('AN');
  const type = f.first('TY');
  const journalFull = f.first('JF', 'T2', 'JO', 'JA', 'J2', 'BT', 'T3');
  const abbrev = f.first('J2', 'JA', 'JO');
  const pmidTagged = f.first('PM', 'PMID');
  const fromNotes = /\bPMID:?\s*(\d{1,9})\b/i.exec(f.all('N1', 'C1', 'AN', 'M2').join(' '));
  return {
    ownId: f.first('ID'),
    kind: risKind(type),
    title: f.first('TI', 'T1', 'CT', 'BT'),
    authors: f.all('AU', 'A1').flatMap((a) => splitAuthorList(a)),
    year: f.first('PY', 'Y1', 'DA', 'Y2'),
    journal: journalFull,
    journalAbbrev: abbrev !== journalFull ? abbrev : null,
    volume: f.first('VL'),
    issue: f.first('IS', 'CN'),
    startPage: f.first('SP'),
    endPage: f.first('EP'),
    doiCandidates: [...f.all('DO', 'DI'), ...f.all('L3', 'M3', 'UR', 'L1', 'L2', 'N1').filter(looksLikeDoi)],
    pmid: pmidTagged ?? (accession && /medline|pubmed/i.test(database) ? accession : null) ?? fromNotes?.[1] ?? null,
    pmcid: f.all('C2', 'N1', 'AN', 'UR').find((v) => /\bPMC\d{4,}/.test(v)) ?? null,
    embaseId: accession && /embase/i.test(database) ? accession : null,
    abstract: f.first('AB', 'N2'),
    otherText: f.allText(['TY', 'TI', 'T1', 'AB', 'N2', 'AU', 'A1']),
  };
}

export function createRisTokeniser(sink: RecordSink): ExportTokeniser {
  let fields: TaggedField[] | null = null;
  let hasType = false;
  let startLine = 0;
  let raw: string[] = [];
  let records = 0;
  let endTags = 0;

  const flush = (endedProperly: boolean, lineNo: number) => {
    if (!fields) return;
    const text = raw.join('\n');
    if (!hasType) sink.skipped(startLine, `record has no "TY  - " line (its fields start here and end at line ${lineNo})`);
    else {
      if (!endedProperly)
        sink.warning(startLine, 'record has no "ER  - " end line; accepted as ending where the next record or the file begins');
      records++;
      sink.record(risDraft(new TaggedFields(fields)), startLine, text);
    }
    fields = null;
    raw = [];
    hasType = false;
  };

  const splitter = new LineSplitter((line, n) => {
    const clean = n === 1 ? line.replace(/^\uFEFF/, '') : line;
    const m = TAG_LINE.exec(clean);
    if (m) {
      const tag = m[1]!;
      const value = (m[2] ?? '').trim();
      if (tag === 'TY') {
        flush(false, n - 1);
        fields = [{ tag, lines: [value] }];
        hasType = true;
        startLine = n;
        raw = [clean];
        return;
      }
      if (tag === 'ER') {
        endTags++;
        if (fields) {
          raw.push(clean);
          flush(true, n);
        }
        return;
      }
      if (!fields) {
        fields = [];
        startLine = n;
        raw = [];
      }
      fields.push({ tag, lines: [value] });
      raw.push(clean);
      return;
    }
    if (!fields) return;
    raw.push(clean);
    const last = fields.at(-1);
    if (last && clean.trim() !== '') last.lines.push(clean.trim());
  });

  return {
    push: (text) => splitter.push(text),
    end: () => {
      splitter.end();
      flush(false, startLine);
      // Only the last record may lack its end tag: a file where none has one is not RIS as written.
      if (endTags === 0 && records > 1)
        throw new ExportRefusedError(
          1,
          `no record ends with an "ER  - " line (${records} records start with "TY  - "); the file is incomplete or not RIS`,
        );
    },
  };
}
