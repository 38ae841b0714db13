import { inclusionWeights, linearSvmRanker } from './linear-svm.ts';
import { naiveBayesRanker } from './naive-bayes.ts';
import { type Random } from './random.ts';
import { ranksOf, unscreenedScores, type Ranker, type TrainingSet } from './ranker.ts';
import { type SparseMatrix } from './sparse-matrix.ts';
import { ENGLISH_STOP_WORDS } from './stop-words.ts';
import { tfidfMatrix } from './tfidf.ts';

// The relevance models a simulation or a review can use, by name.
//   nb-tfidf      ASReview LAB 1's default: unigram TF-IDF (English stop words removed) +
//                 naive Bayes with double resampling. The baseline.
//   svm-tfidf     ASReview LAB 2's default (ELAS u4): unigram + bigram TF-IDF with
//                 sublinear tf + a linear SVM with includes up-weighted.
//   svm-presumed  the same SVM, with 100 random unscreened records added to every retrain
//                 as presumed irrelevant (BMI / AutoTAR, Cormack & Grossman).
//   ensemble      mean rank under nb-tfidf and svm-presumed.

export const MODEL_NAMES = ['nb-tfidf', 'svm-tfidf', 'svm-presumed', 'ensemble'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
export const DEFAULT_MODEL: ModelName = 'svm-presumed';

export interface ScreeningText {
  title: string;
  abstract: string;
}

/** The feature matrices of one set, each built on first use and shared by the models. */
export class ScreeningFeatures {
  private readonly texts: string[];
  private unigramCache?: SparseMatrix;
  private bigramCache?: SparseMatrix;

  constructor(records: readonly ScreeningText[]) {
    this.texts = records.map((r) => `${r.title} ${r.abstract}`);
  }

  get size(): number {
    return this.texts.length;
  }

  /** Unigram TF-IDF without English stop words (ASReview LAB 1). */
  get unigrams(): SparseMatrix {
    this.unigramCache ??= tfidfMatrix(this.texts, {
      ngramMax: 1,
      sublinearTf: false,
      stopWords: ENGLISH_STOP_WORDS,
      maxDocumentFrequency: 1,
      minDocumentCount: 1,
    });
    return this.unigramCache;
  }

  /** Unigram + bigram TF-IDF with sublinear tf, terms in over 95% of records dropped (ELAS u4). */
  get bigrams(): SparseMatrix {
    this.bigramCache ??= tfidfMatrix(this.texts, { ngramMax: 2, sublinearTf: true, maxDocumentFrequency: 0.95, minDocumentCount: 1 });
    return this.bigramCache;
  }
}

const svm = (features: ScreeningFeatures, presumedIrrelevant: number) =>
  linearSvmRanker(features.bigrams, { c: 0.11, weights: inclusionWeights(9.8), presumedIrrelevant });

function rankEnsemble(members: Ranker[], rows: number): Ranker {
  return {
    score(training: TrainingSet, random: Random): Float64Array {
      const sum = unscreenedScores(rows, training);
      for (const member of members) {
        const ranks = ranksOf(member.score(training, random));
        for (let i = 0; i < rows; i++) if (sum[i] !== -Infinity) sum[i]! += ranks[i]!;
      }
      return sum;
    },
  };
}

/** A fresh model (its training state starts empty) over the set's features. */
export function createModel(name: ModelName, features: ScreeningFeatures): Ranker {
  switch (name) {
    case 'nb-tfidf':
      return naiveBayesRanker(features.unigrams);
    case 'svm-tfidf':
      return svm(features, 0);
    case 'svm-presumed':
      return svm(features, 100);
    case 'ensemble':
      return rankEnsemble([naiveBayesRanker(features.unigrams), svm(features, 100)], features.size);
  }
}
