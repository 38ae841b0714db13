import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_SECOND_REVIEWER_SAMPLE,
  secondReviewerSampleConfigSchema,
  secondReviewerSampleSize,
  selectSecondReviewerSample,
} from '../../../shared/src/rob/index.ts';
import { SEED_STUDIES } from './seed-review-rob.ts';

const SEED_IDS = SEED_STUDIES.map((s) => s.id);
const MANY = Array.from({ length: 300 }, (_, i) => `Study ${String(i + 1).padStart(3, '0')}`);

describe('second-reviewer sample', () => {
  it('defaults to the seed review\u2019s 10%', () => {
    expect(DEFAULT_SECOND_REVIEWER_SAMPLE).toEqual({ fraction: 0.1, seed: 1 });
  });

  it('takes ceil(fraction × n) studies, at least one, without float noise', () => {
    expect(secondReviewerSampleSize(8, 0.1)).toBe(1);
    expect(secondReviewerSampleSize(30, 0.1)).toBe(3); // 0.1 × 30 = 3.0000000000000004
    expect(secondReviewerSampleSize(300, 0.1)).toBe(30);
    expect(secondReviewerSampleSize(301, 0.1)).toBe(31);
    expect(secondReviewerSampleSize(0, 0.1)).toBe(0);
    expect(secondReviewerSampleSize(5, 1)).toBe(5);
    expect(selectSecondReviewerSample([])).toEqual([]);
  });

  it('is reproducible: pinned output for the default seed (changing the hash would change existing reviews)', () => {
    expect(selectSecondReviewerSample(SEED_IDS)).toEqual(['Ben-Zeev 2018']);
    expect(selectSecondReviewerSample(SEED_IDS, { fraction: 0.5, seed: 'abc' })).toEqual([
      'Cook 2012a',
      'Kaplan 2011',
      'Corrigan 2015',
      'R\u00fcsch 2014',
    ]);
    expect(selectSecondReviewerSample(MANY).slice(0, 5)).toEqual(['Study 001', 'Study 014', 'Study 016', 'Study 022', 'Study 023']);
  });

  it('does not depend on the order the studies are listed in, and returns them in that order', () => {
    const reversed = [...MANY].reverse();
    expect([...selectSecondReviewerSample(reversed)].sort()).toEqual(selectSecondReviewerSample(MANY));
    const sample = selectSecondReviewerSample(reversed);
    expect(sample).toEqual(reversed.filter((id) => sample.includes(id)));
  });

  it('depends on the seed', () => {
    expect(selectSecondReviewerSample(MANY, { fraction: 0.1, seed: 2 })).not.toEqual(selectSecondReviewerSample(MANY));
    expect(selectSecondReviewerSample(MANY, { fraction: 0.1, seed: '1' })).toEqual(selectSecondReviewerSample(MANY)); // 1 and "1" are the same seed
  });

  it('keeps an earlier sample when a study is added and the size grows', () => {
    const before = selectSecondReviewerSample(MANY.slice(0, 290)); // 29 studies
    const after = selectSecondReviewerSample(MANY.slice(0, 291)); // 30 studies
    expect(after).toEqual(expect.arrayContaining(before));
  });

  it('counts duplicate ids once', () => {
    expect(selectSecondReviewerSample(['a', 'a', 'b'], { fraction: 1, seed: 1 })).toEqual(['a', 'b']);
  });

  it('is a subset of the right size for any input (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string(), { maxLength: 60 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.oneof(fc.integer(), fc.string({ minLength: 1 })),
        (ids, fraction, seed) => {
          const sample = selectSecondReviewerSample(ids, { fraction, seed });
          expect(sample).toHaveLength(secondReviewerSampleSize(ids.length, fraction));
          expect(new Set(sample).size).toBe(sample.length);
          for (const id of sample) expect(ids).toContain(id);
        },
      ),
    );
  });

  it('selects every study about equally often across seeds', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `S${i}`);
    const counts = new Map(ids.map((id) => [id, 0]));
    const seeds = 5000;
    for (let seed = 0; seed < seeds; seed++)
      for (const id of selectSecondReviewerSample(ids, { fraction: 0.1, seed })) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const n of counts.values()) expect(Math.abs(n - seeds / 10)).toBeLessThan(100); // ~4.7 SD
  });

  it('validates the configuration', () => {
    expect(secondReviewerSampleConfigSchema.safeParse({ fraction: 0, seed: 1 }).success).toBe(false);
    expect(secondReviewerSampleConfigSchema.safeParse({ fraction: 1.1, seed: 1 }).success).toBe(false);
    expect(secondReviewerSampleConfigSchema.safeParse({ fraction: 0.1, seed: '' }).success).toBe(false);
    expect(secondReviewerSampleConfigSchema.safeParse({ fraction: 0.25, seed: 'protocol-2019' }).success).toBe(true);
  });
});
