import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage, issuesOf } from '../api/client.ts';
import { useAppStore } from '../store/app.ts';
import { useDebouncedSave } from './useDebouncedSave.ts';

// A form made of top-level sections (the protocol, the PRISMA counts), saved through the one
// debounced save with a section (or a group of sections saved together) as its key. Each
// edit is validated at once with the shared schemas; an invalid section is held back with
// the reason. Errors the server returns are shown at the field they name.

export interface Issue {
  readonly path: string;
  readonly message: string;
}

export interface SectionFormOptions<T extends object> {
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

export interface SectionForm<T extends object> {
  readonly draft: T | null;
  readonly loadError: string | null;
  update(partial: Partial<T>): void;
  issueAt(path: string): string | undefined;
  flush(): Promise<void>;
}

export const SECTION_SAVE_DELAY_MS = 400;

/** What waits to be saved for one group of sections: the patch, or why it is held back. */
interface GroupPatch<T> {
  readonly patch: Partial<T>;
  readonly problem: string | null;
}

const within = (path: string, key: string) => path === key || path.startsWith(`${key}.`);

export function useSectionForm<T extends object>(opts: SectionFormOptions<T>): SectionForm<T> {
  type K = keyof T & string;
  const store = useAppStore();
  const query = useQuery({ queryKey: opts.queryKey, queryFn: opts.load });
  const [draft, setDraft] = useState<T | null>(null);
  const draftRef = useRef<T | null>(null);
  const [localIssues, setLocalIssues] = useState<Record<string, Issue[]>>({});
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const optsRef = useRef(opts);
  optsRef.current = opts;

  const groupOf = (key: K): K[] => {
    const g = optsRef.current.groups?.find((grp) => grp.includes(key));
    return g ? [...g] : [key];
  };
  const groupKey = (key: K) => groupOf(key).join('+');

  const saves = useDebouncedSave<GroupPatch<T>>({
    scope: opts.scope,
    delayMs: opts.delayMs ?? SECTION_SAVE_DELAY_MS,
    check: (_key, v) => v.problem,
    save: async (key, { patch }) => {
      const sections = key.split('+');
      try {
        await store.getState().mutate(() => optsRef.current.save(patch), {
          updates: [{ key: optsRef.current.queryKey, apply: (_cached, saved) => saved }],
        });
        setServerIssues((prev) => prev.filter((i) => !sections.some((k) => within(i.path, k))));
      } catch (err) {
        const issues = issuesOf(err);
        if (issues.length) setServerIssues((prev) => [...prev.filter((i) => !issues.some((n) => n.path === i.path)), ...issues]);
        // The edit is kept: the next flush (blur, another edit) tries again.
        throw err;
      }
    },
  });

  // The server's data, whenever they change (first load, undo, another form's change):
  // sections with an edit not yet saved, or held back as invalid, keep the edit.
  const server = query.data;
  useEffect(() => {
    if (server === undefined) return;
    const current = draftRef.current;
    const keep = (k: K) => saves.isPending(groupKey(k));
    const next = { ...server };
    if (current) for (const k of Object.keys(current) as K[]) if (keep(k)) next[k] = current[k];
    draftRef.current = next;
    setDraft(next);
    if (!current) return;
    setServerIssues((prev) => prev.filter((i) => keep(i.path.split('.')[0] as K)));
    // groupKey reads the options through a ref; `saves` is one object for the form's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [server, saves]);

  const update = (partial: Partial<T>) => {
    const current = draftRef.current;
    if (!current) return;
    const next = { ...current, ...partial };
    draftRef.current = next;
    setDraft(next);
    const o = optsRef.current;
    const changed = Object.keys(partial) as K[];
    setServerIssues((prev) => prev.filter((i) => !changed.some((k) => within(i.path, k))));
    const newIssues: Record<string, Issue[]> = {};
    const groups = new Map<string, K[]>();
    for (const k of changed) groups.set(groupKey(k), groupOf(k));
    for (const group of groups.values()) for (const g of group) newIssues[g] = o.validate(next, g);
    setLocalIssues((prev) => ({ ...prev, ...newIssues }));
    for (const [key, group] of groups) {
      const first = group.flatMap((g) => newIssues[g] ?? [])[0];
      const patch: Partial<T> = {};
      for (const g of group) patch[g] = next[g];
      saves.edit(key, { patch, problem: first ? `${o.label(first.path.split('.')[0] as K)}: ${first.message}` : null });
    }
  };

  const issueAt = (path: string): string | undefined => {
    const section = path.split('.')[0] ?? path;
    const local = localIssues[section]?.find((i) => i.path === path);
    if (local) return local.message;
    return serverIssues.find((i) => i.path === path)?.message;
  };

  return { draft, loadError: query.error ? errorMessage(query.error) : null, update, issueAt, flush: () => saves.flush() };
}
