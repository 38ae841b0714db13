// The contour-enhanced funnel plot SVG (issue 17).
import { describe, expect, it } from 'vitest';
import { contourFunnelSvg } from '../../shared/src/plots/contour-funnel-svg.ts';
import { contourFunnelData } from '../../shared/src/stats/index.ts';

describe('contour-enhanced funnel SVG', () => {
  const data = contourFunnelData(
    [
      { study: 'MRC-1 & <2>', y: -0.3, se: 0.2 },
      { study: 'ISIS-2', y: -0.1, se: 0.04 },
    ],
    -0.12,
    [{ estimate: 0.1, se: 0.2 }],
  );
  const svg = contourFunnelSvg(data, { ratio: true, xLabel: 'Odds ratio' });

  it('draws three contour bands, studies as dots, filled studies hollow, and the summary line', () => {
    expect(svg.match(/<polygon class="contour"/g)).toHaveLength(3);
    expect(svg.indexOf('data-level="0.99"')).toBeLessThan(svg.indexOf('data-level="0.9"'));
    expect(svg.match(/<circle class="study"/g)).toHaveLength(2);
    expect(svg.match(/<circle class="study filled"[^>]*fill="#ffffff"/g)).toHaveLength(1);
    expect(svg).toContain('class="summary"');
    expect(svg).toContain('<title>MRC-1 &amp; &lt;2&gt;</title>');
  });

  it('places a study by its estimate and SE: larger SE lower, the 99% contour wider than the 90%', () => {
    const cy = (name: string): number => Number(new RegExp(`cy="([\\d.]+)"[^>]*><title>${name}`).exec(svg)?.[1]);
    expect(cy('ISIS-2')).toBeLessThan(cy('MRC-1 &amp; &lt;2&gt;'));
    const base = (level: string): number => {
      const pts = new RegExp(`data-level="${level}" points="[^ ]+ ([\\d.]+),[\\d.]+ ([\\d.]+)`).exec(svg);
      return Number(pts?.[2]) - Number(pts?.[1]);
    };
    expect(base('0.99') / base('0.9')).toBeCloseTo(2.5758293035489004 / 1.6448536269514722, 2);
  });

  it('labels the x axis on the natural scale for ratios', () => {
    const ticks = [...svg.matchAll(/class="x-tick"[^>]*>([^<]+)</g)].map((m) => Number(m[1]));
    expect(ticks.every((t) => t > 0)).toBe(true);
    expect(svg).toContain('>Odds ratio<');
  });
});
