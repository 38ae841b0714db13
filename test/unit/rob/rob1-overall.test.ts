import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_ROB1_OVERALL_RULE,
  SEED_ROB1_OVERALL_RULE,
  ROB1_DOMAIN_IDS,
  ROB1_JUDGEMENTS,
  rob1OutcomeGroupOverall,
  rob1OverallJudgement,
  rob1OverallRuleSchema,
  rob1StudyOverall,
  type Rob1DomainId,
  type Rob1DomainJudgements,
  type Rob1Judgement,
  type Rob1OverallRule,
} from '../../../shared/src/rob/index.ts';
import { assessmentOf, SEED_STUDIES } from './seed-review-rob.ts';

const allLow = (): Rob1DomainJudgements => Object.fromEntries(ROB1_DOMAIN_IDS.map((d) => [d, 'low'])) as Rob1DomainJudgements;
const withJ = (over: Partial<Rob1DomainJudgements>): Rob1DomainJudgements => ({ ...allLow(), ...over });

describe('RoB 1 overall judgement: the seed review (acceptance)', () => {
  it('reproduces the paper: low for Ben-Zeev 2018 and Cook 2012a, high for Corrigan 2015 and Rüsch 2014, unclear for the other four', () => {
    const computed = Object.fromEntries(SEED_STUDIES.map((s) => [s.id, rob1StudyOverall(assessmentOf(s.rob), SEED_ROB1_OVERALL_RULE).judgement]));
    expect(computed).toEqual({
      'Ben-Zeev 2018': 'low',
      'Cook 2012a': 'low',
      'Cook 2012b': 'unclear',
      'Eisen 2012': 'unclear',
      'Kaplan 2011': 'unclear',
      'Corrigan 2015': 'high',
      'R\u00fcsch 2014': 'high',
      'Russinova 2014': 'unclear',
    });
    for (const s of SEED_STUDIES) expect(computed[s.id], s.id).toBe(s.overallInPaper);
  });

  it('decides the six studies with "other bias" not judged from their key domains', () => {
    const notStated = SEED_STUDIES.filter((s) => s.rob.otherBias === null);
    expect(notStated).toHaveLength(6);
    for (const s of notStated) expect(rob1StudyOverall(assessmentOf(s.rob), SEED_ROB1_OVERALL_RULE).judgement).not.toBe('pending');
  });

  it('explains each judgement with the domains that produced it', () => {
    const byId = (id: string) => rob1StudyOverall(assessmentOf(SEED_STUDIES.find((s) => s.id === id)!.rob), SEED_ROB1_OVERALL_RULE);
    expect(byId('Corrigan 2015')).toEqual({ judgement: 'high', reason: 'key-domain-high', domains: ['incompleteOutcomeData'] });
    expect(byId('R\u00fcsch 2014')).toEqual({ judgement: 'high', reason: 'key-domain-high', domains: ['selectiveReporting'] });
    expect(byId('Kaplan 2011')).toEqual({
      judgement: 'unclear',
      reason: 'key-domain-unclear',
      domains: ['allocationConcealment', 'selectiveReporting'],
    });
    expect(byId('Cook 2012a')).toEqual({ judgement: 'low', reason: 'all-domains-low', domains: [] });
  });

  it('would leave a seed study whose key domains are all low pending while "other bias" is not judged', () => {
    const cook2012a = { ...SEED_STUDIES[1]!.rob, otherBias: null };
    expect(rob1StudyOverall(assessmentOf(cook2012a), SEED_ROB1_OVERALL_RULE)).toEqual({ judgement: 'pending', reason: 'not-judged', domains: ['otherBias'] });
  });
});

