// Long lists (Studies, the Analyses outline): a filter that keeps the items whose text has
// every word typed, in any order, ignoring case and accents; and the count that says how
// many are shown of how many ("12 of 96 studies").

/** The attribute of a list's filter box: `/` (keyboard.ts) focuses the one on screen. */
export const LIST_FILTER_ATTR = 'data-list-filter';

/** Lower case without accents, so "rusch" finds "Rüsch 2014". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** The words of a filter; an empty filter keeps everything. */
export function filterWords(query: string): string[] {
  return foldText(query).split(/\s+/).filter(Boolean);
}

export function matchesFilter(words: readonly string[], ...texts: readonly string[]): boolean {
  if (words.length === 0) return true;
  const hay = foldText(texts.join(' '));
  return words.every((w) => hay.includes(w));
}

/** "96 studies", or "12 of 96 studies" when a filter hides some. */
export function countLabel(shown: number, total: number, singular: string, plural: string): string {
  const noun = total === 1 ? singular : plural;
  return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
}

/** Compares labels as a reader sorts them: "Trial 9" before "Trial 10", accents ignored. */
export const compareLabels = (a: string, b: string): number => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
