import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Where a worker thread's code is, in each way Grove runs (the ranking worker, the merge worker):
//   source (tests, tsx, GROVE_TSX=1)   db/src/screening/ranking-worker.ts, db/src/merge/merge-worker.ts, run through tsx
//   the bundled CLI (ESM)              cli/dist/<build>/<name>.mjs, beside its chunks
//   the Electron bundle (CommonJS)     electron/dist/<name>.cjs, beside main.cjs
//                                      (unpacked from the asar: a worker file cannot be read from one)
// The bundlers build each worker as an entry point of its own (cli/bin/compiled-cli.js,
// build/bundle-electron.mjs): test/integration/ranking-worker-bundled.test.ts runs both.

/** What `new Worker` is given: the worker's file, or (from source) a script that loads it through tsx. */
export type WorkerEntry = { kind: 'file'; file: URL } | { kind: 'eval'; script: string };

export const WORKER_BASENAME = 'ranking-worker';

/** Each worker's bundle name and its source, relative to this file. */
const WORKER_SOURCES = {
  'ranking-worker': './ranking-worker.ts',
  'merge-worker': '../merge/merge-worker.ts',
} as const;
export type WorkerName = keyof typeof WORKER_SOURCES;

export function rankingWorkerEntry(): WorkerEntry {
  return workerEntry(WORKER_BASENAME);
}

export function workerEntry(workerName: WorkerName): WorkerEntry {
  // esbuild's CommonJS output has no import.meta; its module has __filename instead.
  const here: string | undefined = import.meta.url;
  if (here === undefined || here === '') {
    const dir = __dirname.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    return { kind: 'file', file: pathToFileURL(path.join(dir, `${workerName}.cjs`)) };
  }
  if (here.endsWith('.ts')) {
    // Loader hooks given to the main thread (tsx, vitest) do not reach a worker on Node 20, and
    // `--import` in a worker's execArgv is ignored there: the worker registers tsx itself.
    // require.resolve finds tsx's CommonJS API; its ES module twin sits beside it.
    const tsxApi = pathToFileURL(
      createRequire(here)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    ).href;
    const worker = new URL(WORKER_SOURCES[workerName], here).href;
    return {
      kind: 'eval',
      script: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`,
    };
  }
  return { kind: 'file', file: pathToFileURL(path.join(path.dirname(fileURLToPath(here)), `${workerName}.mjs`)) };
}
