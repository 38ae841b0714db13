import { describe, expect, it } from 'vitest';
import { ExportFileRefused, ExportReader, readExportText, type ExportReadResult } from '@grove/shared/records/index';

// Each parser on small hand-written exports: fields, dialect quirks, and the failure rules of
// issue 13 (refuse whole with file and line; skip one record with its line; last ER missing
// accepted with a warning). The corpus is read by test/conformance/records-cli.test.ts.

/** Feeds the text in small chunks, so records, tags and CRLFs straddle chunk boundaries. */
function readChunked(file: string, text: string, size = 7): ExportReadResult {
  const reader = new ExportReader(file);
  for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
  return reader.end();
}

function refusal(fn: () => unknown): ExportFileRefused {
  try {
    fn();
  } catch (err) {
    if (err instanceof ExportFileRefused) return err;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

const RIS = [
  'TY  - JOUR',
  'ID  - rec-7',
  'TI  - Peer support for people',
  '      with serious mental illness',
  'AU  - Lloyd-Evans, Brynmor',
  'AU  - Mayo-Wilson, E.',
  'PY  - 2014///',
  'T2  - BMC Psychiatry',
  'J2  - BMC Psychiatry',
  'VL  - 14',
  'IS  - 1',
  'SP  - 39',
  'EP  - 45',
  'DO  - https://doi.org/10.1186/1471-244X-14-39',
  'AB  - Trial registered as NCT01234567 and ISRCTN12345678.',
  'KW  - EudraCT number: 2010-012345-12',
  'ER  - ',
  'TY  - CONF',
  'TI  - A second record',
  'AU  - Smith J',
  'DA  - 2019/05/01',
  'M3  - 10.1126/SCIENCE.1074069',
  'ER  - ',
].join('\r\n');

describe('RIS', () => {
  it('reads fields, wrapped lines, repeated tags and identifiers, across chunk boundaries and CRLF', () => {
    for (const size of [1, 3, 7, 64, 100_000]) {
      const { records, skipped, warnings } = readChunked('a.ris', RIS, size);
      expect(skipped).toEqual([]);
      expect(warnings).toEqual([]);
      expect(records).toHaveLength(2);
      const [a, b] = records;
      expect(a).toMatchObject({
        id: 'rec-7',
        source: 'a.ris',
        line: 1,
        kind: 'journal-article',
        title: 'Peer support for people with serious mental illness',
        authors: ['Lloyd-Evans, Brynmor', 'Mayo-Wilson, E.'],
        year: 2014,
        journal: 'BMC Psychiatry',
        volume: '14',
        issue: '1',
        pages: '39-45',
        doi: '10.1186/1471-244x-14-39',
        registryIds: ['NCT01234567', 'ISRCTN12345678', 'EudraCT 2010-012345-12'],
      });
      expect(a!.raw.split('\n')[0]).toBe('TY  - JOUR');
      expect(b).toMatchObject({
        id: 'a.ris:2',
        kind: 'conference',
        authors: ['Smith, J'],
        year: 2019,
        doi: '10.1126/science.1074069',
        line: 18,
      });
    }
  });

  it('accepts a last record without ER with a warning naming its line', () => {
    const { records, warnings } = readExportText('b.ris', 'TY  - JOUR\nTI  - One\nER  -\nTY  - JOUR\nTI  - Two\n');
    expect(records.map((r) => r.title)).toEqual(['One', 'Two']);
    expect(warnings).toEqual([{ file: 'b.ris', line: 4, message: expect.stringMatching(/no "ER {2}- " end line/) as string }]);
  });

  it('skips a record without TY and lists its line, keeping the others', () => {
    const { records, skipped } = readExportText(
      'c.ris',
      'TY  - JOUR\nTI  - One\nER  -\n\nTI  - Orphan\nAU  - X, Y\nER  -\nTY  - JOUR\nTI  - Three\nER  -\n',
    );
    expect(records.map((r) => r.title)).toEqual(['One', 'Three']);
    expect(records.map((r) => r.id)).toEqual(['c.ris:1', 'c.ris:3']);
    expect(skipped).toEqual([{ file: 'c.ris', line: 5, message: expect.stringContaining('no "TY  - " line') as string }]);
  });

  it('ignores Ovid record counters between records', () => {
    const { records } = readExportText('ovid.ris', '1.\nTY  - JOUR\nTI  - One\nER  -\n\n2.\nTY  - JOUR\nTI  - Two\nER  -\n');
    expect(records.map((r) => [r.title, r.line])).toEqual([
      ['One', 2],
      ['Two', 7],
    ]);
  });
});

describe('PubMed/MEDLINE', () => {
  const NBIB = [
    'PMID- 30689646',
    'OWN - NLM',
    'DP  - 2019 Jan 28',
    'TI  - Ecosystem services changes between 2000 and 2015 in the Loess Plateau, China: A',
    '      response to ecological restoration.',
    'PG  - e0209483',
    'LID - S0048-9697(17)30912-9 [pii]',
    'LID - 10.1371/journal.pone.0209483 [doi]',
    'AB  - Registered at ChiCTR-IOR-15006890.',
    'FAU - Jiang, Chong',
    'AU  - Jiang C',
    'FAU - Zhang, Haiyan',
    'AU  - Zhang H',
    'JT  - PloS one',
    'TA  - PLoS One',
    'VI  - 14',
    'IP  - 1',
    'PMC - PMC6349322',
    '',
    'PMID- 28441597',
    'TI  - Second.',
    'AU  - Doe J',
    'DP  - 2017',
  ].join('\n');

  it('reads MEDLINE tags, wrapped lines, the DOI among the LIDs and full author names', () => {
    const { records } = readChunked('p.nbib', NBIB, 5);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      id: '30689646',
      pmid: '30689646',
      pmcid: 'PMC6349322',
      title: 'Ecosystem services changes between 2000 and 2015 in the Loess Plateau, China: A response to ecological restoration.',
      authors: ['Jiang, Chong', 'Zhang, Haiyan'],
      year: 2019,
      journal: 'PloS one',
      journalAbbrev: 'PLoS One',
      pages: 'e0209483',
      doi: '10.1371/journal.pone.0209483',
      registryIds: ['ChiCTR-IOR-15006890'],
    });
    expect(records[1]).toMatchObject({ id: '28441597', authors: ['Doe, J'], year: 2017, line: 20 });
  });
});

