// Cohen's κ with its 95% CI (large-sample SE of Fleiss, Cohen & Everitt 1969) and PABAK,
// against a published worked 2×2 example and against base R (fixtures/kappa-reference.R →
// kappa-reference.json; the R script computes the published formulas, tests never need R).
import { describe, expect, it } from 'vitest';
import { agreement, agreementSentence, kappaStandardError, pabak } from '../../shared/src/agreement/index.ts';
import ref from './fixtures/kappa-reference.json' with { type: 'json' };

const REL = 1e-12;
const rel = (got: number, want: number) => (got === want ? 0 : Math.abs(got - want) / Math.max(Math.abs(want), 1e-300));

/** Expands a table of counts into item pairs (row category, column category). */
function pairsOf(table: readonly (readonly number[])[]): Array<readonly [string, string]> {
  return table.flatMap((row, i) => row.flatMap((count, j) => Array.from({ length: count }, () => [`c${i}`, `c${j}`] as const)));
}
const categoriesOf = (k: number) => Array.from({ length: k }, (_, i) => `c${i}`);

describe('Cohen’s κ, published worked 2×2 example', () => {
  // Bonett DG, statpsych (CRAN) ci.kappa(.05, f00 = 31, f01 = 12, f10 = 4, f11 = 58), whose
  // documentation gives the expected output, computed with the large-sample variance in
  // Fleiss JL, Levin B, Paik MC, Statistical Methods for Rates and Proportions, 3rd ed.
  // (Wiley 2003), ch. 18 (Fleiss, Cohen & Everitt 1969): Cohen kappa 0.6756757,
  // SE 0.07344761, 95% CI 0.5317210 to 0.8196303.
  const a = agreement(
    pairsOf([
      [31, 12],
      [4, 58],
    ]),
    categoriesOf(2),
  );

  it('gives κ, its SE and its 95% CI as published (7 decimals)', () => {
    expect(a.n).toBe(105);
    expect(a.kappa).toBeCloseTo(0.6756757, 7);
    expect(a.kappaSe).toBeCloseTo(0.07344761, 8);
    expect(a.kappaCi?.[0]).toBeCloseTo(0.531721, 7);
    expect(a.kappaCi?.[1]).toBeCloseTo(0.8196303, 7);
  });

  it('gives percent agreement and PABAK = 2·po − 1', () => {
    expect(a.percentAgreement).toBeCloseTo((89 / 105) * 100, 12);
    expect(a.pabak).toBeCloseTo(2 * (89 / 105) - 1, 12);
  });
});

describe('κ, SE, CI and PABAK against base R', () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const a = agreement(pairsOf(c.table), categoriesOf(c.table.length));
      expect(a.n).toBe(c.n);
      const failures: string[] = [];
      const check = (what: string, got: number | null | undefined, want: number) => {
        if (got === null || got === undefined) failures.push(`${what}: missing (R ${want})`);
        else if (rel(got, want) > REL) failures.push(`${what}: got ${got}, R ${want}`);
      };
      check('po', a.percentAgreement === null ? null : a.percentAgreement / 100, c.po);
      check('pe', a.expectedAgreement, c.pe);
      check('kappa', a.kappa, c.kappa);
      check('se', a.kappaSe, c.se);
      check('se (table)', kappaStandardError(c.table), c.se);
      check('ci lower', a.kappaCi?.[0], c.ci_lb);
      check('ci upper', a.kappaCi?.[1], c.ci_ub);
      check('pabak', a.pabak, c.pabak);
      expect(failures).toEqual([]);
    });
  }
});

