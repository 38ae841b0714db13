import { useCallback, useSyncExternalStore } from 'react';
import { useApp } from './app.ts';

// Small per-review preferences the API has no place for yet (who the two extractors are,
// who the RoB second reviewer is). Kept in localStorage under the review's id, so each
// review file remembers its own; every component using the same preference stays in step.

const listeners = new Set<() => void>();
const memory = new Map<string, string>();

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return memory.get(key) ?? null;
  }
}

function write(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    memory.set(key, value);
  }
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  const onStorage = () => l();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener('storage', onStorage);
  };
}

/** A JSON preference of the open review; `fallback` fills in missing keys. */
export function useReviewPref<T extends object>(name: string, fallback: T): [T, (patch: Partial<T>) => void] {
  const reviewId = useApp((s) => s.summary?.id ?? 'no-review');
  const key = `grove.${name}.${reviewId}`;
  const raw = useSyncExternalStore(subscribe, () => read(key));
  let value = fallback;
  if (raw) {
    try {
      value = { ...fallback, ...(JSON.parse(raw) as Partial<T>) };
    } catch {
      value = fallback;
    }
  }
  const set = useCallback(
    (patch: Partial<T>) => {
      let current: Partial<T> = {};
      try {
        current = JSON.parse(read(key) ?? '{}') as Partial<T>;
      } catch {
        current = {};
      }
      write(key, JSON.stringify({ ...current, ...patch }));
    },
    [key],
  );
  return [value, set];
}

export interface DualExtractionPrefs {
  enabled: boolean;
  /** Reviewer A's id (their slot). */
  first: string | null;
  /** Reviewer B's id. */
  second: string | null;
}

export const DUAL_DEFAULTS: DualExtractionPrefs = { enabled: false, first: null, second: null };

export function useDualExtraction(): [DualExtractionPrefs, (patch: Partial<DualExtractionPrefs>) => void] {
  return useReviewPref<DualExtractionPrefs>('dualExtraction', DUAL_DEFAULTS);
}

/** The two slots when dual extraction is on and set up, else null. */
export function dualPair(p: DualExtractionPrefs): { first: string; second: string } | null {
  return p.enabled && p.first && p.second && p.first !== p.second ? { first: p.first, second: p.second } : null;
}
