import { describe, expect, it } from 'vitest';
import type { ArmResultRow, StudyData } from '@grove/shared';
import { groupKey, pasteBlock, stepFrom, withResults, type Row } from './grid-state.ts';

const row = (outcome: string, timepoint: string, kind: Row['kind']) =>
  ({ outcome: { id: outcome }, timepoint: { id: timepoint }, kind }) as unknown as Row;

describe('grid state', () => {
  it('replaces the saved rows of the cells sent and drops the cleared ones', () => {
    const cell = { studyOutcomeId: 'o', timepointId: 't', armId: 'a' };
    const old = { ...cell, result: { kind: 'dichotomous', events: 1, n: 10 } } as unknown as ArmResultRow;
    const other = { ...cell, armId: 'b', result: { kind: 'dichotomous', events: 2, n: 10 } } as unknown as ArmResultRow;
    const data = { results: [old, other] } as unknown as StudyData;
    const saved = { ...old, result: { kind: 'dichotomous', events: 3, n: 10 } } as unknown as ArmResultRow;
    expect(withResults(data, [cell], [saved]).results).toEqual([other, saved]);
    expect(withResults(data, [cell], [null]).results).toEqual([other]);
  });

  it('moves across the (arm, field) columns and stops at the edges', () => {
    const rows = [{ kind: 'continuous' as const }, { kind: 'dichotomous' as const }];
    expect(stepFrom(rows, 2, { r: 0, a: 0, f: 2 }, 0, 1)).toEqual({ r: 0, a: 1, f: 0 });
    expect(stepFrom(rows, 2, { r: 0, a: 1, f: 2 }, 0, 1)).toBeNull();
    expect(stepFrom(rows, 2, { r: 0, a: 0, f: 0 }, 0, -1)).toBeNull();
    // Down from continuous N (field 2) to dichotomous N (field 1): the same field by name.
    expect(stepFrom(rows, 2, { r: 0, a: 1, f: 2 }, 1, 0)).toEqual({ r: 1, a: 1, f: 1 });
    // Down from Mean (no such field below): the nearest column.
    expect(stepFrom(rows, 2, { r: 0, a: 0, f: 0 }, 1, 0)).toEqual({ r: 1, a: 0, f: 0 });
    expect(stepFrom(rows, 2, { r: 1, a: 0, f: 0 }, 1, 0)).toBeNull();
  });

  it('fills a pasted block from the active cell, arm by arm, keeping the other fields of each arm result', () => {
    const rows = [row('o', 't1', 'dichotomous'), row('o', 't2', 'dichotomous')];
    const arms = [{ id: 'x' }, { id: 'y' }];
    const current = (key: string) => (key === groupKey('o', 't1', 'x') ? { events: '1', n: '50' } : undefined);
    const { changes, filled } = pasteBlock(rows, arms, { r: 0, a: 0, f: 1 }, [['40', '5', '41'], ['42']], current);
    expect(filled).toBe(4);
    expect(changes.get(groupKey('o', 't1', 'x'))).toEqual({ events: '1', n: '40' });
    expect(changes.get(groupKey('o', 't1', 'y'))).toEqual({ events: '5', n: '41' });
    expect(changes.get(groupKey('o', 't2', 'x'))).toEqual({ n: '42' });
  });
});
