// The meta-regression bubble plot SVG (issue 17).
import { describe, expect, it } from 'vitest';
import { bubblePlotSvg } from '../../shared/src/plots/bubble-plot-svg.ts';

describe('bubble plot SVG', () => {
  const studies = [
    { study: 'Aronson', x: 44, y: -0.89, v: 0.33 },
    { study: 'TPT Madras', x: 13, y: 0.01, v: 0.004 },
    { study: 'Stein', x: 44, y: -0.79, v: 0.007 },
  ];
  const svg = bubblePlotSvg(
    studies,
    { intercept: 0.25, slope: -0.029, tau2: 0.076, vcov: { vIntercept: 0.06, vSlope: 0.00004, cov: -0.0015, crit: 1.96 } },
    { ratio: true, xLabel: 'Absolute latitude', yLabel: 'Risk ratio' },
  );

  it('one bubble per study, area by random-effects weight, the fitted line and its band', () => {
    expect(svg.match(/<circle class="study"/g)).toHaveLength(3);
    const r = (name: string): number => Number(new RegExp(`r="([\\d.]+)"[^>]*><title>${name}<`).exec(svg)?.[1]);
    expect(r('TPT Madras')).toBeGreaterThan(r('Aronson'));
    expect(svg).toContain('class="fit"');
    expect(svg).toContain('class="confidence-band"');
    // The line falls with latitude: its right end is lower on the page (larger y).
    const m = /class="fit" x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="([\d.]+)"/.exec(svg);
    expect(Number(m?.[2])).toBeGreaterThan(Number(m?.[1]));
  });

  it('labels the effect axis on the natural scale for ratios and refuses no data', () => {
    const ticks = [...svg.matchAll(/class="y-tick"[^>]*>([^<]+)</g)].map((t) => Number(t[1]));
    expect(ticks.every((t) => t > 0)).toBe(true);
    expect(() => bubblePlotSvg([], { intercept: 0, slope: 0, tau2: 0 }, { ratio: false, xLabel: '', yLabel: '' })).toThrow(/no studies/);
  });
});