describe('Web of Science plain text', () => {
  const CIW = [
    'FN Clarivate Analytics Web of Science',
    'VR 1.0',
    'PT J',
    'AU Li, W',
    '   Dou, Z',
    'AF Li, Wei',
    '   Dou, Zhiguo',
    'TI Soil fauna diversity at different stages of reed restoration in a',
    '   lakeshore wetland',
    'SO ECOSYSTEM HEALTH AND SUSTAINABILITY',
    'J9 ECOSYST HEALTH SUST',
    'VL 6',
    'BP 12',
    'EP 20',
    'DI 10.1080/20964129.2020.1722034',
    'PY 2020',
    'PM 32215043',
    'UT WOS:000513393200001',
    'ER',
    '',
    'EF',
  ].join('\n');

  it('reads continuation lines as one author each and as wrapped text elsewhere', () => {
    const { records } = readChunked('w.ciw', CIW, 4);
    expect(records).toEqual([
      expect.objectContaining({
        id: 'WOS:000513393200001',
        authors: ['Li, Wei', 'Dou, Zhiguo'],
        title: 'Soil fauna diversity at different stages of reed restoration in a lakeshore wetland',
        journal: 'ECOSYSTEM HEALTH AND SUSTAINABILITY',
        journalAbbrev: 'ECOSYST HEALTH SUST',
        pages: '12-20',
        year: 2020,
        pmid: '32215043',
        doi: '10.1080/20964129.2020.1722034',
      }),
    ]);
  });
});

