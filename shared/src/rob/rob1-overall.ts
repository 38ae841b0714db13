import * as z from 'zod';
import { rob1JudgementSchema, type Rob1Judgement } from './judgements.ts';
import { ROB1_DOMAIN_IDS, rob1DomainIdSchema, type Rob1DomainId } from './rob1-domains.ts';
import type { Rob1Assessment } from './rob1-assessment.ts';
import { rob1JudgementsForOutcomeGroup, rob1StudyLevelJudgements, type Rob1DomainJudgements } from './rob1-outcome-groups.ts';

// Overall risk of bias per study under RoB 1. RoB 1 itself has no mandatory overall
// judgement; Handbook 5.1 Table 8.7.a summarises by "key domains" chosen by the review
// (reference §B.1). The rule is therefore configuration stored with the review:
//
//   1. high    if any key domain is high;
//   2. unclear if any key domain is unclear;
//   3. low     if every domain (key or not) is low;
//   4. otherwise (key domains all low, some other domain unclear/high) the review's fallback.
//
// Not-judged domains (null). A study is decided as soon as the judgements present decide it,
// whatever the missing ones turn out to be; it is 'pending' only when the missing ones could
// still change the answer. So a key domain at high decides "high" even with other domains
// missing; a missing key domain otherwise leaves it pending (it could be high); with all key
// domains low a missing non-key domain leaves it pending (low or fallback) unless another
// non-key domain is already not low (then the fallback is certain) or the fallback is itself
// low. This is what reproduces the seed review, where "other bias" is not stated for six
// studies and the paper still calls them unclear/high (their key domains decide).

/** The seed review's key domains (its protocol chose them; no other review inherits them). */
export const SEED_ROB1_KEY_DOMAINS: readonly Rob1DomainId[] = [
  'sequenceGeneration',
  'allocationConcealment',
  'incompleteOutcomeData',
  'selectiveReporting',
];

export const rob1OverallRuleSchema = z.object({
  /** The domains that decide high/unclear. Order is irrelevant; duplicates are refused. */
  keyDomains: z.array(rob1DomainIdSchema).refine((ds) => new Set(ds).size === ds.length, { message: 'a key domain is listed twice' }),
  /** The judgement when every key domain is low but some other domain is not low. */
  fallback: rob1JudgementSchema,
});
export type Rob1OverallRule = z.infer<typeof rob1OverallRuleSchema>;

/** The seed review's rule: the four key domains above, fallback unclear. Only the seed example uses it. */
export const SEED_ROB1_OVERALL_RULE: Readonly<Rob1OverallRule> = Object.freeze({
  keyDomains: [...SEED_ROB1_KEY_DOMAINS],
  fallback: 'unclear',
});

/**
 * The rule of a review that has not chosen key domains: Handbook 5.1 Table 8.7.a with no
 * domain set aside, i.e. every domain is key, so the study is high if any domain is high,
 * unclear if any is unclear and low only if all are low. Choosing key domains is the
 * review's decision (a protocol matter), so until it is made no domain may be ignored.
 * The fallback never applies (there are no non-key domains); unclear is the safe value
 * should the review later remove a domain from the key set.
 */
export const DEFAULT_ROB1_OVERALL_RULE: Readonly<Rob1OverallRule> = Object.freeze({
  keyDomains: [...ROB1_DOMAIN_IDS],
  fallback: 'unclear',
});

export type Rob1OverallJudgement = Rob1Judgement | 'pending';

/** The overall judgement with the domains that produced it (for tooltips and methods text). */
export type Rob1OverallResult =
  /** `domains`: the key domains judged high. */
  | { judgement: 'high'; reason: 'key-domain-high'; domains: Rob1DomainId[] }
  /** `domains`: the key domains judged unclear. */
  | { judgement: 'unclear'; reason: 'key-domain-unclear'; domains: Rob1DomainId[] }
  | { judgement: 'low'; reason: 'all-domains-low'; domains: [] }
  /** Key domains all low; `domains`: the other domains that are not low (or not judged, when the fallback is low). */
  | { judgement: Rob1Judgement; reason: 'fallback'; domains: Rob1DomainId[] }
  /** `domains`: the not-judged domains that could still change the answer. */
  | { judgement: 'pending'; reason: 'not-judged'; domains: Rob1DomainId[] };

/** Apply the rule to one judgement per domain (null = not judged). */
export function rob1OverallJudgement(
  judgements: Rob1DomainJudgements,
  rule: Rob1OverallRule = DEFAULT_ROB1_OVERALL_RULE,
): Rob1OverallResult {
  const isKey = (d: Rob1DomainId) => rule.keyDomains.includes(d);
  const key = ROB1_DOMAIN_IDS.filter(isKey);
  const others = ROB1_DOMAIN_IDS.filter((d) => !isKey(d));
  const where = (ds: readonly Rob1DomainId[], p: (j: Rob1Judgement | null) => boolean) => ds.filter((d) => p(judgements[d]));

  const keyHigh = where(key, (j) => j === 'high');
  if (keyHigh.length > 0) return { judgement: 'high', reason: 'key-domain-high', domains: keyHigh };
  // A missing key domain could still be high (or unclear), so nothing below is certain.
  const keyMissing = where(key, (j) => j === null);
  if (keyMissing.length > 0) return { judgement: 'pending', reason: 'not-judged', domains: keyMissing };
  const keyUnclear = where(key, (j) => j === 'unclear');
  if (keyUnclear.length > 0) return { judgement: 'unclear', reason: 'key-domain-unclear', domains: keyUnclear };

  const othersNotLow = where(others, (j) => j === 'unclear' || j === 'high');
  if (othersNotLow.length > 0) return { judgement: rule.fallback, reason: 'fallback', domains: othersNotLow };
  const othersMissing = where(others, (j) => j === null);
  if (othersMissing.length > 0) {
    // Low if they all turn out low, the fallback otherwise: certain only if those agree.
    if (rule.fallback === 'low') return { judgement: 'low', reason: 'fallback', domains: othersMissing };
    return { judgement: 'pending', reason: 'not-judged', domains: othersMissing };
  }
  return { judgement: 'low', reason: 'all-domains-low', domains: [] };
}

/** A study's overall judgement; grouped domains count as their worst outcome group. */
export function rob1StudyOverall(assessment: Rob1Assessment, rule: Rob1OverallRule = DEFAULT_ROB1_OVERALL_RULE): Rob1OverallResult {
  return rob1OverallJudgement(rob1StudyLevelJudgements(assessment), rule);
}

/** The overall judgement for the outcomes of one outcome group (Handbook 5.1 Table 8.7.a is per outcome). */
export function rob1OutcomeGroupOverall(
  assessment: Rob1Assessment,
  outcomeGroup: string,
  rule: Rob1OverallRule = DEFAULT_ROB1_OVERALL_RULE,
): Rob1OverallResult {
  return rob1OverallJudgement(rob1JudgementsForOutcomeGroup(assessment, outcomeGroup), rule);
}
