import { describe, expect, it } from 'vitest';
import { simulateFromCsv } from '../../../cli/src/commands/screen.ts';
import { CliError } from '../../../cli/src/cli-error.ts';
import { parseLabelledCsv } from '../../../shared/src/screening/labelled-csv.ts';

// `grove screen simulate` as a function of the CSV text: the JSON contract of issue 15 and
// its errors, on a small synthetic labelled set.

const rows = [
  ['r1', 'Exercise therapy for depression', 'A randomised trial of exercise for adults with depression.', '1'],
  ['r2', 'Hip fracture surgery outcomes', 'A cohort of older adults after hip fracture repair.', '0'],
  ['r3', 'Aerobic exercise and depressive symptoms', 'Exercise reduced depressive symptoms in this trial.', '1'],
  ['r4', 'Cataract surgery in diabetes', 'Outcomes of cataract extraction in patients with diabetes.', '0'],
  ['r5', 'Statins after stroke', 'Secondary prevention with statins, a registry study.', '0'],
  ['r6', 'Group exercise for depression', 'Group exercise compared with usual care for depression.', '1'],
  ['r7', 'Antibiotics for otitis media', 'Amoxicillin for acute otitis media in children.', '0'],
  ['r8', 'Knee replacement rehabilitation', 'Physiotherapy after total knee replacement, "a trial", with commas.', '0'],
];
const csv = (header = 'id,title,abstract,included', body = rows) =>
  [header, ...body.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))].join('\n');
const options = { labelField: 'included', idField: 'id', seed: '0', batch: '1', model: 'svm-presumed' };

function cliError(run: () => unknown): CliError {
  try {
    run();
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a CliError');
}

describe('grove screen simulate', () => {
  it('prints exactly the issue’s keys, every id once as a string, the two priors first', () => {
    const report = simulateFromCsv(csv(), 'set.csv', options);
    expect(Object.keys(report)).toEqual(['records', 'relevant', 'order', 'wss95', 'rrf10', 'seconds']);
    expect(report.records).toBe(8);
    expect(report.relevant).toBe(3);
    expect([...report.order].sort()).toEqual(rows.map((r) => r[0]).sort());
    const label = new Map(rows.map((r) => [r[0], r[3]]));
    expect(report.order.slice(0, 2).map((id) => label.get(id))).toEqual(['1', '0']);
    // The two remaining includes are found straight after the priors: all 3 after 4 of 8
    // records, so WSS@95 = (8 − 4) / 8 − 0.05 = 45%; RRF@10 looks at no record (⌊0.8⌋ = 0).
    expect(report.order.slice(2, 4).map((id) => label.get(id))).toEqual(['1', '1']);
    expect(report.wss95).toBeCloseTo(45, 10);
    expect(report.rrf10).toBe(0);
    expect(report.seconds).toBeGreaterThanOrEqual(0);
  });

  it('is the same for the same seed and batch, and accepts a larger batch', () => {
    expect(simulateFromCsv(csv(), 'set.csv', options).order).toEqual(simulateFromCsv(csv(), 'set.csv', options).order);
    expect(simulateFromCsv(csv(), 'set.csv', { ...options, batch: '3' }).order).toHaveLength(8);
  });

  it('adds where each stopping rule stops when asked', () => {
    const report = simulateFromCsv(csv(), 'set.csv', { ...options, stopping: true });
    expect(report.stopping?.map((s) => s.rule.kind)).toEqual(['buffer', 'hypergeometric']);
    expect(report.stopping?.[0]?.methods).toMatch(/100 consecutive records/);
  });

  it.each([
    [
      'the label column',
      { labelField: 'label_included' },
      /set\.csv: has no column "label_included" \(the label column \(--label-field\)\)/,
    ],
    ['the id column', { idField: 'record_id' }, /set\.csv: has no column "record_id" \(the id column \(--id-field\)\)/],
  ])('names the file and the column when %s is missing (exit 2)', (_what, override, message) => {
    const err = cliError(() => simulateFromCsv(csv(), 'set.csv', { ...options, ...override }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(message);
  });

  it('names the file, row and column of a bad label, an empty id and a repeated id', () => {
    const bad = rows.map((r) => [...r]);
    bad[2]![3] = 'yes';
    expect(cliError(() => simulateFromCsv(csv(undefined, bad), 'set.csv', options)).message).toBe(
      'set.csv: row 4: the label column "included" must be 1 or 0, not "yes".',
    );
    const dup = rows.map((r) => [...r]);
    dup[5]![0] = 'r1';
    expect(cliError(() => simulateFromCsv(csv(undefined, dup), 'set.csv', options)).message).toBe(
      'set.csv: row 7: id "r1" in column "id" was already used in row 2.',
    );
    expect(() => parseLabelledCsv('id,title,abstract,included\n,t,a,1\n', 'x.csv', { labelField: 'included', idField: 'id' })).toThrow(
      'x.csv: row 2: the id column "id" is empty.',
    );
  });

  it('reads a file that starts with a byte-order mark and has Windows line ends', () => {
    const set = parseLabelledCsv('\uFEFFid,title,abstract,included\r\nA,t1,a1,1\r\nB,t2,a2,0\r\n', 'bom.csv', {
      labelField: 'included',
      idField: 'id',
    });
    expect(set).toEqual({
      ids: ['A', 'B'],
      records: [
        { title: 't1', abstract: 'a1' },
        { title: 't2', abstract: 'a2' },
      ],
      labels: [1, 0],
    });
  });

  it('refuses a title or abstract column that is missing, a set with one class, and bad numbers', () => {
    expect(cliError(() => simulateFromCsv(csv('id,name,abstract,included'), 'set.csv', options)).message).toMatch(/no column "title"/);
    const allIn = rows.map((r) => [r[0]!, r[1]!, r[2]!, '1']);
    expect(cliError(() => simulateFromCsv(csv(undefined, allIn), 'set.csv', options)).message).toMatch(/needs at least one 1 and one 0/);
    expect(cliError(() => simulateFromCsv(csv(), 'set.csv', { ...options, batch: '0' })).message).toMatch(
      /--batch must be a whole number of at least 1/,
    );
    expect(cliError(() => simulateFromCsv(csv(), 'set.csv', { ...options, seed: '-1' })).message).toMatch(/--seed must be a whole number/);
    expect(cliError(() => simulateFromCsv(csv(), 'set.csv', { ...options, model: 'lstm' })).message).toMatch(/--model must be one of/);
  });
});
