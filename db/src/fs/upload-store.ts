import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { HOST_TAG, processGone } from './atomic-write.ts';

// Large files reach the browser host as a raw request body streamed to a temporary file
// (never held in memory, never base64 in a JSON call), and API methods are then given the
// upload's token instead of the bytes. The file lives in the open review's folder: the
// same file system as the review an import creates there, and not a small /tmp.
//
// A token is a random name in a map, never a path, so a caller cannot point a method at
// another file. An upload is used once (`take`), expires after `ttlMs` if never used, and
// its file is removed either way; an upload cut off mid-stream or over the size limit
// leaves nothing. Files left by a process that was killed are swept when the next store
// receives in that folder: at once when that process is known to be gone (same host),
// else once they are older than the TTL.

/** `.grove-upload-<host>.<pid>.<token>.part` in the review's folder. */
const PREFIX = '.grove-upload-';
const SUFFIX = '.part';

export interface Upload {
  readonly token: string;
  /** The file name the client gave (its base name only). */
  readonly name: string;
  readonly path: string;
  readonly size: number;
}

export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than ${formatMb(limit)}, the largest upload Grove takes.`);
    this.name = 'UploadTooLargeError';
  }
}

/** The upload was cut off (the page closed, the connection dropped) or could not be stored. */
export class UploadFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadFailedError';
  }
}

/** A token that is unknown, used already or expired. */
export class UploadNotFoundError extends Error {
  constructor() {
    super('The uploaded file is no longer there (it expired or was used already): choose the file again.');
    this.name = 'UploadNotFoundError';
  }
}

function formatMb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

export interface UploadStoreOptions {
  /** The folder uploads are written to (the open review's folder), asked at each upload. */
  dir: () => string;
  maxBytes: number;
  ttlMs: number;
  now?: () => number;
}

interface Entry extends Upload {
  readonly expiresAt: number;
}

export class UploadStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly swept = new Set<string>();

  constructor(private readonly options: UploadStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get maxBytes(): number {
    return this.options.maxBytes;
  }

  /**
   * Streams `body` to a new temporary file, checking its size as it comes (a declared
   * Content-Length over the limit is refused before a byte is written). Resolves with the
   * upload once the whole body is on disk; on any failure the file is removed.
   */
  async receive(name: string, body: Readable, declaredLength?: number): Promise<Upload> {
    this.sweep();
    const limit = this.options.maxBytes;
    if (declaredLength !== undefined && declaredLength > limit) throw new UploadTooLargeError(limit);
    const dir = this.options.dir();
    this.sweepLeftovers(dir);
    const token = randomBytes(24).toString('base64url');
    const file = path.join(dir, `${PREFIX}${HOST_TAG}.${process.pid}.${token}${SUFFIX}`);
    const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    let size = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        const fail = (err: Error) => {
          if (settled) return;
          settled = true;
          body.unpipe(out);
          out.destroy();
          reject(err);
        };
        body.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) fail(new UploadTooLargeError(limit));
        });
        // A request cut off mid-body closes without ending (Node no longer always emits 'aborted').
        const cutOff = () => fail(new UploadFailedError('The upload was interrupted before the whole file arrived.'));
        body.on('aborted', cutOff);
        body.on('close', () => {
          if (!body.readableEnded) cutOff();
        });
        body.on('error', (err) => fail(new UploadFailedError(`The upload was interrupted: ${err.message}`)));
        out.on('error', (err) => fail(new UploadFailedError(`The upload could not be stored in ${dir}: ${err.message}`)));
        out.on('finish', () => {
          if (settled) return;
          // 'end' without every declared byte: the client stopped early.
          if (declaredLength !== undefined && size !== declaredLength) {
            fail(new UploadFailedError('The upload was interrupted before the whole file arrived.'));
            return;
          }
          settled = true;
          resolve();
        });
        body.pipe(out);
      });
      await new Promise<void>((resolve, reject) => out.close((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      await new Promise<void>((resolve) => (out.closed ? resolve() : out.once('close', () => resolve())));
      fs.rmSync(file, { force: true });
      throw err;
    }
    const entry: Entry = { token, name: path.basename(name), path: file, size, expiresAt: this.now() + this.options.ttlMs };
    this.entries.set(token, entry);
    return { token, name: entry.name, path: entry.path, size };
  }

  /**
   * Hands an upload over for one use: the token is spent at once; `use` reads the file,
   * which is removed afterwards whether `use` succeeded or not.
   */
  use<T>(token: string, use: (upload: Upload) => T): T {
    this.sweep();
    const entry = this.entries.get(token);
    if (!entry) throw new UploadNotFoundError();
    this.entries.delete(token);
    try {
      return use(entry);
    } finally {
      fs.rmSync(entry.path, { force: true });
    }
  }

  /** As `use`, for a use that reads the file asynchronously (on another thread): removed once it settles. */
  async useAsync<T>(token: string, use: (upload: Upload) => Promise<T>): Promise<T> {
    this.sweep();
    const entry = this.entries.get(token);
    if (!entry) throw new UploadNotFoundError();
    this.entries.delete(token);
    try {
      return await use(entry);
    } finally {
      fs.rmSync(entry.path, { force: true });
    }
  }

  /**
   * Reads an upload without spending it (an import's preview, before the import itself uses
   * the token). The token's expiry is not extended: an upload still has one use and a TTL.
   */
  peek<T>(token: string, read: (upload: Upload) => T): T {
    this.sweep();
    const entry = this.entries.get(token);
    if (!entry) throw new UploadNotFoundError();
    return read(entry);
  }

  /** Removes expired uploads' files. */
  sweep(): void {
    const now = this.now();
    for (const [token, entry] of this.entries) {
      if (entry.expiresAt > now) continue;
      this.entries.delete(token);
      fs.rmSync(entry.path, { force: true });
    }
  }

  /** Removes every upload's file (the host is closing). */
  clear(): void {
    for (const entry of this.entries.values()) fs.rmSync(entry.path, { force: true });
    this.entries.clear();
  }

  /** The number of uploads waiting to be used (for tests and diagnostics). */
  get pending(): number {
    return this.entries.size;
  }

  /** Upload files in `dir` left by a killed process: of a dead process of this host, or older than the TTL. */
  private sweepLeftovers(dir: string): void {
    if (this.swept.has(dir)) return;
    this.swept.add(dir);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    const cutoff = this.now() - this.options.ttlMs;
    for (const n of names) {
      if (!n.startsWith(PREFIX) || !n.endsWith(SUFFIX)) continue;
      const p = path.join(dir, n);
      const [host, pid] = n.slice(PREFIX.length).split('.');
      const deadOwner = host === HOST_TAG && Number(pid) > 0 && Number(pid) !== process.pid && processGone(Number(pid));
      try {
        if (deadOwner || fs.statSync(p).mtimeMs < cutoff) fs.rmSync(p, { force: true });
      } catch {
        // gone already
      }
    }
  }
}

/** Whether a file name is an upload's temporary file (the crash harness's stray-file check). */
export function isUploadFile(name: string): boolean {
  return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
}
