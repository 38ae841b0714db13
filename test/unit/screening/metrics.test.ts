import { describe, expect, it } from 'vitest';
import { relevantRecordsFound, screenedAtRecall, workSavedOverSampling } from '../../../shared/src/screening/metrics.ts';

// A hand-worked screening order: 20 records, 4 relevant, found 1st, 3rd, 6th and 12th.
const order = (positions: number[], n: number): (0 | 1)[] => Array.from({ length: n }, (_, i) => (positions.includes(i + 1) ? 1 : 0));
const found = order([1, 3, 6, 12], 20);

describe('screening metrics', () => {
  it('WSS@95 on the hand-worked order: all 4 includes (95% of 4 rounds up to 4) after 12 of 20 records', () => {
    expect(screenedAtRecall(found, 0.95)).toBe(12);
    // (20 − 12) / 20 − 0.05 = 0.35
    expect(workSavedOverSampling(found)).toBeCloseTo(35, 12);
  });

  it('WSS at 75% recall needs 3 of 4 includes: 6 records', () => {
    expect(screenedAtRecall(found, 0.75)).toBe(6);
    // (20 − 6) / 20 − 0.25 = 0.45
    expect(workSavedOverSampling(found, 0.75)).toBeCloseTo(45, 12);
  });

  it('RRF@10 counts the includes in the first 2 of 20 records: 1 of 4', () => {
    expect(relevantRecordsFound(found)).toBeCloseTo(25, 12);
    expect(relevantRecordsFound(found, 0.3)).toBeCloseTo(75, 12); // first 6 records: 3 includes
  });

  it('95% of 20 includes is exactly 19, not 20 (no floating-point round-up)', () => {
    const positions = Array.from({ length: 20 }, (_, i) => i + 1);
    const twenty = order([...positions.slice(0, 19), 100], 100);
    expect(screenedAtRecall(twenty, 0.95)).toBe(19);
    expect(workSavedOverSampling(twenty)).toBeCloseTo(100 * (81 / 100 - 0.05), 12);
  });

  it('random-like order saves nothing; a perfect order saves all but the includes', () => {
    const last = order([17, 18, 19, 20], 20);
    expect(workSavedOverSampling(last)).toBeCloseTo(-5, 12);
    const first = order([1, 2, 3, 4], 20);
    expect(workSavedOverSampling(first)).toBeCloseTo(100 * (16 / 20 - 0.05), 12);
    expect(relevantRecordsFound(first)).toBeCloseTo(50, 12);
  });

  it('refuses an order with no includes', () => {
    expect(() => workSavedOverSampling(order([], 10))).toThrow(/no relevant records/);
  });
});
