// Mean and SD from the median with the range or the IQR (Wan et al. 2014, BMC Med Res
// Methodol 14:135; Luo et al. 2018, Stat Methods Med Res 27:1785). Assumes approximate
// normality; Handbook v6 §6.5.2.5 advises caution with skewed data.
import { normalQuantile } from '../distributions.ts';
import { derived, type Derived } from './derivation.ts';

export interface MeanSd {
  mean: number;
  sd: number;
}

/** Wan 2014 ξ(n): the divisor 2Φ⁻¹((n − 0.375)/(n + 0.25)) for the range (scenario S1). */
function rangeDivisor(n: number): number {
  return 2 * normalQuantile((n - 0.375) / (n + 0.25));
}

/** Wan 2014 η(n): 2Φ⁻¹((0.75n − 0.125)/(n + 0.25)) for the IQR (scenario S3). */
function iqrDivisor(n: number): number {
  return 2 * normalQuantile((0.75 * n - 0.125) / (n + 0.25));
}

/** Scenario S1 {min, median, max, n}: Luo 2018 mean, Wan 2014 SD. */
export function meanSdFromMedianRange(min: number, median: number, max: number, n: number): Derived<MeanSd> {
  const w = 4 / (4 + n ** 0.75);
  const mean = w * ((min + max) / 2) + (1 - w) * median;
  const sd = (max - min) / rangeDivisor(n);
  return derived(
    { mean, sd },
    {
      method: 'mean-sd-from-median-range',
      inputs: { min, median, max, n },
      formula: 'mean = w·(a + b)/2 + (1 − w)·m, w = 4/(4 + n^0.75) (Luo); SD = (b − a)/(2Φ⁻¹((n − 0.375)/(n + 0.25))) (Wan)',
      reference: 'Luo 2018 eq. (15); Wan 2014 eq. (7)',
    },
  );
}

/** Scenario S3 {q1, median, q3, n}: Luo 2018 mean, Wan 2014 SD. */
export function meanSdFromMedianIqr(q1: number, median: number, q3: number, n: number): Derived<MeanSd> {
  const w = 0.7 + 0.39 / n;
  const mean = w * ((q1 + q3) / 2) + (1 - w) * median;
  const sd = (q3 - q1) / iqrDivisor(n);
  return derived(
    { mean, sd },
    {
      method: 'mean-sd-from-median-iqr',
      inputs: { q1, median, q3, n },
      formula: 'mean = w·(q1 + q3)/2 + (1 − w)·m, w = 0.7 + 0.39/n (Luo); SD = (q3 − q1)/(2Φ⁻¹((0.75n − 0.125)/(n + 0.25))) (Wan)',
      reference: 'Luo 2018 eq. (11); Wan 2014 eq. (16)',
    },
  );
}

/** Scenario S2 {min, q1, median, q3, max, n}: Luo 2018 mean, Wan 2014 SD. */
export function meanSdFromMedianRangeIqr(
  min: number,
  q1: number,
  median: number,
  q3: number,
  max: number,
  n: number,
): Derived<MeanSd> {
  const w1 = 2.2 / (2.2 + n ** 0.75);
  const w2 = 0.7 - 0.72 / n ** 0.55;
  const mean = w1 * ((min + max) / 2) + w2 * ((q1 + q3) / 2) + (1 - w1 - w2) * median;
  const sd = (max - min) / (2 * rangeDivisor(n)) + (q3 - q1) / (2 * iqrDivisor(n));
  return derived(
    { mean, sd },
    {
      method: 'mean-sd-from-median-range-iqr',
      inputs: { min, q1, median, q3, max, n },
      formula:
        'mean = w1·(a + b)/2 + w2·(q1 + q3)/2 + (1 − w1 − w2)·m, w1 = 2.2/(2.2 + n^0.75), w2 = 0.7 − 0.72/n^0.55 (Luo); SD = (b − a)/(2ξ) + (q3 − q1)/(2η) (Wan)',
      reference: 'Luo 2018 eq. (7); Wan 2014 eq. (10)',
    },
  );
}
