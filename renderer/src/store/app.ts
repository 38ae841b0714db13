import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { ApiClient, HistoryStatus, Reviewer, ReviewerFields, ResultOf } from '@grove/shared';
import { errorMessage } from '../api/client.ts';
import { STAGES, type StageId } from '../stages/stages.ts';

// View state only. The review file (through the API) is the source of truth: this store
// remembers which stage is open, what the status bar says and which dialogs are open,
// and offers the few actions every stage shares (run a change, undo, pick a reviewer).

export type AppInfo = ResultOf<'app.info'>;
export type ReviewSummary = ResultOf<'review.summary'>;

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

export interface AppState {
  stage: StageId;
  info: AppInfo | null;
  summary: ReviewSummary | null;
  reviewerId: string | null;
  reviewers: Reviewer[];
  history: HistoryStatus | null;
  save: SaveState;
  /** Bumped whenever data changed behind the stages' backs (undo): they reload. */
  revision: number;
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

  init(): Promise<void>;
  setStage(stage: StageId): void;
  refreshChrome(): Promise<void>;
  /** Run one change through the API with the status bar telling what happens. */
  mutate<T>(fn: (client: ApiClient) => Promise<T>): Promise<T>;
  undo(): Promise<void>;
  setInvalid(section: string, message: string | null): void;
  setReviewer(id: string | null): Promise<void>;
  createReviewer(fields: ReviewerFields): Promise<Reviewer>;
  pushToast(toast: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
  setActivityOpen(open: boolean): void;
  setReviewerDialogOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
  /** Forms with pending autosaves register a flusher; undo and unload wait for them. */
  registerFlusher(flush: () => Promise<void>): () => void;
  flushAll(): Promise<void>;
}

export type AppStore = StoreApi<AppState>;

export function createAppStore(client: ApiClient, initialStage: StageId = 'protocol'): AppStore {
  const flushers = new Set<() => Promise<void>>();
  let toastSeq = 0;

  return createStore<AppState>()((set, get) => ({
    stage: initialStage,
    info: null,
    summary: null,
    reviewerId: null,
    reviewers: [],
    history: null,
    save: { pending: 0, error: null, savedAt: null, invalid: {} },
    revision: 0,
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

    async init() {
      try {
        const [info, summary, session, reviewers, history] = await Promise.all([
          client.call('app.info', {}),
          client.call('review.summary', {}),
          client.call('session.get', {}),
          client.call('reviewers.list', {}),
          client.call('history.status', {}),
        ]);
        set({ info, summary, reviewerId: session.reviewerId, reviewers, history, loaded: true, loadError: null });
      } catch (err) {
        set({ loadError: errorMessage(err), loaded: true });
      }
    },

    setStage(stage) {
      if (STAGES.some((s) => s.id === stage)) set({ stage, focusStageHeading: true });
    },

    async refreshChrome() {
      try {
        const [summary, history] = await Promise.all([client.call('review.summary', {}), client.call('history.status', {})]);
        set({ summary, history });
      } catch {
        // The status bar keeps what it had; the change itself already reported its outcome.
      }
    },

    async mutate(fn) {
      set((s) => ({ save: { ...s.save, pending: s.save.pending + 1 } }));
      try {
        const result = await fn(client);
        set((s) => ({ save: { ...s.save, pending: s.save.pending - 1, error: null, savedAt: Date.now() } }));
        void get().refreshChrome();
        return result;
      } catch (err) {
        set((s) => ({ save: { ...s.save, pending: s.save.pending - 1, error: errorMessage(err) } }));
        throw err;
      }
    },

    async undo() {
      await get().flushAll();
      const status = get().history;
      if (status && !status.canUndo) {
        get().pushToast({ title: 'Nothing to undo' });
        return;
      }
      try {
        const result = await get().mutate((c) => c.call('history.undo', {}));
        set((s) => ({ history: { canUndo: result.canUndo, undoLabel: result.undoLabel }, revision: s.revision + 1 }));
        get().pushToast({ title: result.undone ? `Undone: ${result.undone}` : 'Nothing to undo' });
      } catch (err) {
        get().pushToast({ title: 'Could not undo', description: errorMessage(err), tone: 'error' });
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
      const reviewer = await get().mutate((c) => c.call('reviewers.create', { reviewer: fields }));
      const reviewers = await client.call('reviewers.list', {});
      set({ reviewers });
      return reviewer;
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
      set({ reviewerDialogOpen: open });
    },
    setShortcutsOpen(open) {
      set({ shortcutsOpen: open });
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
