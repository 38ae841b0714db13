import type { OutlineComparison } from '@grove/shared';
import { compareLabels, filterWords, matchesFilter } from '../../components/list-filter.ts';

// The Analyses outline, filtered and sorted for a long review: an outcome stays when its
// number, name, id or one of its subgroups matches, or when its comparison does (then with
// all its outcomes); a comparison stays while it holds a match. Sorted by name, the
// comparisons and their outcomes go A–Z; RevMan's numbers stay those of the outline.

export const OUTLINE_SORTS = ['outline', 'name'] as const;
export type OutlineSort = (typeof OUTLINE_SORTS)[number];
export const OUTLINE_SORT_LABELS: Readonly<Record<OutlineSort, string>> = { outline: 'Outline order', name: 'Name A–Z' };

export function arrangeOutline(outline: readonly OutlineComparison[], query: string, sort: OutlineSort): OutlineComparison[] {
  const words = filterWords(query);
  const kept = outline.flatMap((c) => {
    if (matchesFilter(words, c.number, c.name, c.id)) return [c];
    const outcomes = c.outcomes.filter((o) => matchesFilter(words, o.number, o.name, o.id, ...o.subgroups.map((s) => s.name)));
    return outcomes.length ? [{ ...c, outcomes }] : [];
  });
  if (sort === 'outline') return kept;
  return kept
    .map((c) => ({ ...c, outcomes: [...c.outcomes].sort((a, b) => compareLabels(a.name, b.name)) }))
    .sort((a, b) => compareLabels(a.name, b.name));
}

export function outcomeCount(outline: readonly OutlineComparison[]): number {
  return outline.reduce((n, c) => n + c.outcomes.length, 0);
}
