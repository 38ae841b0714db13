import { LineSplitter } from '../line-splitter.ts';
import type { ExportTokeniser, PublicationKind, RecordDraft, RecordSink } from '../record.ts';
import { TaggedFields, type TaggedField } from './tagged-fields.ts';

// PubMed/MEDLINE (.nbib, .txt): a tag of up to four letters padded to four, "- ", the value;
// continuation lines are indented; records are separated by blank lines.

const TAG_LINE = /^([A-Z][A-Z0-9]{0,3})\s*- (.*)$/;

function medlineKind(types: string[]): PublicationKind | null {
  const t = types.join('|').toLowerCase();
  if (t === '') return null;
  if (t.includes('preprint')) return 'preprint';
  if (t.includes('congress') || t.includes('meeting abstract')) return 'conference';
  if (t.includes('book')) return 'book';
  return 'journal-article';
}

export function medlineDraft(f: TaggedFields): RecordDraft {
  const ids = f.all('LID', 'AID');
  const fullNames = f.all('FAU');
  return {
    ownId: f.first('PMID'),
    kind: medlineKind(f.all('PT')),
    title: f.first('TI', 'BTI'),
    authors: fullNames.length > 0 ? fullNames : f.all('AU'),
    year: f.first('DP', 'DEP', 'DA'),
    journal: f.first('JT', 'TA'),
    journalAbbrev: f.first('TA'),
    volume: f.first('VI'),
    issue: f.first('IP'),
    pages: f.first('PG'),
    doiCandidates: ids.filter((v) => /\[doi\]/i.test(v)),
    pmid: f.first('PMID'),
    pmcid: f.first('PMC'),
    abstract: f.first('AB'),
    otherText: f.allText(['TI', 'AB', 'FAU', 'AU', 'AD']),
  };
}

export function createMedlineTokeniser(sink: RecordSink): ExportTokeniser {
  let fields: TaggedField[] | null = null;
  let startLine = 0;
  let raw: string[] = [];

  const flush = () => {
    if (!fields) return;
    if (fields.length > 0) sink.record(medlineDraft(new TaggedFields(fields)), startLine, raw.join('\n'));
    fields = null;
    raw = [];
  };

  const splitter = new LineSplitter((line, n) => {
    const clean = n === 1 ? line.replace(/^\uFEFF/, '') : line;
    if (clean.trim() === '') {
      flush();
      return;
    }
    const m = TAG_LINE.exec(clean);
    if (m && !/^\s/.test(clean)) {
      if (!fields || (m[1] === 'PMID' && fields.some((f) => f.tag === 'PMID'))) {
        flush();
        fields = [];
        startLine = n;
      }
      fields.push({ tag: m[1]!, lines: [m[2]!.trim()] });
      raw.push(clean);
      return;
    }
    if (!fields || fields.length === 0) {
      sink.skipped(n, `line is neither a MEDLINE tag ("XXXX- value") nor the continuation of one`);
      return;
    }
    raw.push(clean);
    fields.at(-1)!.lines.push(clean.trim());
  });

  return {
    push: (text) => splitter.push(text),
    end: () => {
      splitter.end();
      flush();
    },
  };
}
