import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ReviewDocument } from '@grove/shared';
import { parseXmlTree } from '@grove/shared/rm5/xml-tree';
import { rm5ToReviewDocument } from '@grove/shared/rm5/to-review-document';
import {
  csvNumber,
  reviewDocumentToRevmanWeb,
  reviewDocumentToRm5Csv,
  reviewToRis,
  RM5_CSV_HEADER,
  splitAuthors,
  toCsv,
} from '@grove/shared/rm5/revman-web';
import { SAMPLE_RM5 } from './sample-rm5.ts';

// The RevMan Web writers (issue 6 step 4): CSV quoting, RIS records, and the RevMan 5
// analysis CSV, on the small review written for the tests (no corpus).

let n = 0;
const sampleDocument = (): ReviewDocument =>
  rm5ToReviewDocument(parseXmlTree(SAMPLE_RM5), { newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, now: '2026-01-01T00:00:00.000Z', source: 'sample.rm5' }).document;

const parse = (csv: string) => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const r = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
  expect(r.errors).toEqual([]);
  return r.data;
};

describe('toCsv', () => {
  it('quotes cells with quotes, commas, line breaks and edge spaces, and nothing else', () => {
    const csv = toCsv(['a', 'b, c'], [
      ['plain', 'say "hi"'],
      ['one, two', 'line 1\nline 2'],
      ['crlf\r\nhere', ' padded '],
      [null, 1.5],
      [undefined, Number.NaN],
    ]);
    expect(csv).toBe(
      '\uFEFFa,"b, c"\r\nplain,"say ""hi"""\r\n"one, two","line 1\nline 2"\r\n"crlf\r\nhere"," padded "\r\n,1.5\r\n,\r\n',
    );
    expect(parse(csv)).toEqual([
      ['a', 'b, c'],
      ['plain', 'say "hi"'],
      ['one, two', 'line 1\nline 2'],
      ['crlf\r\nhere', ' padded '],
      ['', '1.5'],
      ['', ''],
    ]);
  });

  it('prints numbers as RevMan 5’s CSV does: at most 8 decimals, no trailing zeros', () => {
    expect(csvNumber(0.896865561234)).toBe('0.89686556');
    expect(csvNumber(3.17649000001)).toBe('3.17649');
    expect(csvNumber(100)).toBe('100');
    expect(csvNumber(-0.000000001)).toBe('0');
    expect(csvNumber(1e-8)).toBe('0.00000001');
    expect(csvNumber(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvNumber(null)).toBe('');
  });
});

describe('RIS', () => {
  it('writes one record per report with the study name in NS, and one for a study with no reports', () => {
    const doc = sampleDocument();
    const ris = reviewToRis(doc);
    const records = ris.split('ER  - ').map((r) => r.trim()).filter((r) => r !== '');
    expect(records).toHaveLength(doc.studies.reduce((k, s) => k + Math.max(1, s.reports.length), 0));
    const elDaher = records.find((r) => r.includes('NS  - El-Daher 1991'))!;
    expect(elDaher.split('\r\n')).toEqual([
      'TY  - JOUR',
      'AU  - El-Daher N',
      'AU  - Smith J',
      'TI  - Tea and colds',
      'JO  - J Tea',
      'PY  - 1991',
      'DO  - 10.1000/tea.1',
      'NS  - El-Daher 1991',
    ]);
    // Brown 2001 has no reports: the record still creates the study.
    expect(records.find((r) => r.includes('NS  - Brown 2001'))!.split('\r\n')).toEqual(['TY  - JOUR', 'NS  - Brown 2001']);
    expect(ris.endsWith('ER  - \r\n')).toBe(true);
  });

  it('keeps every value on one line, and writes the PubMed id as AN', () => {
    const doc = sampleDocument();
    const s = doc.studies.find((x) => x.label === 'El-Daher 1991')!;
    s.label = 'El-Daher, "A" 1991';
    const r = s.reports[0]!;
    r.title = 'Tea\nand\r\ncolds';
    r.pmid = '12345678';
    const ris = reviewToRis(doc);
    expect(ris).toContain('TI  - Tea and colds\r\n');
    expect(ris).toContain('AN  - 12345678\r\n');
    expect(ris).toContain('NS  - El-Daher, "A" 1991\r\n');
  });

  it('splits authors at semicolons when there are any, else at commas', () => {
    expect(splitAuthors('Smith, John; Jones, Ann')).toEqual(['Smith, John', 'Jones, Ann']);
    expect(splitAuthors('Smith J, Jones A')).toEqual(['Smith J', 'Jones A']);
    expect(splitAuthors('  ')).toEqual([]);
  });
});

describe('RevMan Web study data CSVs', () => {
  it('writes study information, arms, results and risk of bias with cells that round-trip', () => {
    const doc = sampleDocument();
    const files = reviewDocumentToRevmanWeb(doc);
    expect(Object.keys(files).sort()).toEqual(['references.ris', 'risk-of-bias.csv', 'study-arms.csv', 'study-information.csv', 'study-results.csv']);
    const info = parse(files['study-information.csv']!);
    expect(info[0]).toEqual(['Study', 'Year', 'Data source', 'Char: Methods', 'Char: Participants', 'Char: Interventions', 'Char: Outcomes', 'Char: Notes', 'Char: Funding sources', 'Char: Reason for exclusion']);
    const el = info.find((r) => r[0] === 'El-Daher 1991')!;
    // A multi-paragraph characteristic stays one cell with its line break.
    expect(el.slice(1, 5)).toEqual(['1990', 'PUB', 'Randomised, double blind\nTwo centres', 'Adults']);
    expect(el[8]).toBe('Tea board');
    const rob = parse(files['risk-of-bias.csv']!);
    expect(rob[0]![0]).toBe('Study');
    expect(rob[0]!.slice(1).every((h, i) => h.startsWith(i % 2 === 0 ? 'Domain (judgement): ' : 'Domain (support): '))).toBe(true);
    expect(rob.slice(1).flat().some((c) => /^(Low|High|Unclear) risk$/.test(c))).toBe(true);
    const results = parse(files['study-results.csv']!);
    expect(results[0]).toContain('Result level');
    expect(results.slice(1).every((r) => r.length === results[0]!.length)).toBe(true);
    const arms = parse(files['study-arms.csv']!);
    expect(arms[0]).toEqual(['Study', 'Arm', 'Group', 'N']);
  });
});

describe('RevMan 5 analysis CSV', () => {
  it('has Fleiss93_CR.csv’s header and a comparison, outcome, subgroup and study row hierarchy', () => {
    const rows = parse(reviewDocumentToRm5Csv(sampleDocument()));
    expect(rows[0]).toEqual([...RM5_CSV_HEADER]);
    expect(rows.slice(1).every((r) => r.length === RM5_CSV_HEADER.length)).toBe(true);
    expect(rows[1]!.slice(0, 3)).toEqual(['1', '0', '0']);
    expect(rows.some((r) => r[1] !== '0' && r[4] === 'DIC')).toBe(true);
    expect(rows.some((r) => r[2] !== '0' && r[4] === '')).toBe(true);
  });
});
