import { formatFixed, roundHalfAwayFromZero } from '../stats/display.ts';

// The forest plot's horizontal axis. RevMan 5 draws a symmetric axis set by the outcome's
// SCALE (rm5-format.md §6): −S…S for differences (ticks −S, −S/2, 0, S/2, S) and 1/S…S on a
// log scale for ratios (e.g. 0.01 0.1 1 10 100), so the null line (0 or 1) is always in the
// middle. We choose S automatically from the data unless the caller fixes it, or take an
// explicit range.

export interface ForestAxis {
  log: boolean;
  /** Axis limits on the natural scale. */
  min: number;
  max: number;
  /** Tick values on the natural scale, ascending. */
  ticks: number[];
  /** Position of the null line (0 or 1), or null when it is outside the range. */
  nullValue: number | null;
}

/** "Nice" RevMan-like scales for differences: 1, 2, 4, 5 × 10^k. */
function niceLinearScale(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const exp = Math.floor(Math.log10(x));
  for (let e = exp - 1; e <= exp + 1; e++)
    for (const m of [1, 2, 4, 5]) {
      const s = roundHalfAwayFromZero(m * 10 ** e, Math.max(0, -e + 1));
      if (s >= x * (1 - 1e-12)) return s;
    }
  return 10 ** (exp + 1);
}

const LOG_SCALES = [2, 5, 10, 20, 50, 100, 200, 500, 1000];

/** Ratio scales 2, 5, 10, 20, 50, 100, 200, 500, 1000, then powers of ten. */
function niceLogScale(x: number): number {
  if (!(x > 1) || !Number.isFinite(x)) return 2;
  for (const s of LOG_SCALES) if (s >= x * (1 - 1e-12)) return s;
  return 10 ** Math.ceil(Math.log10(x));
}

/** RevMan 5's symmetric ticks for a scale S. */
export function symmetricAxis(scale: number, log: boolean): ForestAxis {
  if (!log) {
    const s = Math.abs(scale) || 1;
    return { log, min: -s, max: s, ticks: [-s, -s / 2, 0, s / 2, s], nullValue: 0 };
  }
  const s = scale < 1 ? 1 / scale : scale;
  if (!(s > 1)) return symmetricAxis(2, true);
  let inner: number[];
  if (s === 10) inner = [0.2, 0.5, 1, 2, 5];
  else if (s >= 50) inner = [0.1, 1, 10];
  else if (s >= 20) inner = [0.2, 1, 5];
  else if (s >= 5) inner = [0.5, 1, 2];
  else if (s >= 2) inner = s === 2 ? [0.7, 1, 1.5] : [1];
  else inner = [1];
  const ticks = [1 / s, ...inner.filter((t) => t > 1 / s && t < s), s];
  return { log, min: 1 / s, max: s, ticks: dedupe(ticks), nullValue: 1 };
}

function dedupe(xs: number[]): number[] {
  return xs.filter((x, i) => i === 0 || Math.abs(x - (xs[i - 1] as number)) > 1e-12 * Math.max(1, Math.abs(x)));
}

/** Ticks for an explicit range: 1-2-5 steps for differences, decades (or 1-2-5 within one) for ratios. */
export function rangeAxis(min: number, max: number, log: boolean): ForestAxis {
  if (!(max > min)) throw new Error(`axis range: max (${max}) must exceed min (${min})`);
  if (log && !(min > 0)) throw new Error('axis range: a ratio axis needs min > 0');
  const nullValue = log ? 1 : 0;
  const inRange = nullValue >= min && nullValue <= max ? nullValue : null;
  let ticks: number[];
  if (!log) {
    // Five to seven ticks: steps of 1, 2, 2.5 or 5 × 10^k.
    const raw = (max - min) / 6;
    const step = niceStep(raw);
    const first = Math.ceil(min / step - 1e-9) * step;
    ticks = [];
    for (let t = first; t <= max + step * 1e-9; t += step) ticks.push(cleanTick(t, step));
  } else {
    const lo = Math.log10(min);
    const hi = Math.log10(max);
    const mult = hi - lo > 2 ? [1] : [1, 2, 5];
    ticks = [];
    for (let e = Math.floor(lo) - 1; e <= Math.ceil(hi) + 1; e++)
      for (const m of mult) {
        const t = cleanLog(m * 10 ** e);
        if (t >= min * (1 - 1e-9) && t <= max * (1 + 1e-9)) ticks.push(t);
      }
    // A narrow ratio range (e.g. 0.8–1.25) has too few 1-2-5 values: use even steps.
    if (ticks.length < 3) ticks = rangeAxis(min, max, false).ticks;
  }
  return { log, min, max, ticks: dedupe(ticks), nullValue: inRange };
}

function niceStep(raw: number): number {
  const exp = Math.floor(Math.log10(raw));
  const f = raw / 10 ** exp;
  const m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return m * 10 ** exp;
}

const cleanTick = (t: number, step: number) => Number(t.toFixed(Math.max(0, -Math.floor(Math.log10(step)) + 2)));
const cleanLog = (t: number) => Number(t.toPrecision(6));

export interface AutoAxisData {
  /** Point estimates (studies and pooled), natural scale. */
  points: number[];
  /** Pooled CI and prediction interval limits: always kept on the axis when possible. */
  pooledLimits: number[];
  /** Study CI limits: kept on the axis unless they are far wider than the rest. */
  studyLimits: number[];
}

/**
 * Chooses RevMan's symmetric scale S so that every point estimate and pooled interval fits,
 * and study intervals too unless one is so wide it would squash the rest (it is then
 * clipped with an arrow, as in RevMan).
 */
export function autoAxis(data: AutoAxisData, log: boolean): ForestAxis {
  const dist = (v: number) => (log ? (v > 0 ? Math.abs(Math.log(v)) : Infinity) : Math.abs(v));
  const maxOf = (xs: number[]) => xs.reduce((m, v) => (Number.isFinite(dist(v)) ? Math.max(m, dist(v)) : m), 0);
  const need = Math.max(maxOf(data.points), maxOf(data.pooledLimits));
  const want = Math.max(need, maxOf(data.studyLimits));
  if (log) {
    // Study CIs may widen the axis up to 3× the needed log range, and always up to 0.1–10.
    const target = Math.min(want, Math.max(need * 3, Math.log(10)));
    return symmetricAxis(niceLogScale(Math.exp(target)), true);
  }
  if (want === 0) return symmetricAxis(1, false);
  const target = Math.min(want, need > 0 ? need * 3 : want);
  return symmetricAxis(niceLinearScale(target), false);
}

/** Tick label: as few decimals as the value needs ("0.5", "10", "0.005", "-2"). */
export function formatTick(t: number): string {
  if (t === 0) return '0';
  const digits = Math.max(0, Math.min(6, 3 - Math.floor(Math.log10(Math.abs(t)))));
  const s = formatFixed(t, digits);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Maps a natural-scale value to [0, 1] along the axis (may fall outside for clipped values). */
export function axisFraction(axis: ForestAxis, v: number): number {
  if (axis.log) {
    if (!(v > 0)) return -Infinity;
    return (Math.log(v) - Math.log(axis.min)) / (Math.log(axis.max) - Math.log(axis.min));
  }
  return (v - axis.min) / (axis.max - axis.min);
}
