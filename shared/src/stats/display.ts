// RevMan's display rounding (spec §1.7). RevMan is Java: values are rounded half away from
// zero on the decimal representation, never with JS toFixed on binary values (toFixed(2) of
// 1.005 gives "1.00"). We round the shortest decimal string of the double, which is what a
// reader sees in the file.

/** Rounds half away from zero to `dp` decimals, working on the decimal digits. */
export function roundHalfAwayFromZero(x: number, dp: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const s = Math.abs(x).toString();
  // Shift the decimal point textually (handles exponent notation) to avoid binary error.
  const [mantissa, expPart] = s.split('e');
  const exp = expPart === undefined ? 0 : Number(expPart);
  const [intPart, fracPart = ''] = (mantissa as string).split('.');
  const digits = (intPart as string) + fracPart;
  const pointPos = (intPart as string).length + exp + dp; // position of the rounding point
  if (pointPos < 0) return 0;
  const keep = digits.slice(0, pointPos).padEnd(Math.max(pointPos, 0), '0');
  const next = digits.charCodeAt(pointPos) - 48;
  let n = BigInt(keep === '' ? '0' : keep);
  if (next >= 5) n += 1n;
  return (sign * Number(n)) / 10 ** dp;
}

/** Fixed-point string with half-away-from-zero rounding. */
export function formatFixed(x: number, dp: number): string {
  const r = roundHalfAwayFromZero(x, dp);
  const s = Math.abs(r).toFixed(dp); // r is already on the grid, so toFixed is exact here
  return (r < 0 || (r === 0 && x < 0 && Number(s) !== 0) ? '-' : '') + s;
}

/** Effect estimates and CI limits: 2 decimals, e.g. `0.72 [0.49, 1.06]` (RevMan 5 style). */
export function formatEstimate(x: number): string {
  return formatFixed(x, 2);
}

export function formatEstimateWithCi(estimate: number, lower: number, upper: number, style: 'revman5' | 'revmanWeb' = 'revman5'): string {
  const sep = style === 'revmanWeb' ? ' , ' : ', ';
  return `${formatEstimate(estimate)} [${formatEstimate(lower)}${sep}${formatEstimate(upper)}]`;
}

/** Weights: 1 decimal with a percent sign, e.g. `3.2%`, total `100.0%`. */
export function formatWeight(percent: number): string {
  return `${formatFixed(percent, 1)}%`;
}

/** I²: whole percent, e.g. `40%`. */
export function formatI2(percent: number): string {
  return `${formatFixed(percent, 0)}%`;
}

/** τ² and χ²/Z statistics: 2 decimals. */
export function formatStatistic(x: number): string {
  return formatFixed(x, 2);
}

/**
 * P values as RevMan prints them: `P < 0.00001` below 1e-5; one significant figure below
 * 0.01 (0.00101 → `P = 0.001`); two decimals otherwise (0.1269 → `P = 0.13`).
 * The 1e-5…1e-3 band follows the same one-significant-figure rule ([U] in spec §1.7).
 */
export function formatP(p: number): string {
  if (p < 0.00001) return 'P < 0.00001';
  if (p < 0.01) {
    const exp = Math.floor(Math.log10(p));
    const dp = -exp;
    let r = roundHalfAwayFromZero(p, dp);
    // Rounding may carry into the next decade (0.0096 → 0.01, 0.00009996 → 0.0001): still
    // one significant figure, so one decimal fewer ("P = 0.0001", not "P = 0.00010").
    if (r >= 1 / 10 ** (dp - 1)) return `P = ${formatFixed(r, dp - 1)}`;
    if (r === 0) r = 10 ** exp;
    return `P = ${formatFixed(r, dp)}`;
  }
  return `P = ${formatFixed(p, 2)}`;
}

/** RevMan 5 heterogeneity line, e.g. `Heterogeneity: Chi² = 9.95, df = 6 (P = 0.13); I² = 40%`. */
export function formatHeterogeneity(stats: { q: number; df: number; pQ: number; i2: number; tau2: number }, random: boolean): string {
  const tau = random ? `Tau² = ${formatStatistic(stats.tau2)}; ` : '';
  return `Heterogeneity: ${tau}Chi² = ${formatStatistic(stats.q)}, df = ${stats.df} (${formatP(stats.pQ)}); I² = ${formatI2(stats.i2)}`;
}

/** `Test for overall effect: Z = 3.29 (P = 0.001)`; RevMan prints |Z|. */
export function formatOverallEffect(stats: { z: number; p: number; testDf?: number }): string {
  const label = stats.testDf !== undefined ? `t(${stats.testDf})` : 'Z';
  return `Test for overall effect: ${label} = ${formatStatistic(Math.abs(stats.z))} (${formatP(stats.p)})`;
}
