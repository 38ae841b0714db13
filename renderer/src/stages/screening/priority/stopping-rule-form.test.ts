import { describe, expect, it } from 'vitest';
import { ruleDraftOf, ruleOf, sameRule } from './stopping-rule-form.ts';

describe('the stopping rule form', () => {
  it('gives back the stored rule unchanged (percent as typed, fraction as stored)', () => {
    for (const rule of [
      { kind: 'buffer', buffer: 150 },
      { kind: 'hypergeometric', recall: 0.95, confidence: 0.99 },
      { kind: 'hypergeometric', recall: 0.875, confidence: 0.9 },
    ] as const)
      expect(ruleOf(ruleDraftOf(rule))).toEqual({ ok: true, rule });
    expect(ruleDraftOf({ kind: 'hypergeometric', recall: 0.875, confidence: 0.9 })).toMatchObject({ recall: '87.5', confidence: '90' });
  });

  it('names the field that is wrong', () => {
    const draft = ruleDraftOf({ kind: 'hypergeometric', recall: 0.95, confidence: 0.95 });
    expect(ruleOf({ ...draft, recall: '100' })).toEqual({ ok: false, problems: { recall: 'a percentage more than 0 and less than 100' } });
    expect(ruleOf({ ...draft, confidence: '' })).toEqual({
      ok: false,
      problems: { confidence: 'a percentage more than 0 and less than 100' },
    });
    expect(ruleOf({ ...draft, kind: 'buffer', buffer: '2.5' })).toEqual({
      ok: false,
      problems: { buffer: 'a whole number of records from 1 to 1,000,000' },
    });
    expect(ruleOf({ ...draft, kind: 'buffer', buffer: '0' })).toMatchObject({ ok: false });
    expect(ruleOf({ ...draft, recall: '97,5' })).toEqual({ ok: true, rule: { kind: 'hypergeometric', recall: 0.975, confidence: 0.95 } });
  });

  it('tells a changed rule from the stored one', () => {
    expect(sameRule({ kind: 'buffer', buffer: 100 }, { kind: 'buffer', buffer: 100 })).toBe(true);
    expect(sameRule({ kind: 'buffer', buffer: 100 }, { kind: 'buffer', buffer: 50 })).toBe(false);
    expect(sameRule({ kind: 'buffer', buffer: 100 }, { kind: 'hypergeometric', recall: 0.95, confidence: 0.95 })).toBe(false);
  });
});
