// Contour-enhanced funnel data (issue 17): significance contours around the null at 90/95/99%.
import { describe, expect, it } from 'vitest';
import { contourFunnelData } from '../../shared/src/stats/index.ts';

describe('contour-enhanced funnel', () => {
  it('draws null ± z·SE contours to the largest SE, with filled studies marked', () => {
    const d = contourFunnelData(
      [
        { study: 'A', y: 0.2, se: 0.1 },
        { study: 'B', y: -0.4, se: 0.3 },
      ],
      -0.05,
      [{ estimate: 0.5, se: 0.4 }],
    );
    expect(d.seMax).toBe(0.4);
    expect(d.contours.map((c) => c.level)).toEqual([0.9, 0.95, 0.99]);
    expect(d.contours[1]?.z).toBeCloseTo(1.959963984540054, 14);
    expect(d.contours[0]?.upperAtSeMax).toBeCloseTo(1.6448536269514722 * 0.4, 14);
    expect(d.contours[2]?.lowerAtSeMax).toBeCloseTo(-2.5758293035489004 * 0.4, 14);
    expect(d.points.map((p) => [p.study, p.filled])).toEqual([
      ['A', false],
      ['B', false],
      ['Filled 1', true],
    ]);
    expect(d.centre).toBe(-0.05);
  });
});
