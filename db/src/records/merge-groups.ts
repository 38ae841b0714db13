import type { MergeRow, StoredPair } from '../repositories/records-dedup-repo.ts';

// The groups that merges make: a record merged into another points at it, and the record a
// chain ends at (one not merged into anything) is the group's kept record. Reviewers' "not
// duplicate" decisions keep two groups apart whichever of their records they were made on.

export class MergeGroups {
  private readonly parent = new Map<string, string>();
  private readonly members = new Map<string, string[]>();
  private readonly apart = new Map<string, Set<string>>();

  constructor(merges: readonly MergeRow[], pairs: readonly StoredPair[]) {
    for (const m of merges) this.parent.set(m.recordId, m.keptId);
    for (const m of merges) {
      const root = this.root(m.recordId);
      const list = this.members.get(root) ?? [root];
      list.push(m.recordId);
      this.members.set(root, list);
    }
    for (const p of pairs) {
      if (p.decision !== 'not-duplicate') continue;
      this.note(p.a, p.b);
      this.note(p.b, p.a);
    }
  }

  private note(a: string, b: string): void {
    const set = this.apart.get(a) ?? new Set<string>();
    set.add(b);
    this.apart.set(a, set);
  }

  /** The kept record of the group `id` is in. */
  root(id: string): string {
    let r = id;
    for (let guard = 0; this.parent.has(r); guard++) {
      if (guard > 1_000_000) throw new Error(`record merges form a cycle at ${id}`);
      r = this.parent.get(r)!;
    }
    return r;
  }

  membersOf(root: string): readonly string[] {
    return this.members.get(root) ?? [root];
  }

  /** A reviewer said some record of one group is not a duplicate of some record of the other. */
  keptApart(rootA: string, rootB: string): boolean {
    const b = new Set(this.membersOf(rootB));
    return this.membersOf(rootA).some((x) => [...(this.apart.get(x) ?? [])].some((y) => b.has(y)));
  }

  /**
   * The two groups of `a` and `b` as one key, or null when there is nothing to ask about
   * them: they are one group already, or a reviewer keeps them apart.
   */
  pairKey(a: string, b: string): string | null {
    const ra = this.root(a);
    const rb = this.root(b);
    if (ra === rb || this.keptApart(ra, rb)) return null;
    return ra < rb ? `${ra}|${rb}` : `${rb}|${ra}`;
  }

  /** Notes that the group kept by `gone` was merged into the group kept by `kept`. */
  merge(gone: string, kept: string): void {
    this.parent.set(gone, kept);
    this.members.set(kept, [...this.membersOf(kept), ...this.membersOf(gone)]);
    this.members.delete(gone);
  }
}
