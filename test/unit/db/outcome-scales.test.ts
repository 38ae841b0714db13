import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, type ApiClient, type ApiError } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { createExampleReview } from '../../../db/src/example/create-example.ts';
import { tempDir } from '../../support/temp.ts';
import { addArmLevelStudy, type Call } from '../../support/arm-level-data.ts';

// Issue 12 item 2 on a real file: a study's measure is one of its outcome's scales. A new
// spelling is refused with the scale it probably means; confirmed as a new scale, the
// analysis pools SMD and says which studies' scales decided it; undo takes the scale back.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function fleiss(): ApiClient {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'fleiss.grove');
  createExampleReview(file, { example: 'fleiss1993' }).close();
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file);
  cleanups.push(() => {
    backend.closeFile();
    cleanup();
  });
  return inProcessClient(backend);
}

const fail = (p: Promise<unknown>) => p.then(() => null).catch((e: unknown) => e as ApiError);

describe('the scales of a planned outcome', () => {
  it('lists the example’s scale, refuses a new spelling naming the match, and pools SMD once a new scale is confirmed', async () => {
    const client = fleiss();
    const call: Call = (m, a) => client.call(m as 'scales.list', a as never);
    const [scale, ...others] = await client.call('scales.list', {});
    expect(others).toEqual([]);
    expect(scale).toMatchObject({ name: 'Medical utilisation', unit: '' });
    const outcomeId = scale!.outcomeId;

    const study = {
      label: 'Newman 2024',
      plannedOutcomeId: outcomeId,
      intervention: { mean: 1, sd: 1, n: 20 },
      control: { mean: 2, sd: 1, n: 20 },
    };
    const refused = await fail(addArmLevelStudy(call, { ...study, measure: 'Medical utilisation (visits)' }));
    expect(refused?.code).toBe('VALIDATION');
    expect(refused?.issues?.[0]).toEqual({
      path: 'outcome.measure',
      message:
        '"Medical utilisation (visits)" is not one of this outcome\'s scales ("Medical utilisation"); did you mean "Medical utilisation"? Choose it, or add "Medical utilisation (visits)" as a new scale first',
    });
    // A different case is the same scale: accepted, and the analysis stays MD.
    await addArmLevelStudy(call, { ...study, label: 'Oakes 2024', measure: 'medical utilisation' });
    const [md] = await client.call('analyses.list', {});
    expect(md!.analysis.effectMeasure).toBe('MD');
    expect(md!.analysis.measureBasis?.text).toBe('MD because all 6 studies use one scale: Medical utilisation');

    const duplicate = await fail(
      client.call('scales.create', { outcomeId, scale: { name: ' MEDICAL utilisation', direction: 'lower-better', unit: '' } }),
    );
    expect(duplicate?.issues?.[0]?.path).toBe('scale.name');
    await client.call('scales.create', {
      outcomeId,
      scale: { name: 'Medical utilisation (visits)', direction: 'lower-better', unit: 'visits' },
    });
    await addArmLevelStudy(call, { ...study, measure: 'Medical utilisation (visits)' });
    const [smd] = await client.call('analyses.list', {});
    expect(smd!.analysis.effectMeasure).toBe('SMD');
    expect(smd!.analysis.measureBasis?.text).toBe(
      'SMD because studies use 2 scales: Medical utilisation (Davis, Florell, Gruen, Hart, Oakes 2024, Wilson), Medical utilisation (visits) (Newman 2024)',
    );
  });

  it('renames a scale with the measures of the studies using it, so their analysis stays as it was', async () => {
    const client = fleiss();
    const [scale] = await client.call('scales.list', {});
    const [before] = await client.call('analyses.list', {});
    const renamed = await client.call('scales.update', { id: scale!.id, patch: { name: 'Medical visits', unit: 'visits' } });
    expect(renamed).toMatchObject({ name: 'Medical visits', unit: 'visits' });
    const [after] = await client.call('analyses.list', {});
    expect(after!.analysis.result?.overall).toEqual(before!.analysis.result?.overall);
    expect(after!.analysis.contributions.map((c) => c.measure)).toEqual(before!.analysis.contributions.map(() => 'Medical visits'));
    await client.call('history.undo', {});
    expect((await client.call('scales.list', {}))[0]).toEqual(scale);
  });
});
