import type { TimepointCategory } from './protocol.ts';
import type { Timepoint } from './study-data.ts';

// The seed's timepoint rules: each study timepoint falls into a protocol category by its
// weeks after the end of treatment (lower bound exclusive, upper bound inclusive), unless
// the reviewer overrode it; within a category one timepoint is analysed, chosen by the
// category's selection rule (short term: nearest to but not exceeding the bound; long
// term: the longest). A manual override always counts as that category's choice.

export function categoryOf(
  t: Pick<Timepoint, 'weeksAfterTreatment' | 'categoryOverride'>,
  categories: readonly TimepointCategory[],
): string | null {
  if (t.categoryOverride && categories.some((c) => c.id === t.categoryOverride)) return t.categoryOverride;
  const w = t.weeksAfterTreatment;
  const match = categories.find(
    (c) => (c.afterWeeksMin === null || w > c.afterWeeksMin) && (c.afterWeeksMax === null || w <= c.afterWeeksMax),
  );
  return match?.id ?? null;
}

/** For each timepoint: its category and whether it is the one analysed in that category. */
export function classifyTimepoints<T extends Pick<Timepoint, 'id' | 'weeksAfterTreatment' | 'categoryOverride'>>(
  timepoints: readonly T[],
  categories: readonly TimepointCategory[],
): Map<string, { categoryId: string | null; selected: boolean }> {
  const out = new Map<string, { categoryId: string | null; selected: boolean }>();
  const byCategory = new Map<string, T[]>();
  for (const t of timepoints) {
    const categoryId = categoryOf(t, categories);
    out.set(t.id, { categoryId, selected: false });
    if (categoryId) byCategory.set(categoryId, [...(byCategory.get(categoryId) ?? []), t]);
  }
  for (const [categoryId, members] of byCategory) {
    const category = categories.find((c) => c.id === categoryId);
    if (!category) continue;
    const overridden = members.filter((m) => m.categoryOverride === categoryId);
    let chosen: T | undefined;
    if (overridden.length > 0) chosen = overridden.reduce((a, b) => (b.weeksAfterTreatment > a.weeksAfterTreatment ? b : a));
    else if (category.selection === 'end-of-treatment')
      chosen = members.reduce((a, b) => (b.weeksAfterTreatment < a.weeksAfterTreatment ? b : a));
    else if (category.selection === 'longest' || category.selection === 'nearest-not-exceeding-bound') {
      // Members already lie within the bound, so "nearest to the bound" is the latest one.
      chosen = members.reduce((a, b) => (b.weeksAfterTreatment > a.weeksAfterTreatment ? b : a));
    }
    if (chosen) out.set(chosen.id, { categoryId, selected: true });
  }
  return out;
}
