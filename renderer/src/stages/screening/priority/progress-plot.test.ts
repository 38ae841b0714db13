import { describe, expect, it } from 'vitest';
import type { RankingProgress } from '@grove/shared';
import { modelWords, progressTraces, remainingWords } from './progress-plot.ts';

const progress = (over: Partial<RankingProgress> = {}): RankingProgress => ({
  records: 1000,
  screened: 300,
  includes: 20,
  curve: [
    { screened: 0, includes: 0 },
    { screened: 3, includes: 1 },
    { screened: 300, includes: 20 },
  ],
  remaining: { window: 100, windowIncludes: 5, unscreened: 700, expected: 35, upper: 71.58, method: '' },
  stopping: {
    rule: { kind: 'buffer', buffer: 100 },
    stop: false,
    statistic: 12,
    words: '12 consecutive excludes of the 100 that end screening: keep screening.',
    methodsText: '',
  },
  methodsText: '',
  model: { state: 'ready', phase: null, message: null, trainedOn: { includes: 20, excludes: 280 }, trainedAt: '', retrainEvery: 3 },
  ...over,
});

describe('progress picture', () => {
  it('draws the includes found as steps and the random-order diagonal to the estimated total', () => {
    const [found, diagonal] = progressTraces(progress());
    expect(found).toMatchObject({ x: [0, 3, 300], y: [0, 1, 20], line: { shape: 'hv' } });
    expect(diagonal).toMatchObject({ x: [0, 1000], y: [0, 55], line: { dash: 'dot' } });
  });

  it('before any decision draws only the diagonal', () => {
    const p = progress({
      screened: 0,
      includes: 0,
      curve: [{ screened: 0, includes: 0 }],
      remaining: { window: 0, windowIncludes: 0, unscreened: 1000, expected: null, upper: 1000, method: '' },
    });
    expect(progressTraces(p).map((t) => t.name)).toEqual(['Random order (expected)']);
    expect(remainingWords(p)).toBe('No decisions yet: any of the 1,000 records could be an include.');
  });

  it('says the estimate with its upper limit and what the model learnt from', () => {
    expect(remainingWords(progress())).toBe(
      'About 35 includes left among 700 unscreened records (at most 72, 95% upper limit; 5 in the last 100 screened).',
    );
    expect(modelWords(progress())).toBe('Ranked by a model trained on 20 includes and 280 excludes; it retrains after every 3 decisions.');
    expect(modelWords(progress({ model: { ...progress().model, trainedOn: null } }))).toMatch(/at least one include and one exclude/);
  });
});
