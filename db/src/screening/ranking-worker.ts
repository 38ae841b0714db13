import { parentPort, workerData } from 'node:worker_threads';
import { LiveRanking } from '@grove/shared/screening/live-ranking';
import { openConnection } from '../connection.ts';
import { readFields, readTitleAbstractIds } from '../repositories/screening-records-repo.ts';
import { readFinalLabels } from './final-labels.ts';
import type { FromWorker, ToWorker, WorkerData } from './worker-protocol.ts';

// The ranking worker: a thread of its own, so building features and retraining never hold
// up the backend's request handling. It reads the review on its own read-only connection
// (WAL lets it read while the backend writes) and only while reading: the backend's
// connection stays the file's one long-lived one, so closing the review folds the WAL back
// as always. Nudges that arrive while it reads or trains are coalesced into one read.

const data = workerData as WorkerData;
const port = parentPort!;
const ranking = new LiveRanking(data.model);
let retrainEvery = data.retrainEvery;
let scheduled = false;
/** The record list was rebuilt and the backend has not been sent it yet. */
let idsUnsent = false;

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(run);
}

function run(): void {
  scheduled = false;
  try {
    post({ type: 'busy', phase: 'reading' });
    const db = openConnection(data.file, { readonly: true, nativeBinding: data.nativeBinding });
    let labels;
    try {
      const ids = readTitleAbstractIds(db);
      if (!ranking.sameRecords(ids) || ranking.size === 0) {
        post({ type: 'busy', phase: 'building features' });
        const fields = readFields(db, ids);
        ranking.setRecords(
          ids.map((id) => ({ recordId: id, title: fields.get(id)?.title ?? '', abstract: fields.get(id)?.abstract ?? '' })),
        );
        idsUnsent = true;
      }
      labels = readFinalLabels(db, { ids, index: new Map(ids.map((id, i) => [id, i])) });
    } finally {
      db.close();
    }
    const pending = ranking.pendingDecisions(labels);
    const includes = labels.filter((l) => l.label === 1).length;
    const excludes = labels.length - includes;
    const due = idsUnsent || pending >= retrainEvery || (pending > 0 && !ranking.hasModel);
    if (due && includes > 0 && excludes > 0) {
      post({ type: 'busy', phase: 'training' });
      const started = performance.now();
      const result = ranking.train(labels)!;
      const ids = idsUnsent ? [...ranking.recordIds] : null;
      idsUnsent = false;
      post(
        {
          type: 'ranking',
          ids,
          order: result.order,
          includes: result.includes,
          excludes: result.excludes,
          trainedAt: new Date().toISOString(),
          seconds: (performance.now() - started) / 1000,
        },
        [result.order.buffer as ArrayBuffer],
      );
    } else {
      const ids = idsUnsent ? [...ranking.recordIds] : null;
      idsUnsent = false;
      post({ type: 'idle', ids, includes, excludes, pending });
    }
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'configure') retrainEvery = message.retrainEvery;
  schedule();
});
schedule();
