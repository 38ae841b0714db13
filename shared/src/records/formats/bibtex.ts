// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- bibtex-parse ships no types and the other tsconfig projects do not include shared/src ambient files
/// <reference path="./bibtex-parse.d.ts" />
import bibtexParse, { type BibtexItem, type BibtexValue } from 'bibtex-parse';
import { splitAuthorList } from '../authors.ts';
import { decodeLatex } from '../latex.ts';
import type { ExportTokeniser, PublicationKind, RecordDraft, RecordSink } from '../record.ts';

// BibTeX / BibLaTeX. Our chunk-fed scanner finds where each `@type{...}` entry starts and ends
// (brace depth, quotes), so a 500 MB file is never one string; `bibtex-parse` tokenises each
// entry (macros, `#` concatenation, quoted and braced values), with the file's @string
// definitions before it. The mapping to Grove's record is ours.

function bibtexKind(type: string): PublicationKind | null {
  switch (type.toLowerCase()) {
    case 'article':
      return 'journal-article';
    case 'inproceedings':
    case 'conference':
    case 'proceedings':
      return 'conference';
    case 'book':
      return 'book';
    case 'incollection':
    case 'inbook':
      return 'chapter';
    case 'phdthesis':
    case 'mastersthesis':
    case 'thesis':
      return 'thesis';
    case 'techreport':
    case 'report':
      return 'report';
    case 'unpublished':
    case 'preprint':
      return 'preprint';
    default:
      return 'other';
  }
}

/** A field's value with macros expanded and `#` concatenations joined, LaTeX still in it. */
function evaluate(v: BibtexValue, macros: Map<string, string>): string {
  switch (v.datatype) {
    case 'braced':
    case 'quoted':
      return v.value;
    case 'number':
      return String(v.value);
    case 'identifier':
      return macros.get(v.value.toLowerCase()) ?? MONTHS[v.value.toLowerCase()] ?? v.value;
    case 'concatinate':
      return v.value.map((x) => evaluate(x, macros)).join('');
    case 'null':
      return '';
  }
}

const MONTHS: Record<string, string> = {
  jan: 'January',
  feb: 'February',
  mar: 'March',
  apr: 'April',
  may: 'May',
  jun: 'June',
  jul: 'July',
  aug: 'August',
  sep: 'September',
  oct: 'October',
  nov: 'November',
  dec: 'December',
};

type BibtexEntry = Extract<BibtexItem, { itemtype: 'entry' }>;

export function bibtexDraft(e: BibtexEntry, macros: Map<string, string>): RecordDraft {
  const fields = new Map(e.fields.map((f) => [f.name.toLowerCase(), decodeLatex(evaluate(f, macros)).trim()]));
  const get = (...names: string[]) => {
    for (const n of names) {
      const v = fields.get(n.toLowerCase());
      if (v) return v;
    }
    return null;
  };
  const other = [...fields].filter(([k]) => !['title', 'abstract', 'author'].includes(k)).map(([, v]) => v);
  const type = e.type;
  return {
    ownId: e.key || null,
    kind: bibtexKind(type),
    title: get('TITLE'),
    authors: splitAuthorList(get('AUTHOR') ?? ''),
    year: get('YEAR', 'DATE'),
    journal: get('JOURNAL', 'JOURNALTITLE', 'BOOKTITLE'),
    journalAbbrev: get('SHORTJOURNAL', 'JOURNAL-ISO', 'JOURNALABBR', 'JOURNAL_ABBREV'),
    volume: get('VOLUME'),
    issue: get('NUMBER', 'ISSUE'),
    pages: get('PAGES'),
    doiCandidates: [get('DOI'), ...[get('URL')].filter((u) => u && /doi\.org\//i.test(u))].filter((x): x is string => !!x),
    pmid: get('PMID'),
    pmcid: get('PMCID'),
    abstract: get('ABSTRACT'),
    otherText: other,
  };
}

/** Scans chunk-fed text for entries, tracking line numbers and braces across chunks. */
export function createBibtexTokeniser(sink: RecordSink): ExportTokeniser {
  let line = 1;
  // Outside an entry: looking for '@'. Inside: collecting text until the braces close.
  let entry: string[] | null = null;
  let entryLine = 0;
  let depth = 0;
  let opened = false;
  let closer = '}';
  let inQuote = false;
  let prev = '';
  const macros = new Map<string, string>();

  const finishEntry = () => {
    const body = entry!.join('');
    entry = null;
    const type = /^@\s*([a-zA-Z]+)/.exec(body)?.[1]?.toLowerCase() ?? '';
    if (type === 'comment' || type === 'preamble') return;
    let items: BibtexItem[];
    try {
      items = bibtexParse.parse(body, { number: 'string' });
    } catch (err) {
      sink.skipped(entryLine, `BibTeX entry cannot be read: ${firstLine(err)}`);
      return;
    }
    for (const item of items) {
      if (item.itemtype === 'string') macros.set(item.name.toLowerCase(), evaluate(item, macros));
      else if (item.itemtype === 'entry') {
        sink.record(bibtexDraft(item, macros), entryLine, body);
        return;
      }
    }
    if (type !== 'string') sink.skipped(entryLine, 'BibTeX entry has no key and fields');
  };

  return {
    push(chunk) {
      let start = 0;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i]!;
        if (c === '\n') line++;
        if (!entry) {
          if (c === '@') {
            entry = [];
            start = i;
            entryLine = line;
            depth = 0;
            opened = false;
            inQuote = false;
          }
          prev = c;
          continue;
        }
        if (!opened) {
          if (c === '{' || c === '(') {
            opened = true;
            closer = c === '{' ? '}' : ')';
            depth = 1;
          } else if (c === '@') {
            start = i;
            entryLine = line;
          } else if (!/[\w\s:-]/.test(c)) {
            // "@" not followed by a type and a brace (an e-mail address in a comment): not an entry.
            entry = null;
          }
          prev = c;
          continue;
        }
        // BibTeX itself counts every brace, escaped or not, so this scanner does too.
        if (c === '"' && prev !== '\\' && depth === 1) inQuote = !inQuote;
        else if (c === '{') depth++;
        else if (c === '}') {
          depth--;
          if (depth === 0 && closer === '}') {
            entry.push(chunk.slice(start, i + 1));
            finishEntry();
          }
        } else if (c === ')' && closer === ')' && depth === 1 && !inQuote) {
          depth = 0;
          entry.push(chunk.slice(start, i + 1));
          finishEntry();
        }
        prev = c;
      }
      if (entry) entry.push(chunk.slice(start));
    },
    end() {
      if (entry && opened) sink.skipped(entryLine, 'BibTeX entry is not closed before the end of the file (unbalanced braces)');
      entry = null;
    },
  };
}

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
