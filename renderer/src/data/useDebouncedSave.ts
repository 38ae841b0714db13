import { useEffect, useReducer, useRef, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { useAppStore } from '../store/app.ts';
import { DebouncedSaves } from './debounced-save.ts';

// DebouncedSaves bound to a component and to the app: undo and the File menu wait for its
// saves (the store's flusher registry), the page's unload sends what is waiting, the status
// bar says what is held back as invalid, and leaving the component sends what is waiting
// and says (once) which held-back edits are lost.

export interface DebouncedSaveSpec<V> {
  /** Prefix of this editor's entries in the status bar's "not saved" list. */
  readonly scope: string;
  readonly delayMs: number;
  readonly save: (key: string, value: V) => Promise<void>;
  /** Several keys as one change (see DebouncedSaveOptions.saveMany). */
  readonly saveMany?: (entries: readonly (readonly [string, V])[]) => Promise<void>;
  readonly check?: (key: string, value: V) => string | null;
  /** How the status bar names a held-back key, e.g. "Cook 2012a, Mean age". */
  readonly describeKey?: (key: string) => string;
  /** The toast's title when held-back edits are lost on leaving. */
  readonly lostTitle?: string;
}

export function useDebouncedSave<V>(spec: DebouncedSaveSpec<V>): DebouncedSaves<V> {
  const store = useAppStore();
  const specRef = useRef(spec);
  specRef.current = spec;
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [saves] = useState(
    () =>
      new DebouncedSaves<V>({
        delayMs: spec.delayMs,
        save: (key, value) => specRef.current.save(key, value),
        ...(spec.saveMany ? { saveMany: (entries: readonly (readonly [string, V])[]) => specRef.current.saveMany!(entries) } : {}),
        check: (key, value) => specRef.current.check?.(key, value) ?? null,
        describe: errorMessage,
        onChange: rerender,
      }),
  );

  // Held-back keys show in the status bar.
  const held = saves.held();
  useEffect(() => {
    const { scope, describeKey } = specRef.current;
    const state = store.getState();
    for (const k of Object.keys(state.save.invalid)) {
      if (k.startsWith(`${scope}:`) && !held.has(k.slice(scope.length + 1))) state.setInvalid(k, null);
    }
    for (const [k, reason] of held) state.setInvalid(`${scope}:${k}`, describeKey ? `${describeKey(k)}: ${reason}` : reason);
  });

  useEffect(() => {
    const flush = () => saves.flush();
    const unregister = store.getState().registerFlusher(flush);
    const onUnload = () => void flush();
    window.addEventListener('beforeunload', onUnload);
    window.addEventListener('pagehide', onUnload);
    return () => {
      unregister();
      window.removeEventListener('beforeunload', onUnload);
      window.removeEventListener('pagehide', onUnload);
      void flush();
      // Edits held back as invalid cannot outlive the editor: say so once, and clear the status.
      const state = store.getState();
      const scope = `${specRef.current.scope}:`;
      const lost = Object.entries(state.save.invalid).filter(([k]) => k.startsWith(scope));
      for (const [k] of lost) state.setInvalid(k, null);
      const title = specRef.current.lostTitle ?? 'An edit was not saved';
      if (lost.length) state.pushToast({ title, description: lost.map(([, m]) => m).join('; '), tone: 'error' });
    };
  }, [saves, store]);

  return saves;
}
