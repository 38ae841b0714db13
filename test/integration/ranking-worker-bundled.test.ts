import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../db/src/backend.ts';
import type { FromWorker, WorkerData } from '../../db/src/screening/worker-protocol.ts';
import { firstDecisions, RELEVANT, rankingReview } from '../support/ranking-fixtures.ts';
import { startServe, type ServeProcess } from '../support/serve-process.ts';
import { REPO_ROOT, tempDir } from '../support/temp.ts';

// The ranking worker is a file of its own, which each bundle must build and find: the
// compiled CLI (grove serve) beside its chunks, the Electron bundle beside main.cjs.

/** The value of a successful reply envelope. */
const valueOf = <T>(reply: unknown): T => (reply as { value: T }).value;

let dir: { dir: string; cleanup(): void };
let file: string;

beforeAll(async () => {
  dir = tempDir();
  file = path.join(dir.dir, 'ranked.grove');
  const backend = createBackend({ host: 'in-process' });
  backend.createFile(file, 'Ranking review');
  const client = inProcessClient(backend);
  const { ids } = await rankingReview(client);
  await firstDecisions(client, ids);
  backend.closeFile();
});
afterAll(() => dir.cleanup());

describe('the ranking worker in the bundles', () => {
  let serve: ServeProcess | null = null;
  afterAll(async () => serve?.stop());

  it('grove serve (the compiled CLI) starts it from its build folder and orders by relevance', async () => {
    serve = await startServe([file]);
    const pointer = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cli', 'dist', 'current.json'), 'utf8')) as { dir: string };
    expect(fs.existsSync(path.join(REPO_ROOT, 'cli', 'dist', pointer.dir, 'ranking-worker.mjs'))).toBe(true);
    // File › Merge's worker is built the same way (db/src/merge/merge-worker.ts).
    expect(fs.existsSync(path.join(REPO_ROOT, 'cli', 'dist', pointer.dir, 'merge-worker.mjs'))).toBe(true);
    await serve.call('ranking.configure', { retrainEvery: 1 });
    let progress: { model: { state: string; message: string | null; trainedOn: unknown } } | undefined;
    for (let i = 0; i < 600; i++) {
      progress = valueOf<typeof progress>(await serve.call('ranking.progress', {}));
      if (progress?.model.trainedOn || progress?.model.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(progress?.model).toMatchObject({ state: 'ready', message: null, trainedOn: { includes: 1, excludes: 2 } });
    const people = valueOf<{ id: string }[]>(await serve.call('reviewers.list', {}));
    await serve.call('session.setReviewer', { reviewerId: people[0]!.id });
    const next = valueOf<{ records: { title: string }[] }>(
      await serve.call('screening.next', { stage: 'title-abstract', order: 'relevance', count: 5 }),
    );
    expect(new Set(next.records.map((r) => r.title))).toEqual(new Set(RELEVANT.slice(1)));
  });

  it('the Electron bundle builds it as electron/dist/ranking-worker.cjs, which ranks on its own', async () => {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'build', 'bundle-electron.mjs')], { cwd: REPO_ROOT, stdio: 'pipe' });
    const dist = path.join(REPO_ROOT, 'electron', 'dist');
    // main.cjs finds the worker beside itself (CommonJS: __dirname, never import.meta).
    expect(fs.readFileSync(path.join(dist, 'main.cjs'), 'utf8')).toMatch(/`\$\{workerName\d*\}\.cjs`/);
    expect(fs.existsSync(path.join(dist, 'merge-worker.cjs'))).toBe(true);
    const workerData: WorkerData = { file, nativeBinding: undefined, model: 'svm-presumed', retrainEvery: 1 };
    const worker = new Worker(path.join(dist, 'ranking-worker.cjs'), { workerData });
    try {
      const ranking = await new Promise<Extract<FromWorker, { type: 'ranking' }>>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (m: FromWorker) => {
          if (m.type === 'ranking') resolve(m);
          if (m.type === 'failed') reject(new Error(m.message));
        });
      });
      expect(ranking).toMatchObject({ includes: 1, excludes: 2 });
      const titlesFirst = Array.from(ranking.order.subarray(0, 5), (i) => ranking.ids![i]);
      expect(titlesFirst).toHaveLength(5);
    } finally {
      await worker.terminate();
    }
  });
});
