// The screening view's queue: the records of this session in the order they are shown, a
// cursor on the one on screen, and the decisions made here. It is what lets the next record
// be painted at once: a batch is prefetched from `screening.next`, a decision key moves the
// cursor at once and the decision is sent in the background; a decision the backend refuses
// puts its record back on screen with the reason.
//
// Pure: every operation returns a new state, and the container does the sending (one
// decision at a time, in the order made, so the review records them in that order).

export type Decision = 'include' | 'exclude' | 'maybe';

/** What a decision says besides include/exclude/maybe. */
export interface DecisionInput {
  readonly decision: Decision;
  /** The exclusion reason (full text). */
  readonly reasonId?: string | null;
  readonly note?: string;
  readonly labels?: readonly string[];
}

export interface Made {
  readonly input: DecisionInput;
  /** Sent and not yet answered, or stored. */
  readonly status: 'sending' | 'saved';
}

export interface Item<R> {
  readonly record: R;
  /** The reviewer's decision on the record: one made here, or stored before (`screening.next` sends it). */
  readonly made: Made | null;
  /** The decision stored when the record came into the queue (for the counts). */
  readonly arrived: Decision | null;
}

/** One decision made here, for undo: the record and what it replaced. */
interface Step {
  readonly recordId: string;
  readonly previous: Made | null;
}

export interface QueueState<R> {
  readonly items: readonly Item<R>[];
  /** Index of the record on screen; `items.length` while waiting for more (or at the end). */
  readonly cursor: number;
  /** Decisions made here, oldest first (undo takes the last). */
  readonly steps: readonly Step[];
  /** The backend has nothing after the last item. */
  readonly exhausted: boolean;
  /** A batch is being fetched. */
  readonly fetching: boolean;
  /** Why the last decision was not saved, until the next one is made. */
  readonly error: string | null;
  /** Whether the decisions made before this session were asked for (going back past the first record). */
  readonly earlierAsked: boolean;
}

export interface Keyed {
  readonly recordId: string;
}

/** Prefetch when fewer undecided records than this are waiting after the one on screen. */
export const LOW_WATER = 20;
/** Records asked for per batch. */
export const BATCH = 50;

/** The last index whose element passes, or -1 (Array.prototype.findLastIndex is ES2023). */
export function lastIndexOf<T>(xs: readonly T[], test: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (test(xs[i]!)) return i;
  return -1;
}

export function emptyQueue<R>(): QueueState<R> {
  return { items: [], cursor: 0, steps: [], exhausted: false, fetching: false, error: null, earlierAsked: false };
}

export function current<R>(s: QueueState<R>): Item<R> | null {
  return s.items[s.cursor] ?? null;
}

/** The first record at or after `from` without a decision; `items.length` when none. */
function firstUndecided<R>(items: readonly Item<R>[], from: number): number {
  let i = from;
  while (i < items.length && items[i]!.made !== null) i++;
  return i;
}

/** Undecided records waiting after the cursor. */
export function waiting<R>(s: QueueState<R>): number {
  let n = 0;
  for (let i = s.cursor + 1; i < s.items.length; i++) if (s.items[i]!.made === null) n++;
  return n;
}

/** Whether to ask for another batch now. */
export function wantsMore<R>(s: QueueState<R>): boolean {
  return !s.exhausted && !s.fetching && waiting(s) < LOW_WATER;
}

/** The last record the queue holds: the backend's next batch starts after it. */
export function lastId<R extends Keyed>(s: QueueState<R>): string | null {
  return s.items.length > 0 ? s.items[s.items.length - 1]!.record.recordId : null;
}

export function startFetch<R>(s: QueueState<R>): QueueState<R> {
  return { ...s, fetching: true };
}

/**
 * A batch arrived. Records the queue already holds are skipped: a decision still on its way
 * makes the backend offer its record again. An empty batch (nothing new) is the end.
 * `decided` gives a stored decision that the backend sent with a record.
 */
export function received<R extends Keyed>(s: QueueState<R>, batch: readonly R[], decided: (r: R) => DecisionInput | null): QueueState<R> {
  const have = new Set(s.items.map((i) => i.record.recordId));
  const fresh: Item<R>[] = [];
  for (const record of batch) {
    if (have.has(record.recordId)) continue;
    have.add(record.recordId);
    const input = decided(record);
    fresh.push({ record, made: input ? { input, status: 'saved' } : null, arrived: input?.decision ?? null });
  }
  const items = [...s.items, ...fresh];
  // Waiting at the end: the cursor goes to the first new record without a decision.
  const cursor = s.cursor >= s.items.length ? firstUndecided(items, s.cursor) : s.cursor;
  return { ...s, items, cursor, fetching: false, exhausted: fresh.length === 0 };
}

export function fetchFailed<R>(s: QueueState<R>, message: string): QueueState<R> {
  return { ...s, fetching: false, error: message };
}

/**
 * Decide the record on screen: its decision is marked as sending and the cursor moves to
 * the next record without a decision. Returns the record to send, or null when nothing is
 * on screen.
 */
export function decide<R extends Keyed>(s: QueueState<R>, input: DecisionInput): { state: QueueState<R>; send: R } | null {
  const item = current(s);
  if (!item) return null;
  const items = s.items.slice();
  items[s.cursor] = { ...item, made: { input, status: 'sending' } };
  const steps = [...s.steps, { recordId: item.record.recordId, previous: item.made }];
  return { state: { ...s, items, steps, cursor: firstUndecided(items, s.cursor + 1), error: null }, send: item.record };
}

