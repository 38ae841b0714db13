import { describe, expect, it } from 'vitest';
import {
  confirmRob2Judgement,
  emptyRob2Assessment,
  MULTIPLE_SOME_CONCERNS_PROMPT,
  proposeRob2Overall,
  recomputeRob2Assessment,
  rob2EffectiveDomainJudgements,
  rob2JudgementStatus,
  rob2OverallConfigSchema,
  rob2ResultAssessmentSchema,
  type Rob2DomainJudgements,
  type Rob2ResultAssessment,
} from '../../../shared/src/rob/index.ts';

const domains = (d1: string | null, d2: string | null, d3: string | null, d4: string | null, d5: string | null) =>
  ({ D1: d1, D2: d2, D3: d3, D4: d4, D5: d5 }) as Rob2DomainJudgements;
const L = 'low';
const S = 'some-concerns';
const H = 'high';

describe('RoB 2 overall proposal (§A.6)', () => {
  it('is Low only when every domain is Low', () => {
    expect(proposeRob2Overall(domains(L, L, L, L, L)).proposed).toBe('low');
  });
  it('is High when any domain is High, even with others not judged', () => {
    expect(proposeRob2Overall(domains(L, H, null, null, S)).proposed).toBe('high');
  });
  it('is Some concerns when a domain raises concerns and none is High', () => {
    expect(proposeRob2Overall(domains(L, S, L, L, L))).toEqual({
      proposed: 'some-concerns',
      someConcernsCount: 1,
      promptMultipleSomeConcerns: false,
      waitingFor: [],
    });
  });
  it('prompts, but does not escalate, with two or more Some concerns', () => {
    const p = proposeRob2Overall(domains(S, S, L, L, L));
    expect(p.proposed).toBe('some-concerns');
    expect(p.promptMultipleSomeConcerns).toBe(true);
    expect(MULTIPLE_SOME_CONCERNS_PROMPT).toMatch(/substantially lower confidence/);
  });
  it('escalates automatically only when the review sets a threshold', () => {
    const config = rob2OverallConfigSchema.parse({ someConcernsEscalationThreshold: 2 });
    expect(proposeRob2Overall(domains(S, S, L, L, L), config)).toMatchObject({ proposed: 'high', promptMultipleSomeConcerns: false });
    expect(proposeRob2Overall(domains(S, L, L, L, L), config).proposed).toBe('some-concerns');
    // Two concerns already reached with a domain still open: High whatever it turns out to be.
    expect(proposeRob2Overall(domains(S, S, null, L, L), config).proposed).toBe('high');
    expect(rob2OverallConfigSchema.safeParse({ someConcernsEscalationThreshold: 1 }).success).toBe(false);
  });
  it('waits while a not-judged domain could change the answer', () => {
    expect(proposeRob2Overall(domains(L, L, null, L, L))).toMatchObject({ proposed: null, waitingFor: ['D3'] });
    expect(proposeRob2Overall(domains(S, null, L, L, L)).proposed).toBeNull(); // could be High
  });
});

function assessed(): Rob2ResultAssessment {
  const a = emptyRob2Assessment('assignment');
  a.domains.D1.answers = { '1.1': 'Y', '1.2': 'Y', '1.3': 'N' };
  a.domains.D2.answers = { '2.1': 'Y', '2.2': 'Y', '2.3': 'N', '2.6': 'Y' };
  a.domains.D3.answers = { '3.1': 'Y' };
  a.domains.D4.answers = { '4.1': 'N', '4.2': 'N', '4.3': 'Y', '4.4': 'PY', '4.5': 'PN' };
  a.domains.D5.answers = { '5.1': 'Y', '5.2': 'N', '5.3': 'N' };
  return recomputeRob2Assessment(a);
}

