// Import never fails on a real file (issue 10): repeated risk-of-bias entries and
// characteristics, a repeated study ID and a study without a name are reported, one entry is
// used for Grove's judgement (the first with a judgement; for characteristics the first
// non-empty one), and every repeat is written back verbatim, in file order, by the export.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportReview } from '../../../db/src/document/export-review.ts';
import { createReviewFromDocument } from '../../../db/src/document/import-review.ts';
import { describeImportReport, importRm5 } from '../../../db/src/rm5/import-rm5.ts';
import { parseRm5Text } from '../../../db/src/rm5/load-rm5.ts';
import { rm5Text } from '../../../db/src/rm5/export-rm5.ts';
import { richToPlain } from '../../../shared/src/rm5/rich-text.ts';
import { childElements, descend, firstChild, parseXmlTree, type XmlElement } from '../../../shared/src/rm5/xml-tree.ts';
import { diffXml } from '../../conformance/support/xml-diff.ts';
import { tempDir } from '../../support/temp.ts';
import { REPEATED_RM5 } from './repeated-entries-rm5.ts';

const { dir, cleanup } = tempDir('grove-rm5-repeats-');
afterAll(cleanup);
let n = 0;
const next = () => path.join(dir, `r${n++}.grove`);

function importText(name: string, xml: string) {
  const { review, report } = importRm5(parseRm5Text(name, xml), next());
  try {
    return { doc: exportReview(review.db), exported: rm5Text(review.db), report };
  } finally {
    review.close();
  }
}

const entriesOf = (root: XmlElement, itemId: string): XmlElement[] => {
  const item = childElements(firstChild(root, 'QUALITY_ITEMS'), 'QUALITY_ITEM').find((i) => i.attrs.ID === itemId);
  return childElements(firstChild(item, 'QUALITY_ITEM_DATA'), 'QUALITY_ITEM_DATA_ENTRY');
};
const summary = (es: XmlElement[], study: string) =>
  es.filter((e) => e.attrs.STUDY_ID === study).map((e) => `${e.attrs.GROUP_ID ?? ''}:${e.attrs.RESULT ?? '-'}`);

