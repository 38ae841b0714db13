import JSZip from 'jszip';
import { Packer } from 'docx';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTable1, tableCsv, tableHtml } from '@grove/shared';
import { tableDocx } from '@grove/shared/report/table-docx';
import { freshBackend } from '../../support/review-fixtures.ts';

// Table 1 of the example review: the seed's columns and values.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function exampleTable1() {
  const f = freshBackend('example');
  cleanups.push(f.cleanup);
  const [form, studies, values] = await Promise.all([
    f.client.call('form.get', {}),
    f.client.call('studies.list', {}),
    f.client.call('characteristics.list', {}),
  ]);
  return buildTable1(
    form,
    studies.map((s) => ({ id: s.id, label: s.label, references: `[${s.reports.map((r) => r.citation).join(', ')}]` })),
    values,
  );
}

describe('Table 1', () => {
  it('has the seed’s columns and values, N/R as written', async () => {
    const t = await exampleTable1();
    expect(t.columns).toEqual([
      'Study ID',
      'Intervention category',
      'Country',
      'N',
      'Diagnoses',
      'Sex % F',
      'Ethnicity, % BAME',
      'Age',
      'Employed %',
    ]);
    const rows = t.groups[0]!.rows;
    expect(rows[0]).toEqual([
      'Ben-Zeev 2018\n[52]',
      'Peer support group: self-management',
      'USA',
      '163',
      '49% SS, 28% BPD, 33% MDD',
      '40',
      '72',
      '49 (mean)',
      'N/R',
    ]);
    expect(rows.find((r) => r[0]!.startsWith('Kaplan 2011'))).toEqual([
      'Kaplan 2011\n[59]',
      'Mutual support',
      'USA',
      '300',
      '22% SS, 78% affective disorders',
      '66',
      '8',
      '47 (mean)',
      '63',
    ]);
    expect(t.footnotes).toEqual(['N total number of participants randomised, N/R not reported']);
  });

  it('prints as HTML, CSV and a Word document', async () => {
    const t = await exampleTable1();
    const html = tableHtml(t);
    expect(html).toContain('<caption>Table 1 Characteristics of included studies</caption>');
    expect(html).toContain('@page{size:A4 landscape');
    expect(tableCsv(t).split('\r\n')[1]).toBe(
      'Ben-Zeev 2018; [52],Peer support group: self-management,USA,163,"49% SS, 28% BPD, 33% MDD",40,72,49 (mean),N/R',
    );
    const zip = await JSZip.loadAsync(await Packer.toBuffer(tableDocx(t)));
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const text of [
      'Table 1 Characteristics of included studies',
      'Rüsch 2014',
      'Peer support group: anti-stigma',
      'Switzerland',
      'N/R not reported',
    ])
      expect(xml).toContain(text);
    expect(xml).toContain('w:orient="landscape"');
  });
});