describe('RoB 2 assessment: proposals, confirmation and overrides (§A.5)', () => {
  it('recomputes every domain proposal and the overall from the answers', () => {
    const a = assessed();
    expect(rob2EffectiveDomainJudgements(a)).toEqual({ D1: 'low', D2: 'low', D3: 'low', D4: 'some-concerns', D5: 'low' });
    expect(a.overall.proposed).toBe('some-concerns');
    expect(rob2JudgementStatus(a.domains.D1.judgement)).toBe('awaiting-confirmation');
    expect(rob2JudgementStatus(emptyRob2Assessment().overall)).toBe('incomplete');
    expect(rob2ResultAssessmentSchema.safeParse(a).success).toBe(true);
  });

  it('confirms a proposal without a reason, but refuses an override without one', () => {
    const record = assessed().domains.D4.judgement;
    const confirmed = confirmRob2Judgement(record, 'some-concerns');
    expect(confirmed.ok && rob2JudgementStatus(confirmed.record)).toBe('confirmed');
    expect(confirmRob2Judgement(record, 'high')).toEqual({ ok: false, error: 'give a reason for overriding the proposed judgement' });
    expect(confirmRob2Judgement(record, 'high', '   ').ok).toBe(false);
    const overridden = confirmRob2Judgement(record, 'high', 'Unblinded assessors rated a subjective scale');
    expect(overridden.ok && overridden.record.final).toEqual({
      judgement: 'high',
      basedOnProposal: 'some-concerns',
      overrideReason: 'Unblinded assessors rated a subjective scale',
    });
    expect(overridden.ok && rob2JudgementStatus(overridden.record)).toBe('overridden');
  });

  it('lets the reviewer escalate the overall to High with a reason, and the overall uses domain finals', () => {
    let a = assessed();
    const d4 = confirmRob2Judgement(a.domains.D4.judgement, 'high', 'Assessors knew the allocation');
    if (!d4.ok) throw new Error(d4.error);
    a = recomputeRob2Assessment({ ...a, domains: { ...a.domains, D4: { ...a.domains.D4, judgement: d4.record } } });
    expect(a.overall.proposed).toBe('high');
  });

  it('keeps the final when answers change, and flags it for review', () => {
    let a = assessed();
    const c = confirmRob2Judgement(a.domains.D1.judgement, 'low');
    if (!c.ok) throw new Error(c.error);
    a = { ...a, domains: { ...a.domains, D1: { ...a.domains.D1, judgement: c.record } } };
    a.domains.D1.answers = { ...a.domains.D1.answers, '1.2': 'N' };
    a = recomputeRob2Assessment(a);
    expect(a.domains.D1.judgement.proposed).toBe('high');
    expect(a.domains.D1.judgement.final?.judgement).toBe('low');
    expect(rob2JudgementStatus(a.domains.D1.judgement)).toBe('needs-review');
    // The stale final still counts until the reviewer looks again; it is never overwritten.
    expect(rob2EffectiveDomainJudgements(a).D1).toBe('low');
  });

  it('requires a reason to judge a domain the answers do not yet decide', () => {
    const record = emptyRob2Assessment().domains.D3.judgement;
    expect(confirmRob2Judgement(record, 'low').ok).toBe(false);
    expect(confirmRob2Judgement(record, 'low', 'Complete data per the CONSORT diagram').ok).toBe(true);
  });
});

describe('RoB 2 assessment schema', () => {
  it('refuses answers a question does not offer, questions of another domain or aim, and overrides without reasons', () => {
    const a = assessed();
    const bad = (mutate: (x: Rob2ResultAssessment) => void) => {
      const copy = structuredClone(a);
      mutate(copy);
      return rob2ResultAssessmentSchema.safeParse(copy).success;
    };
    expect(bad((x) => (x.domains.D1.answers['1.1'] = 'NA'))).toBe(false);
    expect(bad((x) => (x.domains.D3.answers['3.2'] = 'NI'))).toBe(false);
    expect(bad((x) => (x.domains.D1.answers['2.1'] = 'Y'))).toBe(false);
    expect(bad((x) => (x.domains.D2.answers['2.7'] = 'N'))).toBe(true);
    expect(bad((x) => ((x.aim = 'adhering'), (x.deviations.nonAdherence = true), (x.domains.D2.answers['2.7'] = 'N')))).toBe(false);
    expect(bad((x) => (x.aim = 'adhering'))).toBe(false); // no deviation ticked
    expect(bad((x) => (x.domains.D1.judgement.final = { judgement: 'high', basedOnProposal: 'low', overrideReason: null }))).toBe(false);
    expect(bad((x) => (x.domains.D1.judgement.final = { judgement: 'high', basedOnProposal: 'low', overrideReason: 'why' }))).toBe(true);
    expect(bad((x) => ((x.domains.D1.answers as Record<string, string>)['1.9'] = 'Y'))).toBe(false);
  });
  it('round-trips through JSON', () => {
    const a = assessed();
    expect(rob2ResultAssessmentSchema.parse(JSON.parse(JSON.stringify(a)))).toEqual(a);
  });
});
