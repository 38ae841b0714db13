import { describe, expect, it } from 'vitest';
import { countOf, countsInProse, NOUNS, nounFor, tooFewStudies } from '@grove/shared';
import { rob1JudgementOfKey } from '@grove/shared/rob/index';

describe('counts in running text (issue 12 item 9)', () => {
  it('says "no studies", "1 study", "2 studies", never "0 studies" or "1 studies"', () => {
    expect([0, 1, 2].map((n) => countOf(n, NOUNS.study))).toEqual(['no studies', '1 study', '2 studies']);
    expect(nounFor(1, NOUNS.report)).toBe('report');
    expect(nounFor(0, NOUNS.report)).toBe('reports');
  });

  it('lists only the non-zero counts as prose', () => {
    expect(
      countsInProse([
        [2, NOUNS.report],
        [0, NOUNS.result],
        [1, NOUNS.judgement],
      ]),
    ).toBe('2 reports and 1 judgement');
    expect(
      countsInProse([
        [3, NOUNS.report],
        [4, NOUNS.result],
        [7, NOUNS.judgement],
      ]),
    ).toBe('3 reports, 4 results and 7 judgements');
    expect(countsInProse([[0, NOUNS.report]])).toBe('');
  });
});

describe('RoB 1 judgement keys (issue 12 item 9)', () => {
  it('follow the order shown, Low, Unclear, High: 1, 2, 3 as L, U, H', () => {
    expect(['1', '2', '3', '4'].map(rob1JudgementOfKey)).toEqual(['low', 'unclear', 'high', null]);
    expect(['l', 'U', 'h', 'x'].map(rob1JudgementOfKey)).toEqual(['low', 'unclear', 'high', null]);
  });
});

describe('why an analysis is not possible (issue 12 item 9)', () => {
  it('says "no studies" for none and counts one study in the singular', () => {
    expect(tooFewStudies(0, 'at low risk of bias', 3)).toBe('no studies at low risk of bias (at least 3 needed)');
    expect(tooFewStudies(1, 'at low risk of bias', 3)).toBe('only 1 study at low risk of bias (at least 3 needed)');
    expect(tooFewStudies(2, 'in the analysis', 3)).toBe('only 2 studies in the analysis (at least 3 needed)');
  });
});
