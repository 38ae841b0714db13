// The conflicts queue's keys (MergeConflictsDialog): 1 keeps this copy's value, 2 takes the
// merged one, ↑/↓ move between conflicts. Pure, tested beside it.

export type ConflictKeyAction =
  { readonly kind: 'resolve'; readonly choice: 'local' | 'incoming' } | { readonly kind: 'move'; readonly by: 1 | -1 };

/** What a key does in the queue, or null; keys typed into a field are the field's. */
export function conflictKeyAction(key: string, inField: boolean): ConflictKeyAction | null {
  if (inField) return null;
  switch (key) {
    case '1':
      return { kind: 'resolve', choice: 'local' };
    case '2':
      return { kind: 'resolve', choice: 'incoming' };
    case 'ArrowDown':
      return { kind: 'move', by: 1 };
    case 'ArrowUp':
      return { kind: 'move', by: -1 };
    default:
      return null;
  }
}

/** The index shown after a move within `count` conflicts (stays in range, never wraps). */
export function moveIndex(index: number, by: 1 | -1, count: number): number {
  if (count === 0) return 0;
  return Math.max(0, Math.min(count - 1, index + by));
}

/** A stored value as the queue shows it: none as an em dash, a whole row as "the row". */
export function showValue(value: string | number | null): string {
  if (value === null) return '—';
  if (value === 'row') return 'the row';
  return String(value);
}
