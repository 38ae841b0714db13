import { describe, expect, it } from 'vitest';
import {
  absoluteEffect,
  certaintyDisplay,
  certaintyFootnotes,
  computedCertainty,
  continuousDifference,
  emptyGradeAssessment,
  finalCertainty,
  gradeAssessmentSchema,
  informativeStatement,
} from '../../../shared/src/grade/index.ts';

// Golden cases from grade-sof.md §2.2 (Cochrane Handbook v5.1 §12.5.4 and hand checks).

describe('absolute effects', () => {
  it.each([
    ['RR', 0.3, { estimate: 0.92, lower: 0.92, upper: 0.92 }, '276 per 1,000', '24 fewer', 42],
    ['OR', 0.3, { estimate: 0.73, lower: 0.73, upper: 0.73 }, '238 per 1,000', '62 fewer', 17],
  ] as const)('%s with ACR %s', (measure, p0, effect, risk, diff, nnt) => {
    const a = absoluteEffect(measure, p0, effect);
    expect(a.intervention.startsWith(risk)).toBe(true);
    expect(a.difference.startsWith(`${diff} per 1,000`)).toBe(true);
    expect(a.nnt).toEqual({ value: nnt, kind: 'NNTB' });
  });

  it.each([
    ['RR', { estimate: 0.75, lower: 0.6, upper: 0.94 }, '150 per 1,000 (120 to 188)', '50 fewer per 1,000 (from 80 fewer to 12 fewer)'],
    ['OR', { estimate: 0.7, lower: 0.5, upper: 0.98 }, '149 per 1,000 (111 to 197)', '51 fewer per 1,000 (from 89 fewer to 3 fewer)'],
    ['HR', { estimate: 0.8, lower: 0.65, upper: 0.98 }, '163 per 1,000 (135 to 196)', '37 fewer per 1,000 (from 65 fewer to 4 fewer)'],
  ] as const)('%s with its CI at ACR 200 per 1,000', (measure, effect, intervention, difference) => {
    const a = absoluteEffect(measure, 0.2, effect);
    expect(a.comparator).toBe('200 per 1,000');
    expect(a.intervention).toBe(intervention);
    expect(a.difference).toBe(difference);
  });

  it('words a continuous difference with a direction on every number', () => {
    expect(continuousDifference('MD', -0.18, -0.37, 0.01)).toBe('MD 0.18 lower (0.37 lower to 0.01 higher)');
    expect(continuousDifference('SMD', 0.18, 0.07, 0.29)).toBe('SMD 0.18 SD higher (0.07 SD higher to 0.29 SD higher)');
  });
});

describe('certainty', () => {
  it('starts high for trials, rates down and up, clamps, and honours an override with a reason', () => {
    const a = emptyGradeAssessment();
    expect(computedCertainty(a)).toBe('high');
    a.down.riskOfBias = { levels: 1, reason: 'Trials with 60% of the weight did not conceal allocation' };
    a.down.imprecision = { levels: 1, reason: 'The CI includes no effect' };
    expect(computedCertainty(a)).toBe('low');
    expect(certaintyDisplay('low')).toBe('⨁⨁◯◯ LOW');
    expect(certaintyDisplay('moderate', 'cochrane')).toBe('⊕⊕⊕⊝ MODERATE');
    a.down.inconsistency = { levels: 2, reason: 'I² = 85%, unexplained' };
    expect(computedCertainty(a)).toBe('very-low');
    a.override = { level: 'low', reason: 'Imprecision and inconsistency overlap' };
    expect(finalCertainty(a)).toBe('low');
    expect(certaintyFootnotes(a)).toEqual([
      'Downgraded one level for risk of bias: Trials with 60% of the weight did not conceal allocation.',
      'Downgraded two levels for inconsistency: I² = 85%, unexplained.',
      'Downgraded one level for imprecision: The CI includes no effect.',
      'Certainty judged low rather than the computed very low: Imprecision and inconsistency overlap.',
    ]);
    const nonRandomised = { ...emptyGradeAssessment('non-randomised'), up: { ...a.up, largeEffect: { levels: 2, reason: 'RR 0.15' } } };
    expect(computedCertainty(nonRandomised)).toBe('high');
  });

  it('requires a reason for every rating and respects the domain maxima', () => {
    const a = emptyGradeAssessment();
    a.down.publicationBias = { levels: 1, reason: '' };
    a.up.doseResponse = { levels: 2, reason: 'gradient' };
    const r = gradeAssessmentSchema.safeParse(a);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['down.publicationBias.reason', 'up.doseResponse.levels']);
  });
});

describe('informative statements', () => {
  it('uses the Handbook’s main forms', () => {
    expect(informativeStatement('high', 'large', 'reduction', 'peer support', 'readmissions')).toBe(
      'Peer support results in a large reduction in readmissions.',
    );
    expect(informativeStatement('moderate', 'small', 'increase', 'peer support', 'recovery')).toBe(
      'Peer support probably increases recovery slightly.',
    );
    expect(informativeStatement('low', 'trivial', 'increase', 'peer support', 'hope')).toBe(
      'Peer support may result in little to no difference in hope.',
    );
    expect(informativeStatement('very-low', 'large', 'reduction', 'peer support', 'admissions')).toBe(
      'The evidence is very uncertain about the effect of peer support on admissions.',
    );
  });
});
