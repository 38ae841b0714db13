import { describe, expect, it } from 'vitest';
import {
  back,
  countsWith,
  current,
  decide,
  emptyQueue,
  failed,
  forward,
  lastId,
  received,
  saved,
  sending,
  setAside,
  startFetch,
  undone,
  waiting,
  wantsEarlier,
  wantsMore,
  withEarlier,
  LOW_WATER,
  type DecisionInput,
  type QueueState,
} from './queue.ts';

interface Rec {
  recordId: string;
  stored?: DecisionInput;
}
const recs = (...ids: string[]): Rec[] => ids.map((recordId) => ({ recordId }));
const storedOf = (r: Rec) => r.stored ?? null;
const include: DecisionInput = { decision: 'include' };
const exclude: DecisionInput = { decision: 'exclude' };

function loaded(...ids: string[]): QueueState<Rec> {
  return received(startFetch(emptyQueue<Rec>()), recs(...ids), storedOf);
}
function decideOk(s: QueueState<Rec>, input: DecisionInput) {
  const r = decide(s, input);
  if (!r) throw new Error('nothing on screen');
  return r;
}
const onScreen = (s: QueueState<Rec>) => current(s)?.record.recordId ?? null;

describe('the screening queue', () => {
  it('shows the first record of a batch and moves to the next at once on a decision', () => {
    let s = loaded('a', 'b', 'c');
    expect(onScreen(s)).toBe('a');
    const r = decideOk(s, include);
    expect(r.send.recordId).toBe('a');
    s = r.state;
    expect(onScreen(s)).toBe('b');
    expect(sending(s)).toBe(1);
    s = saved(s, 'a');
    expect(sending(s)).toBe(0);
    expect(s.items[0]!.made).toEqual({ input: include, status: 'saved' });
  });

  it('asks for more while fewer than LOW_WATER records wait, never twice at once, and not after the end', () => {
    const ids = Array.from({ length: LOW_WATER + 2 }, (_, i) => `r${i}`);
    let s = loaded(...ids);
    expect(waiting(s)).toBe(LOW_WATER + 1);
    expect(wantsMore(s)).toBe(false);
    s = decideOk(s, include).state;
    s = decideOk(s, include).state;
    expect(wantsMore(s)).toBe(true);
    s = startFetch(s);
    expect(wantsMore(s)).toBe(false);
    expect(lastId(s)).toBe(`r${LOW_WATER + 1}`);
    // The backend offers a record whose decision is still on its way: it is not shown twice.
    s = received(s, recs('r0', 'x'), storedOf);
    expect(s.items.map((i) => i.record.recordId).filter((id) => id === 'r0')).toHaveLength(1);
    expect(s.exhausted).toBe(false);
    s = received(startFetch(s), recs('r1'), storedOf);
    expect(s.exhausted).toBe(true);
    expect(wantsMore(s)).toBe(false);
  });

  it('waits at the end and shows the first new undecided record when a batch arrives', () => {
    let s = loaded('a');
    s = decideOk(s, include).state;
    expect(current(s)).toBeNull();
    expect(decide(s, include)).toBeNull();
    s = received(startFetch(s), [{ recordId: 'b', stored: exclude }, { recordId: 'c' }], storedOf);
    expect(onScreen(s)).toBe('c');
  });

  it('puts a refused record back on screen with the message and its earlier decision', () => {
    let s = loaded('a', 'b', 'c');
    s = decideOk(s, include).state;
    s = decideOk(s, exclude).state;
    s = saved(s, 'b');
    s = failed(s, 'a', 'The record was removed as a duplicate');
    expect(onScreen(s)).toBe('a');
    expect(current(s)!.made).toBeNull();
    expect(s.error).toBe('The record was removed as a duplicate');
    // The failed decision is no longer undoable; b's is.
    s = undone(s);
    expect(onScreen(s)).toBe('b');
    expect(s.steps).toHaveLength(0);
    // A new decision clears the message.
    s = decideOk(s, include).state;
    expect(s.error).toBeNull();
  });

  it('undoes the last decision: its record comes back without it', () => {
    let s = loaded('a', 'b', 'c');
    s = decideOk(s, include).state;
    s = decideOk(s, exclude).state;
    s = undone(s);
    expect(onScreen(s)).toBe('b');
    expect(current(s)!.made).toBeNull();
    s = undone(s);
    expect(onScreen(s)).toBe('a');
    expect(undone(s)).toBe(s);
  });

  it('goes back to change a decision, then returns to the first undecided record', () => {
    let s = loaded('a', 'b', 'c', 'd');
    s = decideOk(s, include).state;
    s = decideOk(s, include).state;
    expect(onScreen(s)).toBe('c');
    s = back(back(s));
    expect(onScreen(s)).toBe('a');
    expect(back(s)).toBe(s);
    expect(current(s)!.made!.input).toEqual(include);
    s = decideOk(s, exclude).state;
    expect(onScreen(s)).toBe('c');
    // Undo restores the decision it replaced, not "no decision".
    s = undone(s);
    expect(onScreen(s)).toBe('a');
    expect(current(s)!.made!.input).toEqual(include);
    expect(onScreen(forward(s))).toBe('b');
    // Forward never passes an undecided record.
    const atC = forward(forward(s));
    expect(onScreen(atC)).toBe('c');
    expect(forward(atC)).toBe(atC);
  });

  it('reaches decisions made before the session by going back past the first record', () => {
    let s = loaded('c', 'd');
    s = decideOk(s, include).state;
    s = back(s);
    expect(onScreen(s)).toBe('c');
    expect(wantsEarlier(s)).toBe(true);
    // Latest first, as the backend lists them; c (decided here) is not added twice.
    s = withEarlier(
      s,
      [
        { recordId: 'c', stored: include },
        { recordId: 'b', stored: exclude },
        { recordId: 'a', stored: include },
      ],
      storedOf,
    );
    expect(s.items.map((i) => i.record.recordId)).toEqual(['a', 'b', 'c', 'd']);
    expect(onScreen(s)).toBe('c');
    expect(wantsEarlier(s)).toBe(false);
    s = back(s);
    expect(onScreen(s)).toBe('b');
    expect(current(s)!.made).toEqual({ input: exclude, status: 'saved' });
    // Changing it counts from what it was.
    s = decideOk(s, include).state;
    expect(countsWith(s, { include: 1, exclude: 1, maybe: 0 })).toEqual({ include: 3, exclude: 0, maybe: 0 });
    expect(onScreen(s)).toBe('d');
  });

  it('moves the reviewer’s counts with each decision made here, from the counts at the start', () => {
    let s = received(startFetch(emptyQueue<Rec>()), [{ recordId: 'a', stored: include }, { recordId: 'b' }, { recordId: 'c' }], storedOf);
    const base = { include: 5, exclude: 2, maybe: 0 };
    expect(onScreen(s)).toBe('b');
    s = decideOk(s, exclude).state;
    expect(countsWith(s, base)).toEqual({ include: 5, exclude: 3, maybe: 0 });
    s = back(back(s));
    s = decideOk(s, { decision: 'maybe' }).state;
    expect(countsWith(s, base)).toEqual({ include: 4, exclude: 3, maybe: 1 });
    s = undone(s);
    expect(countsWith(s, base)).toEqual({ include: 5, exclude: 3, maybe: 0 });
  });

  it('sets a record aside without a decision: it leaves the queue and the next undecided record is on screen', () => {
    let s = loaded('a', 'b', 'c', 'd');
    s = decideOk(s, include).state; // a decided, b on screen
    s = setAside(s, 'b');
    expect(s.items.map((i) => i.record.recordId)).toEqual(['a', 'c', 'd']);
    expect(current(s)?.record.recordId).toBe('c');
    // Before the cursor: the one on screen stays on screen.
    s = setAside(s, 'a');
    expect(current(s)?.record.recordId).toBe('c');
    expect(s.steps).toEqual([]);
    // Not in the queue: nothing changes.
    expect(setAside(s, 'zz')).toBe(s);
    // The last one: the queue waits at its end for more.
    s = setAside(setAside(s, 'c'), 'd');
    expect(current(s)).toBeNull();
    expect(s.cursor).toBe(0);
  });
});
