import { describe, expect, it } from 'vitest';
import type { OutlineComparison } from '@grove/shared';
import { arrangeOutline, outcomeCount } from './outline-filter.ts';

const outcome = (id: string, number: string, name: string, subgroups: string[] = []) =>
  ({ id, number, name, subgroups: subgroups.map((s, i) => ({ id: `${id}.0${i + 1}`, number: `${number}.${i + 1}`, name: s })) }) as never;
const outline = [
  {
    id: 'CMP-001',
    number: '1',
    name: 'Peer support versus usual care',
    outcomes: [outcome('CMP-001.01', '1.1', 'Hope'), outcome('CMP-001.02', '1.2', 'Depression', ['Women'])],
  },
  { id: 'CMP-002', number: '2', name: 'Peer support versus waiting list', outcomes: [outcome('CMP-002.01', '2.1', 'Admissions')] },
] as unknown as OutlineComparison[];
const names = (o: OutlineComparison[]) => o.map((c) => [c.name, c.outcomes.map((x) => x.name)]);

describe('arrangeOutline', () => {
  it('keeps matching outcomes (by name, number, id or subgroup) inside their comparisons', () => {
    expect(names(arrangeOutline(outline, 'hope', 'outline'))).toEqual([['Peer support versus usual care', ['Hope']]]);
    expect(names(arrangeOutline(outline, 'women', 'outline'))).toEqual([['Peer support versus usual care', ['Depression']]]);
    expect(names(arrangeOutline(outline, 'CMP-002.01', 'outline'))).toEqual([['Peer support versus waiting list', ['Admissions']]]);
    expect(outcomeCount(arrangeOutline(outline, 'zzz', 'outline'))).toBe(0);
  });
  it('keeps a matching comparison whole', () => {
    expect(names(arrangeOutline(outline, 'waiting', 'outline'))).toEqual([['Peer support versus waiting list', ['Admissions']]]);
    expect(outcomeCount(arrangeOutline(outline, 'peer support', 'outline'))).toBe(3);
  });
  it('sorts comparisons and outcomes by name, keeping their numbers', () => {
    const sorted = arrangeOutline(outline, '', 'name');
    expect(names(sorted)).toEqual([
      ['Peer support versus usual care', ['Depression', 'Hope']],
      ['Peer support versus waiting list', ['Admissions']],
    ]);
    expect(sorted[0]!.outcomes[0]!.number).toBe('1.2');
  });
});