describe('BibTeX', () => {
  const BIB = `% exported
@string{bmc = "BMC Psychiatry"}
@article{lloyd2014,
  title = {Peer support for {Serious} mental illness},
  author = {Lloyd-Evans, Brynmor and M{\\"u}ller, J{\\'e}r{\\^o}me and van der Berg, Anna},
  journal = bmc,
  year = 2014,
  volume = {14}, number = {1},
  pages = {39--45},
  doi = {10.1186/1471-244X-14-39},
}
@inproceedings{conf1,
  title = "An abstract",
  author = "Smith, John",
  booktitle = {Proceedings of Something},
  year = {2019}
}
@article{broken,
  title = {Unclosed = , , ,
  year = 2020
}
`;

  it('reads entries with macros, LaTeX accents, and names each record by its key', () => {
    const { records, skipped } = readChunked('r.bib', BIB, 9);
    expect(records[0]).toMatchObject({
      id: 'lloyd2014',
      title: 'Peer support for Serious mental illness',
      authors: ['Lloyd-Evans, Brynmor', 'Müller, Jérôme', 'van der Berg, Anna'],
      journal: 'BMC Psychiatry',
      year: 2014,
      issue: '1',
      pages: '39-45',
      doi: '10.1186/1471-244x-14-39',
      kind: 'journal-article',
    });
    expect(records[1]).toMatchObject({
      id: 'conf1',
      kind: 'conference',
      journal: 'Proceedings of Something',
      authors: ['Smith, John'],
      line: 12,
    });
    // The broken entry swallows the rest of the file: it is skipped with the line it starts on.
    expect(skipped.map((s) => s.line)).toEqual([18]);
  });
});

describe('CSV', () => {
  it('maps BibTeX-like headers, splits "A and B" authors and uses the id column', () => {
    const csv =
      '"ID","title","year","author","pages","volume","number","ENTRYTYPE","journal","doi"\n' +
      '"id_1","Comparison of, HPV","2006","Zuna, R E and Wang, S S","288-297",108,,"article","Cancer","https://doi.org/10.1002/CNCR.21"\n';
    const { records } = readChunked('x.csv', csv, 5);
    expect(records).toEqual([
      expect.objectContaining({
        id: 'id_1',
        title: 'Comparison of, HPV',
        authors: ['Zuna, R E', 'Wang, S S'],
        year: 2006,
        volume: '108',
        issue: null,
        doi: '10.1002/cncr.21',
        kind: 'journal-article',
      }),
    ]);
  });

  it('maps Scopus headers (comma-separated "Authors", page start and end, PubMed ID)', () => {
    const csv =
      'Authors,Title,Year,Source title,Volume,Issue,Page start,Page end,DOI,PubMed ID,EID\n"Li W., Dou Z.",Soil fauna,2020,Ecosystem Health,6,1,12,20,10.1080/X,32215043,2-s2.0-85079532227\n';
    expect(readExportText('s.csv', csv).records[0]).toMatchObject({
      id: '2-s2.0-85079532227',
      authors: ['Li, W.', 'Dou, Z.'],
      pages: '12-20',
      pmid: '32215043',
      journal: 'Ecosystem Health',
    });
  });

  it('skips a row with the wrong number of columns with its line, and refuses a file where every row is wrong', () => {
    const some = readExportText('m.csv', 'ID,title\n1,One\n2,Two,extra\n3,Three\n');
    expect(some.records.map((r) => r.id)).toEqual(['1', '3']);
    expect(some.skipped).toEqual([{ file: 'm.csv', line: 3, message: 'row has 3 columns; the header has 2' }]);
    const all = refusal(() => readExportText('n.csv', 'ID,title\n1,One,x\n2,Two,y\n'));
    expect(all.message).toBe('n.csv, line 2: every row has a different number of columns from the header (2)');
  });

  it('keeps a quoted cell with line breaks in one record and reports the next record on its true line', () => {
    const { records } = readExportText('q.csv', 'ID,title,abstract\n1,One,"first\nsecond"\n2,Two,x\n');
    expect(records.map((r) => [r.id, r.line, r.abstract])).toEqual([
      ['1', 2, 'first second'],
      ['2', 4, 'x'],
    ]);
  });
});

