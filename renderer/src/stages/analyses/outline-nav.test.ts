import { describe, expect, it } from 'vitest';
import type { OutlineComparison, OutlineOutcome } from '@grove/shared';
import { flattenOutline, moveFocus } from './outline-nav.ts';

const outcome = (id: string, number: string, subgroups: OutlineOutcome['subgroups'] = []) =>
  ({ id, number, name: `Outcome ${number}`, subgroups }) as OutlineOutcome;
const outline = [
  {
    id: 'CMP-001',
    number: '1',
    name: 'A vs B',
    outcomes: [
      outcome('CMP-001.01', '1.1', [
        { id: 'CMP-001.01.01', number: '1.1.1', name: 'Adults' },
        { id: 'CMP-001.01.02', number: '1.1.2', name: 'Children' },
      ]),
      outcome('CMP-001.02', '1.2'),
    ],
  },
  { id: 'CMP-002', number: '2', name: 'A vs C', outcomes: [] },
] as OutlineComparison[];

describe('the outline as the keyboard walks it', () => {
  const items = flattenOutline(outline);

  it('lists comparisons, outcomes and subgroups in RevMan’s order with their levels, and what Enter opens', () => {
    expect(items.map((i) => [i.number, i.level, i.opens])).toEqual([
      ['1', 1, 'CMP-001.01'],
      ['1.1', 2, 'CMP-001.01'],
      ['1.1.1', 3, 'CMP-001.01'],
      ['1.1.2', 3, 'CMP-001.01'],
      ['1.2', 2, 'CMP-001.02'],
      ['2', 1, null],
    ]);
    expect(items.find((i) => i.id === 'CMP-001.02')).toMatchObject({ index: 1, siblings: 2, parentId: 'CMP-001' });
  });

  it('moves with the arrows, Home and End, stopping at the ends', () => {
    expect(moveFocus(items, 'CMP-001', 'ArrowUp')).toBe('CMP-001');
    expect(moveFocus(items, 'CMP-001', 'ArrowDown')).toBe('CMP-001.01');
    expect(moveFocus(items, 'CMP-001.01.02', 'ArrowDown')).toBe('CMP-001.02');
    expect(moveFocus(items, 'CMP-002', 'ArrowDown')).toBe('CMP-002');
    expect(moveFocus(items, 'CMP-001.01.01', 'ArrowLeft')).toBe('CMP-001.01');
    expect(moveFocus(items, 'CMP-001.01', 'ArrowRight')).toBe('CMP-001.01.01');
    expect(moveFocus(items, 'CMP-001.02', 'ArrowRight')).toBe('CMP-001.02');
    expect(moveFocus(items, 'CMP-001.01', 'End')).toBe('CMP-002');
    expect(moveFocus(items, 'CMP-002', 'Home')).toBe('CMP-001');
    expect(moveFocus(items, 'gone', 'ArrowDown')).toBe('CMP-001');
    expect(moveFocus([], null, 'ArrowDown')).toBeNull();
  });
});
