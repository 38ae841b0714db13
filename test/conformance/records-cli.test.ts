// Every export in the corpus (issue 13) through `grove records --json`: the record count equals
// the records in the file (counted here independently, from each format's record markers), and
// titles, authors, years, journals, DOIs and abstracts are filled wherever the record's own raw
// text has them. Prints the per-file field coverage table. Skips cleanly without the corpus.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { BibRecord, ExportFormat } from '@grove/shared/records/index';
import { readExportFile } from '../../db/src/records/read-export-file.ts';
import { runGrove } from '../support/run-cli.ts';
import { findCorpus } from './support/corpus.ts';

const corpus = findCorpus();
const dir = corpus ? join(corpus, 'records') : null;
const files = dir ? readdirSync(dir).sort() : [];

type Field = 'title' | 'authors' | 'year' | 'journal' | 'doi' | 'abstract';
const FIELDS: Field[] = ['title', 'authors', 'year', 'journal', 'doi', 'abstract'];

/** Whether a record's raw text has the field, by the format's own tags (independent of the parser). */
const HAS: Record<Exclude<ExportFormat, 'csv'>, Record<Field, RegExp>> = {
  ris: {
    title: /^(?:TI|T1) {2}- \S/m,
    authors: /^(?:AU|A1) {2}- \S/m,
    year: /^(?:PY|Y1|DA) {2}- .*\d{4}/m,
    journal: /^(?:T2|JO|JF|JA|J2) {2}- \S/m,
    doi: /^(?:DO|L3|M3) {2}- .*10\.\d{4,}\//m,
    abstract: /^(?:AB|N2) {2}- \S/m,
  },
  medline: {
    title: /^TI {2}- \S/m,
    authors: /^F?AU {1,2}- \S/m,
    year: /^DP {2}- .*\d{4}/m,
    journal: /^(?:JT|TA) {2}- \S/m,
    doi: /^(?:LID|AID) - .*\[doi\]/m,
    abstract: /^AB {2}- \S/m,
  },
  wos: { title: /^TI \S/m, authors: /^A[UF] \S/m, year: /^(?:PY|PD) .*\d{4}/m, journal: /^SO \S/m, doi: /^DI 10\./m, abstract: /^AB \S/m },
  bibtex: {
    title: /\btitle\s*=\s*[{"]?\s*[^\s}"]/i,
    authors: /\bauthor\s*=\s*[{"]?\s*[^\s}"]/i,
    year: /\b(?:year|date)\s*=\s*[{"]?\d{4}/i,
    journal: /\b(?:journal|journaltitle|booktitle)\s*=\s*[{"]?\s*[^\s}"]/i,
    doi: /\bdoi\s*=\s*[{"]?\s*10\./i,
    abstract: /\babstract\s*=\s*[{"]?\s*[^\s}"]/i,
  },
  'endnote-xml': {
    title: /<title>(?:<style[^>]*>)?\s*[^<\s]/,
    authors: /<author>(?:<style[^>]*>)?\s*[^<\s]/,
    year: /<year>(?:<style[^>]*>)?\d{4}/,
    journal: /<(?:full-title|secondary-title)>(?:<style[^>]*>)?\s*[^<\s]/,
    doi: /<electronic-resource-num>(?:<style[^>]*>)?\s*10\./,
    abstract: /<abstract>(?:<style[^>]*>)?\s*[^<\s]/,
  },
};

const CSV_COLUMNS: Record<Field, string[]> = {
  title: ['Title', 'title'],
  authors: ['Author', 'author', 'Authors'],
  year: ['Publication Year', 'year', 'Year'],
  journal: ['Publication Title', 'journal', 'Source title'],
  doi: ['DOI', 'doi'],
  abstract: ['Abstract Note', 'abstract', 'Abstract'],
};

/** How many records the file holds, from its record markers alone. */
function countInFile(text: string, format: ExportFormat): number {
  const t = text.replace(/^\uFEFF/, '');
  switch (format) {
    case 'ris':
      return (t.match(/^TY {1,2}- /gm) ?? []).length;
    case 'medline':
      return (t.match(/^PMID- /gm) ?? []).length;
    case 'wos':
      return (t.match(/^ER\s*$/gm) ?? []).length;
    case 'bibtex':
      return (t.match(/^\s*@(?!comment|string|preamble)[a-z]+\s*\{/gim) ?? []).length;
    case 'endnote-xml':
      return (t.match(/<record>/g) ?? []).length;
    case 'csv':
      return Papa.parse(t, { header: true, skipEmptyLines: true }).data.length;
  }
}

const isFilled = (r: BibRecord, f: Field) => (f === 'authors' ? r.authors.length > 0 : r[f] !== null);

describe.skipIf(!corpus)('grove records on every corpus export', () => {
  const table: string[] = [];

  it.each(files)('%s: every record read, every field the file has filled', (file) => {
    const path = join(dir!, file);
    const text = readFileSync(path, 'utf8');
    const result = readExportFile(path);
    expect(result.skipped).toEqual([]);
    expect(result.records.length).toBe(countInFile(text, result.format));

    const has: Record<Field, number> = { title: 0, authors: 0, year: 0, journal: 0, doi: 0, abstract: 0 };
    const filled: Record<Field, number> = { title: 0, authors: 0, year: 0, journal: 0, doi: 0, abstract: 0 };
    const csvRows =
      result.format === 'csv'
        ? Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data
        : [];
    result.records.forEach((r, i) => {
      for (const f of FIELDS) {
        const present =
          result.format === 'csv'
            ? CSV_COLUMNS[f].some((c) => (csvRows[i]?.[c] ?? '').trim() !== '')
            : HAS[result.format as Exclude<ExportFormat, 'csv'>][f].test(r.raw);
        if (present) has[f]++;
        if (isFilled(r, f)) filled[f]++;
        if (present) expect.soft(isFilled(r, f), `${file} record ${r.id} (line ${r.line}): ${f} is in the file but not read`).toBe(true);
      }
    });
    for (const r of result.records) {
      expect(r.year === null || Number.isInteger(r.year)).toBe(true);
      if (r.doi) expect(r.doi).toMatch(/^10\.\d{4,9}\/\S+$/);
      if (r.doi) expect(r.doi).toBe(r.doi.toLowerCase());
    }
    table.push(
      `${file.padEnd(34)} ${result.format.padEnd(11)} ${String(result.records.length).padStart(5)}  ${FIELDS.map((f) => `${filled[f]}/${has[f]}`.padStart(10)).join('')}`,
    );
  });

  it('prints the coverage table (filled / in the file)', () => {
    process.stdout.write(
      `\n${'file'.padEnd(34)} ${'format'.padEnd(11)} ${'n'.padStart(5)}  ${FIELDS.map((f) => f.padStart(10)).join('')}\n${table.join('\n')}\n`,
    );
    expect(table.length).toBe(files.length);
  });

  it("prints the issue's JSON through the real command, with exit 0", () => {
    const run = runGrove([
      'records',
      join(dir!, 'synthesisr_PubMed_example.txt'),
      join(dir!, 'synthesisr_Scopus_bib_example.bib'),
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { records: Array<Record<string, unknown>>; errors: unknown[] };
    expect(out.errors).toEqual([]);
    expect(out.records).toHaveLength(6);
    expect(Object.keys(out.records[0]!)).toEqual([
      'id',
      'source',
      'title',
      'authors',
      'year',
      'journal',
      'volume',
      'issue',
      'pages',
      'doi',
      'pmid',
      'abstract',
      'registryIds',
    ]);
    expect(out.records[0]).toMatchObject({
      id: '28441597',
      source: 'synthesisr_PubMed_example.txt',
      pmid: '28441597',
      doi: '10.1016/j.scitotenv.2017.04.075',
      year: 2017,
    });
    expect(out.records[3]).toMatchObject({
      id: 'Li2020',
      source: 'synthesisr_Scopus_bib_example.bib',
      doi: '10.1080/20964129.2020.1722034',
      year: 2020,
    });
  });
});