/** The backend stored a decision. */
export function saved<R extends Keyed>(s: QueueState<R>, recordId: string): QueueState<R> {
  const i = s.items.findIndex((x) => x.record.recordId === recordId);
  const item = s.items[i];
  if (!item || item.made?.status !== 'sending') return s;
  const items = s.items.slice();
  items[i] = { ...item, made: { input: item.made.input, status: 'saved' } };
  return { ...s, items };
}

/**
 * The backend refused a decision: the record gets back what it had before and comes back on
 * screen with the message.
 */
export function failed<R extends Keyed>(s: QueueState<R>, recordId: string, message: string): QueueState<R> {
  const i = s.items.findIndex((x) => x.record.recordId === recordId);
  if (i < 0) return { ...s, error: message };
  const stepAt = lastIndexOf(s.steps, (st) => st.recordId === recordId);
  const previous = stepAt >= 0 ? s.steps[stepAt]!.previous : null;
  const items = s.items.slice();
  items[i] = { ...s.items[i]!, made: previous };
  const steps = stepAt >= 0 ? [...s.steps.slice(0, stepAt), ...s.steps.slice(stepAt + 1)] : s.steps;
  return { ...s, items, steps, cursor: i, error: message };
}

/** The decision undo would take back, or null when none was made here. */
export function lastStep<R>(s: QueueState<R>): { readonly recordId: string } | null {
  return s.steps[s.steps.length - 1] ?? null;
}

/**
 * Undo of the last decision made here (the backend undoes it in the same order): the record
 * gets back what it had before and comes back on screen.
 */
export function undone<R extends Keyed>(s: QueueState<R>): QueueState<R> {
  const step = s.steps[s.steps.length - 1];
  if (!step) return s;
  const i = s.items.findIndex((x) => x.record.recordId === step.recordId);
  const items = s.items.slice();
  if (i >= 0) items[i] = { ...items[i]!, made: step.previous };
  return { ...s, items, steps: s.steps.slice(0, -1), cursor: i >= 0 ? i : s.cursor, error: null };
}

/** Back to the record before the one on screen (decided: the only way past one is to decide it). */
export function back<R>(s: QueueState<R>): QueueState<R> {
  return s.cursor > 0 ? { ...s, cursor: s.cursor - 1 } : s;
}

/** Whether "back" on the first record needs the decisions made before this session. */
export function wantsEarlier<R>(s: QueueState<R>): boolean {
  return s.cursor === 0 && !s.earlierAsked;
}

/**
 * The reviewer's decisions made before this session (latest first, as the backend lists
 * them) go before the queue's first record, so that "back" reaches them; records the queue
 * holds already, and records without a decision, are left out.
 */
export function withEarlier<R extends Keyed>(
  s: QueueState<R>,
  latestFirst: readonly R[],
  decided: (r: R) => DecisionInput | null,
): QueueState<R> {
  const have = new Set(s.items.map((i) => i.record.recordId));
  const earlier: Item<R>[] = [];
  for (const record of [...latestFirst].reverse()) {
    const input = decided(record);
    if (!input || have.has(record.recordId)) continue;
    have.add(record.recordId);
    earlier.push({ record, made: { input, status: 'saved' }, arrived: input.decision });
  }
  return { ...s, items: [...earlier, ...s.items], cursor: s.cursor + earlier.length, earlierAsked: true };
}

/** Forward from a record gone back to, without changing its decision. */
export function forward<R>(s: QueueState<R>): QueueState<R> {
  if (current(s)?.made == null) return s;
  return { ...s, cursor: s.cursor + 1 };
}

/**
 * A record set aside without a decision (at full text, a report that could not be obtained):
 * it leaves the queue, and the record on screen becomes the next one without a decision. The
 * backend no longer offers it, so a later batch does not bring it back.
 */
export function setAside<R extends Keyed>(s: QueueState<R>, recordId: string): QueueState<R> {
  const i = s.items.findIndex((x) => x.record.recordId === recordId);
  if (i < 0) return s;
  const items = [...s.items.slice(0, i), ...s.items.slice(i + 1)];
  const steps = s.steps.filter((st) => st.recordId !== recordId);
  const cursor = i < s.cursor ? s.cursor - 1 : i === s.cursor ? firstUndecided(items, i) : s.cursor;
  return { ...s, items, steps, cursor, error: null };
}

/** Decisions still on their way to the backend. */
export function sending<R>(s: QueueState<R>): number {
  let n = 0;
  for (const i of s.items) if (i.made?.status === 'sending') n++;
  return n;
}

export interface SessionCounts {
  include: number;
  exclude: number;
  maybe: number;
}

/**
 * The reviewer's counts: those the backend gave when the session started, moved by every
 * decision made here (a changed decision moves one from a count to another), so the numbers
 * follow each key at once without asking the backend.
 */
export function countsWith<R>(s: QueueState<R>, base: SessionCounts): SessionCounts {
  const out = { ...base };
  for (const item of s.items) {
    const now = item.made?.input.decision ?? null;
    if (item.arrived === now) continue;
    if (item.arrived) out[item.arrived]--;
    if (now) out[now]++;
  }
  return out;
}
