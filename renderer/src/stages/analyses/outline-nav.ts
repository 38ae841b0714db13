import type { OutlineComparison } from '@grove/shared';

// The outline as the keyboard walks it: every comparison, outcome and subgroup in RevMan's
// order, one flat list with each item's depth and parent, so ↑/↓ step through it, ← goes
// to the parent, → to the first child and Enter opens the outcome an item belongs to.

export type OutlineItemKind = 'comparison' | 'outcome' | 'subgroup';

export interface OutlineItem {
  readonly id: string;
  readonly kind: OutlineItemKind;
  readonly number: string;
  readonly name: string;
  /** 1 for comparisons, 2 for outcomes, 3 for subgroups (aria-level). */
  readonly level: 1 | 2 | 3;
  readonly parentId: string | null;
  /** The outcome Enter opens: the outcome itself, a subgroup's outcome, a comparison's first. */
  readonly opens: string | null;
  /** Position among its siblings and their count (aria-posinset / aria-setsize). */
  readonly index: number;
  readonly siblings: number;
}

export function flattenOutline(outline: readonly OutlineComparison[]): OutlineItem[] {
  const out: OutlineItem[] = [];
  outline.forEach((c, ci) => {
    out.push({
      id: c.id,
      kind: 'comparison',
      number: c.number,
      name: c.name,
      level: 1,
      parentId: null,
      opens: c.outcomes[0]?.id ?? null,
      index: ci,
      siblings: outline.length,
    });
    c.outcomes.forEach((o, oi) => {
      out.push({
        id: o.id,
        kind: 'outcome',
        number: o.number,
        name: o.name,
        level: 2,
        parentId: c.id,
        opens: o.id,
        index: oi,
        siblings: c.outcomes.length,
      });
      o.subgroups.forEach((s, si) =>
        out.push({
          id: s.id,
          kind: 'subgroup',
          number: s.number,
          name: s.name,
          level: 3,
          parentId: o.id,
          opens: o.id,
          index: si,
          siblings: o.subgroups.length,
        }),
      );
    });
  });
  return out;
}

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

/** The item a key moves to from `id` (the same id when it cannot move). */
export function moveFocus(items: readonly OutlineItem[], id: string | null, key: NavKey): string | null {
  if (items.length === 0) return null;
  const i = items.findIndex((x) => x.id === id);
  if (i < 0) return items[0]!.id;
  switch (key) {
    case 'ArrowUp':
      return items[Math.max(0, i - 1)]!.id;
    case 'ArrowDown':
      return items[Math.min(items.length - 1, i + 1)]!.id;
    case 'Home':
      return items[0]!.id;
    case 'End':
      return items[items.length - 1]!.id;
    case 'ArrowLeft':
      return items[i]!.parentId ?? items[i]!.id;
    case 'ArrowRight': {
      const next = items[i + 1];
      return next && next.parentId === items[i]!.id ? next.id : items[i]!.id;
    }
  }
}
