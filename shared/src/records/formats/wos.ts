import { LineSplitter } from '../line-splitter.ts';
import type { ExportTokeniser, PublicationKind, RecordDraft, RecordSink } from '../record.ts';
import { TaggedFields, type TaggedField } from './tagged-fields.ts';

// Web of Science "plain text" (.ciw / .txt) and the same layout from Zoological Record and
// other Clarivate databases: `FN`/`VR` header, two-letter tags, continuation lines indented by
// three spaces (each one a new author in AU/AF), `ER` ends a record, `EF` the file.

const TAG_LINE = /^([A-Z][A-Z0-9])(?: (.*))?$/;

function wosKind(pt: string | null, dt: string | null): PublicationKind | null {
  const d = (dt ?? '').toLowerCase();
  if (d.includes('meeting') || d.includes('proceedings') || d.includes('conference')) return 'conference';
  if (d.includes('preprint')) return 'preprint';
  switch ((pt ?? '').trim().toUpperCase()) {
    case 'J':
      return 'journal-article';
    case 'B':
      return 'book';
    case 'S':
      return 'book';
    case 'P':
      return 'other';
    case 'C':
      return 'conference';
    default:
      return d.includes('article') || d.includes('review') ? 'journal-article' : null;
  }
}

export function wosDraft(f: TaggedFields): RecordDraft {
  const full = f.lines('AF');
  const accession = f.first('UT') ?? f.first('AN');
  return {
    ownId: accession,
    kind: wosKind(f.first('PT'), f.first('DT')),
    title: f.first('TI'),
    authors: full.length > 0 ? full : f.lines('AU'),
    year: f.first('PY', 'PD', 'EA'),
    journal: f.first('SO', 'SE', 'BS'),
    journalAbbrev: f.first('J9', 'JI'),
    volume: f.first('VL'),
    issue: f.first('IS'),
    startPage: f.first('BP', 'PS', 'AR'),
    endPage: f.first('EP'),
    doiCandidates: f.all('DI', 'D2'),
    pmid: f.first('PM'),
    abstract: f.first('AB'),
    otherText: f.allText(['TI', 'AB', 'AU', 'AF', 'CR', 'C1', 'RP']),
  };
}

export function createWosTokeniser(sink: RecordSink): ExportTokeniser {
  let fields: TaggedField[] | null = null;
  let startLine = 0;
  let raw: string[] = [];

  const flush = (ended: boolean) => {
    if (!fields) return;
    if (!ended) sink.warning(startLine, 'record has no "ER" end line; accepted as ending where the next record or the file begins');
    sink.record(wosDraft(new TaggedFields(fields)), startLine, raw.join('\n'));
    fields = null;
    raw = [];
  };

  const splitter = new LineSplitter((line, n) => {
    const clean = (n === 1 ? line.replace(/^\uFEFF/, '') : line).replace(/\s+$/, '');
    if (clean === '') return;
    const m = TAG_LINE.exec(clean);
    if (m) {
      const tag = m[1]!;
      if (tag === 'ER') {
        raw.push(clean);
        if (fields) flush(true);
        return;
      }
      if (tag === 'EF') {
        flush(false);
        return;
      }
      if (!fields && (tag === 'FN' || tag === 'VR')) return;
      if (!fields || tag === 'PT') {
        flush(false);
        fields = [];
        startLine = n;
        raw = [];
      }
      fields.push({ tag, lines: [(m[2] ?? '').trim()] });
      raw.push(clean);
      return;
    }
    if (/^ {2,}/.test(clean) && fields && fields.length > 0) {
      fields.at(-1)!.lines.push(clean.trim());
      raw.push(clean);
      return;
    }
    sink.skipped(n, 'line is neither a Web of Science field ("XX value") nor the continuation of one');
  });

  return {
    push: (text) => splitter.push(text),
    end: () => {
      splitter.end();
      flush(false);
    },
  };
}
