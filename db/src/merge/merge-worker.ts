import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '@grove/shared';
import { collectChanges } from '../change-collector.ts';
import { openConnection, ReviewFileError, type Db } from '../connection.ts';
import { keepReviewWhole } from '../review-file.ts';
import { mergeCopyInto } from './merge-files.ts';
import type { FromMergeWorker, MergeFailure, MergeWorkerData } from './merge-worker-protocol.ts';

// One merge (File › Merge a reviewer's copy…) on a thread of its own, so the backend's
// thread keeps answering reads and sending progress while it runs. It is the same code as
// `grove merge` (mergeCopyInto: backup first, then one transaction, one undoable change) on a
// connection of its own to the open review, with the review's change hooks: WAL lets the
// backend's connection read the review as it was until the merge commits. The backend holds
// the file's write lock and sends no write of its own while this runs (backend.ts queues
// mutations), so this connection is the file's only writer.

const data = workerData as MergeWorkerData;
const port = parentPort!;
const post = (message: FromMergeWorker) => port.postMessage(message);

function failureOf(err: unknown): MergeFailure {
  if (err instanceof ReviewFileError) return { kind: 'file', file: err.file, message: err.message };
  if (err instanceof ApiError) return { kind: 'api', code: err.code, message: err.message, issues: err.issues };
  const code = (err as { code?: unknown } | null)?.code;
  return { kind: 'other', message: err instanceof Error ? err.message : String(err), code: typeof code === 'string' ? code : undefined };
}

async function run(): Promise<void> {
  let db: Db | null = null;
  try {
    db = openConnection(data.target, { nativeBinding: data.nativeBinding });
    keepReviewWhole(db);
    const target = { db, path: data.target };
    const { value: report, change } = await collectChanges(async () =>
      mergeCopyInto(target, data.other, data.actor, data.otherName, (event) => post({ type: 'progress', event })),
    );
    post({ type: 'done', report, change });
  } catch (err) {
    post({ type: 'failed', failure: failureOf(err) });
  } finally {
    db?.close();
  }
}

void run();
