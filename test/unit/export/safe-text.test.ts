import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { csvSafeText, xmlSafeText } from '@grove/shared/export/safe-text';
import { writeXmlDocument, type XmlElement } from '@grove/shared/rm5/xml-tree';
import { toCsv } from '@grove/shared/rm5/revman-web';
import { tableCsv } from '@grove/shared/report/report-table';

// Issue 11, item 6: exported text that other programs (and Grove itself) can read and that
// cannot run as a spreadsheet formula.

describe('xmlSafeText', () => {
  it('drops what XML 1.0 forbids and keeps everything else', () => {
    expect(xmlSafeText('a\u0000b\u0007c\u000Bd\uFFFEe\uFFFFf')).toBe('abcdef');
    expect(xmlSafeText('tab\there\nline\rcr é ✓ 😀')).toBe('tab\there\nline\rcr é ✓ 😀');
    expect(xmlSafeText('lone \uD800 high and \uDC00 low')).toBe('lone  high and  low');
  });

  it('makes a label with control characters a document parsers accept', () => {
    const root: XmlElement = {
      name: 'COCHRANE_REVIEW',
      attrs: { TITLE: 'Bell\u0007 and VT\u000B and \uFFFEend' },
      children: ['Null\u0000 byte'],
    };
    const xml = writeXmlDocument(root);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as { COCHRANE_REVIEW: { '@_TITLE': string; '#text': string } };
    expect(parsed.COCHRANE_REVIEW['@_TITLE']).toBe('Bell and VT and end');
    expect(parsed.COCHRANE_REVIEW['#text']).toBe('Null byte');
  });
});

describe('csvSafeText', () => {
  it.each(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://x")'])('neutralises %j', (cell) => {
    expect(csvSafeText(cell)).toBe(`'${cell}`);
  });

  it.each(['-1.5', '+3', '-0.00012', '1e-5', '-2E+3', '-12%', 'Smith 2001', '', 'a=b'])('leaves %j as it is', (cell) => {
    expect(csvSafeText(cell)).toBe(cell);
  });

  it('is applied to text cells of every CSV writer, never to numbers', () => {
    const csv = toCsv(
      ['Study', 'Mean'],
      [
        ['=cmd|calc', -1.5],
        ['Smith', '-0.25'],
      ],
    );
    expect(csv).toBe("\uFEFFStudy,Mean\r\n'=cmd|calc,-1.5\r\nSmith,-0.25\r\n");
    const table = tableCsv({
      title: 't',
      columns: ['Study', 'MD'],
      groups: [{ rows: [['@SUM(1)', '-0.4']] }],
      footnotes: [],
      orientation: 'portrait',
    });
    expect(table).toBe("Study,MD\r\n'@SUM(1),-0.4\r\n");
  });
});

describe('Grove re-imports its own .rm5 export', () => {
  it('when labels hold control characters', async () => {
    const { freshBackend } = await import('../../support/review-fixtures.ts');
    const { rm5Text } = await import('../../../db/src/rm5/export-rm5.ts');
    const { loadRm5Bytes } = await import('../../../db/src/rm5/load-rm5.ts');
    const { rm5Document } = await import('../../../db/src/rm5/import-rm5.ts');
    const { latin1Bytes } = await import('@grove/shared/rm5/xml-tree');
    const f = freshBackend();
    try {
      await f.client.call('studies.create', {
        study: { label: 'Smith\u0007 2001\u000B', status: 'included', identifiers: '', notes: 'nul\u0000 and \uFFFE' },
      });
      const review = f.backend.currentFile();
      expect(review).not.toBeNull();
      const { openReviewFile } = await import('../../../db/src/review-file.ts');
      const ro = openReviewFile(review!, { readOnly: true });
      const text = rm5Text(ro.db);
      ro.close();
      const { document } = rm5Document(loadRm5Bytes('self.rm5', latin1Bytes(text)));
      expect(document.studies.map((s) => s.label)).toEqual(['Smith 2001']);
    } finally {
      f.cleanup();
    }
  });
});
