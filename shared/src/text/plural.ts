// Counts in running text: "no studies", "1 study", "2 studies". One helper, so that no
// sentence reads "only 0 studies", "its 0 reports" or "1 studies".

export interface Noun {
  one: string;
  many: string;
}

export const NOUNS = {
  study: { one: 'study', many: 'studies' },
  report: { one: 'report', many: 'reports' },
  scale: { one: 'scale', many: 'scales' },
  judgement: { one: 'judgement', many: 'judgements' },
  result: { one: 'result', many: 'results' },
  value: { one: 'value', many: 'values' },
} as const satisfies Record<string, Noun>;

/** The noun for a count: "study" for 1, "studies" otherwise (0 included). */
export function nounFor(n: number, noun: Noun): string {
  return n === 1 ? noun.one : noun.many;
}

/** "no studies", "1 study", "3 studies". */
export function countOf(n: number, noun: Noun): string {
  return n === 0 ? `no ${noun.many}` : `${n} ${nounFor(n, noun)}`;
}

/** A list of non-zero counts joined as prose: "2 reports, 4 results and 7 judgements" ('' when all are 0). */
export function countsInProse(counts: readonly (readonly [number, Noun])[]): string {
  const parts = counts.filter(([n]) => n > 0).map(([n, noun]) => countOf(n, noun));
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Why an analysis gives no pooled estimate: "no studies at low risk of bias (at least 3 needed)", "only 1 study …". */
export function tooFewStudies(k: number, what: string, minStudies: number): string {
  return `${k === 0 ? 'no studies' : `only ${countOf(k, NOUNS.study)}`} ${what} (at least ${minStudies} needed)`;
}
