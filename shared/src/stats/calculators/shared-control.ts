// A control group shared by several comparisons of a multi-arm trial (Cochrane Handbook v6
// §23.3.4): split it into as many parts as comparisons so that no participant is counted
// twice. Sample size and events are divided; means and SDs stay as reported.
import { derived, type Derived } from './derivation.ts';

export function splitSharedControl(group: { total: number; events?: number }, comparisons: number): { total: Derived; events?: Derived } {
  if (!Number.isInteger(comparisons) || comparisons < 2) throw new RangeError(`comparisons: must be a whole number ≥ 2 (got ${comparisons})`);
  if (!(group.total > 0)) throw new RangeError(`total: must be > 0 (got ${group.total})`);
  const split = (name: 'total' | 'events', x: number): Derived =>
    derived(x / comparisons, {
      method: 'split-shared-control',
      inputs: { [name]: x, comparisons },
      formula: `${name === 'total' ? 'N' : 'events'}/number of comparisons sharing the control group`,
      reference: 'Cochrane Handbook v6 §23.3.4',
    });
  const out: { total: Derived; events?: Derived } = { total: split('total', group.total) };
  if (group.events !== undefined) {
    if (!(group.events >= 0 && group.events <= group.total)) throw new RangeError(`events: must be between 0 and total (got ${group.events})`);
    out.events = split('events', group.events);
  }
  return out;
}
