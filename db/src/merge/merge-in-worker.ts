import { Worker } from 'node:worker_threads';
import { ApiError, type ChangeSummary, type ProgressListener } from '@grove/shared';
import { changeCommittedElsewhere, type Actor } from '../changes.ts';
import { ReviewFileError } from '../connection.ts';
import type { ReviewFile } from '../review-file.ts';
import { workerEntry } from '../screening/worker-entry.ts';
import { forgetClock } from './site-clock.ts';
import type { MergeReport } from './merge-files.ts';
import type { FromMergeWorker, MergeFailure, MergeWorkerData } from './merge-worker-protocol.ts';

// The backend's side of a merge run off its thread (merge-worker.ts). The caller must send
// no other write to the review until this settles (backend.ts queues mutations one at a
// time): the worker's connection is then the file's only writer, and SQLite's busy wait,
// which would stop this thread, never comes into play.

function errorOf(failure: MergeFailure): Error {
  // Refused before anything was written (not a review, another review, another schema version).
  if (failure.kind === 'file') return new ReviewFileError(failure.file, failure.message);
  if (failure.kind === 'api') return new ApiError(failure.code, failure.message, failure.issues);
  const err = new Error(failure.message) as Error & { code?: string };
  if (failure.code !== undefined) err.code = failure.code;
  return err;
}

/**
 * Merges the copy at `otherFile` into the review open as `target` on a worker thread, as
 * `mergeCopyInto` does (same refusals, backup, one transaction, report). Once it has
 * committed, the backend's connection learns of the change (its clock reads the file
 * again; caches and the ranking hear of the rows written) and the API call is told of it.
 */
export async function mergeCopyInWorker(
  target: ReviewFile,
  otherFile: string,
  actor: Actor,
  otherName: string,
  onProgress?: ProgressListener,
): Promise<MergeReport> {
  const { report, change } = await runWorker(target, otherFile, actor, otherName, onProgress);
  // The merge observed other copies' clocks and wrote a change of its own: this
  // connection's clock reads the file again before its next change. Told here, after an
  // await in the caller's own async context, so the API call collecting its changes hears it.
  forgetClock(target.db);
  if (change) changeCommittedElsewhere(target.db, change);
  return report;
}

function runWorker(
  target: ReviewFile,
  otherFile: string,
  actor: Actor,
  otherName: string,
  onProgress: ProgressListener | undefined,
): Promise<{ report: MergeReport; change: ChangeSummary | null }> {
  const workerData: MergeWorkerData = {
    target: target.path,
    nativeBinding: target.reader.nativeBinding,
    other: otherFile,
    otherName,
    actor,
  };
  const entry = workerEntry('merge-worker');
  return new Promise((resolve, reject) => {
    const worker = entry.kind === 'file' ? new Worker(entry.file, { workerData }) : new Worker(entry.script, { eval: true, workerData });
    let settled = false;
    const settle = (outcome: { report: MergeReport; change: ChangeSummary | null } | Error) => {
      if (settled) return;
      settled = true;
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    worker.on('message', (m: FromMergeWorker) => {
      if (m.type === 'progress') onProgress?.(m.event);
      else if (m.type === 'done') settle({ report: m.report, change: m.change });
      else settle(errorOf(m.failure));
    });
    worker.on('error', (err) => settle(new Error(`The merge stopped: ${err.message}. Nothing was merged.`)));
    worker.on('exit', (code) => settle(new Error(`The merge stopped (its thread ended with code ${code}). Nothing was merged.`)));
  });
}
