// Contour-enhanced funnel plot data (Peters et al. 2008): the regions where a study's own
// two-sided test against the null would be significant at the 10%, 5% and 1% levels, i.e.
// the lines effect = null ± z·SE, drawn with the studies, the summary effect and any studies
// filled by trim-and-fill. All on the analysis scale (log for ratio measures, null 0).
import { criticalValue } from './distributions.ts';

export const CONTOUR_LEVELS = [0.9, 0.95, 0.99] as const;

export interface FunnelContour {
  /** Confidence level: outside the contour a study is significant at 1 − level. */
  level: number;
  z: number;
  /** The contour's ends at the largest SE: null ± z·seMax. */
  lowerAtSeMax: number;
  upperAtSeMax: number;
}

export interface ContourFunnelData {
  points: Array<{ study: string; y: number; se: number; filled: boolean }>;
  /** The summary effect of the analysis (analysis scale). */
  centre: number;
  /** The null value (0 on the analysis scale). */
  nullValue: number;
  seMax: number;
  contours: FunnelContour[];
}

export function contourFunnelData(
  studies: ReadonlyArray<{ study: string; y: number; se: number }>,
  centre: number,
  filled: ReadonlyArray<{ estimate: number; se: number }> = [],
  levels: readonly number[] = CONTOUR_LEVELS,
): ContourFunnelData {
  const points = [
    ...studies.map((s) => ({ study: s.study, y: s.y, se: s.se, filled: false })),
    ...filled.map((f, i) => ({ study: `Filled ${i + 1}`, y: f.estimate, se: f.se, filled: true })),
  ];
  const seMax = points.reduce((m, p) => Math.max(m, p.se), 0);
  const nullValue = 0;
  return {
    points,
    centre,
    nullValue,
    seMax,
    contours: levels.map((level) => {
      const z = criticalValue(level);
      return { level, z, lowerAtSeMax: nullValue - z * seMax, upperAtSeMax: nullValue + z * seMax };
    }),
  };
}
