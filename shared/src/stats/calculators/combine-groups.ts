// Combining two groups into one (Handbook v6 Table 6.5.a; spec §1.8). Exact; apply
// repeatedly for more than two groups.
import { derived, type Derived } from './derivation.ts';

export interface GroupSummary {
  n: number;
  mean: number;
  sd: number;
}

export function combineGroups(g1: GroupSummary, g2: GroupSummary): Derived<GroupSummary> {
  const n = g1.n + g2.n;
  const mean = (g1.n * g1.mean + g2.n * g2.mean) / n;
  const ss =
    (g1.n - 1) * g1.sd * g1.sd +
    (g2.n - 1) * g2.sd * g2.sd +
    ((g1.n * g2.n) / n) * (g1.mean * g1.mean + g2.mean * g2.mean - 2 * g1.mean * g2.mean);
  return derived(
    { n, mean, sd: Math.sqrt(ss / (n - 1)) },
    {
      method: 'combine-groups',
      inputs: { n1: g1.n, mean1: g1.mean, sd1: g1.sd, n2: g2.n, mean2: g2.mean, sd2: g2.sd },
      formula:
        'N = N1 + N2; M = (N1·M1 + N2·M2)/N; SD = √{[(N1−1)SD1² + (N2−1)SD2² + (N1·N2/N)(M1² + M2² − 2·M1·M2)]/(N − 1)}',
      reference: 'Cochrane Handbook v6 Table 6.5.a',
    },
  );
}

/** Dichotomous groups combine by adding events and totals. */
export function combineDichotomousGroups(
  g1: { events: number; total: number },
  g2: { events: number; total: number },
): Derived<{ events: number; total: number }> {
  return derived(
    { events: g1.events + g2.events, total: g1.total + g2.total },
    {
      method: 'combine-groups-dichotomous',
      inputs: { events1: g1.events, total1: g1.total, events2: g2.events, total2: g2.total },
      formula: 'events = e1 + e2; total = n1 + n2',
      reference: 'Cochrane Handbook v6 §6.5.2.10',
    },
  );
}
