// The screening view's keys, as one pure function from a key press (and what is on screen)
// to an action, so that the view's listener holds no rules and the mapping is tested.
//
// Screening: I include, E exclude, M maybe; U or Ctrl/Cmd+Z undo the last decision; B,
// Backspace or ← go back to the record decided before (→ forward again); N focuses the
// note; ? the help.
// At full text an exclusion needs a reason: 1–9 exclude with that reason of the list at
// once, and E opens the reason list (then 1–9, or Esc to cancel). R marks the record's full
// text as one that could not be obtained (a note of what was tried, then Enter).
// Conflicts (the person resolving): A takes the first reviewer's decision, B the second's
// (with its reason), I / E / M decide otherwise (at full text E and the digits as above),
// J / K move to the next and previous conflict.

export type Decision = 'include' | 'exclude' | 'maybe';

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
  readonly shiftKey?: boolean;
}

export type ScreenAction =
  | { readonly kind: 'decide'; readonly decision: Decision }
  /** Exclude with the reason at this 0-based position of the review's list. */
  | { readonly kind: 'exclude-with-reason'; readonly reason: number }
  | { readonly kind: 'choose-reason' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'undo' }
  | { readonly kind: 'back' }
  | { readonly kind: 'forward' }
  | { readonly kind: 'note' }
  /** Full text: the report could not be obtained (not a decision). */
  | { readonly kind: 'not-retrieved' }
  | { readonly kind: 'help' };

export type ConflictAction =
  | { readonly kind: 'take'; readonly side: 'first' | 'second' }
  | { readonly kind: 'decide'; readonly decision: Decision }
  | { readonly kind: 'exclude-with-reason'; readonly reason: number }
  | { readonly kind: 'choose-reason' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'next' }
  | { readonly kind: 'previous' }
  | { readonly kind: 'help' };

export interface KeyContext {
  /** At full text an exclusion names a reason. */
  readonly needsReason: boolean;
  /** How many exclusion reasons the review lists (digits beyond them do nothing). */
  readonly reasonCount: number;
  /** The reason list is open after E: a digit picks, Esc cancels, nothing else acts. */
  readonly choosingReason: boolean;
  /** At full text a record's report can be marked as not obtained (R). */
  readonly canMarkNotRetrieved?: boolean;
}

const DECISIONS: Readonly<Record<string, Decision>> = { i: 'include', e: 'exclude', m: 'maybe' };

/** A digit 1–9 as a 0-based reason position, if the review has that many reasons. */
function reasonKey(key: string, ctx: KeyContext): number | null {
  if (!/^[1-9]$/.test(key)) return null;
  const n = Number(key) - 1;
  return n < ctx.reasonCount ? n : null;
}

/** The decision keys both views share: I / E / M, the digits and Esc while choosing a reason. */
function decisionAction(
  key: string,
  ctx: KeyContext,
): { kind: 'decide'; decision: Decision } | { kind: 'exclude-with-reason'; reason: number } | { kind: 'choose-reason' } | null {
  const reason = ctx.needsReason ? reasonKey(key, ctx) : null;
  if (reason !== null) return { kind: 'exclude-with-reason', reason };
  const decision = DECISIONS[key.toLowerCase()];
  if (!decision) return null;
  if (decision === 'exclude' && ctx.needsReason) return { kind: 'choose-reason' };
  return { kind: 'decide', decision };
}

export function screenKey(press: KeyPress, ctx: KeyContext): ScreenAction | null {
  const mod = press.ctrlKey === true || press.metaKey === true;
  if (press.altKey) return null;
  if (ctx.choosingReason) {
    if (mod) return null;
    if (press.key === 'Escape') return { kind: 'cancel' };
    const reason = reasonKey(press.key, ctx);
    return reason === null ? null : { kind: 'exclude-with-reason', reason };
  }
  if (mod) return !press.shiftKey && press.key.toLowerCase() === 'z' ? { kind: 'undo' } : null;
  if (press.key === 'Backspace' || press.key === 'ArrowLeft') return { kind: 'back' };
  if (press.key === 'ArrowRight') return { kind: 'forward' };
  if (press.key === '?') return { kind: 'help' };
  if (press.shiftKey) return null;
  switch (press.key.toLowerCase()) {
    case 'u':
      return { kind: 'undo' };
    case 'b':
      return { kind: 'back' };
    case 'n':
      return { kind: 'note' };
    case 'r':
      if (ctx.canMarkNotRetrieved) return { kind: 'not-retrieved' };
  }
  return decisionAction(press.key, ctx);
}

export function conflictKey(press: KeyPress, ctx: KeyContext): ConflictAction | null {
  if (press.altKey || press.ctrlKey || press.metaKey) return null;
  if (ctx.choosingReason) {
    if (press.key === 'Escape') return { kind: 'cancel' };
    const reason = reasonKey(press.key, ctx);
    return reason === null ? null : { kind: 'exclude-with-reason', reason };
  }
  if (press.key === '?') return { kind: 'help' };
  if (press.shiftKey) return null;
  switch (press.key.toLowerCase()) {
    case 'a':
      return { kind: 'take', side: 'first' };
    case 'b':
      return { kind: 'take', side: 'second' };
    case 'j':
    case 'arrowdown':
      return { kind: 'next' };
    case 'k':
    case 'arrowup':
      return { kind: 'previous' };
  }
  return decisionAction(press.key, ctx);
}

/** The full-text screen's key for a report that could not be obtained (its help row; the Shortcuts dialog lists it too). */
export const NOT_RETRIEVED_KEY_HELP = ['R', 'Full text could not be obtained: mark it (with what was tried), not a decision'] as const;

/** The rows of the help popover, in the order the keys are used. */
export function screenKeyHelp(needsReason: boolean): readonly (readonly [keys: string, what: string])[] {
  return [
    ['I', 'Include the record'],
    needsReason ? ['E, then 1–9', 'Exclude, choosing the reason from the list'] : ['E', 'Exclude the record'],
    ...(needsReason ? [['1–9', 'Exclude with that reason at once'] as const] : []),
    ['M', 'Maybe: unsure, to come back to'],
    ...(needsReason ? [NOT_RETRIEVED_KEY_HELP] : []),
    ['U or Ctrl+Z', 'Undo your last decision (the record comes back)'],
    ['B, Backspace or ←', 'Back to the record you decided before, to change the decision'],
    ['→', 'Forward again, keeping the decision'],
    ['N', 'Write a note on the record (Esc leaves the note)'],
    ['?', 'Show these keys'],
  ];
}

export function conflictKeyHelp(needsReason: boolean): readonly (readonly [keys: string, what: string])[] {
  return [
    ['A', 'Take the first reviewer’s decision (with its reason)'],
    ['B', 'Take the second reviewer’s decision (with its reason)'],
    ['I', 'Include'],
    needsReason ? ['E, then 1–9', 'Exclude, choosing the reason'] : ['E', 'Exclude'],
    ['M', 'Maybe: leave it for discussion'],
    ['J or ↓, K or ↑', 'Next / previous conflict'],
    ['?', 'Show these keys'],
  ];
}