describe('EndNote XML', () => {
  const XML = `<?xml version="1.0" encoding="UTF-8"?>
<xml><records><record><rec-number>12</rec-number><ref-type name="Journal Article">17</ref-type>
<contributors><authors><author><style face="normal" font="default" size="100%">Rotter, </style><style face="bold">Carina</style></author><author>Whittaker, D.</author></authors></contributors>
<titles><title><style face="normal">Myoclonus in older </style><style face="italic">Cavalier</style><style> spaniels</style></title><secondary-title>J Vet Intern Med</secondary-title></titles>
<periodical><full-title>Journal of veterinary internal medicine</full-title><abbr-1>J Vet Intern Med</abbr-1></periodical>
<pages>1032-1038</pages><volume>36</volume><number>3</number><dates><year>2022</year></dates>
<electronic-resource-num>10.1111/JVIM.16404</electronic-resource-num><abstract>NCT00000102</abstract></record>
<record><ref-type name="Conference Proceedings">10</ref-type><titles><title>Plain &amp; simple</title></titles></record></records></xml>`;

  it('joins text split into <style> runs and reads the Mendeley/Zotero plain variant', () => {
    const { records } = readChunked('e.xml', XML, 11);
    expect(records[0]).toMatchObject({
      id: '12',
      title: 'Myoclonus in older Cavalier spaniels',
      authors: ['Rotter, Carina', 'Whittaker, D.'],
      journal: 'Journal of veterinary internal medicine',
      journalAbbrev: 'J Vet Intern Med',
      issue: '3',
      year: 2022,
      doi: '10.1111/jvim.16404',
      registryIds: ['NCT00000102'],
      line: 2,
    });
    expect(records[0]!.raw.startsWith('<record><rec-number>12')).toBe(true);
    expect(records[0]!.raw.endsWith('</record>')).toBe(true);
    expect(records[1]).toMatchObject({ id: 'e.xml:2', title: 'Plain & simple', kind: 'conference' });
  });

  it('refuses truncated XML with its line', () => {
    const err = refusal(() => readExportText('t.xml', XML.slice(0, 400)));
    expect(err.file).toBe('t.xml');
    expect(err.line).toBeGreaterThanOrEqual(3);
    expect(err.message).toMatch(/^t\.xml, line \d+: the XML is not well-formed/);
  });
});

describe('format detection and refusals', () => {
  it('tells formats apart by content, whatever the name', () => {
    expect(readExportText('x.txt', 'PMID- 1\nTI  - A\n').format).toBe('medline');
    expect(readExportText('x.txt', 'FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI A\nER\nEF\n').format).toBe('wos');
    expect(readExportText('x.txt', 'TY  - JOUR\nTI  - A\nER  -\n').format).toBe('ris');
    expect(readExportText('x.txt', '@article{k, title={A}}\n').format).toBe('bibtex');
    expect(readExportText('x.txt', 'PT\tAU\tTI\tPY\tUT\nJ\tLi, W\tA "quoted" title\t2020\tWOS:1\t\n').records[0]).toMatchObject({
      id: 'WOS:1',
      title: 'A "quoted" title',
      year: 2020,
    });
  });

  it('refuses an empty file, a file of no known format, and a forced format with no records', () => {
    expect(refusal(() => readExportText('e.ris', '')).message).toBe('e.ris, line 1: the file is empty');
    expect(refusal(() => readExportText('e.ris', '  \n\n')).message).toBe('e.ris, line 1: the file is empty');
    expect(refusal(() => readExportText('n.txt', 'Dear colleague,\nhere are the results.\n')).message).toMatch(
      /^n\.txt, line 1: not a recognised export/,
    );
    expect(refusal(() => readExportText('f.txt', 'just text\n', { format: 'ris' })).message).toBe(
      'f.txt, line 1: no RIS records in the file',
    );
  });
});
