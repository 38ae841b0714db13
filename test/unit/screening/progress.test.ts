import { describe, expect, it } from 'vitest';
import {
  clopperPearsonUpper,
  estimateRemaining,
  includesCurve,
  progressSummary,
  stoppingWords,
} from '../../../shared/src/screening/progress.ts';
import { stoppingState } from '../../../shared/src/screening/stopping-rules.ts';

const found = (pattern: string): (0 | 1)[] => [...pattern].map((c) => (c === '1' ? 1 : 0));

describe('includes-found curve', () => {
  it('has a point where each include was found and both ends', () => {
    expect(includesCurve(found('0110000'))).toEqual([
      { screened: 0, includes: 0 },
      { screened: 2, includes: 1 },
      { screened: 3, includes: 2 },
      { screened: 7, includes: 2 },
    ]);
  });

  it('ends on the last include when that is the last record screened, and is one point before any decision', () => {
    expect(includesCurve(found('01'))).toEqual([
      { screened: 0, includes: 0 },
      { screened: 2, includes: 1 },
    ]);
    expect(includesCurve([])).toEqual([{ screened: 0, includes: 0 }]);
  });
});

describe('Clopper–Pearson upper limit', () => {
  // Reference values from R 4: qbeta(0.95, k + 1, n − k).
  it.each([
    [5, 100, 0.102253377643274],
    [0, 100, 0.0295130496070399],
    [20, 200, 0.141989251590945],
  ])('%i of %i', (k, n, expected) => {
    expect(clopperPearsonUpper(k, n, 0.95)).toBeCloseTo(expected, 10);
  });

  it('is 1 when every trial succeeded and refuses a count that is not one', () => {
    expect(clopperPearsonUpper(7, 7, 0.95)).toBe(1);
    expect(() => clopperPearsonUpper(8, 7, 0.95)).toThrow(/8 successes in 7 trials/);
  });
});

describe('includes remaining', () => {
  it('scales the rate among the last 100 decisions to the records left, with its upper limit', () => {
    // 300 screened of 1,300: the last 100 hold 5 includes.
    const f = found(`${'1'.repeat(20)}${'0'.repeat(180)}${'00001'.repeat(5)}${'0'.repeat(75)}`);
    const e = estimateRemaining(f, 1300);
    expect(e).toMatchObject({ window: 100, windowIncludes: 5, unscreened: 1000, expected: 50 });
    expect(e.upper).toBeCloseTo(1000 * 0.102253377643274, 6);
  });

  it('before any decision knows nothing: every record could be an include', () => {
    expect(estimateRemaining([], 40)).toEqual({ window: 0, windowIncludes: 0, unscreened: 40, expected: null, upper: 40 });
  });

  it('reads a short history whole', () => {
    expect(estimateRemaining(found('1000'), 10)).toMatchObject({ window: 4, windowIncludes: 1, unscreened: 6, expected: 1.5 });
  });
});

describe('stopping state in words', () => {
  it('counts the buffer of consecutive excludes, then says the rule is met without hiding anything', () => {
    const rule = { kind: 'buffer', buffer: 5 } as const;
    const f = found('1000');
    expect(stoppingWords(rule, stoppingState(rule, f, 20), f.length, 20)).toBe(
      '3 consecutive excludes of the 5 that end screening: keep screening.',
    );
    const g = found('100000');
    expect(stoppingWords(rule, stoppingState(rule, g, 20), g.length, 20)).toMatch(
      /^The stopping rule is met: the last 5 records were all excluded .* The other records stay available for screening\.$/,
    );
  });

  it('gives the hypergeometric test’s p-value', () => {
    const rule = { kind: 'hypergeometric', recall: 0.95, confidence: 0.95 } as const;
    const early = found('1100');
    const s = progressSummary(early, 1000, rule);
    expect(s.stopping.stop).toBe(false);
    expect(s.stoppingWords).toMatch(
      /^Recall below 95% cannot yet be ruled out at the 95% confidence level \(Callaghan–Müller-Hansen test, p = 0\.998\): keep screening\.$/,
    );
    // 50 includes early, then 900 excludes of 1,000 records: recall below 95% is rejected.
    const late = found(`${'1'.repeat(50)}${'0'.repeat(900)}`);
    const t = progressSummary(late, 1000, rule);
    expect(t.stopping.stop).toBe(true);
    expect(t.stoppingWords).toMatch(/^The stopping rule is met: the Callaghan–Müller-Hansen test rejects recall below 95% \(p (<|=) /);
  });

  it('says when nothing or everything has been screened', () => {
    const rule = { kind: 'buffer', buffer: 5 } as const;
    expect(progressSummary([], 3, rule).stoppingWords).toBe('No records screened yet.');
    expect(progressSummary(found('100'), 3, rule).stoppingWords).toBe('Every record has been screened.');
  });
});
