import { type SparseMatrix } from './sparse-matrix.ts';
import { ngrams, tokenise } from './tokenise.ts';

// TF-IDF features of title + abstract, fitted on the whole set (the vocabulary and the
// document frequencies need no labels, so every record contributes, as in ASReview).
// idf = ln((1 + n) / (1 + df)) + 1 (smoothed); each row is scaled to unit length so that
// long abstracts do not outweigh short ones.

export interface TfidfOptions {
  ngramMax: 1 | 2;
  /** tf → 1 + ln(tf): a word said five times is not five times the evidence. */
  sublinearTf: boolean;
  stopWords?: ReadonlySet<string>;
  /** Terms in more than this share of records are dropped (they separate nothing). */
  maxDocumentFrequency: number;
  /** Terms in fewer records than this are dropped. */
  minDocumentCount: number;
}

export function tfidfMatrix(texts: readonly string[], options: TfidfOptions): SparseMatrix {
  const n = texts.length;
  const docTerms: Map<string, number>[] = texts.map((text) => {
    const counts = new Map<string, number>();
    for (const term of ngrams(tokenise(text, options.stopWords), options.ngramMax)) counts.set(term, (counts.get(term) ?? 0) + 1);
    return counts;
  });
  const df = new Map<string, number>();
  for (const counts of docTerms) for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);

  // Column order is the sorted term order, so the matrix does not depend on record order
  // beyond the rows themselves.
  const maxCount = options.maxDocumentFrequency * n;
  const kept = [...df.entries()].filter(([, d]) => d >= options.minDocumentCount && d <= maxCount).map(([t]) => t);
  kept.sort();
  const column = new Map<string, number>();
  const idf = new Float64Array(kept.length);
  kept.forEach((term, j) => {
    column.set(term, j);
    idf[j] = Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1;
  });

  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  docTerms.forEach((counts, r) => {
    const row: Array<[number, number]> = [];
    for (const [term, tf] of counts) {
      const j = column.get(term);
      if (j === undefined) continue;
      row.push([j, (options.sublinearTf ? 1 + Math.log(tf) : tf) * idf[j]!]);
    }
    row.sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(row.reduce((s, [, v]) => s + v * v, 0));
    for (const [j, v] of row) {
      indices.push(j);
      values.push(norm > 0 ? v / norm : 0);
    }
    indptr[r + 1] = indices.length;
  });
  return { rows: n, columns: kept.length, indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}
