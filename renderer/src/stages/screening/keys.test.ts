import { describe, expect, it } from 'vitest';
import { conflictKey, screenKey, type KeyContext } from './keys.ts';

const titleAbstract: KeyContext = { needsReason: false, reasonCount: 0, choosingReason: false };
const fullText: KeyContext = { needsReason: true, reasonCount: 3, choosingReason: false };
const choosing: KeyContext = { ...fullText, choosingReason: true };

describe('screening keys', () => {
  it('decides with I, E and M in either case', () => {
    expect(screenKey({ key: 'i' }, titleAbstract)).toEqual({ kind: 'decide', decision: 'include' });
    expect(screenKey({ key: 'I', shiftKey: false }, titleAbstract)).toEqual({ kind: 'decide', decision: 'include' });
    expect(screenKey({ key: 'e' }, titleAbstract)).toEqual({ kind: 'decide', decision: 'exclude' });
    expect(screenKey({ key: 'm' }, titleAbstract)).toEqual({ kind: 'decide', decision: 'maybe' });
  });

  it('undoes with U and Ctrl/Cmd+Z, but not Ctrl+Shift+Z (redo stays global)', () => {
    expect(screenKey({ key: 'u' }, titleAbstract)).toEqual({ kind: 'undo' });
    expect(screenKey({ key: 'z', ctrlKey: true }, titleAbstract)).toEqual({ kind: 'undo' });
    expect(screenKey({ key: 'z', metaKey: true }, titleAbstract)).toEqual({ kind: 'undo' });
    expect(screenKey({ key: 'Z', ctrlKey: true, shiftKey: true }, titleAbstract)).toBeNull();
  });

  it('goes back with B, Backspace and ←', () => {
    for (const key of ['b', 'B', 'Backspace', 'ArrowLeft']) expect(screenKey({ key }, titleAbstract)).toEqual({ kind: 'back' });
    expect(screenKey({ key: 'ArrowRight' }, titleAbstract)).toEqual({ kind: 'forward' });
  });

  it('leaves Alt combinations (stage switching) and other modified keys alone', () => {
    expect(screenKey({ key: 'i', altKey: true }, titleAbstract)).toBeNull();
    expect(screenKey({ key: 'i', ctrlKey: true }, titleAbstract)).toBeNull();
    expect(screenKey({ key: 'x' }, titleAbstract)).toBeNull();
  });

  it('marks a full text as not obtained with R, at full text only and not while choosing a reason', () => {
    const marking: KeyContext = { ...fullText, canMarkNotRetrieved: true };
    expect(screenKey({ key: 'r' }, marking)).toEqual({ kind: 'not-retrieved' });
    expect(screenKey({ key: 'R' }, marking)).toEqual({ kind: 'not-retrieved' });
    expect(screenKey({ key: 'r' }, titleAbstract)).toBeNull();
    expect(screenKey({ key: 'r' }, { ...marking, choosingReason: true })).toBeNull();
    expect(screenKey({ key: 'r', ctrlKey: true }, marking)).toBeNull();
  });

  it('ignores digits at title/abstract', () => {
    expect(screenKey({ key: '1' }, titleAbstract)).toBeNull();
  });

  it('at full text, E asks for a reason and a digit excludes with that reason at once', () => {
    expect(screenKey({ key: 'e' }, fullText)).toEqual({ kind: 'choose-reason' });
    expect(screenKey({ key: '1' }, fullText)).toEqual({ kind: 'exclude-with-reason', reason: 0 });
    expect(screenKey({ key: '3' }, fullText)).toEqual({ kind: 'exclude-with-reason', reason: 2 });
    // Only as many digits as the review has reasons.
    expect(screenKey({ key: '4' }, fullText)).toBeNull();
    expect(screenKey({ key: 'i' }, fullText)).toEqual({ kind: 'decide', decision: 'include' });
  });

  it('while choosing a reason, only a digit or Esc acts', () => {
    expect(screenKey({ key: '2' }, choosing)).toEqual({ kind: 'exclude-with-reason', reason: 1 });
    expect(screenKey({ key: 'Escape' }, choosing)).toEqual({ kind: 'cancel' });
    expect(screenKey({ key: 'i' }, choosing)).toBeNull();
    expect(screenKey({ key: 'u' }, choosing)).toBeNull();
    expect(screenKey({ key: 'z', ctrlKey: true }, choosing)).toBeNull();
  });
});

describe('conflict keys', () => {
  it('takes either reviewer’s decision with A and B, and moves with J/K', () => {
    expect(conflictKey({ key: 'a' }, titleAbstract)).toEqual({ kind: 'take', side: 'first' });
    expect(conflictKey({ key: 'b' }, titleAbstract)).toEqual({ kind: 'take', side: 'second' });
    expect(conflictKey({ key: 'j' }, titleAbstract)).toEqual({ kind: 'next' });
    expect(conflictKey({ key: 'ArrowUp' }, titleAbstract)).toEqual({ kind: 'previous' });
  });

  it('decides otherwise with I / E / M, with a reason at full text', () => {
    expect(conflictKey({ key: 'm' }, titleAbstract)).toEqual({ kind: 'decide', decision: 'maybe' });
    expect(conflictKey({ key: 'e' }, titleAbstract)).toEqual({ kind: 'decide', decision: 'exclude' });
    expect(conflictKey({ key: 'e' }, fullText)).toEqual({ kind: 'choose-reason' });
    expect(conflictKey({ key: '2' }, fullText)).toEqual({ kind: 'exclude-with-reason', reason: 1 });
    expect(conflictKey({ key: 'Escape' }, choosing)).toEqual({ kind: 'cancel' });
    expect(conflictKey({ key: 'a' }, choosing)).toBeNull();
  });
});
