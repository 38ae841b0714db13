import { SaxesParser } from 'saxes';
import { splitAuthorList } from '../authors.ts';
import { ExportRefusedError, type ExportTokeniser, type PublicationKind, type RecordDraft, type RecordSink } from '../record.ts';

// EndNote XML (`<xml><records><record>…`), as EndNote writes it (field text inside `<style>`
// runs) and as Zotero and Mendeley write it (plain text). saxes reads the file as a stream and
// refuses anything not well-formed with its line; we collect each field's text whatever runs
// it is split into.

/** Elements whose text is a field value; text in any element below them belongs to them. */
const FIELDS = new Set([
  'rec-number',
  'ref-type',
  'author',
  'title',
  'secondary-title',
  'tertiary-title',
  'alt-title',
  'short-title',
  'full-title',
  'abbr-1',
  'abbr-2',
  'pages',
  'volume',
  'number',
  'issue',
  'year',
  'date',
  'electronic-resource-num',
  'abstract',
  'keyword',
  'url',
  'accession-num',
  'notes',
  'remote-database-name',
  'remote-database-provider',
  'work-type',
  'label',
  'custom1',
  'custom2',
  'custom3',
  'custom4',
  'custom5',
  'custom6',
  'custom7',
  'section',
  'isbn',
]);

function xmlKind(refTypeName: string | null): PublicationKind | null {
  const t = (refTypeName ?? '').toLowerCase();
  if (t === '') return null;
  if (t.includes('journal') || t.includes('magazine') || t.includes('newspaper')) return 'journal-article';
  if (t.includes('conference') || t.includes('proceedings')) return 'conference';
  if (t.includes('section') || t.includes('chapter')) return 'chapter';
  if (t.includes('book')) return 'book';
  if (t.includes('thesis')) return 'thesis';
  if (t.includes('report')) return 'report';
  if (t.includes('preprint') || t.includes('unpublished')) return 'preprint';
  return 'other';
}

interface XmlValue {
  name: string;
  /** The path of element names above the field (e.g. `authors` for an author, `secondary-authors` for an editor). */
  parent: string;
  text: string;
}

export function endnoteDraft(values: XmlValue[], refTypeName: string | null): RecordDraft {
  const first = (name: string, parent?: string) => {
    const v = values.find((x) => x.name === name && (parent === undefined || x.parent === parent) && x.text.trim() !== '');
    return v ? v.text : null;
  };
  const all = (name: string) => values.filter((x) => x.name === name).map((x) => x.text);
  const database = `${first('remote-database-name') ?? ''} ${first('remote-database-provider') ?? ''}`;
  const accession = first('accession-num');
  const journal = first('full-title') ?? first('secondary-title');
  const abbrev = first('abbr-1') ?? first('alt-title');
  return {
    ownId: first('rec-number'),
    kind: xmlKind(refTypeName),
    title: first('title'),
    authors: values.filter((x) => x.name === 'author' && x.parent === 'authors').flatMap((x) => splitAuthorList(x.text)),
    year: first('year') ?? first('date'),
    journal,
    journalAbbrev: abbrev !== journal ? abbrev : null,
    volume: first('volume'),
    issue: first('number') ?? first('issue'),
    pages: first('pages'),
    doiCandidates: [...all('electronic-resource-num'), ...all('url').filter((u) => /doi\.org\//i.test(u))],
    pmid: accession && /medline|pubmed/i.test(database) ? accession : (/\bPMID:?\s*(\d{1,9})/i.exec(all('notes').join(' '))?.[1] ?? null),
    pmcid: all('custom2').find((v) => /PMC\d/.test(v)) ?? null,
    embaseId: accession && /embase/i.test(database) ? accession : null,
    abstract: first('abstract'),
    otherText: values.filter((x) => !['title', 'abstract', 'author'].includes(x.name)).map((x) => x.text),
  };
}

export function createEndnoteXmlTokeniser(sink: RecordSink): ExportTokeniser {
  const parser = new SaxesParser({ position: true });
  const stack: string[] = [];
  let values: XmlValue[] | null = null;
  let refTypeName: string | null = null;
  let field: XmlValue | null = null;
  let fieldDepth = -1;
  let recordLine = 0;
  let recordStart = 0;
  let sawRoot = false;
  // The text pushed so far from `base` on, kept only while a record is open (for its raw text).
  let buf = '';
  let base = 0;

  parser.on('opentag', (node) => {
    const name = node.name;
    if (!sawRoot) {
      sawRoot = true;
      if (name !== 'xml' && name !== 'records')
        throw new ExportRefusedError(parser.line, `root element is <${name}>, not EndNote XML's <xml> or <records>`);
    }
    if (name === 'record') {
      values = [];
      refTypeName = null;
      recordLine = parser.line;
      recordStart = Math.max(base, buf.lastIndexOf('<record', parser.position - base) + base);
    } else if (values && name === 'ref-type') {
      const attr = node.attributes.name;
      refTypeName = typeof attr === 'string' ? attr : null;
    }
    if (values && !field && FIELDS.has(name)) {
      field = { name, parent: stack.at(-1) ?? '', text: '' };
      fieldDepth = stack.length;
    }
    stack.push(name);
  });
  const onText = (t: string) => {
    if (field) field.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (node) => {
    stack.pop();
    if (field && stack.length === fieldDepth) {
      field.text = field.text.replace(/\s+/g, ' ').trim();
      values?.push(field);
      field = null;
    }
    if (node.name === 'record' && values) {
      const end = parser.position - base;
      sink.record(endnoteDraft(values, refTypeName), recordLine, buf.slice(recordStart - base, end));
      values = null;
    }
  });
  parser.on('error', (err) => {
    throw new ExportRefusedError(parser.line, `the XML is not well-formed: ${err.message.replace(/^\S+:\d+:\d+: /, '')}`);
  });

  return {
    push(text) {
      buf += text;
      parser.write(text);
      if (!values) {
        // Keep a short tail: a `<record` tag may have begun in this chunk.
        const keep = Math.min(buf.length, 4096);
        base += buf.length - keep;
        buf = buf.slice(buf.length - keep);
      }
    },
    end() {
      parser.close();
      if (!sawRoot) throw new ExportRefusedError(1, 'the file holds no XML element');
    },
  };
}
