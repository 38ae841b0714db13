import { describe, expect, it } from 'vitest';
import {
  emptyRob1Assessment,
  ROB1_DOMAINS,
  ROB1_GROUPABLE_DOMAIN_IDS,
  rob1AssessmentFromRows,
  rob1AssessmentSchema,
  rob1AssessmentToRows,
  rob1OutcomeGroups,
  rob1StudyLevelJudgements,
  worstAcrossOutcomeGroups,
  type Rob1Assessment,
} from '../../../shared/src/rob/index.ts';

describe('RoB 1 domains (§B.1, §B.2)', () => {
  it('are the seven Handbook domains with RevMan 5.1 item names, keyed D1–D7', () => {
    expect(ROB1_DOMAINS.map((d) => `${d.key} ${d.label}`)).toEqual([
      'D1 Random sequence generation (selection bias)',
      'D2 Allocation concealment (selection bias)',
      'D3 Blinding of participants and personnel (performance bias)',
      'D4 Blinding of outcome assessment (detection bias)',
      'D5 Incomplete outcome data (attrition bias)',
      'D6 Selective reporting (reporting bias)',
      'D7 Other bias',
    ]);
    expect(ROB1_GROUPABLE_DOMAIN_IDS).toEqual(['blindingParticipantsPersonnel', 'blindingOutcomeAssessment', 'incompleteOutcomeData']);
  });
});

describe('RoB 1 assessment schema', () => {
  it('accepts an empty assessment and per-outcome-group judgements on blinding and attrition', () => {
    const a = emptyRob1Assessment();
    a.blindingOutcomeAssessment = {
      level: 'outcome-group',
      groups: [
        { outcomeGroup: 'Self-reported', judgement: 'high', support: 'Participants knew their allocation' },
        { outcomeGroup: 'Service use', judgement: 'low', support: 'Records' },
      ],
    };
    expect(rob1AssessmentSchema.parse(a)).toEqual(a);
  });
  it('refuses per-group judgements on a study-level domain, duplicate groups, and unknown judgements', () => {
    const grouped = { level: 'outcome-group', groups: [{ outcomeGroup: 'A', judgement: 'low', support: '' }] };
    expect(rob1AssessmentSchema.safeParse({ ...emptyRob1Assessment(), selectiveReporting: grouped }).success).toBe(false);
    expect(
      rob1AssessmentSchema.safeParse({
        ...emptyRob1Assessment(),
        incompleteOutcomeData: { level: 'outcome-group', groups: [grouped.groups[0], grouped.groups[0]] },
      }).success,
    ).toBe(false);
    expect(
      rob1AssessmentSchema.safeParse({ ...emptyRob1Assessment(), otherBias: { level: 'study', judgement: 'some-concerns', support: '' } })
        .success,
    ).toBe(false);
    expect(
      rob1AssessmentSchema.safeParse({ ...emptyRob1Assessment(), incompleteOutcomeData: { level: 'outcome-group', groups: [] } }).success,
    ).toBe(false);
  });
});

describe('per-outcome-group judgements at study level: the worst group', () => {
  it('takes the worst judged group; one high group decides; otherwise a not-judged group leaves it not judged', () => {
    expect(worstAcrossOutcomeGroups(['low', 'unclear'])).toBe('unclear');
    expect(worstAcrossOutcomeGroups(['low', 'high', null])).toBe('high');
    expect(worstAcrossOutcomeGroups(['low', 'unclear', null])).toBeNull();
    expect(worstAcrossOutcomeGroups(['low', 'low'])).toBe('low');
    expect(worstAcrossOutcomeGroups([])).toBeNull();
  });
  it('collapses grouped domains in the study-level view', () => {
    const a: Rob1Assessment = emptyRob1Assessment();
    a.incompleteOutcomeData = {
      level: 'outcome-group',
      groups: [
        { outcomeGroup: 'Objective', judgement: 'low', support: '' },
        { outcomeGroup: 'Self-reported', judgement: 'unclear', support: '' },
      ],
    };
    expect(rob1StudyLevelJudgements(a).incompleteOutcomeData).toBe('unclear');
    expect(rob1OutcomeGroups(a)).toEqual(['Objective', 'Self-reported']);
  });
});

describe('RoB 1 assessment ⇄ stored rows', () => {
  it('round-trips', () => {
    const a = emptyRob1Assessment();
    a.sequenceGeneration = { level: 'study', judgement: 'low', support: '"computer-generated list"' };
    a.blindingParticipantsPersonnel = {
      level: 'outcome-group',
      groups: [
        { outcomeGroup: 'Self-reported', judgement: 'high', support: '' },
        { outcomeGroup: 'Objective', judgement: null, support: 'to check' },
      ],
    };
    const rows = rob1AssessmentToRows(a);
    expect(rows).toHaveLength(8);
    expect(rob1AssessmentFromRows(rows)).toEqual({ ok: true, assessment: a });
  });
  it('treats missing rows as not judged and reports rows it cannot place', () => {
    expect(rob1AssessmentFromRows([])).toEqual({ ok: true, assessment: emptyRob1Assessment() });
    const result = rob1AssessmentFromRows([
      { domain: 'otherBias', outcomeGroup: 'Objective', judgement: 'low', support: '' },
      { domain: 'incompleteOutcomeData', outcomeGroup: '', judgement: 'low', support: '' },
      { domain: 'incompleteOutcomeData', outcomeGroup: 'Objective', judgement: 'low', support: '' },
      { domain: 'blinding', outcomeGroup: '', judgement: 'low', support: '' },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual(
        expect.arrayContaining([
          'otherBias: cannot be judged per outcome group',
          'incompleteOutcomeData: judged both at study level and per outcome group',
          'blinding: not a RoB 1 domain',
        ]),
      );
  });
});
