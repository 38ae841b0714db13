import fs from 'node:fs';
import path from 'node:path';
import type { ApiService, ClientId, Handlers, HistoryStatus, MutationOutcome, ProgressListener } from '@grove/shared';
import { collectChanges } from './change-collector.ts';
import { ReviewFileError } from './connection.ts';
import { historyStatus } from './history.ts';
import { createExampleReview } from './example/create-example.ts';
import { createReviewFile, openReviewFile, type ReviewFile } from './review-file.ts';
import { createHandlers } from './service/handlers.ts';
import { ClientSessions, type ClientSession } from './service/client-sessions.ts';
import { currentReviewer } from './service/context.ts';
import { ReviewWork } from './service/review-work.ts';
import { writeFailure } from './write-failure.ts';
import type { HostKind, ServiceContext } from './service/context.ts';
import type { UploadStore } from './fs/upload-store.ts';
import type { Workspace } from './workspace.ts';

// The backend as a host sees it: one handler table bound to whichever review file is
// open. Hosts (Electron, the HTTP server, the CLI, tests) create one Backend each and
// never touch the database directly. Several clients may call one backend (the tabs of
// `grove serve`, the desktop app's windows): a host dispatches each one's calls to
// `backend.client(id)`, which runs them in that client's session (its reviewer, and so
// its undo); calls to the backend itself are the host's own single client.

export interface BackendOptions {
  host: HostKind;
  /** Electron-ABI better_sqlite3.node for the Electron host. */
  nativeBinding?: string | undefined;
  nativeFileDialogs?: boolean;
  /** Injectable clock for deterministic tests. */
  now?: () => string;
  /** Named in the write lock, so a second writer is told who holds the file ("grove serve"). */
  app?: string;
  /** The host's streamed uploads (the browser host), so methods can take a token instead of bytes. */
  uploads?: UploadStore;
  /** The Grove data folder and recent list behind the page's File menu (the browser host). */
  workspace?: Workspace;
  /** Hears the progress of long operations (imports, deduplication), for the host to show. */
  onProgress?: ProgressListener;
}

/** How a host opens a file: for editing (the write lock) unless told otherwise. */
export interface OpenFileOptions {
  /** Open read-only, without the write lock. */
  readOnly?: boolean;
  /** When another process is editing the file: fail (default) or open it read-only. */
  whenLocked?: 'fail' | 'read-only';
  /** Only reading (a report): a current file opens read-only, without the lock. */
  forReading?: boolean;
}

/**
 * A host dispatches API calls to the backend itself, `dispatch(backend, method, args)`, as
 * its own single client, or to one of its clients: `dispatch(backend.client(id), …)`.
 */
export interface Backend extends ApiService {
  readonly handlers: Handlers;
  /** The API as client `id` calls it: its own reviewer and undo, kept between its calls. */
  client(id: ClientId): ApiService;
  /** A new in-process client with a session of its own (tests: two people on one backend). */
  connect(): ApiService;
  /** Client `id` has gone (a closed window): its session is forgotten. */
  disconnect(id: ClientId): void;
  /**
   * Opens (and if needed migrates, after a backup) an existing review, taking its write
   * lock. Throws ReviewFileError (ReviewLockedError when another process edits it).
   */
  openFile(path: string, options?: OpenFileOptions): ReviewFile;
  /** Creates a new, empty review and opens it. */
  createFile(path: string, title?: string): ReviewFile;
  /** Writes the bundled example review to `path` and opens it. */
  createExample(path: string): ReviewFile;
  /** Writes a consistent copy of the open review to `path` (which must not exist yet). */
  saveCopy(path: string): Promise<void>;
  /**
   * Closes the open review. Refused (ReviewBusyError, naming it, the review left open) while
   * long work on it runs (a merge, a sync), as opening or creating another review is.
   */
  closeFile(): void;
  currentFile(): string | null;
  /** What long work runs on the open review now ("merging bob.grove into …"), or null. */
  busyWith(): string | null;
  /** Settles once no long work runs on the open review: a host that must close waits for this. */
  whenIdle(): Promise<void>;
}

