// The one debounced save every editor uses, without React (useDebouncedSave.ts binds it to
// a component). Per key (a field, a cell, a form section): an edit restarts that key's
// timer; when it fires, or on flush (blur, leaving, undo, unload), the latest value is
// sent. Saves run one at a time in the order they were sent, so a later edit can never be
// overtaken by an earlier one. A value the check refuses is held back with its reason and
// never sent; a failed save keeps its value, so the next flush tries again.

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface DebouncedSaveOptions<V> {
  readonly delayMs: number;
  /** Why this value cannot be saved (it is held back), or null. */
  readonly check?: (key: string, value: V) => string | null;
  /** Sends one key's value; throws when the backend refuses it. */
  readonly save: (key: string, value: V) => Promise<void>;
  /**
   * Sends several keys' values as one change (a pasted block: one undo step, all or none);
   * used by `editMany(…, { immediate: true })`. Throws when the backend refuses them.
   */
  readonly saveMany?: (entries: readonly (readonly [string, V])[]) => Promise<void>;
  /** The message for a failed save. */
  readonly describe?: (err: unknown) => string;
  /** Called whenever what `held`, `errorOf` or `isPending` answer may have changed. */
  readonly onChange?: () => void;
  readonly timers?: Timers;
}

export class DebouncedSaves<V> {
  private readonly opts: DebouncedSaveOptions<V>;
  private readonly timers: Timers;
  /** Values not yet saved: waiting for their timer, or after a failed save. */
  private readonly drafts = new Map<string, V>();
  private readonly waiting = new Map<string, unknown>();
  private readonly inFlight = new Map<string, number>();
  private readonly heldBack = new Map<string, string>();
  private readonly errors = new Map<string, string>();
  /** Edits per key, counted, so that a failed save knows whether a newer edit exists. */
  private readonly edits = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();

  constructor(opts: DebouncedSaveOptions<V>) {
    this.opts = opts;
    this.timers = opts.timers ?? realTimers;
  }

  /** A new value for a key: checked now, sent after the delay (or at once with `immediate`). */
  edit(key: string, value: V, options: { immediate?: boolean } = {}): void {
    if (this.accept(key, value)) {
      if (options.immediate) void this.flush(key);
      else
        this.waiting.set(
          key,
          this.timers.set(() => void this.flush(key), this.opts.delayMs),
        );
    }
    this.changed();
  }

  /** Takes a key's new value: held back with the reason when the check refuses it (false), else its draft (true). */
  private accept(key: string, value: V): boolean {
    this.cancelTimer(key);
    this.errors.delete(key);
    this.edits.set(key, (this.edits.get(key) ?? 0) + 1);
    const reason = this.opts.check?.(key, value) ?? null;
    if (reason !== null) {
      this.drafts.delete(key);
      this.heldBack.set(key, reason);
      return false;
    }
    this.heldBack.delete(key);
    this.drafts.set(key, value);
    return true;
  }

  /**
   * New values for several keys at once. With `immediate` and `saveMany`, the valid ones are
   * sent together as one save (the invalid ones are held back as by `edit`).
   */
  editMany(entries: readonly (readonly [string, V])[], options: { immediate?: boolean } = {}): void {
    if (!options.immediate || !this.opts.saveMany) {
      for (const [k, v] of entries) this.edit(k, v, options);
      return;
    }
    const ready: (readonly [string, V])[] = [];
    for (const [k, v] of entries) if (this.accept(k, v)) ready.push([k, v]);
    if (ready.length === 1) this.send(ready[0]![0]);
    else if (ready.length > 1) this.sendMany(ready.map(([k]) => k));
    this.changed();
  }

  /** Sends the waiting values (of one key, or all) now; resolves when every save sent so far has finished. */
  flush(key?: string): Promise<void> {
    const keys = key === undefined ? [...this.drafts.keys()] : this.drafts.has(key) ? [key] : [];
    for (const k of keys) this.send(k);
    return this.queue;
  }

  /** Forget a key's unsaved or held-back value (e.g. the row was deleted). */
  discard(key: string): void {
    this.cancelTimer(key);
    this.drafts.delete(key);
    this.heldBack.delete(key);
    this.errors.delete(key);
    this.edits.set(key, (this.edits.get(key) ?? 0) + 1);
    this.changed();
  }

  /** True while the key has a value the server does not have yet: a refetch must not overwrite what is shown. */
  isPending(key: string): boolean {
    return this.drafts.has(key) || this.heldBack.has(key) || this.inFlight.has(key);
  }

  /** Keys held back as invalid, with the reason. */
  held(): ReadonlyMap<string, string> {
    return this.heldBack;
  }

  /** Why the last save of this key failed, until it is edited or saved. */
  errorOf(key: string): string | undefined {
    return this.errors.get(key);
  }

  private send(key: string): void {
    this.sendMany([key]);
  }

  /** Queues one save of these keys' drafts: `save` for one key, `saveMany` for several. */
  private sendMany(keys: readonly string[]): void {
    const entries = keys.map((key) => {
      this.cancelTimer(key);
      const value = this.drafts.get(key) as V;
      this.drafts.delete(key);
      this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
      return { key, value, edit: this.edits.get(key) };
    });
    const run = async () => {
      try {
        const [one] = entries;
        if (entries.length === 1 && one) await this.opts.save(one.key, one.value);
        else await this.opts.saveMany!(entries.map((e) => [e.key, e.value] as const));
        for (const { key } of entries) this.errors.delete(key);
      } catch (err) {
        const message = this.opts.describe ? this.opts.describe(err) : err instanceof Error ? err.message : String(err);
        for (const { key, value, edit } of entries) {
          this.errors.set(key, message);
          // Keep the value for the next flush, unless a newer edit replaced it meanwhile.
          if (this.edits.get(key) === edit) this.drafts.set(key, value);
        }
      } finally {
        for (const { key } of entries) {
          const n = (this.inFlight.get(key) ?? 1) - 1;
          if (n > 0) this.inFlight.set(key, n);
          else this.inFlight.delete(key);
        }
        this.changed();
      }
    };
    this.queue = this.queue.then(run, run);
    this.changed();
  }

  private cancelTimer(key: string): void {
    const t = this.waiting.get(key);
    if (t !== undefined) this.timers.clear(t);
    this.waiting.delete(key);
  }

  private changed(): void {
    this.opts.onChange?.();
  }
}
