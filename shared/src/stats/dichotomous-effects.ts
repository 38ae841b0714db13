// Study-level effects for dichotomous data, exactly as RevMan 5 computes them (spec §1.1).
import { correctedCells, REVMAN_CONTINUITY_CORRECTION, type ContinuityCorrection } from './continuity-correction.ts';
import type { DichotomousMeasure, DichotomousRow, StudyEffect } from './types.ts';

/** A 2×2 table: a/b events/non-events (experimental), c/d events/non-events (control). */
export interface TwoByTwo {
  a: number;
  b: number;
  c: number;
  d: number;
}

export function toTwoByTwo(row: Pick<DichotomousRow, 'events1' | 'total1' | 'events2' | 'total2'>): TwoByTwo {
  return { a: row.events1, b: row.total1 - row.events1, c: row.events2, d: row.total2 - row.events2 };
}

export function hasZeroCell(t: TwoByTwo): boolean {
  return t.a === 0 || t.b === 0 || t.c === 0 || t.d === 0;
}

/**
 * RevMan's zero-cell rule: if any cell is 0, add 0.5 to all four cells of that study
 * (spec §1.1; Handbook 5.1 §9.4.4). Other studies are left unchanged ("only0").
 */
export function zeroCorrected(t: TwoByTwo): TwoByTwo {
  if (!hasZeroCell(t)) return t;
  return { a: t.a + 0.5, b: t.b + 0.5, c: t.c + 0.5, d: t.d + 0.5 };
}

/**
 * No events in both arms, or all events in both arms: the study carries no information
 * about a ratio (OR, RR, Peto OR) and is "Not estimable" (issue 3; spec §1.1–1.2).
 * It stays in RD analyses.
 */
export function isDoubleZeroOrDoubleFull(t: TwoByTwo): boolean {
  return (t.a === 0 && t.c === 0) || (t.b === 0 && t.d === 0);
}

/** Peto's observed-minus-expected and hypergeometric variance (spec §1.2; no correction). */
export function petoComponents(t: TwoByTwo): { oMinusE: number; v: number } {
  const n1 = t.a + t.b;
  const n2 = t.c + t.d;
  const n = n1 + n2;
  const events = t.a + t.c;
  const nonEvents = t.b + t.d;
  const expected = (n1 * events) / n;
  const v = (n1 * n2 * events * nonEvents) / (n * n * (n - 1));
  return { oMinusE: t.a - expected, v };
}

/** `correction`: RevMan's 0.5 to zero-cell studies unless another is chosen (issue 17). */
export function dichotomousStudyEffect(
  row: DichotomousRow,
  measure: DichotomousMeasure,
  correction: ContinuityCorrection = REVMAN_CONTINUITY_CORRECTION,
): StudyEffect {
  const raw = toTwoByTwo(row);
  if (row.total1 <= 0 || row.total2 <= 0) return { estimable: false, reason: 'an arm has no participants' };
  if (measure !== 'RD' && isDoubleZeroOrDoubleFull(raw)) {
    return {
      estimable: false,
      reason: raw.a === 0 ? 'no events in either arm' : 'all participants had the event in both arms',
    };
  }
  switch (measure) {
    case 'OR': {
      const cells = correctedCells(raw, correction);
      if (!cells) return { estimable: false, reason: 'a zero cell and no continuity correction' };
      const { a, b, c, d } = cells;
      return { estimable: true, y: Math.log((a * d) / (b * c)), se: Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d) };
    }
    case 'RR': {
      const cells = correctedCells(raw, correction);
      if (!cells) return { estimable: false, reason: 'a zero cell and no continuity correction' };
      const { a, b, c, d } = cells;
      const n1 = a + b;
      const n2 = c + d;
      return {
        estimable: true,
        y: Math.log(a / n1 / (c / n2)),
        se: Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2),
      };
    }
    case 'RD': {
      // Point estimate from the raw proportions; SE from the corrected cells (spec §1.1).
      const y = row.events1 / row.total1 - row.events2 / row.total2;
      const { a, b, c, d } = correctedCells(raw, correction) ?? raw;
      const n1 = a + b;
      const n2 = c + d;
      const se = Math.sqrt((a * b) / (n1 * n1 * n1) + (c * d) / (n2 * n2 * n2));
      if (!(se > 0)) return { estimable: false, reason: 'zero variance: no events (or only events) in both arms and no continuity correction' };
      return { estimable: true, y, se };
    }
    case 'PETO_OR': {
      const peto = petoComponents(raw);
      if (!(peto.v > 0)) return { estimable: false, reason: 'zero hypergeometric variance' };
      return { estimable: true, y: peto.oMinusE / peto.v, se: 1 / Math.sqrt(peto.v), peto };
    }
  }
}
