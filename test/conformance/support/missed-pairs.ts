import type { BibRecord } from '@grove/shared/records/index';
import { compareRecords, normaliseRecord } from '@grove/shared/records/dedup/index';
import { blockingKeys } from '@grove/shared/records/dedup/blocking';

// Why a labelled duplicate was not merged: for every pair of one true cluster that the
// automatic clusters left apart, whether blocking ever compared the two (a shared key), and the
// decision with its field-level evidence. Printed with the accuracy scores so a missed
// duplicate can be classified (normalisation gap, blocking, a rule) without a debugger.

/** One line per missed pair, then its evidence, indented. */
export function describeMissedPairs(records: BibRecord[], truth: string[][], clusters: string[][]): string[] {
  const index = new Map(records.map((r, i) => [r.id, i]));
  const groupOf = new Map<string, number>();
  clusters.forEach((c, k) => c.forEach((id) => groupOf.set(id, k)));
  const sameGroup = (x: string, y: string) => groupOf.has(x) && groupOf.get(x) === groupOf.get(y);
  const lines: string[] = [];
  for (const cluster of truth) {
    for (let i = 0; i < cluster.length; i++) {
      for (let j = i + 1; j < cluster.length; j++) {
        const [x, y] = [cluster[i]!, cluster[j]!];
        if (sameGroup(x, y) || !index.has(x) || !index.has(y)) continue;
        const a = normaliseRecord(records[index.get(x)!]!);
        const b = normaliseRecord(records[index.get(y)!]!);
        const keysOfB = new Set(blockingKeys(b));
        const blocked = blockingKeys(a).some((k) => keysOfB.has(k));
        const d = compareRecords(a, b);
        lines.push(
          `  missed ${x} × ${y}: ${blocked ? 'compared' : 'never compared (no shared blocking key)'}; ${d.outcome}: ${d.reason}`,
          `    ${d.evidence.map((e) => `${e.field} ${e.verdict}${e.detail ? ` (${e.detail})` : ''}`).join('; ')}`,
        );
      }
    }
  }
  return lines;
}