describe('RoB 1 overall rule', () => {
  it('the seed rule: four key domains, fallback unclear', () => {
    expect(SEED_ROB1_OVERALL_RULE).toEqual({
      keyDomains: ['sequenceGeneration', 'allocationConcealment', 'incompleteOutcomeData', 'selectiveReporting'],
      fallback: 'unclear',
    });
    expect(rob1OverallRuleSchema.parse(SEED_ROB1_OVERALL_RULE)).toEqual(SEED_ROB1_OVERALL_RULE);
  });

  it('a review without chosen key domains (the default) counts every domain: Handbook Table 8.7.a with none set aside', () => {
    expect([...DEFAULT_ROB1_OVERALL_RULE.keyDomains].sort()).toEqual([...ROB1_DOMAIN_IDS].sort());
    // A high "other bias" or blinding domain is not waved through as the seed's key domains would.
    expect(rob1OverallJudgement(withJ({ otherBias: 'high' })).judgement).toBe('high');
    expect(rob1OverallJudgement(withJ({ otherBias: 'high' }), SEED_ROB1_OVERALL_RULE).judgement).toBe('unclear');
    expect(rob1OverallJudgement(withJ({ blindingOutcomeAssessment: 'unclear' })).judgement).toBe('unclear');
    expect(rob1OverallJudgement(withJ({ otherBias: null })).judgement).toBe('pending');
    expect(rob1OverallJudgement(allLow()).judgement).toBe('low');
  });

  it('is high when any key domain is high, even with other key domains unclear or not judged', () => {
    expect(
      rob1OverallJudgement(withJ({ allocationConcealment: 'high', sequenceGeneration: 'unclear', selectiveReporting: null }), SEED_ROB1_OVERALL_RULE).judgement,
    ).toBe('high');
  });

  it('is unclear when a key domain is unclear and none is high, whatever the non-key domains say', () => {
    expect(
      rob1OverallJudgement(withJ({ sequenceGeneration: 'unclear', otherBias: 'high', blindingOutcomeAssessment: null }), SEED_ROB1_OVERALL_RULE).judgement,
    ).toBe('unclear');
  });

  it('is pending when a key domain is not judged and no key domain is high', () => {
    expect(rob1OverallJudgement(withJ({ sequenceGeneration: 'unclear', allocationConcealment: null }), SEED_ROB1_OVERALL_RULE)).toEqual({
      judgement: 'pending',
      reason: 'not-judged',
      domains: ['allocationConcealment'],
    });
  });

  it('gives the fallback when the key domains are low but another domain is not', () => {
    expect(rob1OverallJudgement(withJ({ otherBias: 'high' }), SEED_ROB1_OVERALL_RULE)).toEqual({
      judgement: 'unclear',
      reason: 'fallback',
      domains: ['otherBias'],
    });
    const rule: Rob1OverallRule = { ...SEED_ROB1_OVERALL_RULE, fallback: 'high' };
    expect(rob1OverallJudgement(withJ({ blindingParticipantsPersonnel: 'unclear' }), rule).judgement).toBe('high');
    // A non-key domain already not low makes the fallback certain despite another not judged.
    expect(rob1OverallJudgement(withJ({ blindingParticipantsPersonnel: 'unclear', otherBias: null }), SEED_ROB1_OVERALL_RULE).judgement).toBe('unclear');
  });

  it('with fallback low, key domains low decide low even with non-key domains not judged', () => {
    const rule: Rob1OverallRule = { ...SEED_ROB1_OVERALL_RULE, fallback: 'low' };
    expect(rob1OverallJudgement(withJ({ otherBias: null }), rule).judgement).toBe('low');
    expect(rob1OverallJudgement(withJ({ otherBias: 'high' }), rule).judgement).toBe('low');
  });

  it('never calls a study with nothing judged low', () => {
    const none = Object.fromEntries(ROB1_DOMAIN_IDS.map((d) => [d, null])) as Rob1DomainJudgements;
    expect(rob1OverallJudgement(none, SEED_ROB1_OVERALL_RULE).judgement).toBe('pending');
  });

  it('honours a configured key-domain list (e.g. blinding of outcome assessment as key)', () => {
    const rule: Rob1OverallRule = { keyDomains: ['blindingOutcomeAssessment'], fallback: 'unclear' };
    expect(rob1OverallJudgement(withJ({ blindingOutcomeAssessment: 'high' }), rule).judgement).toBe('high');
    expect(rob1OverallJudgement(withJ({ sequenceGeneration: 'high' }), rule)).toEqual({
      judgement: 'unclear',
      reason: 'fallback',
      domains: ['sequenceGeneration'],
    });
  });

  it('with no key domains: low only if every domain is low, else the fallback', () => {
    const rule: Rob1OverallRule = { keyDomains: [], fallback: 'high' };
    expect(rob1OverallJudgement(allLow(), rule).judgement).toBe('low');
    expect(rob1OverallJudgement(withJ({ otherBias: 'unclear' }), rule).judgement).toBe('high');
  });

  it('refuses a rule that lists a key domain twice or names an unknown domain', () => {
    expect(rob1OverallRuleSchema.safeParse({ keyDomains: ['otherBias', 'otherBias'], fallback: 'unclear' }).success).toBe(false);
    expect(rob1OverallRuleSchema.safeParse({ keyDomains: ['blinding'], fallback: 'unclear' }).success).toBe(false);
    expect(rob1OverallRuleSchema.safeParse({ keyDomains: [], fallback: 'pending' }).success).toBe(false);
  });

  // The definition the implementation must match: the rule applied to complete judgements,
  // and "pending" exactly when the not-judged domains could still change the answer.
  const completeRule = (j: Record<Rob1DomainId, Rob1Judgement>, rule: Rob1OverallRule): Rob1Judgement => {
    const key = rule.keyDomains.map((d) => j[d]);
    if (key.includes('high')) return 'high';
    if (key.includes('unclear')) return 'unclear';
    return ROB1_DOMAIN_IDS.every((d) => j[d] === 'low') ? 'low' : rule.fallback;
  };
  const bruteForce = (judgements: Rob1DomainJudgements, rule: Rob1OverallRule): Rob1Judgement | 'pending' => {
    const missing = ROB1_DOMAIN_IDS.filter((d) => judgements[d] === null);
    const outcomes = new Set<Rob1Judgement>();
    const fill = (i: number, acc: Record<Rob1DomainId, Rob1Judgement>) => {
      if (i === missing.length) return void outcomes.add(completeRule(acc, rule));
      for (const j of ROB1_JUDGEMENTS) fill(i + 1, { ...acc, [missing[i]!]: j });
    };
    fill(0, judgements as Record<Rob1DomainId, Rob1Judgement>);
    return outcomes.size === 1 ? [...outcomes][0]! : 'pending';
  };

  it('matches the brute-force definition over all completions of not-judged domains (property)', () => {
    const judgement = fc.constantFrom<Rob1Judgement | null>('low', 'unclear', 'high', null);
    const judgements = fc.record(Object.fromEntries(ROB1_DOMAIN_IDS.map((d) => [d, judgement])) as Record<Rob1DomainId, typeof judgement>);
    const rule = fc.record({ keyDomains: fc.subarray([...ROB1_DOMAIN_IDS]), fallback: fc.constantFrom(...ROB1_JUDGEMENTS) });
    fc.assert(
      fc.property(judgements, rule, (j, r) => {
        const result = rob1OverallJudgement(j, r);
        expect(result.judgement).toBe(bruteForce(j, r));
        if (result.judgement === 'pending') for (const d of result.domains) expect(j[d]).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });
});

describe('RoB 1 overall with per-outcome-group judgements', () => {
  const grouped = () => {
    const a = assessmentOf(SEED_STUDIES[0]!.rob); // all low
    a.incompleteOutcomeData = {
      level: 'outcome-group',
      groups: [
        { outcomeGroup: 'Self-reported outcomes', judgement: 'low', support: '' },
        { outcomeGroup: 'Service use', judgement: 'high', support: 'Attrition 40% in one arm' },
      ],
    };
    return a;
  };

  it('study level takes the worst outcome group of a grouped domain', () => {
    expect(rob1StudyOverall(grouped(), SEED_ROB1_OVERALL_RULE)).toEqual({ judgement: 'high', reason: 'key-domain-high', domains: ['incompleteOutcomeData'] });
  });

  it('per outcome group, each group gets its own overall judgement', () => {
    expect(rob1OutcomeGroupOverall(grouped(), 'Self-reported outcomes').judgement).toBe('low');
    expect(rob1OutcomeGroupOverall(grouped(), 'Service use').judgement).toBe('high');
    // A group the grouped domain does not list is not judged for it.
    expect(rob1OutcomeGroupOverall(grouped(), 'Quality of life')).toEqual({
      judgement: 'pending',
      reason: 'not-judged',
      domains: ['incompleteOutcomeData'],
    });
  });
});
