import type { Reviewer } from '@grove/shared';
import type { Actor } from '../changes.ts';
import type { Db } from '../connection.ts';
import type { ReviewFile } from '../review-file.ts';
import type { UploadStore } from '../fs/upload-store.ts';
import type { Workspace } from '../workspace.ts';
import { ApiError, type ProgressListener } from '@grove/shared';
import { getReviewer } from '../repositories/reviewer-repo.ts';
import type { ClientSession } from './client-sessions.ts';
import type { ReviewWork } from './review-work.ts';

// What every handler needs: the open review (if any), who is acting, and a clock.
// Hosts own the context; handlers never open files themselves. Who is acting is per
// call: each connected client (a browser tab, a desktop window) has its own session,
// and the host runs every call inside its caller's (client-sessions.ts).

export type HostKind = 'electron' | 'http' | 'in-process';

export interface ServiceContext {
  readonly host: HostKind;
  readonly capabilities: { nativeFileDialogs: boolean };
  /** The open review, or null. */
  file(): ReviewFile | null;
  /** The session of the client making this call: who is working there. */
  session(): ClientSession;
  /** The calling client's reviewer, recorded in the audit log (as chosen; `currentReviewer` checks it is in the file). */
  readonly reviewerId: string | null;
  now(): string;
  /** Makes `path` the open review (hosts that can switch files provide it). */
  switchTo?: (path: string) => void;
  /** Files streamed to the host's upload path (the browser host), handed to methods by token. */
  readonly uploads?: UploadStore;
  /** The Grove data folder and recent list, for hosts whose File menu is in the page (the browser host). */
  readonly workspace?: Workspace;
  /** Where long operations (an import, a deduplication) report their progress: the host shows it. */
  readonly progress?: ProgressListener;
  /**
   * Long work on the open review that awaits beyond its call (a merge's worker, a sync): the
   * review is neither closed nor switched while it runs (review-work.ts).
   */
  readonly work: ReviewWork;
}

export function requireDb(ctx: ServiceContext): Db {
  const file = ctx.file();
  if (!file) throw new ApiError('NO_REVIEW', 'No review is open. Open or create a review first.');
  return file.db;
}

/** Who makes a change: every write asks, so a read-only review refuses here, with its reason. */
export function actorOf(ctx: ServiceContext, db: Db): Actor {
  const readOnly = ctx.file()?.readOnly;
  if (readOnly) throw new ApiError('CONFLICT', `This review is open read-only, so it cannot be changed: ${readOnly.message}`);
  const reviewer = currentReviewer(ctx, db);
  return { reviewerId: reviewer?.id ?? null, reviewerName: reviewer?.name ?? '', now: ctx.now() };
}

/** The calling client's reviewer as this review knows them; null when none is chosen. */
export function currentReviewer(ctx: ServiceContext, db: Db): Reviewer | null {
  const id = ctx.session().reviewerId;
  return id ? getReviewer(db, id) : null;
}
