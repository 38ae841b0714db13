import { describe, expect, it } from 'vitest';
import { cumulativeLayout } from './cumulative-plot.ts';

describe('the cumulative forest plot layout', () => {
  it('spans every CI and the line of no effect on a linear axis, with round ticks', () => {
    const l = cumulativeLayout(
      [
        { estimate: -1.5, ciLower: -4.79, ciUpper: 1.79 },
        { estimate: -0.74, ciLower: -1.46, ciUpper: -0.02 },
      ],
      false,
      300,
    );
    expect(l.x(-4.79)).toBeGreaterThan(0);
    expect(l.x(1.79)).toBeLessThan(300);
    expect(l.x(-4.79)).toBeLessThan(l.x(-1.5));
    expect(l.nullX).toBeCloseTo(l.x(0), 10);
    expect(l.ticks.map((t) => t.label)).toEqual(['−4', '−2', '0', '2']);
  });

  it('uses a log axis for ratios, centred on 1, with the usual ratio ticks', () => {
    const l = cumulativeLayout([{ estimate: 0.5, ciLower: 0.25, ciUpper: 1 }], true, 200);
    // Equal ratios are equal distances: 0.25 → 0.5 as 0.5 → 1.
    expect(l.x(0.5) - l.x(0.25)).toBeCloseTo(l.x(1) - l.x(0.5), 9);
    expect(l.ticks.map((t) => t.value)).toEqual([0.5, 1]);
  });

  it('keeps a CI that runs to infinity on the plot', () => {
    const l = cumulativeLayout([{ estimate: 2, ciLower: 0.5, ciUpper: Infinity }], true, 100);
    expect(l.x(Infinity)).toBe(100);
  });
});
