import { describe, expect, it } from 'vitest';
import { baujatLayout } from './baujat-plot.ts';

describe('the Baujat plot layout', () => {
  // metafor's baujat() coordinates for dat.fleiss1993cont with DerSimonian–Laird.
  const points = [
    { x: 0.1939, y: 0.0037 },
    { x: 0.5451, y: 0.3255 },
    { x: 0.7337, y: 0.0244 },
    { x: 2.0184, y: 1.3781 },
    { x: 0.0399, y: 0.0002 },
  ];

  it('puts every study inside the plot, both axes from 0, y upwards', () => {
    const l = baujatLayout(points, 300, 200);
    for (const p of points) {
      expect(l.x(p.x)).toBeGreaterThanOrEqual(0);
      expect(l.x(p.x)).toBeLessThan(300);
      expect(l.y(p.y)).toBeGreaterThan(0);
      expect(l.y(p.y)).toBeLessThanOrEqual(200);
    }
    expect(l.x(0)).toBe(0);
    expect(l.y(0)).toBe(200);
    // The most influential study (Hart) is the highest and the furthest right.
    expect(l.y(1.3781)).toBe(Math.min(...points.map((p) => l.y(p.y))));
    expect(l.xTicks.map((t) => t.label)).toEqual(['0', '1', '2']);
  });

  it('keeps an axis when every value is 0', () => {
    const l = baujatLayout([{ x: 0, y: 0 }], 100, 100);
    expect(l.xTicks.length).toBeGreaterThan(1);
  });
});
