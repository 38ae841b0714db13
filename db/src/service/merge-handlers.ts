import fs from 'node:fs';
import path from 'node:path';
import { ApiError, type Handlers } from '@grove/shared';
import { ReviewFileError } from '../connection.ts';
import { tempPathBeside } from '../fs/atomic-write.ts';
import { UploadNotFoundError } from '../fs/upload-store.ts';
import { mergeCopyInWorker } from '../merge/merge-in-worker.ts';
import { describeReport } from '../merge/merge-report-text.ts';
import { describeConflict } from '../merge/describe-conflict.ts';
import { resolveConflict } from '../merge/resolve-conflict.ts';
import { listQueuedConflicts } from '../repositories/merge-conflict-repo.ts';
import { selectRowByKey } from '../repositories/merge-repo.ts';
import { TABLE_BY_NAME } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';

// File › Merge a reviewer's copy… and the conflicts queue (docs/merging.md). The merge is
// the same code as `grove merge` (mergeCopyInto), run on the open review from a worker thread.

type MergeHandlers = Pick<Handlers, 'merge.conflicts' | 'merge.resolve' | 'merge.fromUpload'>;

export function mergeHandlers(ctx: ServiceContext): MergeHandlers {
  /**
   * Merges the copy at `file` (a temporary name) into the open review; messages name it
   * `fileName`. It runs on a worker thread (merge-in-worker.ts): this thread keeps answering
   * reads and sends the merge's progress, and the backend holds every other write back until
   * it is done (backend.ts).
   */
  async function mergeFrom(file: string, fileName: string) {
    const open = ctx.file();
    if (!open) throw new ApiError('NO_REVIEW', 'Open the review to merge the copy into first.');
    const actor = actorOf(ctx, open.db);
    try {
      // The worker's connection writes the file: the review stays open until it is done.
      const report = await ctx.work.run(`merging ${fileName}`, () => mergeCopyInWorker(open, file, actor, fileName, ctx.progress));
      return {
        events: report.events,
        applied: report.applied,
        skipped: report.skipped,
        conflicts: report.conflicts.length,
        byReviewer: report.byReviewer,
        backup: report.backup,
        reidentified: report.reidentified.length > 0,
        reportText: describeReport(fileName, report),
      };
    } catch (err) {
      // A copy that is no review, another review's file or another schema version: nothing was written.
      if (err instanceof ReviewFileError) {
        const message = err.message.split(file).join(fileName);
        throw new ApiError('VALIDATION', message, [{ path: 'fileName', message }]);
      }
      throw err;
    }
  }

  return {
    'merge.conflicts': () => {
      const db = requireDb(ctx);
      return {
        conflicts: listQueuedConflicts(db).map((c) => {
          const words = describeConflict(db, c);
          const spec = TABLE_BY_NAME.get(c.table);
          const row = spec ? selectRowByKey(db, spec.table, spec.key, c.key) : null;
          const current = c.field === '*' ? (row ? 'row' : null) : (row?.[c.field] ?? null);
          return {
            id: c.id,
            what: words.what,
            study: words.study,
            record: words.record,
            slotReviewer: words.slotReviewer,
            fieldLabel: words.fieldLabel,
            table: c.table,
            key: c.key,
            field: c.field,
            base: c.base,
            local: c.local,
            current,
            incoming: c.incoming,
            reviewer: c.reviewer,
            mergeLabel: c.mergeLabel,
            mergedAt: c.mergedAt,
            canTakeTheirs: row !== null && (c.field !== '*' || c.incoming === null),
            canEnterValue: row !== null && c.field !== '*',
          };
        }),
      };
    },
    'merge.resolve': ({ conflictId, choice, value }) => {
      const db = requireDb(ctx);
      const actor = actorOf(ctx, db);
      const resolved = resolveConflict(
        db,
        actor,
        conflictId,
        choice === 'other' ? { kind: 'other', value: value ?? null } : { kind: choice },
      );
      return { conflictId, value: resolved.value };
    },
    'merge.fromUpload': async ({ fileName, contentBase64, uploadToken }) => {
      const open = ctx.file();
      if (!open) throw new ApiError('NO_REVIEW', 'Open the review to merge the copy into first.');
      const name = path.basename(fileName);
      if (uploadToken !== undefined) {
        if (!ctx.uploads) throw new ApiError('UNSUPPORTED', "This host has no upload path: send the file's bytes instead.");
        try {
          return await ctx.uploads.useAsync(uploadToken, (upload) => mergeFrom(upload.path, name));
        } catch (err) {
          if (err instanceof UploadNotFoundError)
            throw new ApiError('NOT_FOUND', err.message, [{ path: 'uploadToken', message: err.message }]);
          throw err;
        }
      }
      // The copy is only read; it is written beside the open review for the merge and removed after.
      const temp = tempPathBeside(open.path);
      try {
        fs.writeFileSync(temp, Buffer.from(contentBase64 ?? '', 'base64'));
        return await mergeFrom(temp, name);
      } finally {
        fs.rmSync(temp, { force: true });
        for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${temp}${suffix}`, { force: true });
      }
    },
  };
}
