import { describe, expect, it } from 'vitest';
import { conflictKeyAction, moveIndex, showValue } from './conflict-keys.ts';

describe('the conflicts queue keys', () => {
  it('resolves with 1 and 2, moves with the arrows, and leaves keys typed in a field alone', () => {
    expect(conflictKeyAction('1', false)).toEqual({ kind: 'resolve', choice: 'local' });
    expect(conflictKeyAction('2', false)).toEqual({ kind: 'resolve', choice: 'incoming' });
    expect(conflictKeyAction('ArrowDown', false)).toEqual({ kind: 'move', by: 1 });
    expect(conflictKeyAction('ArrowUp', false)).toEqual({ kind: 'move', by: -1 });
    expect(conflictKeyAction('1', true)).toBeNull();
    expect(conflictKeyAction('3', false)).toBeNull();
  });

  it('keeps the position within the queue', () => {
    expect(moveIndex(0, -1, 3)).toBe(0);
    expect(moveIndex(2, 1, 3)).toBe(2);
    expect(moveIndex(1, 1, 3)).toBe(2);
    expect(moveIndex(4, -1, 0)).toBe(0);
  });

  it('shows values in words', () => {
    expect(showValue(null)).toBe('—');
    expect(showValue('row')).toBe('the row');
    expect(showValue(3)).toBe('3');
  });
});
