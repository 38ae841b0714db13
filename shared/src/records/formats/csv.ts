import Papa from 'papaparse';
import { splitAuthorList } from '../authors.ts';
import { ExportRefusedError, type ExportTokeniser, type RecordDraft, type RecordSink } from '../record.ts';
import {
  applyColumnChoices,
  csvKind,
  mapColumns,
  normaliseHeader,
  type ColumnChoices,
  type ColumnMap,
  type CsvField,
} from './csv-columns.ts';

// CSV and tab-delimited exports (Scopus, Embase, Zotero, Web of Science tab-delimited, generic
// BibTeX-like tables). Our chunk-fed scanner cuts rows at line ends outside quotes so a big file
// is read a row at a time; papaparse splits each row into cells. A row whose cell count differs
// from the header's is skipped and listed; when every row does, the file is refused whole.

export interface CsvOptions {
  /** The header of the column holding each record's id. */
  idField?: string;
  /** The reviewer's column choices (the wizard's mapping step), over the automatic mapping. */
  columns?: ColumnChoices;
  /** Told the header and the mapping in force once the header row is read. */
  onHeader?: (headers: string[], map: ColumnMap) => void;
}

function detectDelimiter(header: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

export function csvDraft(cells: string[], map: ColumnMap, headers: string[]): RecordDraft {
  const column = (f: CsvField) => map[f]?.find((i) => (cells[i] ?? '').trim() !== '');
  const get = (f: CsvField) => {
    const i = column(f);
    return i === undefined ? null : cells[i]!;
  };
  const authorColumn = column('authors');
  const authorHeader = authorColumn === undefined ? '' : normaliseHeader(headers[authorColumn]!);
  const used = new Set(Object.values(map).flat());
  return {
    ownId: get('id'),
    kind: csvKind(get('kind')),
    title: get('title'),
    authors: splitAuthorList(get('authors') ?? '', {
      commaSeparated: authorHeader === 'authors' && !(get('authors') ?? '').includes(';') && /\w\.,/.test(get('authors') ?? ''),
    }),
    year: get('year'),
    journal: get('journal'),
    journalAbbrev: get('journalAbbrev'),
    volume: get('volume'),
    issue: get('issue'),
    pages: get('pages'),
    startPage: get('startPage'),
    endPage: get('endPage'),
    doiCandidates: [get('doi')].filter((x): x is string => x !== null),
    pmid: get('pmid'),
    pmcid: get('pmcid'),
    embaseId: get('embaseId'),
    abstract: get('abstract'),
    otherText: cells.filter((_, i) => !used.has(i)),
  };
}

export function createCsvTokeniser(sink: RecordSink, options: CsvOptions = {}): ExportTokeniser {
  let line = 1;
  let rowStart = 1;
  let inQuote = false;
  let quoting = true;
  let row: string[] = [];
  let headers: string[] | null = null;
  let delimiter = ',';
  let map: ColumnMap = {};
  let good = 0;
  let bad = 0;
  let firstBad = 0;

  const cellsOf = (text: string): string[] => {
    if (!quoting) return text.split(delimiter);
    const parsed = Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false });
    return parsed.data[0] ?? [];
  };

  const handleRow = (text: string, startLine: number) => {
    if (text.trim() === '') return;
    if (!headers) {
      const h = startLine === 1 ? text.replace(/^\uFEFF/, '') : text;
      delimiter = detectDelimiter(h);
      // Web of Science tab-delimited files do not quote: a '"' in a title is just a character.
      quoting = !(delimiter === '\t' && /^PT\t/.test(h));
      headers = cellsOf(h).map((x) => x.trim());
      try {
        map = mapColumns(headers, options.idField);
        if (options.columns) map = applyColumnChoices(map, headers, options.columns);
      } catch (err) {
        throw new ExportRefusedError(startLine, (err as Error).message);
      }
      options.onHeader?.(headers, map);
      if (map.title === undefined && map.doi === undefined)
        throw new ExportRefusedError(startLine, `no column holds titles or DOIs (the header is ${JSON.stringify(headers.slice(0, 12))})`);
      return;
    }
    const cells = cellsOf(text);
    // WoS tab-delimited rows end with an empty cell after a trailing tab; tolerate only that.
    if (cells.length !== headers.length && !(cells.length === headers.length + 1 && cells.at(-1) === '')) {
      bad++;
      if (firstBad === 0) firstBad = startLine;
      sink.skipped(startLine, `row has ${cells.length} columns; the header has ${headers.length}`);
      return;
    }
    good++;
    sink.record(csvDraft(cells, map, headers), startLine, text);
  };

  return {
    push(chunk) {
      let start = 0;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (c === 34 && quoting) inQuote = !inQuote;
        else if (c === 10) {
          if (!inQuote) {
            row.push(chunk.slice(start, i));
            handleRow(row.join('').replace(/\r$/, ''), rowStart);
            row = [];
            start = i + 1;
            rowStart = line + 1;
          }
          line++;
        }
      }
      row.push(chunk.slice(start));
    },
    end() {
      const last = row.join('').replace(/\r$/, '');
      row = [];
      if (inQuote) throw new ExportRefusedError(rowStart, 'a quoted cell is not closed before the end of the file');
      handleRow(last, rowStart);
      if (!headers) throw new ExportRefusedError(1, 'the file is empty: no header row');
      if (good === 0 && bad > 0)
        throw new ExportRefusedError(firstBad, `every row has a different number of columns from the header (${headers.length})`);
    },
  };
}
