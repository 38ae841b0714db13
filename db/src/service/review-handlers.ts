import path from 'node:path';
import type { Handlers } from '@grove/shared';
import { exportReview } from '../document/export-review.ts';
import { historyStatus, redoLast, undoLast } from '../history.ts';
import { schemaVersion } from '../migrate.ts';
import { LATEST_SCHEMA_VERSION } from '../migrations/index.ts';
import { listAudit } from '../repositories/audit-repo.ts';
import { readProtocol } from '../repositories/protocol-repo.ts';
import { readReviewStamp } from '../repositories/review-repo.ts';
import { countRows } from '../repositories/study-repo.ts';
import { APP_VERSION } from '../version.ts';
import { actorOf, currentReviewer, requireDb, type ServiceContext } from './context.ts';
import type { ReviewFile } from '../review-file.ts';

// The review as a whole: identity and counts, export, the audit log and undo.

type ReviewHandlers = Pick<Handlers, 'app.info' | 'review.summary' | 'review.export' | 'audit.list' | 'history.status' | 'history.undo' | 'history.redo'>;

/** The read-only reason and warnings of the open file, for the workbench's banner. */
function fileNotes(file: ReviewFile): { readOnly?: string; warnings?: string[] } {
  return {
    ...(file.readOnly ? { readOnly: file.readOnly.message } : {}),
    ...(file.warnings.length ? { warnings: [...file.warnings] } : {}),
  };
}

export function reviewHandlers(ctx: ServiceContext): ReviewHandlers {
  return {
    'app.info': () => {
      const file = ctx.file();
      return {
        appVersion: APP_VERSION,
        schemaVersion: LATEST_SCHEMA_VERSION,
        host: ctx.host,
        file: file ? { path: file.path, name: path.basename(file.path), ...fileNotes(file) } : null,
        capabilities: ctx.capabilities,
      };
    },

    'review.summary': () => {
      const db = requireDb(ctx);
      const file = ctx.file();
      const review = readReviewStamp(db);
      return {
        id: review.id,
        title: readProtocol(db).title,
        file: { path: file?.path ?? '', name: file ? path.basename(file.path) : '', ...(file ? fileNotes(file) : {}) },
        schemaVersion: schemaVersion(db),
        counts: { studies: countRows(db, 'study'), reports: countRows(db, 'report'), reviewers: countRows(db, 'reviewer') },
        updatedAt: review.updatedAt,
      };
    },

    'review.export': () => exportReview(requireDb(ctx)),

    'audit.list': ({ limit, beforeId }) => listAudit(requireDb(ctx), limit ?? 100, beforeId),

    'history.status': () => {
      const db = requireDb(ctx);
      return historyStatus(db, currentReviewer(ctx, db)?.id ?? null);
    },

    'history.undo': () => {
      const db = requireDb(ctx);
      const actor = actorOf(ctx, db);
      const { undone } = undoLast(db, actor);
      return { ...historyStatus(db, actor.reviewerId), undone };
    },

    'history.redo': () => {
      const db = requireDb(ctx);
      const actor = actorOf(ctx, db);
      const { redone } = redoLast(db, actor);
      return { ...historyStatus(db, actor.reviewerId), redone };
    },
  };
}
