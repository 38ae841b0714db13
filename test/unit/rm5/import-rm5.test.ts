import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { parseRm5Text } from '../../../db/src/rm5/load-rm5.ts';
import { importRm5 } from '../../../db/src/rm5/import-rm5.ts';
import { exportReview } from '../../../db/src/document/export-review.ts';
import { createReviewFromDocument } from '../../../db/src/document/import-review.ts';
import { createBackend } from '../../../db/src/backend.ts';
import { tempDir } from '../../support/temp.ts';
import { SAMPLE_RM5 } from './sample-rm5.ts';

// RM5 import into a new review (issue 6 step 2) on a small file written for the test.

const { dir, cleanup } = tempDir('grove-rm5-import-');
afterAll(cleanup);
const at = (name: string) => path.join(dir, name);

function imported(name: string) {
  const { review, report } = importRm5(parseRm5Text('sample.rm5', SAMPLE_RM5), at(name));
  return { db: review.db, review, report };
}

describe('RM5 import', () => {
  it('brings in studies with years, data sources and identifiers, and references as reports', () => {
    const { review } = imported('studies.grove');
    const doc = exportReview(review.db);
    expect(doc.studies.map((s) => [s.label, s.status])).toEqual([
      ['Brown 2001', 'included'],
      ['El-Daher 1991', 'included'],
      ['Gray 1999', 'excluded'],
    ]);
    const el = doc.studies.find((s) => s.label === 'El-Daher 1991')!;
    expect(el.identifiers).toBe('ISRCTN: ISRCTN123');
    expect(el.reports).toEqual([expect.objectContaining({ title: 'Tea and colds', authors: 'El-Daher N, Smith J', journal: 'J Tea', year: 1991, doi: '10.1000/tea.1', isPrimary: true })]);
    expect(doc.revman?.studies.find((s) => s.studyId === el.id)).toMatchObject({ rm5Id: 'STD-El_x002d_Daher-1991', year: '1990', dataSource: 'PUB' });
    expect(doc.formatVersion).toBe(3);
    review.close();
  });

  it('turns characteristics (with the user-defined field) into form fields and values', () => {
    const { review } = imported('chars.grove');
    const doc = exportReview(review.db);
    const label = (fieldId: string) => doc.extractionForm.fields.find((f) => f.id === fieldId)?.label;
    const values = doc.characteristics.map((c) => [label(c.fieldId), c.content.status === 'value' ? c.content.value : null]);
    expect(values).toEqual(
      expect.arrayContaining([
        ['Methods', 'Randomised, double blind\nTwo centres'],
        ['Participants', 'Adults'],
        ['Funding sources', 'Tea board'],
        ['Reason for exclusion', 'Not randomised'],
      ]),
    );
    review.close();
  });

  it('maps RoB items and judgements (study level and per outcome group) and keeps an added item', async () => {
    const { review, report } = imported('rob.grove');
    const doc = exportReview(review.db);
    const el = doc.studies.find((s) => s.label === 'El-Daher 1991')!;
    const a = doc.riskOfBias!.assessments.find((x) => x.studyId === el.id)!.assessment;
    expect(a.sequenceGeneration).toEqual({ level: 'study', judgement: 'high', support: 'Alternate days' });
    expect(a.blindingParticipantsPersonnel).toEqual({
      level: 'outcome-group',
      groups: [
        { outcomeGroup: 'Objective outcomes', judgement: 'low', support: 'Lab values' },
        { outcomeGroup: 'Subjective outcomes', judgement: 'unclear', support: 'Not said' },
      ],
    });
    expect(doc.riskOfBias!.settings.outcomeGroups.map((g) => g.name)).toEqual(['Subjective outcomes', 'Objective outcomes']);
    expect(doc.revman!.robItems.map((i) => [i.rm5Id, i.domain])).toEqual([
      ['QIT-01', 'sequenceGeneration'],
      ['QIT-03', 'blindingParticipantsPersonnel'],
      ['QIT-08', null],
    ]);
    expect(doc.revman!.robEntries).toEqual([expect.objectContaining({ result: 'YES', groupRm5Id: '' })]);
    expect(report.imported).toMatchObject({ studies: 3, references: 1, riskOfBiasJudgements: 5, riskOfBiasItemsAdded: 1, comparisons: 1, analyses: 4, subgroups: 2, dataRows: 7 });
    expect(report.skipped.map((s) => s.what)).toContain('MAIN_TEXT');
    // O−E and variance outcomes are analysed like the others (not set aside).
    expect(report.skipped.map((s) => s.what)).not.toContain('CMP-001.04 Relapse (IPD)');
    review.close();
  });

  it('stores every outcome with its settings and rows, and storedAnalyses.list recomputes them', async () => {
    const backend = createBackend({ host: 'in-process' });
    imported('stored.grove').review.close();
    backend.openFile(at('stored.grove'));
    const client = inProcessClient(backend);
    const list = await client.call('storedAnalyses.list', {});
    expect(list.map((a) => [a.rm5Id, a.name, a.skipped === null])).toEqual([
      ['CMP-001.01', 'Cold at day 7', true],
      ['CMP-001.02', 'Symptom score', true],
      ['CMP-001.03', 'Time to recovery', true],
      ['CMP-001.04', 'Relapse (IPD)', true],
    ]);
    const dich = list[0]!;
    expect(dich.settings).toMatchObject({ kind: 'DICH', effectMeasure: 'RR', method: 'MH', random: true, subgroupTest: true, groupLabel1: 'Tea', graphLabel2: 'Favours water', scale: 100 });
    expect(dich.rows.map((r) => [r.studyLabel, r.subgroup, r.footnote])).toEqual([
      ['El-Daher 1991', 'Adults', 'Day 6 values'],
      ['Brown 2001', 'Adults', null],
      ['Brown 2001', 'Children', null],
    ]);
    expect(dich.result!.rows.map((r) => r.estimable)).toEqual([true, false, true]);
    expect(dich.result!.rows[0]!.estimate).toBeCloseTo(0.5, 12);
    expect(dich.result!.subgroups).toHaveLength(2);
    expect(dich.result!.subgroupDifferences).not.toBeNull();
    expect(list[2]!.result!.rows[0]!.estimate).toBeCloseTo(Math.exp(-0.59776), 12);
    const one = await client.call('storedAnalyses.get', { id: 'CMP-001.02' });
    expect(one.result!.methods.effectMeasure).toBe('SMD');
    backend.closeFile();
  });

  it('export --json then new --from carries the RevMan data exactly', () => {
    const { review } = imported('rt.grove');
    const first = exportReview(review.db);
    review.close();
    const copy = createReviewFromDocument(at('rt-copy.grove'), 'rt.json', JSON.parse(JSON.stringify(first)));
    const second = exportReview(copy.db);
    copy.close();
    expect(second).toEqual(first);
  });

  it('refuses a value no review can hold before anything is written, naming the row and its line (issue 11)', () => {
    expect(() => importRm5(parseRm5Text('sample.rm5', SAMPLE_RM5.replace('SD_1="1.5"', 'SD_1="-1.5"')), at('bad.grove'))).toThrow(
      /^sample\.rm5: CMP-\S+ CONT_DATA #1 \(STUDY_ID "[^"]+"\) \(line \d+\): SD_1="-1\.5" cannot be negative/,
    );
    expect(fs.existsSync(at('bad.grove'))).toBe(false);
  });
});
