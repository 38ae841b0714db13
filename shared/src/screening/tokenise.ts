// Splits title and abstract text into lower-case word tokens: runs of letters or digits
// of two characters or more (single characters carry almost no topic signal), the usual
// token rule of TF-IDF screening models.

const WORD = /[\p{L}\p{N}]{2,}/gu;

export function tokenise(text: string, stopWords?: ReadonlySet<string>): string[] {
  const tokens = text.toLowerCase().match(WORD) ?? [];
  return stopWords ? tokens.filter((t) => !stopWords.has(t)) : tokens;
}

/** Unigrams, plus adjacent-token bigrams when `ngramMax` is 2. */
export function ngrams(tokens: readonly string[], ngramMax: 1 | 2): string[] {
  if (ngramMax === 1) return [...tokens];
  const out = [...tokens];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}
