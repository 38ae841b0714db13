import { describe, expect, it } from 'vitest';
import { priorityScreeningMethods, type PriorityMethodsInput } from '../../../shared/src/report/priority-screening-methods.ts';

// The methods paragraph of priority screening: the model, its retraining, that nothing was
// hidden, the stopping rule with its parameters, and whether the rule is met.

const base: PriorityMethodsInput = {
  rule: { kind: 'hypergeometric', recall: 0.95, confidence: 0.99 },
  retrainEvery: 3,
  records: 2000,
  screened: 420,
  includes: 37,
  stop: false,
};

describe('priority screening methods text', () => {
  it('names the model, what it learns from, how often it retrains, and that no record was hidden', () => {
    const text = priorityScreeningMethods(base);
    expect(text).toMatch(/^Titles and abstracts were screened in order of predicted relevance/);
    expect(text).toMatch(/trained on the review’s own final screening decisions/);
    expect(text).toMatch(/TF-IDF features of words and word pairs with a linear support vector machine/);
    expect(text).toMatch(/retrained after every 3 new final decisions\./);
    expect(text).toMatch(/No record was hidden from screening/);
    expect(priorityScreeningMethods({ ...base, retrainEvery: 1 })).toMatch(/retrained after every new final decision\./);
  });

  it('states the hypergeometric rule with its recall target and confidence level, and that it is not yet met', () => {
    const text = priorityScreeningMethods(base);
    expect(text).toContain(
      'the hypergeometric test of Callaghan and Müller-Hansen (2020): screening could stop once the test rejected, at the 99% confidence level, the hypothesis that recall was below 95%',
    );
    expect(text).toMatch(
      /When this was written, 420 of 2,000 records had been screened \(37 were included or marked maybe\) and the stopping rule had not been met\.$/,
    );
  });

  it('states the buffer rule with its size, and that it is met', () => {
    const text = priorityScreeningMethods({ ...base, rule: { kind: 'buffer', buffer: 150 }, stop: true, includes: 1 });
    expect(text).toContain('The stopping rule was a buffer of 150 consecutive records judged irrelevant');
    expect(text).not.toMatch(/Callaghan/);
    expect(text).toMatch(/\(1 was included or marked maybe\) and the stopping rule was met\.$/);
  });

  it('says when nothing or everything has been screened', () => {
    expect(priorityScreeningMethods({ ...base, screened: 0, includes: 0 })).toMatch(
      /No records had been screened yet \(2,000 records\)\.$/,
    );
    expect(priorityScreeningMethods({ ...base, screened: 2000, includes: 40 })).toMatch(
      /All 2,000 records were screened \(40 were included or marked maybe\), and at the end the stopping rule had not been met\.$/,
    );
  });
});
