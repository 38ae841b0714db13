import { describe, expect, it } from 'vitest';
import {
  decisionPair,
  finalDecision,
  goesToFullText,
  isConflict,
  mayShowOthers,
  screeningAgreement,
  type ReviewerDecision,
} from '../../../../shared/src/screening/workflow/index.ts';
import type { ScreeningDecision } from '../../../../shared/src/api/contract-screening.ts';

// Blinding, conflicts, the final decision and agreement per stage.

const d = (reviewerId: string, decision: ScreeningDecision, decidedAt: string, reasonId: string | null = null): ReviewerDecision => ({
  reviewerId,
  decision,
  decidedAt,
  reasonId,
});

describe('blinding', () => {
  it('shows nothing of another reviewer until every reviewer the record needs has decided', () => {
    expect(mayShowOthers(2, [d('A', 'include', 't1')])).toBe(false);
    expect(mayShowOthers(2, [d('A', 'include', 't1'), d('B', 'exclude', 't2')])).toBe(true);
    // One reviewer deciding twice is still one reviewer.
    expect(mayShowOthers(2, [d('A', 'include', 't1'), d('A', 'exclude', 't2')])).toBe(false);
    expect(mayShowOthers(1, [d('A', 'include', 't1')])).toBe(true);
  });
});

describe('conflicts and the final decision', () => {
  it('a single screener’s decision is final', () => {
    expect(finalDecision(1, [d('A', 'exclude', 't1')], null)).toEqual({ decision: 'exclude', source: 'single' });
  });

  it('a dual-screened record waits for the second reviewer', () => {
    expect(finalDecision(2, [d('A', 'include', 't1')], null)).toBeNull();
  });

  it('agreement is final; disagreement is a conflict until resolved, and the resolution stands', () => {
    expect(finalDecision(2, [d('A', 'include', 't1'), d('B', 'include', 't2')], null)).toEqual({ decision: 'include', source: 'agreed' });
    const split = [d('A', 'include', 't1'), d('B', 'maybe', 't2')];
    expect(isConflict(split)).toBe(true);
    expect(finalDecision(2, split, null)).toBeNull();
    expect(finalDecision(2, split, 'exclude')).toEqual({ decision: 'exclude', source: 'resolution' });
  });

  it('two full-text exclusions for different reasons disagree', () => {
    expect(isConflict([d('A', 'exclude', 't1', 'population'), d('B', 'exclude', 't2', 'design')])).toBe(true);
    expect(isConflict([d('A', 'exclude', 't1', 'design'), d('B', 'exclude', 't2', 'design')])).toBe(false);
  });

  it('a record goes on to full text when included or left uncertain, never when excluded or undecided', () => {
    expect(goesToFullText({ decision: 'include', source: 'single' })).toBe(true);
    expect(goesToFullText({ decision: 'maybe', source: 'agreed' })).toBe(true);
    expect(goesToFullText({ decision: 'exclude', source: 'resolution' })).toBe(false);
    expect(goesToFullText(null)).toBe(false);
  });
});

describe('agreement per stage', () => {
  it('pairs the first two reviewers’ decisions of each record, in the order made', () => {
    expect(decisionPair([d('B', 'exclude', 't2'), d('A', 'include', 't1'), d('C', 'maybe', 't3')])).toEqual(['include', 'exclude']);
    expect(decisionPair([d('A', 'include', 't1')])).toBeNull();
  });

  it('gives the published worked 2×2 example’s κ and 95% CI (statpsych ci.kappa: 0.6756757, 0.5317210 to 0.8196303)', () => {
    // Bonett's example (Fleiss, Levin & Paik 2003, ch. 18 SE): 31 both include, 12 A include/B
    // exclude, 4 A exclude/B include, 58 both exclude.
    const cells: Array<[number, ScreeningDecision, ScreeningDecision]> = [
      [31, 'include', 'include'],
      [12, 'include', 'exclude'],
      [4, 'exclude', 'include'],
      [58, 'exclude', 'exclude'],
    ];
    const records = cells.flatMap(([n, a, b]) => Array.from({ length: n }, () => [d('A', a, 't1'), d('B', b, 't2')]));
    // Single-screened records do not count.
    records.push([d('A', 'include', 't1')]);
    const agreement = screeningAgreement(records);
    expect(agreement.n).toBe(105);
    expect(agreement.kappa).toBeCloseTo(0.6756757, 7);
    expect(agreement.kappaCi?.[0]).toBeCloseTo(0.531721, 7);
    expect(agreement.kappaCi?.[1]).toBeCloseTo(0.8196303, 7);
    expect(agreement.percentAgreement).toBeCloseTo((89 / 105) * 100, 10);
    expect(agreement.pabak).toBeCloseTo(2 * (89 / 105) - 1, 10);
  });

  it('gives 100% agreement and no κ when both reviewers excluded everything (the seed’s first 10%)', () => {
    const agreement = screeningAgreement(Array.from({ length: 20 }, () => [d('A', 'exclude', 't1'), d('B', 'exclude', 't2')]));
    expect(agreement.percentAgreement).toBe(100);
    expect(agreement.kappa).toBeNull();
    expect(agreement.kappaStatus).toBe('single-category');
    expect(agreement.pabak).toBe(1);
  });
});
