// Names with inline markup: richTextRuns/plainText for display, and an .rm5 round trip that
// keeps every kind of name's markup exactly (issue 10: `Vitamin D<SUB>3</SUB>` came back as
// plain text).
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportReview } from '../../../db/src/document/export-review.ts';
import { createReviewFromDocument } from '../../../db/src/document/import-review.ts';
import { rm5Text } from '../../../db/src/rm5/export-rm5.ts';
import { importRm5 } from '../../../db/src/rm5/import-rm5.ts';
import { parseRm5Text } from '../../../db/src/rm5/load-rm5.ts';
import { plainText, richTextRuns } from '../../../shared/src/rm5/rich-text.ts';
import { parseXmlTree } from '../../../shared/src/rm5/xml-tree.ts';
import { namesWithMarkup } from '../../support/rm5-names.ts';
import { tempDir } from '../../support/temp.ts';
import { SAMPLE_RM5 } from './sample-rm5.ts';

describe('richTextRuns and plainText', () => {
  it('splits markup into styled runs', () => {
    expect(richTextRuns('Vitamin D<SUB>3</SUB>')).toEqual([{ text: 'Vitamin D' }, { text: '3', sub: true }]);
    expect(richTextRuns('x<SUP>2</SUP> <I>in <B>vivo</B></I> <U>u</U>')).toEqual([
      { text: 'x' },
      { text: '2', sup: true },
      { text: ' ' },
      { text: 'in ', italic: true },
      { text: 'vivo', italic: true, bold: true },
      { text: ' ' },
      { text: 'u', underline: true },
    ]);
  });

  it('decodes entities, collapses layout whitespace, and merges runs of one style', () => {
    expect(richTextRuns('  Tea &amp; <B>milk</B><B> or</B>\n  honey ')).toEqual([
      { text: 'Tea & ' },
      { text: 'milk or', bold: true },
      { text: ' honey' },
    ]);
    expect(richTextRuns('<P>One</P><P>Two</P>')).toEqual([{ text: 'One Two' }]);
    expect(richTextRuns('<LINK REF="STD-A" TYPE="STUDY">A 1990</LINK> data')).toEqual([{ text: 'A 1990 data' }]);
  });

  it('takes text that is not well-formed markup as it is', () => {
    expect(richTextRuns('Age < 65 & over')).toEqual([{ text: 'Age < 65 & over' }]);
    expect(richTextRuns('')).toEqual([]);
  });

  it('plainText drops the formatting only', () => {
    expect(plainText('Vitamin D<SUB>3</SUB>')).toBe('Vitamin D3');
    expect(plainText('H<SUB>2</SUB>O vs CO<SUB>2</SUB>, <I>p</I> &lt; 0.05')).toBe('H2O vs CO2, p < 0.05');
  });
});

const { dir, cleanup } = tempDir('grove-rm5-names-');
afterAll(cleanup);
let n = 0;
const next = () => path.join(dir, `n${n++}.grove`);

const MARKED = [
  ['<NAME>Tea vs water</NAME>', '<NAME>Tea vs water<SUP>a</SUP></NAME>'],
  ['<NAME>Cold at day 7</NAME>', '<NAME>Vitamin D<SUB>3</SUB> at day 7 (<I>in vivo</I>)</NAME>'],
  ['<NAME>Adults</NAME>', '<NAME>Adults <B>&gt;</B> 65</NAME>'],
  ['<GROUP_LABEL_1>Tea</GROUP_LABEL_1>', '<GROUP_LABEL_1>Vitamin D<SUB>3</SUB></GROUP_LABEL_1>'],
  ['<GRAPH_LABEL_2>Favours water</GRAPH_LABEL_2>', '<GRAPH_LABEL_2>Favours <U>water</U></GRAPH_LABEL_2>'],
  ['<EFFECT_MEASURE>Hazard Ratio</EFFECT_MEASURE>', '<EFFECT_MEASURE>Hazard Ratio<SUP>1</SUP></EFFECT_MEASURE>'],
  ['<NAME>Baseline imbalance</NAME>', '<NAME>Baseline <I>imbalance</I></NAME>'],
  ['<NAME>Subjective outcomes</NAME>', '<NAME>Subjective outcomes<SUP>b</SUP></NAME>'],
] as const;
const MARKED_RM5 = MARKED.reduce((text, [from, to]) => {
  if (!text.includes(from)) throw new Error(`sample-rm5.ts no longer contains ${from}`);
  return text.replace(from, to);
}, SAMPLE_RM5);

function importText(xml: string) {
  const { review } = importRm5(parseRm5Text('names.rm5', xml), next());
  try {
    return { doc: exportReview(review.db), exported: rm5Text(review.db) };
  } finally {
    review.close();
  }
}

describe('names with markup through import and export', () => {
  const first = importText(MARKED_RM5);

  it('Grove holds the plain names', () => {
    const r = first.doc.revman!;
    expect(r.comparisons[0]!.name).toBe('Tea vs watera');
    expect(r.analyses[0]).toMatchObject({ name: 'Vitamin D3 at day 7 (in vivo)', groupLabel1: 'Vitamin D3', graphLabel2: 'Favours water' });
    expect(r.analyses[2]!.effectMeasure).toBe('Hazard Ratio1');
    expect(r.subgroups[0]!.name).toBe('Adults > 65');
    expect(r.robItems.map((i) => i.name)).toContain('Baseline imbalance');
  });

  it('the export writes every name’s markup exactly as the file had it, and again after a second round', () => {
    const original = namesWithMarkup(parseXmlTree(MARKED_RM5));
    const exported = namesWithMarkup(parseXmlTree(first.exported));
    expect(exported).toEqual(original);
    expect(exported.get('COMPARISON[CMP-001]/NAME')).toBe('Tea vs water<SUP>a</SUP>');
    expect(exported.get('DICH_OUTCOME[CMP-001.01]/GROUP_LABEL_1')).toBe('Vitamin D<SUB>3</SUB>');
    expect(exported.get('QUALITY_ITEM_DATA_ENTRY_GROUP[QIG-03.01]/NAME')).toBe('Subjective outcomes<SUP>b</SUP>');
    expect(importText(first.exported).exported).toBe(first.exported);
  });

  it('a name edited in Grove is written as its new plain text; the others keep their markup', () => {
    const doc = structuredClone(first.doc);
    doc.revman!.analyses[0]!.name = 'Cold at day 7';
    const review = createReviewFromDocument(next(), 'edited.json', doc);
    const names = namesWithMarkup(parseXmlTree(rm5Text(review.db)));
    review.close();
    expect(names.get('DICH_OUTCOME[CMP-001.01]/NAME')).toBe('Cold at day 7');
    expect(names.get('DICH_OUTCOME[CMP-001.01]/GROUP_LABEL_1')).toBe('Vitamin D<SUB>3</SUB>');
  });
});
