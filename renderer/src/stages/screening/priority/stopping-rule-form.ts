import type { StoppingRuleArg } from '@grove/shared';

// The stopping rule as the reviewer types it (percentages as typed, "95"), and the rule it
// stands for, checked here with the reason shown beside the field; the backend's schema
// checks the rule again before it is stored with the review's screening settings.

export interface StoppingRuleDraft {
  readonly kind: StoppingRuleArg['kind'];
  /** Consecutive excludes (buffer rule). */
  readonly buffer: string;
  /** Recall target and confidence level in percent (hypergeometric rule). */
  readonly recall: string;
  readonly confidence: string;
}

export type RuleProblems = Readonly<Partial<Record<'buffer' | 'recall' | 'confidence', string>>>;

const percentOf = (v: number) => String(+(v * 100).toFixed(4));

/** The draft of a stored rule; the other kind's fields keep the usual defaults, should the reviewer switch to it. */
export function ruleDraftOf(rule: StoppingRuleArg): StoppingRuleDraft {
  return rule.kind === 'buffer'
    ? { kind: 'buffer', buffer: String(rule.buffer), recall: '95', confidence: '95' }
    : { kind: 'hypergeometric', buffer: '100', recall: percentOf(rule.recall), confidence: percentOf(rule.confidence) };
}

function percentField(text: string): number | null {
  const v = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(v) && v > 0 && v < 100 ? v / 100 : null;
}

/** The rule the draft stands for, or what is wrong with it, field by field. */
export function ruleOf(d: StoppingRuleDraft): { ok: true; rule: StoppingRuleArg } | { ok: false; problems: RuleProblems } {
  if (d.kind === 'buffer') {
    const buffer = Number(d.buffer.trim());
    if (!/^\d+$/.test(d.buffer.trim()) || buffer < 1 || buffer > 1_000_000)
      return { ok: false, problems: { buffer: 'a whole number of records from 1 to 1,000,000' } };
    return { ok: true, rule: { kind: 'buffer', buffer } };
  }
  const recall = percentField(d.recall);
  const confidence = percentField(d.confidence);
  const problems: Partial<Record<'recall' | 'confidence', string>> = {};
  if (recall === null) problems.recall = 'a percentage more than 0 and less than 100';
  if (confidence === null) problems.confidence = 'a percentage more than 0 and less than 100';
  if (recall === null || confidence === null) return { ok: false, problems };
  return { ok: true, rule: { kind: 'hypergeometric', recall, confidence } };
}

export function sameRule(a: StoppingRuleArg, b: StoppingRuleArg): boolean {
  return a.kind === 'buffer'
    ? b.kind === 'buffer' && a.buffer === b.buffer
    : b.kind === 'hypergeometric' && a.recall === b.recall && a.confidence === b.confidence;
}
