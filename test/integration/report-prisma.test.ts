import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGrove } from '../support/run-cli.ts';
import { tempDir } from '../support/temp.ts';

// grove report FILE --prisma: the example review's PRISMA 2020 flow diagram as SVG, CSV,
// PNG and PDF, written atomically, with clear refusals. The seed's counts (BMC Psychiatry
// 2021): 7,198 database records and 225 from other sources → 4,277 screened → 4,179
// excluded → 98 assessed → 87 excluded → 8 studies in 11 reports → 6 in the meta-analysis.

const { dir, cleanup } = tempDir('grove-prisma-');
afterAll(cleanup);
const at = (name: string) => path.join(dir, name);

/** The text of one box of the diagram (its lines joined by spaces), entities decoded. */
function boxText(svg: string, id: string): string {
  const m = new RegExp(`<g data-box="${id}">([\\s\\S]*?)</g>`).exec(svg);
  if (!m) throw new Error(`no box ${id}`);
  return [...m[1]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]!.replace(/&amp;/g, '&')).join(' ');
}

describe('grove report --prisma', () => {
  beforeAll(() => {
    expect(runGrove(['example', at('example.grove')]).status).toBe(0);
  });

  it('prints the example review’s diagram as SVG with the seed’s counts, hand-entered ones marked', () => {
    const r = runGrove(['report', at('example.grove'), '--prisma']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const svg = r.stdout;
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(boxText(svg, 'identified')).toContain('Databases (n = 7,198†)');
    expect(boxText(svg, 'other-identified')).toContain('Other sources (n = 225†)');
    expect(boxText(svg, 'records-screened')).toBe('Records screened (n = 4,277†)');
    expect(boxText(svg, 'records-excluded')).toBe('Records excluded** (n = 4,179†)');
    expect(boxText(svg, 'reports-assessed')).toBe('Reports assessed for eligibility (n = 98†)');
    expect(boxText(svg, 'reports-excluded')).toBe('Reports excluded (n = 87†)');
    expect(boxText(svg, 'included')).toBe('Studies included in review (n = 8) Reports of included studies (n = 11)');
    expect(boxText(svg, 'meta-analysis')).toBe('Studies included in meta-analysis (n = 6†)');
  });

  it('writes the PRISMA2020 app’s CSV with the seed’s counts', () => {
    const r = runGrove(['report', at('example.grove'), '--prisma', '--format', 'csv', '-o', at('prisma.csv')]);
    expect(r.status).toBe(0);
    const lines = fs.readFileSync(at('prisma.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('data,node,box,description,boxtext,tooltips,url,n');
    const n = (id: string) =>
      lines
        .find((l) => l.startsWith(`${id},`))
        ?.split(',')
        .at(-1);
    expect(
      [
        'database_results',
        'website_results',
        'records_screened',
        'records_excluded',
        'dbr_assessed',
        'dbr_excluded',
        'new_studies',
        'new_reports',
        'total_studies_ma',
      ].map(n),
    ).toEqual(['7198', '225', '4277', '4179', '98', '87', '8', '11', '6']);
  });

  it('makes PNG and PDF headlessly, and leaves no temporary file behind', () => {
    expect(runGrove(['report', at('example.grove'), '--prisma', '--format', 'png', '-o', at('prisma.png')]).status).toBe(0);
    expect(fs.readFileSync(at('prisma.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(runGrove(['report', at('example.grove'), '--prisma', '--format', 'pdf', '-o', at('prisma.pdf')]).status).toBe(0);
    expect(fs.readFileSync(at('prisma.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      fs
        .readdirSync(dir)
        .filter((f) => f.startsWith('prisma'))
        .sort(),
    ).toEqual(['prisma.csv', 'prisma.pdf', 'prisma.png']);
  });

  it('refuses an unknown format and a binary format without a file name', () => {
    const bad = runGrove(['report', at('example.grove'), '--prisma', '--format', 'docx']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/The PRISMA flow diagram is written as svg, png, pdf, csv, not "docx"/);
    const png = runGrove(['report', at('example.grove'), '--prisma', '--format', 'png']);
    expect(png.status).toBe(2);
    expect(png.stderr).toMatch(/A PNG file needs a name: add -o OUT\.png/);
    expect(runGrove(['report', at('example.grove'), '--prisma', '--table1']).stderr).toMatch(/Choose one of/);
  });
});
