import { describe, expect, it } from 'vitest';
import {
  hypergeometricCdf,
  hypergeometricPValue,
  methodsText,
  stoppingPoint,
  stoppingState,
} from '../../../shared/src/screening/stopping-rules.ts';

const zeros = (n: number): (0 | 1)[] => new Array<0 | 1>(n).fill(0);
const withRelevant = (n: number, positions: number[]): (0 | 1)[] => {
  const f = zeros(n);
  for (const p of positions) f[p - 1] = 1;
  return f;
};

describe('hypergeometric CDF', () => {
  // Reference values from R 4: phyper(k, K, N − K, n).
  it.each([
    [2, 100, 10, 20, 0.681220063817689],
    [0, 50, 5, 10, 0.310562782004569],
    [3, 200, 30, 40, 0.103354127734979],
  ])('P(X ≤ %i | N=%i, K=%i, n=%i) matches R', (k, population, successes, draws, expected) => {
    expect(hypergeometricCdf(k, population, successes, draws)).toBeCloseTo(expected, 12);
  });

  it('is 0 below the support and 1 at its top', () => {
    expect(hypergeometricCdf(0, 10, 8, 5)).toBe(0); // at least 3 of 5 draws must succeed
    expect(hypergeometricCdf(5, 10, 8, 5)).toBe(1);
  });
});

describe('Callaghan–Müller-Hansen stopping test', () => {
  // 300 screened, includes at 1, 6, …, 46 (10 in all); reference p-values from the
  // paper's formula evaluated in R with phyper.
  const found = withRelevant(300, [1, 6, 11, 16, 21, 26, 31, 36, 41, 46]);

  it.each([
    [350, 0.95, 0.164473684210526],
    [320, 0.95, 0.072992700729927],
    [310, 0.8, 3.95796117503951e-5],
  ])('with %i records in all and recall target %f the p-value matches R', (total, recall, expected) => {
    expect(hypergeometricPValue(found, total, recall)).toBeCloseTo(expected, 12);
  });

  it('includes spread to the end give no evidence', () => {
    const spread = withRelevant(300, [1, 6, 11, 16, 21, 26, 31, 36, 41, 46, 100, 150]);
    // 10 then 2 more later: R gives 0.4 with 400 records in all.
    expect(hypergeometricPValue(spread, 400, 0.95)).toBeCloseTo(0.4, 12);
  });

  it('stops at 95% confidence only when the p-value is below 0.05', () => {
    const rule = { kind: 'hypergeometric', recall: 0.8, confidence: 0.95 } as const;
    expect(stoppingState(rule, found, 310)).toEqual({ stop: true, statistic: hypergeometricPValue(found, 310, 0.8) });
    expect(stoppingState({ ...rule, recall: 0.95 }, found, 350).stop).toBe(false);
  });

  it('stops at the latest when every record is screened, with full recall', () => {
    const point = stoppingPoint({ kind: 'hypergeometric', recall: 0.95, confidence: 0.95 }, withRelevant(50, [1, 2, 3]));
    expect(point.screened).not.toBeNull();
    expect(point.recall).toBe(100);
  });
});

describe('buffer rule', () => {
  it('counts irrelevant records since the last relevant one', () => {
    const f = withRelevant(30, [2, 10]);
    expect(stoppingState({ kind: 'buffer', buffer: 20 }, f, 100)).toEqual({ stop: true, statistic: 20 });
    expect(stoppingState({ kind: 'buffer', buffer: 21 }, f, 100)).toEqual({ stop: false, statistic: 20 });
  });

  it('reports where it first stops and the recall then', () => {
    // Includes at 1, 3 and 20: a buffer of 10 stops at record 13, having found 2 of 3.
    const point = stoppingPoint({ kind: 'buffer', buffer: 10 }, withRelevant(40, [1, 3, 20]));
    expect(point.screened).toBe(13);
    expect(point.recall).toBeCloseTo(200 / 3, 12);
    expect(stoppingPoint({ kind: 'buffer', buffer: 50 }, withRelevant(40, [1, 3, 20]))).toEqual({ screened: null, recall: 100 });
  });

  it('refuses a meaningless rule', () => {
    expect(() => stoppingState({ kind: 'buffer', buffer: 0 }, [1], 10)).toThrow(/at least 1/);
    expect(() => methodsText({ kind: 'hypergeometric', recall: 1, confidence: 0.95 })).toThrow(/recall target/);
  });
});

describe('methods text', () => {
  it('states each rule in one sentence', () => {
    expect(methodsText({ kind: 'buffer', buffer: 100 })).toBe(
      'Records were screened in order of predicted relevance, and screening stopped after 100 consecutive records were judged irrelevant.',
    );
    expect(methodsText({ kind: 'hypergeometric', recall: 0.95, confidence: 0.95 })).toMatch(
      /hypergeometric test of Callaghan and Müller-Hansen \(2020\) rejected, at the 95% confidence level, the hypothesis that recall was below 95%\.$/,
    );
  });
});
