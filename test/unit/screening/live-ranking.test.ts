import { describe, expect, it } from 'vitest';
import { LiveRanking, type RankingText } from '../../../shared/src/screening/live-ranking.ts';

// The review's ranking: the same models as the simulation, keyed by record id, following
// decisions as they are made, changed and undone.
const relevant = [
  'Exercise therapy for depression in adults: a randomised trial',
  'Aerobic exercise reduces depressive symptoms in older adults',
  'Group exercise and depression: a controlled trial',
  'Running as treatment for major depression',
  'Physical exercise programme for adolescents with depression',
];
const irrelevant = Array.from({ length: 40 }, (_, i) => `Surgical outcome ${i} of hip fracture repair in cohort number ${i * 7}`);
const texts: RankingText[] = [...irrelevant, ...relevant].map((title, i) => ({ recordId: `r${i}`, title, abstract: '' }));
const relevantIds = relevant.map((_, i) => `r${irrelevant.length + i}`);
const idsOf = (ranking: LiveRanking, order: Int32Array) => Array.from(order, (i) => ranking.recordIds[i]!);

describe('live ranking', () => {
  it('waits for an include and an exclude, then offers the likely includes first and the decided records last', () => {
    const ranking = new LiveRanking();
    ranking.setRecords(texts);
    expect(ranking.train([{ recordId: 'r0', label: 0 }])).toBeNull();
    const result = ranking.train([
      { recordId: 'r0', label: 0 },
      { recordId: relevantIds[0]!, label: 1 },
    ])!;
    expect(result).toMatchObject({ includes: 1, excludes: 1 });
    const order = idsOf(ranking, result.order);
    expect(new Set(order.slice(0, 4))).toEqual(new Set(relevantIds.slice(1)));
    expect(order.slice(-2)).toEqual(['r0', relevantIds[0]]);
    expect(new Set(order).size).toBe(texts.length);
  });

  it('counts the decisions it has not learnt: new, changed and withdrawn', () => {
    const ranking = new LiveRanking();
    ranking.setRecords(texts);
    const first = [
      { recordId: 'r0', label: 0 as const },
      { recordId: 'r1', label: 0 as const },
      { recordId: relevantIds[0]!, label: 1 as const },
    ];
    expect(ranking.pendingDecisions(first)).toBe(3);
    ranking.train(first);
    expect(ranking.pendingDecisions(first)).toBe(0);
    // r1 changed to include, r0 undone, r2 new: three differences.
    expect(
      ranking.pendingDecisions([
        { recordId: 'r1', label: 1 },
        { recordId: 'r2', label: 0 },
        { recordId: relevantIds[0]!, label: 1 },
      ]),
    ).toBe(3);
    // A decision on a record the ranking does not hold is ignored.
    expect(ranking.pendingDecisions([...first, { recordId: 'elsewhere', label: 1 }])).toBe(0);
  });

  it('after a decision is undone or changed ranks as a model trained only on what stands', () => {
    // The SVM without presumed irrelevants has one optimum: a fresh fit and a correct warm
    // start agree, while a warm start that kept the withdrawn decisions would not.
    const stands = [
      { recordId: 'r0', label: 0 as const },
      { recordId: 'r3', label: 0 as const },
      { recordId: relevantIds[0]!, label: 1 as const },
    ];
    const warm = new LiveRanking('svm-tfidf');
    warm.setRecords(texts);
    warm.train([...stands, { recordId: relevantIds[1]!, label: 0 }, { recordId: 'r5', label: 1 }]);
    const afterUndo = idsOf(warm, warm.train(stands)!.order);
    const fresh = new LiveRanking('svm-tfidf');
    fresh.setRecords(texts);
    expect(afterUndo).toEqual(idsOf(fresh, fresh.train(stands)!.order));
    expect(afterUndo.indexOf(relevantIds[1]!)).toBeLessThan(4);
  });

  it('knows its record set and rebuilds on a new one', () => {
    const ranking = new LiveRanking();
    ranking.setRecords(texts);
    expect(ranking.sameRecords(texts.map((t) => t.recordId))).toBe(true);
    expect(ranking.sameRecords([...texts.map((t) => t.recordId), 'new'])).toBe(false);
    ranking.setRecords([...texts, { recordId: 'new', title: 'Exercise and depression in students', abstract: '' }]);
    expect(ranking.size).toBe(texts.length + 1);
    expect(ranking.hasModel).toBe(false);
  });
});
