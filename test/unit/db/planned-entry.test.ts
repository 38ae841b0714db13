import { afterEach, describe, expect, it } from 'vitest';
import { freshBackend } from '../../support/review-fixtures.ts';

// entry.enterPlanned: a planned outcome's results for a study's two arms, with the arms,
// the measure and the timepoint made as needed, in one change.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function open() {
  const f = freshBackend('example');
  cleanups.push(f.cleanup);
  return f;
}
const cont = (mean: number, sd: number, n: number) => ({ kind: 'continuous' as const, mean, sd, n, derivation: null });

describe('one-step entry of a planned outcome', () => {
  it('makes the two arms, the measure and the usual timepoint with the results, fills N randomised, and undoes in one step', async () => {
    const { client } = open();
    const study = await client.call('studies.create', { study: { label: 'New 2024', status: 'included', identifiers: '', notes: '' } });
    const before = await client.call('entry.planned', { studyId: study.id });
    expect(before.usualTimepoint).toEqual({
      categoryId: 'timepoint-post-intervention',
      label: 'Post-intervention',
      weeksAfterTreatment: 0,
    });
    expect(before.arms?.map((a) => [a.id, a.role])).toEqual([
      [null, 'intervention'],
      [null, 'control'],
    ]);

    const data = await client.call('entry.enterPlanned', {
      studyId: study.id,
      outcomeId: 'outcome-hope',
      dataType: 'continuous',
      intervention: cont(30.1, 6.2, 40),
      control: cont(27.5, 6.8, 38),
    });
    expect(data.arms.map((a) => [a.role, a.randomised])).toEqual([
      ['intervention', 40],
      ['control', 38],
    ]);
    expect(data.outcomes).toMatchObject([
      { outcomeId: 'outcome-hope', measure: 'Hope', direction: 'higher-better', dataType: 'continuous' },
    ]);
    expect(data.timepoints).toMatchObject([
      { label: 'Post-intervention', weeksAfterTreatment: 0, categoryId: 'timepoint-post-intervention' },
    ]);
    const byArm = (armId: string) => data.results.find((r) => r.armId === armId)?.result;
    expect(byArm(data.arms[0]!.id)).toEqual(cont(30.1, 6.2, 40));
    expect(byArm(data.arms[1]!.id)).toEqual(cont(27.5, 6.8, 38));
    expect((await client.call('history.status', {})).undoLabel).toBe('Enter Hope for "New 2024"');

    // A second outcome reuses the arms and the timepoint.
    const again = await client.call('entry.enterPlanned', {
      studyId: study.id,
      outcomeId: 'outcome-depression',
      dataType: 'continuous',
      direction: 'lower-better',
      measure: 'BDI-II',
      intervention: cont(12, 5, 40),
      control: null,
    });
    expect(again.arms).toHaveLength(2);
    expect(again.timepoints).toHaveLength(1);
    expect(again.outcomes[1]).toMatchObject({ measure: 'BDI-II', direction: 'lower-better' });

    await client.call('history.undo', {});
    await client.call('history.undo', {});
    expect(await client.call('studyData.get', { studyId: study.id })).toMatchObject({
      arms: [],
      outcomes: [],
      timepoints: [],
      results: [],
    });
  });

  it('inherits the direction and data type the other studies gave the planned outcome', async () => {
    const { client } = open();
    const make = async (label: string) =>
      (await client.call('studies.create', { study: { label, status: 'included', identifiers: '', notes: '' } })).id;
    const first = await make('First 2020');
    await client.call('entry.enterPlanned', {
      studyId: first,
      outcomeId: 'outcome-hospital-admissions',
      dataType: 'dichotomous',
      direction: 'lower-better',
      intervention: { kind: 'dichotomous', events: 5, n: 40, derivation: null },
      control: { kind: 'dichotomous', events: 9, n: 41, derivation: null },
    });
    const second = await make('Second 2021');
    const entry = await client.call('entry.planned', { studyId: second });
    expect(entry.outcomes.find((o) => o.outcomeId === 'outcome-hospital-admissions')).toEqual({
      outcomeId: 'outcome-hospital-admissions',
      direction: 'lower-better',
      directionFrom: 'studies',
      // The first study's measure became the outcome's scale, so the next study starts on it.
      scale: 'Hospital admissions',
      dataType: 'dichotomous',
      studies: 1,
    });
    const data = await client.call('entry.enterPlanned', {
      studyId: second,
      outcomeId: 'outcome-hospital-admissions',
      dataType: 'dichotomous',
      intervention: { kind: 'dichotomous', events: 3, n: 30, derivation: null },
      control: null,
    });
    expect(data.outcomes[0]).toMatchObject({ direction: 'lower-better', dataType: 'dichotomous' });
  });

  it('refuses results of the other data type, a study with three arms, and writes nothing', async () => {
    const { client } = open();
    const study = await client.call('studies.create', { study: { label: 'Three 2022', status: 'included', identifiers: '', notes: '' } });
    await expect(
      client.call('entry.enterPlanned', {
        studyId: study.id,
        outcomeId: 'outcome-hope',
        dataType: 'dichotomous',
        intervention: cont(1, 1, 10),
        control: null,
      }),
    ).rejects.toThrow(/intervention.kind: the results are entered as dichotomous data/);
    for (const [label, role] of [
      ['A', 'intervention'],
      ['B', 'intervention'],
      ['C', 'control'],
    ] as const)
      await client.call('arms.create', { studyId: study.id, arm: { label, role, description: '', randomised: null } });
    expect((await client.call('entry.planned', { studyId: study.id })).arms).toBeNull();
    await expect(
      client.call('entry.enterPlanned', {
        studyId: study.id,
        outcomeId: 'outcome-hope',
        dataType: 'continuous',
        intervention: cont(1, 1, 10),
        control: null,
      }),
    ).rejects.toThrow(/has 3 arms/);
    expect((await client.call('studyData.get', { studyId: study.id })).outcomes).toEqual([]);
  });
});
