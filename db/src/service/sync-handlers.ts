import { ApiError, type Handlers, type LastSync, type SyncStatus } from '@grove/shared';
import type { Db } from '../connection.ts';
import { latestSyncState } from '../repositories/sync-state-repo.ts';
import { syncOpenReview } from '../team/sync-review.ts';
import { parseServerUrl } from '../team/server-url.ts';
import { TeamServerError } from '../team/team-error.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';

// The workbench's Sync button and its state in the status bar (docs/team-server.md). A
// sync is `grove sync` on the open review (syncOpenReview): the review's server is the one
// its sync state last synced with, set up by a first sync with a URL. How the last attempt
// went (counts, offline, the server's message) is this process's memory of the open file:
// it is not review content, and a reopened file shows when it last synced, from its sync state.

type SyncHandlers = Pick<Handlers, 'sync.status' | 'sync.run'>;

/** The last attempt per open review, and the reviews syncing now (one sync at a time each). */
const lastAttempt = new WeakMap<Db, LastSync>();
const running = new WeakSet<Db>();

function statusOf(db: Db): SyncStatus {
  const state = latestSyncState(db);
  return { server: state ? { url: state.url, syncedAt: state.syncedAt } : null, last: lastAttempt.get(db) ?? null };
}

export function syncHandlers(ctx: ServiceContext): SyncHandlers {
  return {
    'sync.status': () => statusOf(requireDb(ctx)),
    'sync.run': async ({ url }) => {
      const open = ctx.file();
      if (!open) throw new ApiError('NO_REVIEW', 'Open the review to sync first.');
      const db = open.db;
      const actor = actorOf(ctx, db);
      // A set-up that could not reach its server is retried by the next Sync.
      const last = lastAttempt.get(db);
      const target = url ?? latestSyncState(db)?.url ?? (last && last.outcome !== 'synced' ? last.url : undefined);
      if (target === undefined) {
        const message = 'This review has no team server yet: set it up with its URL (postgres://ROLE@HOST:PORT/DATABASE) first.';
        throw new ApiError('VALIDATION', message, [{ path: 'url', message }]);
      }
      try {
        parseServerUrl(target);
      } catch (err) {
        const message = (err as Error).message;
        throw new ApiError('VALIDATION', message, [{ path: 'url', message }]);
      }
      if (running.has(db)) throw new ApiError('CONFLICT', 'This review is syncing already: wait for that sync to finish.');
      running.add(db);
      try {
        // It awaits the server between its writes: the review stays open until it is done.
        const report = await ctx.work.run('syncing with its team server', () =>
          syncOpenReview({ db, path: open.path }, target, {
            now: actor.now,
            reviewerId: actor.reviewerId,
            reviewerName: actor.reviewerName,
            ...(ctx.progress ? { onProgress: ctx.progress } : {}),
          }),
        );
        lastAttempt.set(db, {
          outcome: 'synced',
          url: target,
          at: actor.now,
          pushed: report.pushed,
          pulled: report.pulled,
          applied: report.applied,
          conflicts: report.conflicts.length,
          backup: report.backup,
        });
      } catch (err) {
        if (!(err instanceof TeamServerError)) throw err;
        lastAttempt.set(db, {
          outcome: err.failure === 'unreachable' ? 'offline' : 'error',
          url: target,
          at: actor.now,
          message: err.message,
        });
      } finally {
        running.delete(db);
      }
      return statusOf(db);
    },
  };
}
