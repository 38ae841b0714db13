import { describe, expect, it } from 'vitest';
import { invalidationFor } from '../../../data/invalidation.ts';
import { queryKeys } from '../../../data/query-keys.ts';

// The flow diagram is computed from the hand-entered counts, the studies and their reports,
// and the analyses: a change to any of them must redraw it; a change elsewhere must not.
const stales = (table: string) => {
  const inv = invalidationFor({ id: 1, label: 'x', touched: [{ table, ids: ['a'] }] });
  if (inv.kind !== 'some') throw new Error('expected some keys');
  return inv.keys.some((k) => JSON.stringify(k) === JSON.stringify(queryKeys.prismaFlow));
};

describe('the flow diagram’s query', () => {
  it('is invalidated by the tables it reads', () => {
    for (const t of ['search_counts', 'study', 'report', 'arm_result', 'planned_outcome', 'rob1_judgement'])
      expect(stales(t), t).toBe(true);
  });
  it('is left alone by tables it does not read', () => {
    for (const t of ['reviewer', 'grade_assessment']) expect(stales(t), t).toBe(false);
  });
});
