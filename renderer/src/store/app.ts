import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient, HistoryStatus, Reviewer, ReviewerFields, ResultOf, SyncStatus } from '@grove/shared';
import { errorMessage, type AppClient } from '../api/client.ts';
import { fetchReviewSummary } from '../data/queries.ts';
import { invalidateAfter } from '../data/query-client.ts';
import { queryKeys } from '../data/query-keys.ts';
import { STAGES, type StageId } from '../stages/stages.ts';
import { runSync } from '../components/sync/mutations.ts';

// View state only. The review file (through the API) is the source of truth and its data
// live in the query cache (renderer/src/data): this store remembers which stage is open,
// what the status bar says and which dialogs are open, and offers the few actions every
// stage shares (run a change, undo, pick a reviewer).

export type AppInfo = ResultOf<'app.info'>;
export type { CachedReviewSummary as ReviewSummary } from '../data/queries.ts';

export interface ToastAction {
  readonly label: string;
  readonly run: () => void | Promise<void>;
}
export interface Toast {
  readonly id: number;
  readonly title: string;
  readonly description?: string;
  readonly action?: ToastAction;
  readonly tone?: 'info' | 'error';
}

export interface SaveState {
  /** Requests in flight. */
  readonly pending: number;
  /** Why the last change failed, until the next one succeeds. */
  readonly error: string | null;
  readonly savedAt: number | null;
  /** Edits held back because they are invalid, by form section: the first message is shown. */
  readonly invalid: Readonly<Record<string, string>>;
}

export interface MutateOptions<T> {
  /**
   * Queries this change's reply brings up to date itself (e.g. the results grid writes the
   * saved cell into its study's data): they are not refetched, so one edit is one round trip.
   */
  readonly updates?: readonly { readonly key: readonly unknown[]; readonly apply: (cached: unknown, value: T) => unknown }[];
}

export interface AppState {
  stage: StageId;
  /** This client's reviewer (each tab or window has its own, kept by the backend). */
  reviewerId: string | null;
  /** The undo state, from the last mutation's reply. */
  history: HistoryStatus | null;
  save: SaveState;
  loadError: string | null;
  loaded: boolean;
  toasts: Toast[];
  activityOpen: boolean;
  reviewerDialogOpen: boolean;
  shortcutsOpen: boolean;
  /** Set when the user switches stage: the new stage's heading takes focus. */
  focusStageHeading: boolean;
  /** The study open in the Studies stage. */
  selectedStudyId: string | null;
  /** Bumped by Ctrl+N: the Studies stage opens its "Add study" dialog. */
  newStudyRequest: number;
  /** The Studies stage shows the studies or the extraction form designer. */
  studiesView: 'studies' | 'form';
  /** The tab open in a study's detail (kept while moving between studies). */
  studyTab: 'reports' | 'characteristics' | 'outcomes';
  /** A sync with the team server is running (the status bar says "Syncing…"). */
  syncing: boolean;
  /** The team server dialog (File › Team server…, or Sync before one is set up). */
  syncSetupOpen: boolean;

