import { shortIdBase } from './short-id.ts';

// Which records (reports) are probably about the same study, for the reviewer to confirm
// or reject (issue 14, study linking). Two reports are suggested together when
//   - they name the same trial registry id (NCT…, ISRCTN…, ACTRN…: the parsers keep them), or
//   - they share first author and year, and their sample sizes agree where both are known
//     (both unknown or one unknown still suggests, for the reviewer to check; two known and
//     different sample sizes do not).
// A pair the reviewer rejected is never suggested again, and two reports already linked
// to one study need no suggestion. Suggestions are the groups these pairs join (a report
// registered under an NCT id and its conference abstract by the same author and year are
// one suggestion of three), built from the pairs that remain.

export interface LinkCandidate {
  readonly id: string;
  /** "Last, First", first author first. */
  readonly authors: readonly string[];
  readonly year: number | null;
  readonly registryIds: readonly string[];
  readonly sampleSize: number | null;
  /** The study the record is a report of already, if any. */
  readonly studyId: string | null;
}

export type LinkReason = 'registry' | 'author-year-size' | 'author-year';

export interface LinkSuggestion {
  /** Record ids, sorted. */
  readonly recordIds: readonly string[];
  /** Why, strongest first, e.g. "same registry id NCT01234567". */
  readonly reasons: readonly { readonly kind: LinkReason; readonly detail: string }[];
  /** The existing studies the suggested records belong to (linking joins them there). */
  readonly studyIds: readonly string[];
}

/** A pair in canonical order (the smaller id first), as rejections are stored. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

const REASON_ORDER: Readonly<Record<LinkReason, number>> = { registry: 0, 'author-year-size': 1, 'author-year': 2 };

function authorYearKey(c: LinkCandidate): string | null {
  const first = c.authors[0];
  if (!first || c.year === null) return null;
  return shortIdBase(first, c.year).normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');
}

export function suggestLinks(candidates: readonly LinkCandidate[], rejected: ReadonlySet<string>): LinkSuggestion[] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const pairs = new Map<string, { a: string; b: string; kind: LinkReason; detail: string }>();
  const offer = (a: LinkCandidate, b: LinkCandidate, kind: LinkReason, detail: string) => {
    if (a.id === b.id) return;
    const key = pairKey(a.id, b.id);
    if (rejected.has(key)) return;
    if (a.studyId !== null && a.studyId === b.studyId) return;
    const had = pairs.get(key);
    if (!had || REASON_ORDER[kind] < REASON_ORDER[had.kind]) pairs.set(key, { a: a.id, b: b.id, kind, detail });
  };
  const groupBy = (keyOf: (c: LinkCandidate) => string[]) => {
    const groups = new Map<string, LinkCandidate[]>();
    for (const c of candidates)
      for (const k of new Set(keyOf(c))) {
        const list = groups.get(k) ?? [];
        list.push(c);
        groups.set(k, list);
      }
    return groups;
  };
  for (const [id, group] of groupBy((c) => c.registryIds.map((r) => r.toUpperCase())))
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) offer(group[i]!, group[j]!, 'registry', `same registry id ${id}`);
  for (const group of groupBy((c) => {
    const k = authorYearKey(c);
    return k ? [k] : [];
  }).values())
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!;
        const b = group[j]!;
        const label = shortIdBase(a.authors[0] ?? null, a.year);
        if (a.sampleSize !== null && b.sampleSize !== null) {
          if (a.sampleSize === b.sampleSize)
            offer(a, b, 'author-year-size', `same first author and year (${label}), both n = ${a.sampleSize}`);
        } else offer(a, b, 'author-year', `same first author and year (${label}); sample size not known for both`);
      }

  // The groups the remaining pairs join (union-find).
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const p of pairs.values()) {
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<string, { ids: Set<string>; reasons: Map<string, { kind: LinkReason; detail: string }> }>();
  for (const p of pairs.values()) {
    const root = find(p.a);
    const g = groups.get(root) ?? { ids: new Set<string>(), reasons: new Map() };
    g.ids.add(p.a).add(p.b);
    g.reasons.set(`${p.kind}:${p.detail}`, { kind: p.kind, detail: p.detail });
    groups.set(root, g);
  }
  const suggestions = [...groups.values()].map((g) => {
    const recordIds = [...g.ids].sort();
    const studyIds = [...new Set(recordIds.map((id) => byId.get(id)?.studyId ?? null).filter((s): s is string => s !== null))].sort();
    const reasons = [...g.reasons.values()].sort((x, y) => REASON_ORDER[x.kind] - REASON_ORDER[y.kind] || x.detail.localeCompare(y.detail));
    return { recordIds, reasons, studyIds };
  });
  return suggestions.sort(
    (x, y) => REASON_ORDER[x.reasons[0]!.kind] - REASON_ORDER[y.reasons[0]!.kind] || x.recordIds[0]!.localeCompare(y.recordIds[0]!),
  );
}
