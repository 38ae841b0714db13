import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { dispatch, type ApiError, type MethodName } from '@grove/shared';
import { createBackend, type Backend } from '../../../db/src/backend.ts';
import { createExampleReview } from '../../../db/src/example/create-example.ts';
import { UploadStore } from '../../../db/src/fs/upload-store.ts';
import { lockPathFor, type LockHolder } from '../../../db/src/lock/review-lock.ts';
import { createReviewFile } from '../../../db/src/review-file.ts';
import { createAppClient, type AppClient } from '../../../renderer/src/api/client.ts';
import type { Upload } from '../../../renderer/src/api/transport.ts';
import { tempDir } from '../../support/temp.ts';

// The renderer over the real backend: the in-process handler table on a temporary
// `.grove` file, behind the same envelope the hosts carry, with every call recorded.

export interface RealBackendOptions {
  /** A folder under the temporary directory to keep the review in (e.g. 'Dropbox', to be warned about syncing). */
  folder?: string;
  /** Another process (on another machine) holds the file's write lock: the host opens it read-only. */
  lockedBy?: LockHolder;
  /**
   * The browser host's streamed upload path, as `grove serve` gives it (an UploadStore
   * in the review's folder), instead of the in-process host's bytes in the call itself.
   */
  uploads?: boolean;
}

export interface RealBackend {
  readonly backend: Backend;
  readonly client: AppClient;
  /** Another client on the same backend, whose calls the app does not see: a change made elsewhere. */
  readonly elsewhere: AppClient;
  /** The review file. */
  readonly file: string;
  /** Every method the renderer called, in order. */
  readonly calls: MethodName[];
  /** The arguments of every call of `method`, in order (as sent). */
  callsTo(method: MethodName): unknown[];
  /**
   * The next call of `method` is refused with `error` without reaching the backend: for a
   * refusal the renderer must show that no rule of today's backend makes (say, a newer
   * backend's check on a field). Everything else is the backend's own answer.
   */
  failNext(method: MethodName, error: ApiError): void;
  /**
   * The next call of `method` waits for the returned release before it reaches the backend:
   * for a reply that arrives while the renderer is between renders. Called again before that
   * call is made, it holds the call after it (first hold, first call).
   */
  holdNext(method: MethodName): () => void;
  /** Forgets the calls so far (a test's setup through the client), so that only the app's are counted. */
  forget(): void;
  close(): void;
}

/** A bundled example review, or 'empty': a new review with nothing in it (tests add what they need through the client). */
export function realBackend(
  example: 'peer-support' | 'fleiss1993' | 'empty' = 'fleiss1993',
  options: RealBackendOptions = {},
): RealBackend {
  const { dir: root, cleanup } = tempDir('grove-renderer-');
  const dir = options.folder ? path.join(root, options.folder) : root;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'review.grove');
  if (example === 'empty') createReviewFile(file, { title: 'A review' }).close();
  else createExampleReview(file, { example }).close();
  // The lock file another Grove writes (review-lock.ts): a holder on another host counts as alive.
  if (options.lockedBy) fs.writeFileSync(lockPathFor(file), `${JSON.stringify(options.lockedBy)}\n`);
  const uploads = options.uploads ? new UploadStore({ dir: () => dir, maxBytes: 1024 * 1024 * 1024, ttlMs: 60_000 }) : null;
  const backend = createBackend({ host: 'in-process', ...(uploads ? { uploads } : {}) });
  backend.openFile(file, options.lockedBy ? { whenLocked: 'read-only' } : {});
  const calls: MethodName[] = [];
  const log: { method: MethodName; args: unknown }[] = [];
  const upload: Upload | null = uploads
    ? async (blob, name, onProgress) => {
        const bytes = new Uint8Array(await blob.arrayBuffer());
        const received = await uploads.receive(name, Readable.from([bytes]), bytes.length);
        onProgress?.(100);
        return { uploadToken: received.token, name: received.name, size: received.size };
      }
    : null;
  const refusals = new Map<MethodName, ApiError>();
  const holds = new Map<MethodName, Promise<void>[]>();
  const client = createAppClient(async (method, args) => {
    calls.push(method);
    log.push({ method, args: structuredClone(args) });
    const refusal = refusals.get(method);
    if (refusal) {
      refusals.delete(method);
      return { ok: false, error: refusal.toData() };
    }
    const hold = holds.get(method)?.shift();
    if (hold) await hold;
    return dispatch(backend, method, args);
  }, upload);
  return {
    backend,
    client,
    elsewhere: createAppClient((method, args) => dispatch(backend, method, args)),
    file,
    calls,
    callsTo: (method) => log.filter((c) => c.method === method).map((c) => c.args),
    failNext: (method, error) => void refusals.set(method, error),
    holdNext: (method) => {
      let release!: () => void;
      holds.set(method, [...(holds.get(method) ?? []), new Promise<void>((resolve) => (release = resolve))]);
      return release;
    },
    forget: () => {
      calls.length = 0;
      log.length = 0;
    },
    close: () => {
      backend.closeFile();
      uploads?.clear();
      cleanup();
    },
  };
}
