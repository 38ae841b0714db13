import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  agreement,
  compareRob1Assessments,
  compareRob2Assessments,
  confirmRob2Judgement,
  emptyRob2Assessment,
  recomputeRob2Assessment,
  type Rob2ResultAssessment,
} from '../../../shared/src/rob/index.ts';
import { SEED_ROB1_OVERALL_RULE } from '@grove/shared/rob/rob1-overall';
import { assessmentOf, SEED_STUDIES } from './seed-review-rob.ts';

const pairs = (spec: Array<[string, string, number]>) => spec.flatMap(([a, b, n]) => Array.from({ length: n }, () => [a, b] as const));

describe("Cohen's κ and percent agreement", () => {
  it('matches a worked example (po 0.70, pe 0.50, κ 0.40)', () => {
    const r = agreement(
      pairs([
        ['yes', 'yes', 20],
        ['yes', 'no', 5],
        ['no', 'yes', 10],
        ['no', 'no', 15],
      ]),
    );
    expect(r.n).toBe(50);
    expect(r.percentAgreement).toBeCloseTo(70, 12);
    expect(r.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
    expect(r.table).toEqual([
      [20, 5],
      [10, 15],
    ]);
  });

  it('handles three categories', () => {
    // po = 0.7; row marginals 0.4/0.3/0.3, column 0.4/0.4/0.2; pe = 0.16 + 0.12 + 0.06 = 0.34.
    const r = agreement(
      pairs([
        ['low', 'low', 3],
        ['low', 'unclear', 1],
        ['unclear', 'unclear', 2],
        ['unclear', 'high', 1],
        ['high', 'high', 2],
        ['high', 'low', 1],
      ]),
      ['low', 'unclear', 'high'],
    );
    expect(r.kappa).toBeCloseTo((0.7 - 0.34) / (1 - 0.34), 12);
  });

  it('is exactly 1 for perfect agreement over two or more categories', () => {
    expect(
      agreement(
        pairs([
          ['low', 'low', 3],
          ['high', 'high', 2],
        ]),
      ).kappa,
    ).toBe(1);
  });

  it('is undefined (null) when both reviewers used one and the same category: 100% agreement, κ = 0/0', () => {
    const r = agreement(pairs([['low', 'low', 8]]), ['low', 'unclear', 'high']);
    expect(r).toMatchObject({ percentAgreement: 100, kappa: null, kappaStatus: 'single-category', expectedAgreement: 1 });
  });

  it('is 0 when one reviewer used a single category and the other varied', () => {
    expect(
      agreement(
        pairs([
          ['low', 'low', 3],
          ['low', 'high', 1],
        ]),
      ).kappa,
    ).toBe(0);
  });

  it('reaches −1 for systematic disagreement', () => {
    expect(
      agreement(
        pairs([
          ['low', 'high', 2],
          ['high', 'low', 2],
        ]),
      ).kappa,
    ).toBe(-1);
  });

  it('leaves out items not judged by both, and reports no items', () => {
    const r = agreement<string>([
      ['low', null],
      [null, 'low'],
      [null, null],
    ]);
    expect(r).toMatchObject({ n: 0, excluded: 3, percentAgreement: null, kappa: null, kappaStatus: 'no-items' });
    expect(
      agreement<string>([
        ['low', 'low'],
        ['low', null],
      ]),
    ).toMatchObject({ n: 1, excluded: 1 });
  });

  it('is symmetric in the reviewers, at most 1, and unaffected by unused categories (property)', () => {
    const cat = fc.constantFrom('low', 'unclear', 'high');
    fc.assert(
      fc.property(fc.array(fc.tuple(cat, cat), { minLength: 1, maxLength: 40 }), (ps) => {
        const r = agreement(ps);
        const swapped = agreement(ps.map(([a, b]) => [b, a] as const));
        const withAll = agreement(ps, ['high', 'low', 'unclear', 'some-concerns']);
        if (r.kappa === null) {
          expect(r.kappaStatus).toBe('single-category');
          expect(r.percentAgreement).toBe(100);
        } else {
          expect(r.kappa).toBeLessThanOrEqual(1 + 1e-12);
          expect(swapped.kappa).toBeCloseTo(r.kappa, 12);
          expect(withAll.kappa).toBeCloseTo(r.kappa, 12);
        }
      }),
    );
  });
});

describe('comparing two reviewers\u2019 RoB 1 assessments', () => {
  const first = SEED_STUDIES.slice(0, 3).map((s) => ({ studyId: s.id, a: assessmentOf(s.rob) }));

  it('lists disagreements and incomplete cells, and reports agreement per domain and overall', () => {
    const second = first.map(({ studyId, a }) => ({ studyId, a: structuredClone(a) }));
    second[2]!.a.incompleteOutcomeData = { level: 'study', judgement: 'high', support: '' }; // Cook 2012b: unclear → high
    second[0]!.a.otherBias = { level: 'study', judgement: null, support: '' };
    const cmp = compareRob1Assessments(
      first.map((f, i) => ({ studyId: f.studyId, first: f.a, second: second[i]!.a })),
      SEED_ROB1_OVERALL_RULE,
    );
    expect(cmp.disagreements).toEqual([
      { itemId: 'Cook 2012b', domain: 'incompleteOutcomeData', outcomeGroup: null, first: 'unclear', second: 'high' },
    ]);
    expect(cmp.incomplete.map((c) => `${c.itemId}/${c.domain}`)).toEqual(['Ben-Zeev 2018/otherBias', 'Cook 2012b/otherBias']);
    expect(cmp.agreement).toMatchObject({ n: 19, excluded: 2, agreed: 18 });
    expect(cmp.byDomain.sequenceGeneration).toMatchObject({ percentAgreement: 100, kappa: null, kappaStatus: 'single-category' });
    expect(cmp.overallDisagreements).toEqual([{ itemId: 'Cook 2012b', first: 'unclear', second: 'high' }]);
    // Ben-Zeev's second assessment has "other bias" not judged: overall pending, left out.
    expect(cmp.overall).toMatchObject({ n: 2, excluded: 1 });
  });

  it('compares per outcome group when both reviewers judged a domain per group', () => {
    const a = assessmentOf(SEED_STUDIES[0]!.rob);
    const b = structuredClone(a);
    a.incompleteOutcomeData = {
      level: 'outcome-group',
      groups: [
        { outcomeGroup: 'Objective', judgement: 'low', support: '' },
        { outcomeGroup: 'Self-reported', judgement: 'unclear', support: '' },
      ],
    };
    b.incompleteOutcomeData = { level: 'outcome-group', groups: [{ outcomeGroup: 'Self-reported', judgement: 'high', support: '' }] };
    const cmp = compareRob1Assessments([{ studyId: 's', first: a, second: b }]);
    expect(cmp.cells.filter((c) => c.domain === 'incompleteOutcomeData')).toEqual([
      { itemId: 's', domain: 'incompleteOutcomeData', outcomeGroup: 'Objective', first: 'low', second: null },
      { itemId: 's', domain: 'incompleteOutcomeData', outcomeGroup: 'Self-reported', first: 'unclear', second: 'high' },
    ]);
    // One reviewer at study level: the study-level (worst-group) judgements are compared.
    const c = structuredClone(a);
    c.incompleteOutcomeData = { level: 'study', judgement: 'unclear', support: '' };
    expect(compareRob1Assessments([{ studyId: 's', first: a, second: c }]).disagreements).toEqual([]);
  });
});

describe('comparing two reviewers\u2019 RoB 2 assessments', () => {
  it('compares effective domain judgements and the overall', () => {
    const base = emptyRob2Assessment();
    base.domains.D1.answers = { '1.1': 'Y', '1.2': 'Y', '1.3': 'N' };
    base.domains.D5.answers = { '5.1': 'Y', '5.2': 'N', '5.3': 'N' };
    const first: Rob2ResultAssessment = recomputeRob2Assessment(base);
    const second = structuredClone(first);
    const over = confirmRob2Judgement(second.domains.D1.judgement, 'some-concerns', 'Envelopes not described as opaque');
    if (!over.ok) throw new Error(over.error);
    second.domains.D1.judgement = over.record;
    const cmp = compareRob2Assessments([{ resultId: 'Cook 2012a / Recovery', first, second }]);
    expect(cmp.disagreements).toEqual([
      { itemId: 'Cook 2012a / Recovery', domain: 'D1', outcomeGroup: null, first: 'low', second: 'some-concerns' },
    ]);
    expect(cmp.agreement).toMatchObject({ n: 2, excluded: 3 });
  });
});
