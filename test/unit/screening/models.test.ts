import { describe, expect, it } from 'vitest';
import { linearSvmRanker, inclusionWeights } from '../../../shared/src/screening/linear-svm.ts';
import { createModel, MODEL_NAMES, ScreeningFeatures } from '../../../shared/src/screening/models.ts';
import { naiveBayesRanker } from '../../../shared/src/screening/naive-bayes.ts';
import { seededRandom } from '../../../shared/src/screening/random.ts';
import { ranksOf } from '../../../shared/src/screening/ranker.ts';
import { simulateScreening } from '../../../shared/src/screening/simulate.ts';
import { tfidfMatrix } from '../../../shared/src/screening/tfidf.ts';
import { ngrams, tokenise } from '../../../shared/src/screening/tokenise.ts';

// A small synthetic set: relevant records talk about exercise and depression, the others
// about unrelated clinical topics; one irrelevant record shares a word with the relevant.
const relevantTexts = [
  'Exercise therapy for depression in adults: a randomised trial',
  'Aerobic exercise reduces depressive symptoms in older adults',
  'Group exercise and depression: a controlled trial',
  'Running as treatment for major depression',
  'Physical exercise programme for adolescents with depression',
];
const irrelevantTexts = Array.from({ length: 40 }, (_, i) =>
  i === 0 ? 'Exercise tolerance in heart failure patients' : `Surgical outcome ${i} of hip fracture repair in cohort number ${i * 7}`,
);
const records = [...relevantTexts, ...irrelevantTexts].map((title) => ({ title, abstract: '' }));
const labels: (0 | 1)[] = [...relevantTexts.map((): 1 => 1), ...irrelevantTexts.map((): 0 => 0)];

describe('tokeniser and TF-IDF', () => {
  it('keeps letters and digits of two or more characters, lower-cased, and makes bigrams', () => {
    expect(tokenise('A β-blocker (BB) vs. 5 mg Placebo; COVID-19!')).toEqual(['blocker', 'bb', 'vs', 'mg', 'placebo', 'covid', '19']);
    expect(ngrams(['a1', 'b2', 'c3'], 2)).toEqual(['a1', 'b2', 'c3', 'a1 b2', 'b2 c3']);
  });

  it('computes smoothed idf and unit-length rows by hand', () => {
    // Two records: "aa aa bb" and "bb cc". idf(aa) = ln(3/2) + 1, idf(bb) = ln(3/3) + 1 = 1.
    const m = tfidfMatrix(['aa aa bb', 'bb cc'], { ngramMax: 1, sublinearTf: false, maxDocumentFrequency: 1, minDocumentCount: 1 });
    expect(m.columns).toBe(3);
    const idfA = Math.log(1.5) + 1;
    const norm = Math.hypot(2 * idfA, 1);
    expect(Array.from(m.indices.subarray(0, 2))).toEqual([0, 1]); // aa, bb (sorted terms)
    expect(m.values[0]).toBeCloseTo((2 * idfA) / norm, 14);
    expect(m.values[1]).toBeCloseTo(1 / norm, 14);
    // sublinear tf: 1 + ln 2 for "aa"
    const s = tfidfMatrix(['aa aa bb', 'bb cc'], { ngramMax: 1, sublinearTf: true, maxDocumentFrequency: 1, minDocumentCount: 1 });
    expect(s.values[0]! / s.values[1]!).toBeCloseTo((1 + Math.log(2)) * idfA, 12);
    // "bb" is in every record: a maximum document share below 1 drops it.
    expect(
      tfidfMatrix(['aa aa bb', 'bb cc'], { ngramMax: 1, sublinearTf: false, maxDocumentFrequency: 0.95, minDocumentCount: 1 }).columns,
    ).toBe(2);
  });
});

describe('relevance models', () => {
  const features = new ScreeningFeatures(records);
  const training = { records: [0, 5], labels: [1, 0] as (0 | 1)[] };

  it.each(MODEL_NAMES)('%s ranks the unseen relevant records above the unrelated ones after one include and one exclude', (name) => {
    const scores = createModel(name, features).score(training, seededRandom(1));
    expect(scores[0]).toBe(-Infinity); // screened records are never offered again
    expect(scores[5]).toBe(-Infinity);
    const worstRelevant = Math.min(...[1, 2, 3, 4].map((r) => scores[r]!));
    const unrelated = Array.from({ length: 39 }, (_, i) => scores[6 + i]!);
    expect(worstRelevant).toBeGreaterThan(Math.max(...unrelated));
  });

  it('the SVM warm-started over many retrains reaches the same ranking as a fresh fit', () => {
    const m = features.bigrams;
    const options = { c: 0.11, weights: inclusionWeights(9.8), tolerance: 1e-6 };
    const warm = linearSvmRanker(m, options);
    const random = seededRandom(3);
    const order = [0, 5, 1, 6, 7, 2, 8, 9, 10];
    let scores: Float64Array = new Float64Array(0);
    for (let k = 2; k <= order.length; k++)
      scores = warm.score({ records: order.slice(0, k), labels: order.slice(0, k).map((r) => labels[r]!) }, random);
    const fresh = linearSvmRanker(m, options).score({ records: order, labels: order.map((r) => labels[r]!) }, seededRandom(9));
    for (let r = 0; r < records.length; r++) if (Number.isFinite(fresh[r]!)) expect(scores[r]).toBeCloseTo(fresh[r]!, 4);
  });

  it('naive Bayes scores are log-odds: a record of only unseen words scores the class prior', () => {
    const m = tfidfMatrix(['aa bb', 'cc dd', 'ee ff'], { ngramMax: 1, sublinearTf: false, maxDocumentFrequency: 1, minDocumentCount: 1 });
    const scores = naiveBayesRanker(m).score({ records: [0, 1], labels: [1, 0] }, seededRandom(0));
    // ee and ff were seen in neither class; both class totals are equal, so the score is the
    // log of the resampled class ratio, which the double balance keeps at 1:1 for two records.
    expect(scores[2]).toBeCloseTo(0, 12);
  });

  it('ranks ties by record order', () => {
    expect(Array.from(ranksOf(Float64Array.from([3, 1, 3, -Infinity])))).toEqual([2, 1, 2, 0]);
  });
});

describe('simulated screening', () => {
  it('is deterministic given the seed, starts from one include and one exclude, and screens every record once', () => {
    const a = simulateScreening(records, labels, { seed: 7, batch: 1, model: 'svm-presumed' });
    const b = simulateScreening(records, labels, { seed: 7, batch: 1, model: 'svm-presumed' });
    expect(a.order).toEqual(b.order);
    expect(new Set(a.order).size).toBe(records.length);
    expect(a.found.slice(0, 2)).toEqual([1, 0]);
    // The four remaining includes come straight after the priors.
    expect(a.found.slice(2, 6)).toEqual([1, 1, 1, 1]);
  });

  it('a different seed picks different priors', () => {
    const priors = new Set(
      [0, 1, 2, 3, 4, 5].map((seed) => simulateScreening(records, labels, { seed, batch: 3, model: 'nb-tfidf' }).order.slice(0, 2).join()),
    );
    expect(priors.size).toBeGreaterThan(1);
  });

  it('refuses a set without an include or a batch below 1', () => {
    expect(() =>
      simulateScreening(
        records,
        labels.map((): 0 => 0),
        { seed: 0, batch: 1, model: 'nb-tfidf' },
      ),
    ).toThrow(/at least one relevant/);
    expect(() => simulateScreening(records, labels, { seed: 0, batch: 0, model: 'nb-tfidf' })).toThrow(/batch size/);
  });
});
