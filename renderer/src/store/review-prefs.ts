import { useCallback, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ReviewSettings } from '@grove/shared';
import { errorMessage } from '../api/client.ts';
import { useReviewSummary, useSettings } from '../data/queries.ts';
import { queryKeys } from '../data/query-keys.ts';
import { useAppStore } from './app.ts';

// Review-wide working settings (who the two extractors are, who the RoB assessors are, the
// summary-of-findings header) live in the review file: `settings.get` / `settings.update`,
// audited and undoable like any change. They are one query of the cache, so every
// component that shows a setting stays in step; a change shows at once and is taken back
// if the backend refuses it.

/** The review's settings (null until loaded) and a function to change some of them. */
export function useReviewSettings(): [ReviewSettings | null, (patch: Partial<ReviewSettings>) => Promise<void>] {
  const store = useAppStore();
  const queryClient = useQueryClient();
  const settings = useSettings();
  if (settings.error && !settingsErrorShown.has(settings.error)) {
    settingsErrorShown.add(settings.error);
    store
      .getState()
      .pushToast({ title: 'The review settings could not be read', description: errorMessage(settings.error), tone: 'error' });
  }

  const update = useCallback(
    async (patch: Partial<ReviewSettings>) => {
      const key = queryKeys.settings;
      const before = queryClient.getQueryData<ReviewSettings>(key);
      if (before) queryClient.setQueryData<ReviewSettings>(key, { ...before, ...patch });
      try {
        await store
          .getState()
          .mutate((c) => c.call('settings.update', { patch }), { updates: [{ key, apply: (_cached, saved) => saved }] });
      } catch (err) {
        queryClient.setQueryData(key, before);
        store.getState().pushToast({ title: 'The setting was not saved', description: errorMessage(err), tone: 'error' });
      }
    },
    [queryClient, store],
  );
  return [settings.data ?? null, update];
}

/** Load errors already reported, so that a toast shows once per failure, not once per component. */
const settingsErrorShown = new WeakSet<object>();

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

function subscribeStorage(l: () => void) {
  listeners.add(l);
  const onStorage = () => l();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener('storage', onStorage);
  };
}

/**
 * A view-only choice of this window (e.g. which view of a tab is open), kept in
 * localStorage under the review's id. Nothing the review's data depend on goes here.
 */
export function useReviewPref<T extends object>(name: string, fallback: T): [T, (patch: Partial<T>) => void] {
  const reviewId = useReviewSummary().data?.id ?? 'no-review';
  const key = `grove.${name}.${reviewId}`;
  const raw = useSyncExternalStore(subscribeStorage, () => read(key));
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

/** Dual extraction on/off and who A and B are, from the review file. */
export function useDualExtraction(): [DualExtractionPrefs, (patch: Partial<DualExtractionPrefs>) => void] {
  const [settings, update] = useReviewSettings();
  const prefs: DualExtractionPrefs = settings
    ? { enabled: settings.dualExtraction, first: settings.extractionFirst, second: settings.extractionSecond }
    : DUAL_DEFAULTS;
  const set = useCallback(
    (patch: Partial<DualExtractionPrefs>) => {
      const p: Partial<ReviewSettings> = {};
      if (patch.enabled !== undefined) p.dualExtraction = patch.enabled;
      if (patch.first !== undefined) p.extractionFirst = patch.first;
      if (patch.second !== undefined) p.extractionSecond = patch.second;
      void update(p);
    },
    [update],
  );
  return [prefs, set];
}

export interface RobDoublePrefs {
  /** 'final' (the main judgements) or the first reviewer's own slot. */
  first: string;
  second: string | null;
}

/** The first and second risk-of-bias assessors of the double-assessed sample, from the review file. */
export function useRobDouble(): [RobDoublePrefs, (patch: Partial<RobDoublePrefs>) => void] {
  const [settings, update] = useReviewSettings();
  const prefs: RobDoublePrefs = { first: settings?.robFirst ?? 'final', second: settings?.robSecond ?? null };
  const set = useCallback(
    (patch: Partial<RobDoublePrefs>) => {
      const p: Partial<ReviewSettings> = {};
      if (patch.first !== undefined) p.robFirst = patch.first === 'final' ? null : patch.first;
      if (patch.second !== undefined) p.robSecond = patch.second;
      void update(p);
    },
    [update],
  );
  return [prefs, set];
}

/** The two slots when dual extraction is on and set up, else null. */
export function dualPair(p: DualExtractionPrefs): { first: string; second: string } | null {
  return p.enabled && p.first && p.second && p.first !== p.second ? { first: p.first, second: p.second } : null;
}
