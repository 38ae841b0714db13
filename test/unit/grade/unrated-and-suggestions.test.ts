import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  NOT_YET_RATED,
  buildSummaryOfFindings,
  certaintyState,
  certaintyStateDisplay,
  emptyGradeAssessment,
  inProcessClient,
  sofGap,
  suggestInconsistency,
} from '@grove/shared';
import type { PooledStats } from '@grove/shared/stats/types';
import { createBackend } from '../../../db/src/backend.ts';
import { createExampleReview } from '../../../db/src/example/create-example.ts';
import { tempDir } from '../../support/temp.ts';

// Issue 12 item 3: unrated is a state of its own, an unfilled SoF header is a visible gap,
// and Grove suggests (never decides) a serious-inconsistency concern.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function fleiss() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  createExampleReview(path.join(dir, 'f.grove'), { example: 'fleiss1993' }).close();
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(path.join(dir, 'f.grove'));
  cleanups.push(() => backend.closeFile());
  return inProcessClient(backend);
}

describe('certainty before anyone rates', () => {
  it('is "not yet rated", never the High that GRADE starts randomised trials from', () => {
    expect(certaintyState(null)).toEqual({ status: 'not-yet-rated' });
    expect(certaintyStateDisplay(certaintyState(undefined))).toBe(NOT_YET_RATED);
    expect(certaintyStateDisplay(certaintyState(null))).not.toMatch(/HIGH|⨁/);
    // Once a reviewer saves a rating, even "no concerns", it is a level.
    expect(certaintyState(emptyGradeAssessment())).toEqual({ status: 'rated', level: 'high' });
    expect(certaintyStateDisplay(certaintyState(emptyGradeAssessment()))).toBe('⨁⨁⨁⨁ HIGH');
  });

  it('prints the unrated analysis of a new Fleiss file as "Not yet rated" under a header with gaps to fill', async () => {
    const client = await fleiss();
    const sof = await client.call('outputs.sof', {});
    expect(sof.groups[0]!.rows[0]![5]).toBe('Not yet rated');
    expect(JSON.stringify(sof)).not.toMatch(/HIGH|Not serious/);
    expect(sof.title).toBe(`${sofGap('intervention')} compared to ${sofGap('comparator')} for ${sofGap('population')}`);
    expect(sof.title).toBe('[intervention: to be filled in] compared to [comparator: to be filled in] for [population: to be filled in]');
    expect(sof.columns[1]).toBe('Anticipated absolute effects* (95% CI): risk with [comparator: to be filled in]');
    expect(sof.footnotes[0]).toBe(
      'Patient or population: [population: to be filled in]. Intervention: [intervention: to be filled in]. Comparison: [comparator: to be filled in].',
    );
    expect(JSON.stringify(sof)).not.toContain('Intervention: Intervention');
  });

  it('fills each part of the header from the settings, leaving only the unfilled ones as gaps', async () => {
    const client = await fleiss();
    await client.call('settings.update', { patch: { sofIntervention: 'Brief psychotherapy' } });
    const sof = await client.call('outputs.sof', {});
    expect(sof.title).toBe('Brief psychotherapy compared to [comparator: to be filled in] for [population: to be filled in]');
    const [a] = await client.call('analyses.list', {});
    await client.call('grade.set', { analysisId: a!.id, assessment: emptyGradeAssessment() });
    expect((await client.call('outputs.sof', {})).groups[0]!.rows[0]![5]).toBe('⨁⨁⨁⨁ HIGH');
    // Clearing the rating returns the analysis to "not yet rated".
    await client.call('grade.set', { analysisId: a!.id, assessment: null });
    expect((await client.call('outputs.sof', {})).groups[0]!.rows[0]![5]).toBe('Not yet rated');
  });

  it('prints no certainty at all where nothing was pooled', () => {
    const t = buildSummaryOfFindings([], new Map(), { intervention: null, comparator: 'usual care', population: 'adults' });
    expect(t.title).toBe('[intervention: to be filled in] compared to usual care for adults');
  });
});

const pooled = (over: Partial<PooledStats>): PooledStats => ({
  estimable: true,
  estimate: -0.5,
  ciLower: -0.9,
  ciUpper: -0.1,
  se: 0.2,
  z: -2.5,
  p: 0.01,
  q: 14,
  df: 4,
  pQ: 0.007,
  i2: 71,
  tau2: 0.1,
  ...over,
});

describe('the inconsistency suggestion (I² ≥ 50% and a prediction interval across no effect, or χ² P < 0.10)', () => {
  it('suggests serious at I² = 71% when the prediction interval includes no effect', () => {
    const s = suggestInconsistency({ pooled: pooled({ predictionLower: -1.6, predictionUpper: 0.6 }), k: 5, ratio: false });
    expect(s).toEqual({
      suggest: 'serious',
      levels: 1,
      reason: 'I² = 71% and the 95% prediction interval (-1.60 to 0.60) includes no effect: in some settings the effect may be absent or reversed.',
    });
  });

  it('does not when the prediction interval stays on one side (size differs, not direction)', () => {
    expect(suggestInconsistency({ pooled: pooled({ predictionLower: -1.2, predictionUpper: -0.05 }), k: 5, ratio: false }).suggest).toBe('none');
    // Ratios: no effect is 1.
    expect(suggestInconsistency({ pooled: pooled({ estimate: 0.6, predictionLower: 0.3, predictionUpper: 0.95 }), k: 5, ratio: true }).suggest).toBe(
      'none',
    );
    expect(suggestInconsistency({ pooled: pooled({ estimate: 0.6, predictionLower: 0.3, predictionUpper: 1.4 }), k: 5, ratio: true }).suggest).toBe(
      'serious',
    );
  });

  it('does not below I² 50%, whatever the prediction interval', () => {
    expect(suggestInconsistency({ pooled: pooled({ i2: 49, predictionLower: -2, predictionUpper: 1 }), k: 5, ratio: false }).suggest).toBe('none');
    expect(suggestInconsistency({ pooled: pooled({ i2: 50, predictionLower: -2, predictionUpper: 1 }), k: 5, ratio: false }).suggest).toBe('serious');
  });

  it('without a prediction interval (fixed effect), uses the χ² test at P < 0.10', () => {
    expect(suggestInconsistency({ pooled: pooled({ pQ: 0.007 }), k: 5, ratio: false })).toMatchObject({ suggest: 'serious' });
    expect(suggestInconsistency({ pooled: pooled({ pQ: 0.1 }), k: 5, ratio: false }).suggest).toBe('none');
  });

  it('has nothing to suggest for one study or an inestimable pool', () => {
    expect(suggestInconsistency({ pooled: pooled({ predictionLower: -2, predictionUpper: 1 }), k: 1, ratio: false }).suggest).toBe('none');
    expect(suggestInconsistency({ pooled: { estimable: false, reason: 'no data' }, k: 0, ratio: false }).suggest).toBe('none');
  });
});
