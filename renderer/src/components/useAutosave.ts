import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage, issuesOf } from '../api/client.ts';
import { useAppStore } from '../store/app.ts';

// Autosave for a form made of top-level sections (the protocol, the PRISMA counts).
// Each edit is validated at once with the shared schemas; a valid section is sent after
// a short pause (per section), on blur, before undo and before the page unloads. An
// invalid section is held back and the status bar says why it is not saved. Errors the
// server returns are shown at the field they name.

export interface Issue {
  readonly path: string;
  readonly message: string;
}

export interface AutosaveOptions<T extends object> {
  /** Prefix of this form's entries in the status bar's "not saved" list. */
  readonly scope: string;
  /** The query that reads the form's data; the save's reply replaces its cached value. */
  readonly queryKey: readonly unknown[];
  readonly load: () => Promise<T>;
  readonly save: (patch: Partial<T>) => Promise<T>;
  /** Issues of one section, with dotted paths starting at the section key. */
  readonly validate: (draft: T, key: keyof T & string) => Issue[];
  /** Sections that must be saved together (e.g. outcome domains and the outcomes that refer to them). */
  readonly groups?: readonly (readonly (keyof T & string)[])[];
  readonly label: (key: keyof T & string) => string;
  readonly delayMs?: number;
}

export interface Autosave<T extends object> {
  readonly draft: T | null;
  readonly loadError: string | null;
  update(partial: Partial<T>): void;
  issueAt(path: string): string | undefined;
  flush(): Promise<void>;
}

export const AUTOSAVE_DELAY_MS = 400;