describe('edge cases', () => {
  it('perfect agreement over two categories: κ = 1, SE 0, CI [1, 1], PABAK 1', () => {
    const a = agreement(
      pairsOf([
        [3, 0],
        [0, 7],
      ]),
      categoriesOf(2),
    );
    expect(a.kappa).toBe(1);
    expect(a.kappaSe).toBe(0);
    expect(a.kappaCi).toEqual([1, 1]);
    expect(a.pabak).toBe(1);
  });

  it('every item in one category: κ, SE and CI undefined, but PABAK = 1 when two categories were possible', () => {
    // The seed's title/abstract pilot: 100% agreement, and if every record had been excluded
    // κ would be 0/0; PABAK still reports the agreement.
    const a = agreement(
      pairsOf([
        [0, 0],
        [0, 40],
      ]),
      categoriesOf(2),
    );
    expect(a.kappaStatus).toBe('single-category');
    expect(a.kappa).toBeNull();
    expect(a.kappaSe).toBeNull();
    expect(a.kappaCi).toBeNull();
    expect(a.pabak).toBe(1);
    expect(a.percentAgreement).toBe(100);
  });

  it('one category seen and none given: PABAK is undefined too', () => {
    const a = agreement([['low', 'low'] as const, ['low', 'low'] as const]);
    expect(a.kappaStatus).toBe('single-category');
    expect(a.pabak).toBeNull();
  });

  it('no items judged by both: everything null', () => {
    const a = agreement([['low', null] as const, [null, 'high'] as const], ['low', 'high']);
    expect(a.n).toBe(0);
    expect(a.excluded).toBe(2);
    expect([a.kappa, a.kappaSe, a.kappaCi, a.pabak, a.percentAgreement]).toEqual([null, null, null, null, null]);
    expect(
      kappaStandardError([
        [0, 0],
        [0, 0],
      ]),
    ).toBeNull();
  });

  it('clips the interval to [−1, 1]: near-perfect agreement in a small sample', () => {
    // κ ≈ 0.72 with a wide SE: κ + 1.96·SE > 1 (R gives the same clipped bound).
    const a = agreement(
      pairsOf([
        [4, 1],
        [2, 393],
      ]),
      categoriesOf(2),
    );
    expect(a.kappa! + 1.959963984540054 * a.kappaSe!).toBeGreaterThan(1);
    expect(a.kappaCi?.[1]).toBe(1);
  });

  it('gives no interval when one reviewer used a single category (κ = 0, SE exactly 0)', () => {
    // First reviewer: every domain low; second: six low, one high.
    const a = agreement(
      pairsOf([
        [6, 0, 1],
        [0, 0, 0],
        [0, 0, 0],
      ]),
      categoriesOf(3),
    );
    expect(a.kappa).toBeCloseTo(0, 15);
    expect(a.kappaSe).toBe(0);
    expect(a.kappaCi).toBeNull();
    expect(agreementSentence(a, 'domain judgements')).toBe('85.7% agreement (6 of 7 domain judgements); Cohen’s κ = 0.00; PABAK = 0.79');
  });

  it('PABAK over k categories is (k·po − 1)/(k − 1)', () => {
    expect(pabak(0.7, 3)).toBeCloseTo((3 * 0.7 - 1) / 2, 15);
    expect(pabak(0.5, 2)).toBe(0);
    expect(pabak(1, 1)).toBeNull();
  });
});

describe('wording', () => {
  it('reports κ with its CI and PABAK, and κ’s absence in words', () => {
    const a = agreement(
      pairsOf([
        [31, 12],
        [4, 58],
      ]),
      categoriesOf(2),
    );
    expect(agreementSentence(a, 'records', 'record')).toBe(
      '84.8% agreement (89 of 105 records); Cohen’s κ = 0.68 (95% CI 0.53 to 0.82); PABAK = 0.70',
    );
    const one = agreement(
      pairsOf([
        [0, 0],
        [0, 40],
      ]),
      categoriesOf(2),
    );
    expect(agreementSentence(one, 'records')).toMatch(
      /^100\.0% agreement \(40 of 40 records\); Cohen’s κ is not reported: .*; PABAK = 1\.00\.$/,
    );
    expect(agreementSentence(agreement([], categoriesOf(2)), 'records')).toBe('No records judged by both reviewers yet.');
  });
});
