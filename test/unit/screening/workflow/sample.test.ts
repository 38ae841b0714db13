import { describe, expect, it } from 'vitest';
import {
  firstPercentCount,
  inDualSample,
  inSeededFraction,
  requiredReviewers,
  sampleHash,
} from '../../../../shared/src/screening/workflow/index.ts';
import type { StageSettings } from '../../../../shared/src/api/contract-screening.ts';

// Dual-screening samples: a seeded random fraction that is stable per record, the first N %
// in file order, and "all included plus a fraction of excluded" (the seed's full-text rule).

const ids = (n: number, prefix = 'rec-0123456789abcdef01234567-') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('seeded random fraction', () => {
  it('puts close to the fraction of records in the sample, differently for another seed', () => {
    const all = ids(20_000);
    const seven = all.filter((id) => inSeededFraction(7, id, 0.1));
    // Binomial(20000, 0.1): sd 42; ±5 sd.
    expect(Math.abs(seven.length - 2000)).toBeLessThan(212);
    const eight = new Set(all.filter((id) => inSeededFraction(8, id, 0.1)));
    const shared = seven.filter((id) => eight.has(id)).length;
    // Independent seeds share about 1% of records, not the same 10%.
    expect(shared).toBeLessThan(400);
  });

  it('keeps each record’s membership when records are added (it depends on the seed and the id only)', () => {
    const before = ids(500).map((id) => inSeededFraction(3, id, 0.25));
    const after = ids(5_000)
      .slice(0, 500)
      .map((id) => inSeededFraction(3, id, 0.25));
    expect(after).toEqual(before);
  });

  it('gives numbers in [0, 1) spread over the whole range', () => {
    const values = ids(10_000).map((id) => sampleHash(1, id));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const deciles = new Array<number>(10).fill(0);
    for (const v of values) deciles[Math.floor(v * 10)]!++;
    for (const d of deciles) expect(Math.abs(d - 1000)).toBeLessThan(150);
  });
});

describe('first N %', () => {
  it('rounds up to a whole record, so any N > 0 covers at least one', () => {
    expect(firstPercentCount(4277, 10)).toBe(428);
    expect(firstPercentCount(200, 10)).toBe(20);
    expect(firstPercentCount(10, 0.5)).toBe(1);
    expect(firstPercentCount(0, 10)).toBe(0);
    expect(firstPercentCount(7, 100)).toBe(7);
  });

  it('takes records by their place in file order', () => {
    const settings: StageSettings = { mode: 'dual', sample: { kind: 'first-percent', percent: 10 } };
    const facts = (index: number) => ({ recordId: `r${index}`, firstDecision: null, position: { index, size: 200 } });
    expect(requiredReviewers(settings, facts(0))).toBe(2);
    expect(requiredReviewers(settings, facts(19))).toBe(2);
    expect(requiredReviewers(settings, facts(20))).toBe(1);
  });
});

describe('included plus a fraction of excluded', () => {
  const settings: StageSettings = { mode: 'dual', sample: { kind: 'included-plus-excluded-fraction', fraction: 0.1, seed: 42 } };

  it('needs one reviewer until the first decides; then two for an include or maybe', () => {
    expect(requiredReviewers(settings, { recordId: 'a', firstDecision: null })).toBe(1);
    expect(requiredReviewers(settings, { recordId: 'a', firstDecision: 'include' })).toBe(2);
    expect(requiredReviewers(settings, { recordId: 'a', firstDecision: 'maybe' })).toBe(2);
  });

  it('and two for the seeded fraction of exclusions', () => {
    const all = ids(5_000);
    const checked = all.filter((id) => inDualSample(settings, { recordId: id, firstDecision: 'exclude' }));
    expect(checked).toEqual(all.filter((id) => inSeededFraction(42, id, 0.1)));
    expect(Math.abs(checked.length - 500)).toBeLessThan(110);
  });
});

describe('single and all', () => {
  it('single screening needs one reviewer, dual of all records two', () => {
    expect(requiredReviewers({ mode: 'single' }, { recordId: 'a', firstDecision: 'include' })).toBe(1);
    expect(requiredReviewers({ mode: 'dual', sample: { kind: 'all' } }, { recordId: 'a', firstDecision: null })).toBe(2);
  });
});
