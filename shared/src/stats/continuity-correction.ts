// Continuity corrections for studies with a zero cell (Sweeting, Sutton & Lambert 2004):
// RevMan's constant 0.5 added to every cell of a zero-cell study; any constant, to zero-cell
// studies or to all; the treatment-arm correction, which splits the total correction 2k
// between the arms in proportion to their sizes (k_T = 2k·n_T/N, k_C = 2k·n_C/N; equal arms
// get k each), so that unbalanced trials are not biased towards the null; or none, which
// leaves a zero-cell study without a finite ratio (not estimable). Used for the
// inverse-variance study estimates; Mantel–Haenszel sums keep RevMan's rule.
import type { TwoByTwo } from './dichotomous-effects.ts';

export type CorrectionScope = 'zero-cell-studies' | 'all';

export type ContinuityCorrection =
  | { kind: 'constant'; value: number; apply: CorrectionScope }
  | { kind: 'treatment-arm'; value: number; apply: CorrectionScope }
  | { kind: 'none' };

export const REVMAN_CONTINUITY_CORRECTION: ContinuityCorrection = { kind: 'constant', value: 0.5, apply: 'zero-cell-studies' };

export function isRevManCorrection(c: ContinuityCorrection): boolean {
  return c.kind === 'constant' && c.value === 0.5 && c.apply === 'zero-cell-studies';
}

function hasZero(t: TwoByTwo): boolean {
  return t.a === 0 || t.b === 0 || t.c === 0 || t.d === 0;
}

/** The cells to compute a study's estimate from; null when a zero cell is left uncorrected. */
export function correctedCells(t: TwoByTwo, c: ContinuityCorrection): TwoByTwo | null {
  const zero = hasZero(t);
  if (c.kind === 'none') return zero ? null : t;
  if (c.apply === 'zero-cell-studies' && !zero) return t;
  if (c.kind === 'constant') return { a: t.a + c.value, b: t.b + c.value, c: t.c + c.value, d: t.d + c.value };
  const n1 = t.a + t.b;
  const n2 = t.c + t.d;
  const k1 = (2 * c.value * n1) / (n1 + n2);
  const k2 = (2 * c.value * n2) / (n1 + n2);
  return { a: t.a + k1, b: t.b + k1, c: t.c + k2, d: t.d + k2 };
}

export function describeCorrection(c: ContinuityCorrection): string {
  if (c.kind === 'none') return 'none: studies with a zero cell have no finite ratio and are not estimable';
  const scope = c.apply === 'all' ? 'every study' : 'studies with a zero cell';
  return c.kind === 'constant'
    ? `${c.value} added to all four cells of ${scope}`
    : `treatment-arm continuity correction (Sweeting 2004) of total ${2 * c.value} split in proportion to arm size, for ${scope}`;
}
