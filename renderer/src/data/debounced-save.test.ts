import { describe, expect, it } from 'vitest';
import { DebouncedSaves, type Timers } from './debounced-save.ts';

/** Timers the test fires by hand. */
function manualTimers() {
  let seq = 0;
  const pending = new Map<number, () => void>();
  const timers: Timers = {
    set: (fn) => {
      pending.set(++seq, fn);
      return seq;
    },
    clear: (h) => void pending.delete(h as number),
  };
  return {
    timers,
    count: () => pending.size,
    fireAll: () => {
      const fns = [...pending.values()];
      pending.clear();
      for (const f of fns) f();
    },
  };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('DebouncedSaves', () => {
  it('keeps one timer per key and sends only the latest value of each', async () => {
    const t = manualTimers();
    const sent: [string, number][] = [];
    const saves = new DebouncedSaves<number>({ delayMs: 300, timers: t.timers, save: async (k, v) => void sent.push([k, v]) });
    saves.edit('a', 1);
    saves.edit('a', 2);
    saves.edit('b', 9);
    expect(t.count()).toBe(2);
    expect(sent).toEqual([]);
    t.fireAll();
    await saves.flush();
    expect(sent).toEqual([
      ['a', 2],
      ['b', 9],
    ]);
  });

  it('runs saves one at a time, in order, even when an earlier one is slow', async () => {
    const t = manualTimers();
    const first = deferred();
    const log: string[] = [];
    const saves = new DebouncedSaves<string>({
      delayMs: 300,
      timers: t.timers,
      save: async (k, v) => {
        log.push(`start ${v}`);
        if (v === 'slow') await first.promise;
        log.push(`end ${v}`);
      },
    });
    saves.edit('a', 'slow', { immediate: true });
    saves.edit('a', 'fast', { immediate: true });
    await Promise.resolve();
    expect(log).toEqual(['start slow']);
    expect(saves.isPending('a')).toBe(true);
    first.resolve();
    await saves.flush();
    expect(log).toEqual(['start slow', 'end slow', 'start fast', 'end fast']);
    expect(saves.isPending('a')).toBe(false);
  });

  it('holds an invalid value back with its reason, never sends it, and releases it when fixed', async () => {
    const t = manualTimers();
    const sent: number[] = [];
    const saves = new DebouncedSaves<number>({
      delayMs: 300,
      timers: t.timers,
      check: (_k, v) => (v < 0 ? 'must not be negative' : null),
      save: async (_k, v) => void sent.push(v),
    });
    saves.edit('n', 5);
    saves.edit('n', -1);
    expect(saves.held().get('n')).toBe('must not be negative');
    expect(saves.isPending('n')).toBe(true);
    t.fireAll();
    await saves.flush();
    expect(sent).toEqual([]);
    saves.edit('n', 3);
    expect(saves.held().size).toBe(0);
    await saves.flush();
    expect(sent).toEqual([3]);
  });

  it('flush sends what is waiting at once, without waiting for the timer', async () => {
    const t = manualTimers();
    const sent: number[] = [];
    const saves = new DebouncedSaves<number>({ delayMs: 10_000, timers: t.timers, save: async (_k, v) => void sent.push(v) });
    saves.edit('x', 1);
    await saves.flush();
    expect(sent).toEqual([1]);
    expect(t.count()).toBe(0);
  });

  it('keeps a value whose save failed, says why, and sends it again on the next flush (never on its own)', async () => {
    const t = manualTimers();
    let fail = true;
    const sent: number[] = [];
    const saves = new DebouncedSaves<number>({
      delayMs: 300,
      timers: t.timers,
      save: async (_k, v) => {
        sent.push(v);
        if (fail) throw new Error('disk full');
      },
    });
    saves.edit('x', 4, { immediate: true });
    await saves.flush();
    expect(saves.errorOf('x')).toBe('disk full');
    expect(saves.isPending('x')).toBe(true);
    expect(t.count()).toBe(0);
    fail = false;
    await saves.flush();
    expect(sent).toEqual([4, 4]);
    expect(saves.errorOf('x')).toBeUndefined();
    expect(saves.isPending('x')).toBe(false);
  });

  it('a newer edit made while a save fails wins over the failed value', async () => {
    const t = manualTimers();
    const gate = deferred();
    const sent: number[] = [];
    const saves = new DebouncedSaves<number>({
      delayMs: 300,
      timers: t.timers,
      save: async (_k, v) => {
        sent.push(v);
        if (v === 1) {
          await gate.promise;
          throw new Error('refused');
        }
      },
    });
    saves.edit('x', 1, { immediate: true });
    saves.edit('x', 2);
    gate.resolve();
    await saves.flush();
    expect(sent).toEqual([1, 2]);
    expect(saves.isPending('x')).toBe(false);
  });

  it('discard forgets a key', async () => {
    const t = manualTimers();
    const sent: number[] = [];
    const saves = new DebouncedSaves<number>({ delayMs: 300, timers: t.timers, save: async (_k, v) => void sent.push(v) });
    saves.edit('x', 1);
    saves.discard('x');
    t.fireAll();
    await saves.flush();
    expect(sent).toEqual([]);
    expect(saves.isPending('x')).toBe(false);
  });

  it('sends a block of several keys as one save, holding back the invalid ones', async () => {
    const t = manualTimers();
    const single: string[] = [];
    const blocks: [string, number][][] = [];
    const saves = new DebouncedSaves<number>({
      delayMs: 300,
      timers: t.timers,
      check: (_k, v) => (v < 0 ? 'negative' : null),
      save: async (k) => void single.push(k),
      saveMany: async (entries) => void blocks.push(entries.map(([k, v]) => [k, v])),
    });
    saves.edit('a', 1);
    saves.editMany(
      [
        ['a', 2],
        ['b', 3],
        ['c', -1],
      ],
      { immediate: true },
    );
    expect(t.count()).toBe(0);
    await saves.flush();
    expect(single).toEqual([]);
    expect(blocks).toEqual([
      [
        ['a', 2],
        ['b', 3],
      ],
    ]);
    expect(saves.held().get('c')).toBe('negative');
    expect(saves.isPending('a')).toBe(false);
  });

  it('keeps every value of a refused block for the next flush (key by key), with the reason', async () => {
    let refuse = true;
    const blocks: string[][] = [];
    const saves = new DebouncedSaves<number>({
      delayMs: 300,
      timers: manualTimers().timers,
      save: async (k) => void blocks.push([k]),
      saveMany: async (entries) => {
        if (refuse) throw new Error('refused');
        blocks.push(entries.map(([k]) => k));
      },
    });
    saves.editMany(
      [
        ['a', 1],
        ['b', 2],
      ],
      { immediate: true },
    );
    await saves.flush();
    expect(saves.errorOf('a')).toBe('refused');
    expect(saves.errorOf('b')).toBe('refused');
    expect(saves.isPending('a') && saves.isPending('b')).toBe(true);
    refuse = false;
    await saves.flush();
    expect(blocks).toEqual([['a'], ['b']]);
    expect(saves.errorOf('a')).toBeUndefined();
  });
});
