import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  NEUTRAL_TABLE1_FIELDS,
  SEED_TABLE1_FIELDS,
  buildTable1,
  neutralRctForm,
  seedExtractionForm,
  table1DefaultColumns,
  type ExtractionForm,
} from '@grove/shared';
import { DEFAULT_ROB1_OVERALL_RULE, SEED_ROB1_OVERALL_RULE } from '@grove/shared/rob/rob1-overall';
import { ROB1_DOMAIN_IDS } from '@grove/shared/rob/rob1-domains';
import { createReviewFile } from '../../../db/src/review-file.ts';
import { createExampleReview } from '../../../db/src/example/create-example.ts';
import { readForm } from '../../../db/src/repositories/form-repo.ts';
import { readRobSettings } from '../../../db/src/repositories/rob-repo.ts';
import { parseRm5Text } from '../../../db/src/rm5/load-rm5.ts';
import { importRm5 } from '../../../db/src/rm5/import-rm5.ts';
import { tempDir } from '../../support/temp.ts';
import { SAMPLE_RM5 } from '../rm5/sample-rm5.ts';

// Issue 12 item 1: what a review starts with. Only the seed example carries the seed
// review's form, Table 1 columns and RoB key domains; every other review starts neutral.

const { dir, cleanup } = tempDir('grove-defaults-');
afterAll(cleanup);
const at = (name: string) => path.join(dir, name);

/** Everything in a form that belongs to the peer-support review alone. */
function seedSpecific(form: ExtractionForm): string[] {
  const words = /diagnos|ethnicit|BAME|employ|severe mental|peer support|mutual support|schizophren|intervention category|comparator type/i;
  return [
    ...form.fields.flatMap((f) => [f.label, f.help, ...f.options.map((o) => o.label)]),
    ...form.sections.map((s) => s.description),
  ].filter((t) => words.test(t));
}
const labels = (form: ExtractionForm) => form.fields.map((f) => f.label);

describe('a new review', () => {
  const review = createReviewFile(at('new.grove'));
  const form = readForm(review.db);
  const rob = readRobSettings(review.db);
  review.close();

  it('starts from the neutral Cochrane RCT form, with nothing of the seed review', () => {
    expect(form).toEqual(neutralRctForm());
    expect(seedSpecific(form)).toEqual([]);
    expect(labels(form)).toEqual(
      expect.arrayContaining(['Design', 'Country', 'Number randomised', 'Age', 'Female', 'Intervention', 'Comparator', 'Follow-up']),
    );
  });

  it('has RoB 1 with no review-specific key domains: every domain decides (Handbook Table 8.7.a)', () => {
    expect(rob.tool).toBe('rob1');
    expect([...rob.overallRule.keyDomains].sort()).toEqual([...ROB1_DOMAIN_IDS].sort());
    expect(rob.overallRule).toEqual(DEFAULT_ROB1_OVERALL_RULE);
  });

  it('gets the neutral Table 1 columns', () => {
    expect(table1DefaultColumns(form)).toEqual(NEUTRAL_TABLE1_FIELDS);
    expect(buildTable1(form, [], []).columns).toEqual(['Study ID', 'Country', 'N', 'Age', 'Female %']);
  });
});

describe('the seed example', () => {
  const review = createExampleReview(at('seed.grove'));
  const form = readForm(review.db);
  const rob = readRobSettings(review.db);
  review.close();

  it('alone carries the seed review’s form, classifiers, Table 1 and key domains', () => {
    expect(form).toEqual(seedExtractionForm());
    expect(labels(form)).toEqual(
      expect.arrayContaining(['Diagnoses', 'Employed', 'Intervention category', 'Severe mental health condition population']),
    );
    expect(rob.overallRule).toEqual(SEED_ROB1_OVERALL_RULE);
    expect(table1DefaultColumns(form)).toEqual(SEED_TABLE1_FIELDS);
  });

  it('keeps every field of the neutral form, so the two can be compared by id', () => {
    const ids = new Set(form.fields.map((f) => f.id));
    for (const f of neutralRctForm().fields) expect(ids.has(f.id), f.id).toBe(true);
  });
});

describe('the Fleiss example', () => {
  it('starts neutral: no seed field, no seed key domains', () => {
    const review = createExampleReview(at('fleiss.grove'), { example: 'fleiss1993' });
    const form = readForm(review.db);
    const rob = readRobSettings(review.db);
    review.close();
    expect(seedSpecific(form)).toEqual([]);
    expect(form).toEqual(neutralRctForm());
    expect(rob.overallRule).toEqual(DEFAULT_ROB1_OVERALL_RULE);
  });
});

describe('a review imported from RevMan 5', () => {
  const { review } = importRm5(parseRm5Text('sample.rm5', SAMPLE_RM5), at('rm5.grove'));
  const form = readForm(review.db);
  const rob = readRobSettings(review.db);
  review.close();

  it('gets its own characteristics columns first, then only the structured essentials RevMan lacks', () => {
    expect(seedSpecific(form)).toEqual([]);
    expect(labels(form)).toEqual([
      'Methods',
      'Participants',
      'Interventions',
      'Outcomes',
      'Funding sources',
      'Notes',
      'Reason for exclusion',
      'Design',
      'Country',
      'Number randomised',
      'Age',
      'Female',
    ]);
    // No second place to type what RevMan's Methods/Participants/Interventions already hold.
    expect(labels(form)).not.toContain('Participant eligibility criteria');
    expect(labels(form)).not.toContain('Study aims');
  });

  it('defaults Table 1 to its own characteristics columns and RoB 1 to every domain deciding', () => {
    expect(buildTable1(form, [], []).columns).toEqual(['Study ID', 'Methods', 'Participants', 'Interventions', 'Outcomes', 'Funding sources', 'Notes']);
    expect(rob.overallRule).toEqual(DEFAULT_ROB1_OVERALL_RULE);
  });
});

describe('table1DefaultColumns', () => {
  it('keeps a review’s own column over the essential of the same name, and falls back to every field', () => {
    const form: ExtractionForm = {
      sections: [{ id: 's', title: 'S', description: '' }],
      fields: [{ id: 'x', sectionId: 's', label: 'Dose', type: 'text', unit: '', options: [], help: '' }],
    };
    expect(table1DefaultColumns(form)).toEqual([{ fieldId: 'x' }]);
  });
});