export function useAutosave<T extends object>(opts: AutosaveOptions<T>): Autosave<T> {
  type K = keyof T & string;
  const store = useAppStore();
  const query = useQuery({ queryKey: opts.queryKey, queryFn: opts.load });
  const [draft, setDraft] = useState<T | null>(null);
  const loadError = query.error ? errorMessage(query.error) : null;
  const [localIssues, setLocalIssues] = useState<Record<string, Issue[]>>({});
  const localIssuesRef = useRef(localIssues);
  localIssuesRef.current = localIssues;
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);

  const optsRef = useRef(opts);
  optsRef.current = opts;
  const draftRef = useRef<T | null>(null);
  const timers = useRef(new Map<K, ReturnType<typeof setTimeout>>());
  const dirty = useRef(new Set<K>());
  const queue = useRef<Promise<void>>(Promise.resolve());

  const groupOf = useCallback((key: K): K[] => {
    const g = optsRef.current.groups?.find((grp) => grp.includes(key));
    return g ? [...g] : [key];
  }, []);

  const sendNow = useCallback(
    (keys: K[]): Promise<void> => {
      const current = draftRef.current;
      if (!current || keys.length === 0) return queue.current;
      const patch: Partial<T> = {};
      for (const k of keys) {
        patch[k] = current[k];
        dirty.current.delete(k);
        const t = timers.current.get(k);
        if (t) clearTimeout(t);
        timers.current.delete(k);
      }
      const run = async () => {
        try {
          await store.getState().mutate(() => optsRef.current.save(patch), {
            updates: [{ key: optsRef.current.queryKey, apply: (_cached, saved) => saved }],
          });
          setServerIssues((prev) => prev.filter((i) => !keys.some((k) => i.path === k || i.path.startsWith(`${k}.`))));
        } catch (err) {
          const issues = issuesOf(err);
          if (issues.length) setServerIssues((prev) => [...prev.filter((i) => !issues.some((n) => n.path === i.path)), ...issues]);
          // Keep the edit: the next flush (blur, another edit) tries again.
          for (const k of keys) dirty.current.add(k);
        }
      };
      queue.current = queue.current.then(run, run);
      return queue.current;
    },
    [store],
  );

  const flush = useCallback(async () => {
    const keys = [...dirty.current];
    if (keys.length) await sendNow(keys);
    else await queue.current;
  }, [sendNow]);

  // The server's data, whenever they change (first load, undo, another form's change):
  // sections with an edit not yet saved, or held back as invalid, keep the edit.
  const server = query.data;
  useEffect(() => {
    if (server === undefined) return;
    const current = draftRef.current;
    const keep = (k: K) => dirty.current.has(k) || timers.current.has(k) || (localIssuesRef.current[k]?.length ?? 0) > 0;
    const next = { ...server };
    if (current) for (const k of Object.keys(current) as K[]) if (keep(k)) next[k] = current[k];
    draftRef.current = next;
    setDraft(next);
    if (!current) return;
    setServerIssues((prev) => prev.filter((i) => keep(i.path.split('.')[0] as K)));
  }, [server]);

  useEffect(() => {
    const unregister = store.getState().registerFlusher(flush);
    const onUnload = () => {
      void flush();
    };
    window.addEventListener('beforeunload', onUnload);
    window.addEventListener('pagehide', onUnload);
    return () => {
      unregister();
      window.removeEventListener('beforeunload', onUnload);
      window.removeEventListener('pagehide', onUnload);
      void flush();
      // Edits held back as invalid cannot outlive the form: say so once, and clear the status.
      const state = store.getState();
      const scope = `${optsRef.current.scope}:`;
      const lost = Object.entries(state.save.invalid).filter(([k]) => k.startsWith(scope));
      for (const [k] of lost) state.setInvalid(k, null);
      if (lost.length) {
        state.pushToast({
          title: 'An edit was not saved',
          description: lost.map(([, m]) => m).join('; '),
          tone: 'error',
        });
      }
    };
  }, [flush, store]);

  const update = useCallback(
    (partial: Partial<T>) => {
      const current = draftRef.current;
      if (!current) return;
      const next = { ...current, ...partial };
      draftRef.current = next;
      setDraft(next);
      const o = optsRef.current;
      const changed = Object.keys(partial) as K[];
      const affected = new Set<K>();
      for (const k of changed) for (const g of groupOf(k)) affected.add(g);
      const newIssues: Record<string, Issue[]> = {};
      for (const k of affected) newIssues[k] = o.validate(next, k);
      setLocalIssues((prev) => ({ ...prev, ...newIssues }));
      setServerIssues((prev) => prev.filter((i) => !changed.some((k) => i.path === k || i.path.startsWith(`${k}.`))));

      const handled = new Set<K>();
      for (const k of changed) {
        if (handled.has(k)) continue;
        const group = groupOf(k);
        group.forEach((g) => handled.add(g));
        const groupIssues = group.flatMap((g) => newIssues[g] ?? o.validate(next, g));
        const statusKey = `${o.scope}:${group.join('+')}`;
        for (const g of group) {
          const t = timers.current.get(g);
          if (t) clearTimeout(t);
          timers.current.delete(g);
        }
        if (groupIssues.length > 0) {
          for (const g of group) dirty.current.delete(g);
          const first = groupIssues[0]!;
          store.getState().setInvalid(statusKey, `${o.label(first.path.split('.')[0] as K)}: ${first.message}`);
          continue;
        }
        store.getState().setInvalid(statusKey, null);
        for (const g of group) dirty.current.add(g);
        const timer = setTimeout(() => {
          void sendNow(group.filter((g) => dirty.current.has(g)));
        }, o.delayMs ?? AUTOSAVE_DELAY_MS);
        for (const g of group) timers.current.set(g, timer);
      }
    },
    [groupOf, sendNow, store],
  );

  const issueAt = useCallback(
    (path: string): string | undefined => {
      const section = path.split('.')[0] ?? path;
      const local = localIssues[section]?.find((i) => i.path === path);
      if (local) return local.message;
      return serverIssues.find((i) => i.path === path)?.message;
    },
    [localIssues, serverIssues],
  );

  return { draft, loadError, update, issueAt, flush };
}