  init(): Promise<void>;
  setStage(stage: StageId): void;
  /**
   * Run one change through the API with the status bar telling what happens. Resolves once
   * the queries on screen that the change made stale have refetched.
   */
  mutate<T>(fn: (client: ApiClient) => Promise<T>, options?: MutateOptions<T>): Promise<T>;
  undo(): Promise<void>;
  /** Applies the last undone change again (Ctrl+Shift+Z, Ctrl+Y); persistent like undo. */
  redo(): Promise<void>;
  setInvalid(section: string, message: string | null): void;
  setReviewer(id: string | null): Promise<void>;
  createReviewer(fields: ReviewerFields): Promise<Reviewer>;
  pushToast(toast: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
  setActivityOpen(open: boolean): void;
  setReviewerDialogOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
  setSyncSetupOpen(open: boolean): void;
  /**
   * Syncs the review with its team server (`url`: set that one up). Without a URL, a review
   * with no server opens the team server dialog and other failures are told in a toast;
   * with one, failures are thrown for the dialog to show. Null when a sync was running already.
   */
  sync(url?: string): Promise<SyncStatus | null>;
  /** Forms with pending autosaves register a flusher; undo and unload wait for them. */
  registerFlusher(flush: () => Promise<void>): () => void;
  flushAll(): Promise<void>;
}

export type AppStore = StoreApi<AppState>;

export function createAppStore(client: AppClient, queryClient: QueryClient, initialStage: StageId = 'protocol'): AppStore {
  const flushers = new Set<() => Promise<void>>();
  let toastSeq = 0;
  /** Invalidations started by mutation replies, so that `mutate` can wait for them. */
  let invalidating: Promise<void> = Promise.resolve();
  /** Keys that running mutations update from their replies (see MutateOptions.updates). */
  const updatedByReply = new Map<string, number>();
  const claim = (keys: readonly (readonly unknown[])[], by: 1 | -1) => {
    for (const k of keys) {
      const id = JSON.stringify(k);
      const n = (updatedByReply.get(id) ?? 0) + by;
      if (n > 0) updatedByReply.set(id, n);
      else updatedByReply.delete(id);
    }
  };

  const store = createStore<AppState>()((set, get) => ({
    stage: initialStage,
    reviewerId: null,
    history: null,
    save: { pending: 0, error: null, savedAt: null, invalid: {} },
    loadError: null,
    loaded: false,
    toasts: [],
    activityOpen: false,
    reviewerDialogOpen: false,
    shortcutsOpen: false,
    focusStageHeading: false,
    selectedStudyId: null,
    newStudyRequest: 0,
    studiesView: 'studies',
    studyTab: 'reports',
    syncing: false,
    syncSetupOpen: false,

    async init() {
      try {
        const [, , session, , history] = await Promise.all([
          queryClient.fetchQuery({ queryKey: queryKeys.appInfo, queryFn: () => client.call('app.info', {}) }),
          queryClient.fetchQuery({ queryKey: queryKeys.reviewSummary, queryFn: () => fetchReviewSummary(client) }),
          client.call('session.get', {}),
          queryClient.fetchQuery({ queryKey: queryKeys.reviewers, queryFn: () => client.call('reviewers.list', {}) }),
          client.call('history.status', {}),
        ]);
        set({ reviewerId: session.reviewerId, history, loaded: true, loadError: null });
      } catch (err) {
        set({ loadError: errorMessage(err), loaded: true });
      }
    },

    setStage(stage) {
      if (STAGES.some((s) => s.id === stage)) set({ stage, focusStageHeading: true });
    },

    async mutate(fn, options) {
      set((s) => ({ save: { ...s.save, pending: s.save.pending + 1 } }));
      const updates = options?.updates ?? [];
      const keys = updates.map((u) => u.key);
      claim(keys, 1);
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        result = await fn(client);
      } catch (err) {
        set((s) => ({ save: { ...s.save, pending: s.save.pending - 1, error: errorMessage(err) } }));
        throw err;
      } finally {
        claim(keys, -1);
      }
      for (const u of updates)
        queryClient.setQueryData(u.key, (cached: unknown) => (cached === undefined ? cached : u.apply(cached, result)));
      if (!client.reportsChanges()) {
        // A backend that does not say what it changed: everything may be stale, and the undo
        // state has to be asked for.
        invalidating = Promise.all([
          invalidateAfter(queryClient, undefined, (key) => keys.some((k) => JSON.stringify(k) === JSON.stringify(key))),
          client.call('history.status', {}).then(
            (history) => set({ history }),
            () => undefined,
          ),
        ]).then(() => undefined);
      }
      await invalidating.catch(() => undefined);
      set((s) => ({ save: { ...s.save, pending: s.save.pending - 1, error: null, savedAt: Date.now() } }));
      return result;
    },

    async undo() {
      await get().flushAll();
      const status = get().history;
      if (status && !status.canUndo) {
        get().pushToast({ title: 'Nothing to undo' });
        return;
      }
      try {
        const { undone, ...history } = await get().mutate((c) => c.call('history.undo', {}));
        set({ history });
        get().pushToast({ title: undone ? `Undid: ${undone}` : 'Nothing to undo' });
      } catch (err) {
        get().pushToast({ title: 'Could not undo', description: errorMessage(err), tone: 'error' });
      }
    },

    async redo() {
      await get().flushAll();
      const status = get().history;
      if (status && !status.canRedo) {
        get().pushToast({ title: 'Nothing to redo' });
        return;
      }
      try {
        const { redone, ...history } = await get().mutate((c) => c.call('history.redo', {}));
        set({ history });
        get().pushToast({ title: redone ? `Redid: ${redone}` : 'Nothing to redo' });
      } catch (err) {
        get().pushToast({ title: 'Could not redo', description: errorMessage(err), tone: 'error' });
      }
    },

    setInvalid(section, message) {
      const current = get().save.invalid;
      if ((current[section] ?? null) === message) return;
      const invalid = { ...current };
      if (message === null) delete invalid[section];
      else invalid[section] = message;
      set((s) => ({ save: { ...s.save, invalid } }));
    },

    async setReviewer(id) {
      const session = await client.call('session.setReviewer', { reviewerId: id });
      set({ reviewerId: session.reviewerId });
    },

    async createReviewer(fields) {
      return get().mutate((c) => c.call('reviewers.create', { reviewer: fields }));
    },

    pushToast(toast) {
      const id = ++toastSeq;
      set((s) => ({ toasts: [...s.toasts.slice(-3), { ...toast, id }] }));
      return id;
    },

    dismissToast(id) {
      set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },

    setActivityOpen(open) {
      set({ activityOpen: open });
    },
    setReviewerDialogOpen(open) {
      // Reviewers may have been added in another tab or window (each has its own reviewer):
      // the picker shows the review's list as it is now.
      if (open) void queryClient.invalidateQueries({ queryKey: queryKeys.reviewers });
      set({ reviewerDialogOpen: open });
    },
    setShortcutsOpen(open) {
      set({ shortcutsOpen: open });
    },
    setSyncSetupOpen(open) {
      set({ syncSetupOpen: open });
    },

    async sync(url) {
      if (get().syncing) return null;
      // Edits still waiting for their autosave belong in what is pushed (and in the backup).
      await get().flushAll();
      set({ syncing: true });
      try {
        return await runSync(get().mutate, queryClient, url);
      } catch (err) {
        if (url !== undefined) throw err;
        if ((err as { code?: string }).code === 'VALIDATION') set({ syncSetupOpen: true });
        else get().pushToast({ title: 'Could not sync', description: errorMessage(err), tone: 'error' });
        return null;
      } finally {
        set({ syncing: false });
      }
    },

    registerFlusher(flush) {
      flushers.add(flush);
      return () => {
        flushers.delete(flush);
      };
    },

    async flushAll() {
      await Promise.all([...flushers].map((f) => f().catch(() => undefined)));
    },
  }));

  // Every mutation's reply carries the undo state and what it changed: the status bar takes
  // the former as it is, and the cache drops exactly what the latter touched.
  client.onMutation((reply) => {
    store.setState({ history: reply.history });
    invalidating = invalidateAfter(queryClient, reply.change, (key) => updatedByReply.has(JSON.stringify(key)));
  });
  return store;
}

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore() outside <StoreContext.Provider>');
  return store;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStore(), selector);
}
