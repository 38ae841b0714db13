// The log hazard ratio and its standard error from what a trial report gives (Tierney et al.
// 2007, Trials 8:16; Parmar 1998): the log-rank O − E and its variance V, a P value with the
// number of events, or a confidence interval. All for the research arm against control.
import { criticalValue, normalQuantile } from '../distributions.ts';
import { derived, type Derived } from './derivation.ts';

export interface LogHazardRatio {
  logHr: number;
  se: number;
  /** The log-rank O − E and variance V equivalent to this estimate: V = 1/SE², O − E = ln HR·V. */
  oMinusE: number;
  variance: number;
}

const TIERNEY = 'Tierney et al. 2007, Trials 8:16';

function fromLogHr(logHr: number, se: number): LogHazardRatio {
  const variance = 1 / (se * se);
  return { logHr, se, oMinusE: logHr * variance, variance };
}

/** ln HR = (O − E)/V, SE = 1/√V (Peto's one-step estimate). */
export function logHrFromOMinusE(oMinusE: number, variance: number): Derived<LogHazardRatio> {
  if (!(variance > 0)) throw new RangeError(`variance: must be > 0 (got ${variance})`);
  return derived(
    { logHr: oMinusE / variance, se: 1 / Math.sqrt(variance), oMinusE, variance },
    { method: 'log-hr-from-o-minus-e', inputs: { oMinusE, variance }, formula: 'ln HR = (O − E)/V; SE = 1/√V', reference: TIERNEY },
  );
}

/**
 * From a two-sided log-rank P value and the total number of events: V = O·R1·R2/(R1 + R2)²
 * (R the numbers randomised), O − E = ±Φ⁻¹(1 − P/2)·√V with the sign of the reported direction.
 */
export function logHrFromP(input: {
  p: number;
  totalEvents: number;
  randomised1: number;
  randomised2: number;
  /** Whether the research arm had fewer events than expected (HR < 1). */
  favours: 'research' | 'control';
}): Derived<LogHazardRatio> {
  const { p, totalEvents, randomised1, randomised2, favours } = input;
  if (!(p > 0 && p < 1)) throw new RangeError(`p: must be between 0 and 1, exclusive (got ${p})`);
  if (!(totalEvents > 0)) throw new RangeError(`totalEvents: must be > 0 (got ${totalEvents})`);
  if (!(randomised1 > 0) || !(randomised2 > 0)) throw new RangeError('randomised1, randomised2: must be > 0');
  const variance = (totalEvents * randomised1 * randomised2) / (randomised1 + randomised2) ** 2;
  const z = normalQuantile(1 - p / 2);
  const oMinusE = (favours === 'research' ? -1 : 1) * z * Math.sqrt(variance);
  return derived(
    { logHr: oMinusE / variance, se: 1 / Math.sqrt(variance), oMinusE, variance },
    {
      method: 'log-hr-from-p',
      inputs: { p, totalEvents, randomised1, randomised2, favours, z },
      formula: 'V = O·R1·R2/(R1 + R2)²; O − E = ±Φ⁻¹(1 − P/2)·√V; ln HR = (O − E)/V; SE = 1/√V',
      reference: TIERNEY,
    },
  );
}

/** From a confidence interval: SE = (ln U − ln L)/(2·z_{1−α/2}); ln HR from the reported HR, else the interval's log midpoint. */
export function logHrFromCi(input: { lower: number; upper: number; hr?: number; level?: number }): Derived<LogHazardRatio> {
  const level = input.level ?? 0.95;
  const { lower, upper } = input;
  if (!(lower > 0) || !(upper > lower)) throw new RangeError(`lower, upper: need 0 < lower < upper (got ${lower}, ${upper})`);
  if (input.hr !== undefined && !(input.hr >= lower && input.hr <= upper)) throw new RangeError(`hr: ${input.hr} lies outside its interval ${lower}–${upper}`);
  const z = criticalValue(level);
  const se = (Math.log(upper) - Math.log(lower)) / (2 * z);
  const logHr = input.hr !== undefined ? Math.log(input.hr) : (Math.log(lower) + Math.log(upper)) / 2;
  return derived(fromLogHr(logHr, se), {
    method: 'log-hr-from-ci',
    inputs: { lower, upper, level, ...(input.hr !== undefined ? { hr: input.hr } : {}) },
    formula: input.hr !== undefined ? 'ln HR = ln(HR); SE = (ln U − ln L)/(2·z_{1−α/2})' : 'ln HR = (ln L + ln U)/2; SE = (ln U − ln L)/(2·z_{1−α/2})',
    reference: TIERNEY,
  });
}
