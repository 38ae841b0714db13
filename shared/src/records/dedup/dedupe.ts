import type { BibRecord } from '../record.ts';
import { candidatePairs } from './blocking.ts';
import { compareRecords, type PairDecision } from './compare.ts';
import { NormaliseCache, normaliseRecord, type NormalisedRecord } from './normalise.ts';

// Deduplication of a set of records: normalise, block, compare candidate pairs, then cluster
// the certain pairs. Clusters are grown strongest pair first, and two clusters are joined only
// if no record of one is `distinct` from a record of the other, so a chain of near matches
// (A≈B, B≈C) never merges two records that are plainly different (A≠C) or carry different
// identifiers. Likely pairs that do
// not end up in one cluster go to the review queue.

export interface ComparedPair {
  a: number;
  b: number;
  decision: PairDecision;
}

export interface DedupeResult {
  /** Automatic merges: indices into the input, each cluster of 2+ records. */
  clusters: number[][];
  /** Pairs left for a reviewer (indices into the input), not already in one cluster. */
  queue: ComparedPair[];
  /** How many pairs were compared (for the benchmark's growth figures). */
  compared: number;
}

class Clusters {
  private readonly parent: number[];
  readonly members: Map<number, number[]>;
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
    this.members = new Map();
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  membersOf(root: number): number[] {
    return this.members.get(root) ?? [root];
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const merged = [...this.membersOf(ra), ...this.membersOf(rb)];
    this.parent[rb] = ra;
    this.members.delete(rb);
    this.members.set(ra, merged);
  }
}

/**
 * `onCompared` hears how many candidate pairs have been compared of how many (every 1,024
 * pairs and at the end): the comparisons are most of the work.
 */
export function dedupeRecords(records: BibRecord[], onCompared?: (done: number, total: number) => void): DedupeResult {
  const cache = new NormaliseCache();
  const normalised: NormalisedRecord[] = records.map((r) => normaliseRecord(r, cache));
  const pairs = candidatePairs(normalised);
  const decided = new Map<number, PairDecision>();
  const key = (i: number, j: number) => (i < j ? i * records.length + j : j * records.length + i);
  const compared: ComparedPair[] = [];
  let done = 0;
  for (const [a, b] of pairs) {
    if ((++done & 1023) === 0) onCompared?.(done, pairs.length);
    const decision = compareRecords(normalised[a]!, normalised[b]!);
    decided.set(key(a, b), decision);
    if (decision.outcome !== 'distinct') compared.push({ a, b, decision });
  }
  const decisionOf = (i: number, j: number) => {
    const k = key(i, j);
    let d = decided.get(k);
    if (!d) {
      d = compareRecords(normalised[i]!, normalised[j]!);
      decided.set(k, d);
    }
    return d;
  };

  const clusters = new Clusters(records.length);
  const certain = compared
    .filter((p) => p.decision.outcome === 'duplicate')
    .sort((p, q) => q.decision.confidence - p.decision.confidence || p.a - q.a || p.b - q.b);
  const queue: ComparedPair[] = compared.filter((p) => p.decision.outcome === 'queue');
  for (const p of certain) {
    const ra = clusters.find(p.a);
    const rb = clusters.find(p.b);
    if (ra === rb) continue;
    const left = clusters.membersOf(ra);
    const right = clusters.membersOf(rb);
    const blocked = left.some((i) =>
      right.some((j) => {
        const d = decisionOf(i, j);
        return d.outcome === 'distinct' || d.identifierConflict;
      }),
    );
    if (blocked)
      queue.push({
        ...p,
        decision: {
          ...p.decision,
          outcome: 'queue',
          reason: `${p.decision.reason}, but another record of one cluster is distinct from the other`,
        },
      });
    else clusters.union(p.a, p.b);
  }

  onCompared?.(pairs.length, pairs.length);
  const groups = [...clusters.members.values()].filter((m) => m.length > 1).map((m) => [...m].sort((x, y) => x - y));
  const pending = queue.filter((p) => clusters.find(p.a) !== clusters.find(p.b));
  return { clusters: groups, queue: pending, compared: pairs.length };
}
