// Cluster-randomised trials analysed as if individually randomised (Cochrane Handbook v6
// §23.1.4): divide the sample size (and the number of events) by the design effect
// 1 + (M − 1)·ICC, M the average cluster size.
import { derived, type Derived } from './derivation.ts';

/** Design effect 1 + (M − 1)·ICC. */
export function designEffect(meanClusterSize: number, icc: number): Derived {
  if (!(meanClusterSize >= 1) || !Number.isFinite(meanClusterSize)) throw new RangeError(`meanClusterSize: must be ≥ 1 (got ${meanClusterSize})`);
  if (!(icc >= 0 && icc <= 1)) throw new RangeError(`icc: must be between 0 and 1 (got ${icc})`);
  return derived(1 + (meanClusterSize - 1) * icc, {
    method: 'design-effect',
    inputs: { meanClusterSize, icc },
    formula: 'DE = 1 + (M − 1)·ICC',
    reference: 'Cochrane Handbook v6 §23.1.4',
  });
}

export interface EffectiveGroup {
  /** Effective sample size N/DE. */
  total: Derived;
  /** Effective number of events e/DE (dichotomous outcomes only). */
  events?: Derived;
}

/** A group's effective sample size (and events) after dividing by the design effect; means and SDs are unchanged. */
export function clusterAdjustedGroup(group: { total: number; events?: number }, meanClusterSize: number, icc: number): EffectiveGroup {
  if (!(group.total > 0)) throw new RangeError(`total: must be > 0 (got ${group.total})`);
  const de = designEffect(meanClusterSize, icc).value;
  const record = (name: string, x: number): Derived =>
    derived(x / de, {
      method: 'cluster-effective-size',
      inputs: { [name]: x, meanClusterSize, icc, designEffect: de },
      formula: `${name === 'total' ? 'N' : 'events'}_effective = ${name === 'total' ? 'N' : 'events'}/(1 + (M − 1)·ICC)`,
      reference: 'Cochrane Handbook v6 §23.1.4',
    });
  const out: EffectiveGroup = { total: record('total', group.total) };
  if (group.events !== undefined) {
    if (!(group.events >= 0 && group.events <= group.total)) throw new RangeError(`events: must be between 0 and total (got ${group.events})`);
    out.events = record('events', group.events);
  }
  return out;
}