export function createBackend(options: BackendOptions): Backend {
  let current: ReviewFile | null = null;
  const sessions = new ClientSessions();
  const work = new ReviewWork();
  const ctx: ServiceContext = {
    host: options.host,
    capabilities: { nativeFileDialogs: options.nativeFileDialogs ?? false },
    file: () => current,
    session: () => sessions.current(),
    get reviewerId() {
      return sessions.current().reviewerId;
    },
    now: options.now ?? (() => new Date().toISOString()),
    work,
    ...(options.uploads ? { uploads: options.uploads } : {}),
    ...(options.workspace ? { workspace: options.workspace } : {}),
    ...(options.onProgress ? { progress: options.onProgress } : {}),
  };
  const openOptions = { nativeBinding: options.nativeBinding, ...(options.app ? { app: options.app } : {}) };
  ctx.switchTo = (path) => {
    beforeSwitch();
    adopt(openReviewFile(path, openOptions));
  };

  /** Refuses to let the open review go while long work runs on it (before anything is opened or written). */
  function beforeSwitch(): void {
    if (current) work.refuseWhileBusy(current.path, 'switch');
  }

  function adopt(file: ReviewFile): ReviewFile {
    current?.close();
    current = file;
    sessions.clearReviewers();
    return file;
  }

  /** The calling client's undo state; with no review open (e.g. after a failed switch) there is nothing to undo. */
  function history(): HistoryStatus {
    if (!current) return { canUndo: false, undoLabel: null, canRedo: false, redoLabel: null };
    return historyStatus(current.db, currentReviewer(ctx, current.db)?.id ?? null);
  }

  const handlers = createHandlers(ctx);
  // Mutations run one at a time, in the order they came, every client's alike. Most finish
  // within the call that started them, but a merge runs on a worker thread's connection
  // (merge-in-worker.ts) while this thread serves reads: a write sent meanwhile waits here
  // for it instead of meeting the worker's write lock in SQLite, whose busy wait would stop
  // this thread (and then fail with SQLITE_BUSY).
  // With none waiting, a mutation starts at once, as a call made in process always has.
  let writes: Promise<void> = Promise.resolve();
  let writing = 0;
  const trackMutation = async <T>(run: () => Promise<T>): Promise<MutationOutcome<T>> => {
    const before = writes;
    let done!: () => void;
    writes = new Promise<void>((resolve) => (done = resolve));
    if (writing++ > 0) await before;
    try {
      const { value, change } = await collectChanges(run);
      return { value, change, history: history() };
    } catch (err) {
      // SQLite rolled the change back; say so, naming the file, rather than "disk is full".
      throw (current && writeFailure(err, current.path)) || err;
    } finally {
      writing--;
      done();
    }
  };

  /** The same handler table, every call of it run in `session` (queries too: `session.get`, `history.status`). */
  function serviceFor(session: ClientSession): ApiService {
    const own = Object.fromEntries(
      Object.entries(handlers).map(([method, handler]) => [
        method,
        (args: unknown) => sessions.runAs(session, () => (handler as (a: unknown) => unknown)(args)),
      ]),
    ) as unknown as Handlers;
    return {
      handlers: Object.freeze(own),
      trackMutation: (run) => sessions.runAs(session, () => trackMutation(run)),
    };
  }
  const services = new Map<ClientId, ApiService>();

  return {
    handlers,
    trackMutation,
    client: (id) => {
      let service = services.get(id);
      if (!service) {
        service = serviceFor(sessions.session(id));
        services.set(id, service);
      }
      return service;
    },
    connect: () => serviceFor(sessions.session(sessions.connect())),
    disconnect: (id) => {
      services.delete(id);
      sessions.forget(id);
    },
    openFile: (path, how = {}) => {
      beforeSwitch();
      return adopt(openReviewFile(path, { ...openOptions, ...how }));
    },
    createFile: (path, title) => {
      beforeSwitch();
      return adopt(createReviewFile(path, { ...openOptions, ...(title ? { title } : {}) }));
    },
    createExample: (path) => {
      beforeSwitch();
      createExampleReview(path, openOptions).close();
      return adopt(openReviewFile(path, openOptions));
    },
    saveCopy: async (target) => {
      if (!current) throw new ReviewFileError(target, 'No review is open to save a copy of.');
      const abs = path.resolve(target);
      if (abs === current.path) throw new ReviewFileError(abs, 'A copy cannot replace the review it is copied from.');
      if (fs.existsSync(abs)) throw new ReviewFileError(abs, `${abs} already exists; choose another name.`);
      // The online backup API copies a consistent snapshot, WAL pages included.
      await current.db.backup(abs);
    },
    closeFile: () => {
      if (current) work.refuseWhileBusy(current.path, 'close');
      current?.close();
      current = null;
    },
    currentFile: () => current?.path ?? null,
    busyWith: () => work.current(),
    whenIdle: () => work.whenIdle(),
  };
}