describe('RM5 import of repeated entries', () => {
  const first = importText('repeats.rm5', REPEATED_RM5);

  it('imports, and lists every repeat and oddity in the report', () => {
    const what = first.report.skipped.map((s) => s.what);
    expect(what).toEqual(
      expect.arrayContaining([
        'risk of bias "Random sequence generation (selection bias)" for El-Daher 1991 (3 entries)',
        'risk of bias "Blinding of participants and personnel (performance bias)" (Subjective outcomes) for El-Daher 1991 (2 entries)',
        'risk of bias "Baseline imbalance" for Brown 2001 (2 entries)',
        'El-Daher 1991 Participants (2 entries)',
        'characteristics of Gray 1999',
        'STUDY STD-Anon',
      ]),
    );
    const seq = first.report.skipped.find((s) => s.what.startsWith('risk of bias "Random sequence'))!;
    expect(seq.reason).toContain('Grove uses entry 2, the first with a judgement; all 3 are kept unchanged');
    expect(describeImportReport(first.report)).toContain(
      'El-Daher 1991 Participants (2 entries): repeated in the file; Grove shows entry 2, the first non-empty one',
    );
  });

  it('uses the first entry with a judgement, and the first non-empty characteristic', () => {
    const label = new Map(first.doc.studies.map((s) => [s.id, s.label]));
    const elDaher = first.doc.riskOfBias!.assessments.find((a) => label.get(a.studyId) === 'El-Daher 1991')!.assessment;
    expect(elDaher.sequenceGeneration).toEqual({ level: 'study', judgement: 'high', support: 'Alternate days' });
    expect(elDaher.blindingParticipantsPersonnel).toEqual({
      level: 'outcome-group',
      groups: [
        { outcomeGroup: 'Objective outcomes', judgement: 'low', support: 'Lab values' },
        { outcomeGroup: 'Subjective outcomes', judgement: 'unclear', support: 'Not said' },
      ],
    });
    const field = new Map(first.doc.extractionForm.fields.map((f) => [f.id, f.label]));
    const chars = first.doc.characteristics.map((c) => [label.get(c.studyId), field.get(c.fieldId), c.content]);
    expect(chars).toContainEqual(['El-Daher 1991', 'Participants', { status: 'value', value: 'Adults' }]);
    expect(chars).toContainEqual(['Gray 1999', 'Reason for exclusion', { status: 'value', value: 'Not randomised' }]);
    expect(chars.filter(([s, f]) => s === 'Gray 1999' && f === 'Reason for exclusion')).toHaveLength(1);
  });

  it('keeps the unnamed study as a study of its own, shown by its ID', () => {
    expect(first.doc.studies.map((s) => s.label).sort()).toEqual(['Brown 2001', 'El-Daher 1991', 'Gray 1999', 'STD-Anon']);
    const ids = first.doc.revman!.studies.map((s) => s.rm5Id).sort();
    expect(ids).toEqual(['STD-Anon', 'STD-Brown-2001', 'STD-El_x002d_Daher-1991', 'STD-Gray-1999']);
    const brown = first.doc.studies.find((s) => s.label === 'Brown 2001')!;
    expect(first.doc.revman!.rows.filter((r) => r.studyId === brown.id)).toHaveLength(4);
  });

  it('writes every repeat back verbatim and in file order', () => {
    const original = parseXmlTree(REPEATED_RM5);
    const exported = parseXmlTree(first.exported);
    for (const part of ['QUALITY_ITEMS', 'CHARACTERISTICS_OF_STUDIES']) {
      expect(diffXml(firstChild(original, part)!, firstChild(exported, part)!)).toEqual([]);
    }
    expect(summary(entriesOf(exported, 'QIT-01'), 'STD-El_x002d_Daher-1991')).toEqual([':-', ':NO', ':YES']);
    expect(summary(entriesOf(exported, 'QIT-03'), 'STD-El_x002d_Daher-1991')).toEqual([
      'QIG-03.01:UNKNOWN',
      'QIG-03.01:NO',
      'QIG-03.02:YES',
    ]);
    expect(summary(entriesOf(exported, 'QIT-08'), 'STD-Brown-2001')).toEqual([':YES', ':NO']);
    const gray = childElements(descend(exported, 'CHARACTERISTICS_OF_STUDIES', 'CHARACTERISTICS_OF_EXCLUDED_STUDIES'), 'EXCLUDED_CHAR');
    expect(gray.map((r) => richToPlain(r.children))).toEqual(['Not randomised', 'Wrong comparator']);
    const participants = childElements(
      childElements(descend(exported, 'CHARACTERISTICS_OF_STUDIES', 'CHARACTERISTICS_OF_INCLUDED_STUDIES'), 'INCLUDED_CHAR')[0],
      'CHAR_PARTICIPANTS',
    );
    expect(participants.map((p) => richToPlain(p.children))).toEqual(['', 'Adults']);
  });

  it('import → export → import gives the same review and the same file', () => {
    const second = importText('exported.rm5', first.exported);
    expect(second.exported).toBe(first.exported);
    expect(second.doc.characteristics.length).toBe(first.doc.characteristics.length);
    expect(second.doc.riskOfBias!.assessments.map((a) => a.assessment)).toEqual(first.doc.riskOfBias!.assessments.map((a) => a.assessment));
  });

  it('an edited judgement replaces only the entry Grove used', () => {
    const doc = structuredClone(first.doc);
    const label = new Map(doc.studies.map((s) => [s.id, s.label]));
    const a = doc.riskOfBias!.assessments.find((x) => label.get(x.studyId) === 'El-Daher 1991')!;
    a.assessment.sequenceGeneration = { level: 'study', judgement: 'unclear', support: 'Re-judged' };
    const review = createReviewFromDocument(next(), 'edited.json', doc);
    const exported = parseXmlTree(rm5Text(review.db));
    review.close();
    const entries = entriesOf(exported, 'QIT-01').filter((e) => e.attrs.STUDY_ID === 'STD-El_x002d_Daher-1991');
    expect(summary(entries, 'STD-El_x002d_Daher-1991')).toEqual([':-', ':UNKNOWN', ':YES']);
    expect(entries.map((e) => richToPlain(e.children))).toEqual(['', 'Re-judged', 'Computer list, said later']);
  });

  it('an item ID used twice gives the second item a fresh ID, reported', () => {
    const xml = REPEATED_RM5.replace(
      '</QUALITY_ITEMS>',
      '<QUALITY_ITEM CORE_ITEM="NO" ID="QIT-08" LEVEL="STUDY" NO="9"><NAME>Funding</NAME><DESCRIPTION><P>Another added item</P></DESCRIPTION>\n' +
        '<QUALITY_ITEM_DATA><QUALITY_ITEM_DATA_ENTRY RESULT="NO" STUDY_ID="STD-Brown-2001"><DESCRIPTION><P>Industry</P></DESCRIPTION></QUALITY_ITEM_DATA_ENTRY></QUALITY_ITEM_DATA>\n</QUALITY_ITEM>\n</QUALITY_ITEMS>',
    );
    const { doc, report, exported } = importText('items.rm5', xml);
    expect(report.skipped).toContainEqual({
      what: 'QUALITY_ITEM ID="QIT-08" (Funding)',
      reason: 'the ID is used by an earlier item too; brought in as QIT-08_x005f_2',
    });
    expect(doc.revman!.robItems.map((i) => i.rm5Id)).toEqual(['QIT-01', 'QIT-03', 'QIT-08', 'QIT-08_x005f_2']);
    expect(summary(entriesOf(parseXmlTree(exported), 'QIT-08_x005f_2'), 'STD-Brown-2001')).toEqual([':NO']);
    expect(summary(entriesOf(parseXmlTree(exported), 'QIT-08'), 'STD-Brown-2001')).toEqual([':YES', ':NO']);
  });
});
