import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  HTTP_CLIENT_HEADER,
  HTTP_PROGRESS_PATH,
  HTTP_RPC_PATH,
  HTTP_TOKEN_HEADER,
  HTTP_TOKEN_QUERY,
  HTTP_UPLOAD_PATH,
  dispatch,
  parseClientId,
  type ApiService,
} from '@grove/shared';
import { createBackend, type Backend } from '../../../db/src/backend.ts';
import type { ReviewFile } from '../../../db/src/review-file.ts';
import { UploadStore } from '../../../db/src/fs/upload-store.ts';
import { folderWorkspace } from '../../../db/src/workspace.ts';
import { readStatic } from './static-files.ts';
import { receiveUpload } from './upload-route.ts';
import { isPdfPath, servePdf } from './pdf-route.ts';
import { ProgressStream } from './progress-stream.ts';
import { send, sendEnvelope } from './responses.ts';

// The browser host: the same handler table as the Electron host, served on 127.0.0.1
// only, with the built renderer. Guards (the Electron IPC checks' counterpart): a random
// per-run token on every API call, Host and Origin checks against DNS rebinding and
// cross-site requests, a body size limit, and the same strict CSP as the desktop app.
//
// Each tab is its own client: the page sends the id it made for itself with every API
// call (x-grove-client), and the call runs in that client's session (its reviewer, its
// undo). A call without one is the host's own single client (scripts, tests).

const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** The streamed upload path's limit: search exports of hundreds of MB, PDFs, a reviewer's copy. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
/** An upload not handed to a method within this time is removed. */
export const UPLOAD_TTL_MS = 15 * 60 * 1000;
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIST = path.join(REPO_ROOT, 'renderer', 'dist');

export interface HttpHostOptions {
  /** Review to open; without one, the example review in the user's data folder. */
  file?: string | undefined;
  /** 0 (default) picks a free port. */
  port?: number | undefined;
  /** Test hook: use this token instead of a random one. */
  token?: string | undefined;
  rendererDir?: string | undefined;
  /** Open the review read-only (also chosen automatically for a file that cannot be written). */
  readOnly?: boolean | undefined;
  /** The Grove data folder (default: dataDir()): the example review, and the File menu's new reviews and copies. */
  dataDir?: string | undefined;
  /** Test hooks: the upload path's size limit and how long an unused upload is kept. */
  maxUploadBytes?: number | undefined;
  uploadTtlMs?: number | undefined;
}

export interface HttpHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly file: string;
  /** Why the review is open read-only, or null when it is open for editing. */
  readonly readOnly: string | null;
  /** What the user should know about the file (a cloud-synced folder). */
  readonly warnings: readonly string[];
  readonly backend: Backend;
  readonly uploads: UploadStore;
  readonly rendererBuilt: boolean;
  close(): Promise<void>;
}

/** Where `grove serve` / `npm start` keep the example review: $GROVE_DATA_DIR or the OS data folder. */
export function dataDir(): string {
  if (process.env.GROVE_DATA_DIR) return process.env.GROVE_DATA_DIR;
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? os.homedir(), 'Grove');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Grove');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'grove');
}

function tokenMatches(expected: Buffer, given: string | undefined): boolean {
  if (!given) return false;
  const g = Buffer.from(given);
  return g.length === expected.length && timingSafeEqual(g, expected);
}

/** A body over the API's limit: answered with 413 and a message, not a reset connection. */
class BodyTooLargeError extends Error {
  constructor() {
    super(
      `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB, the limit for API calls. Large files (search exports, PDFs, RevMan files) are sent through the upload path instead.`,
    );
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return; // drained and discarded, so the client can read our answer
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Whose call this is: the tab named by its client id header, or (without one) the host's own client. */
function callerOf(req: http.IncomingMessage, backend: Backend): { ok: true; service: ApiService } | { ok: false; reason: string } {
  const header = req.headers[HTTP_CLIENT_HEADER];
  if (header === undefined) return { ok: true, service: backend };
  const parsed = parseClientId(Array.isArray(header) ? header.join(',') : header);
  return parsed.ok ? { ok: true, service: backend.client(parsed.id) } : parsed;
}

export async function startHttpHost(options: HttpHostOptions = {}): Promise<HttpHost> {
  // The same open path as the desktop host: the write lock names `grove serve` to a
  // second writer, and a second `grove serve` on the same file is refused with it.
  // Uploads go beside the open review (the folder an import writes to); see upload-store.ts.
  const folder = options.dataDir ?? dataDir();
  let reviewDir = folder;
  const uploads = new UploadStore({
    dir: () => reviewDir,
    maxBytes: options.maxUploadBytes ?? MAX_UPLOAD_BYTES,
    ttlMs: options.uploadTtlMs ?? UPLOAD_TTL_MS,
  });
  const workspace = folderWorkspace(folder);
  const progress = new ProgressStream();
  const backend = createBackend({ host: 'http', app: 'grove serve', uploads, workspace, onProgress: (e) => progress.publish(e) });
  const how = options.readOnly ? { readOnly: true } : {};
  let review: ReviewFile;
  if (options.file) {
    review = backend.openFile(options.file, how);
  } else {
    const example = path.join(folder, 'example.grove');
    fs.mkdirSync(path.dirname(example), { recursive: true });
    review = fs.existsSync(example) ? backend.openFile(example, how) : backend.createExample(example);
  }
  const file = review.path;
  reviewDir = path.dirname(file);
  const sweeper = setInterval(() => uploads.sweep(), Math.min(60_000, options.uploadTtlMs ?? UPLOAD_TTL_MS));
  sweeper.unref();

  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const rendererDir = options.rendererDir ?? RENDERER_DIST;
  const rendererBuilt = fs.existsSync(path.join(rendererDir, 'index.html'));
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  /** The checks every API call passes (RPC and uploads alike): POST, same origin, the session token. */
  const apiCallAllowed = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const refuse = (status: number, code: 'BAD_REQUEST' | 'FORBIDDEN', message: string) => {
      // The body is not read: close the connection so a large one does not linger.
      res.setHeader('connection', 'close');
      sendEnvelope(res, status, { ok: false, error: { code, message } });
      return false;
    };
    if (req.method !== 'POST') return refuse(405, 'BAD_REQUEST', 'Use POST for API calls.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, '')))
      return refuse(403, 'FORBIDDEN', 'Cross-origin API calls are refused.');
    const given = req.headers[HTTP_TOKEN_HEADER];
    if (!tokenMatches(tokenBytes, Array.isArray(given) ? given[0] : given))
      return refuse(403, 'FORBIDDEN', 'Missing or wrong session token. Open the URL that `grove serve` printed.');
    return true;
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // A page on another site that resolves its own name to 127.0.0.1 still sends its own Host.
      if (!allowedHosts().has(req.headers.host ?? '')) {
        send(res, 421, 'Misdirected request', 'text/plain; charset=utf-8');
        return;
      }
      if (url.pathname === HTTP_PROGRESS_PATH) {
        // An EventSource cannot send headers: the token comes in the query, as in the page's URL.
        // The stream only reads; a cross-origin page could not read it anyway (no CORS headers).
        if (req.method !== 'GET') return send(res, 405, 'Use GET for the progress stream.', 'text/plain; charset=utf-8');
        if (!tokenMatches(tokenBytes, url.searchParams.get(HTTP_TOKEN_QUERY) ?? undefined))
          return send(res, 403, 'Missing or wrong session token.', 'text/plain; charset=utf-8');
        progress.subscribe(req, res);
        return;
      }
      if (url.pathname === HTTP_UPLOAD_PATH) {
        if (!apiCallAllowed(req, res)) return;
        const current = backend.currentFile();
        if (current) reviewDir = path.dirname(current);
        await receiveUpload(req, res, url, uploads);
        return;
      }
      if (isPdfPath(url.pathname)) {
        await servePdf(req, res, url, (given) => tokenMatches(tokenBytes, given), backend.handlers);
        return;
      }
      if (url.pathname === HTTP_RPC_PATH) {
        if (!apiCallAllowed(req, res)) return;
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
          sendEnvelope(res, 415, { ok: false, error: { code: 'BAD_REQUEST', message: 'API calls must be application/json.' } });
          return;
        }
        let envelope: { method?: unknown; args?: unknown };
        try {
          envelope = JSON.parse(await readBody(req)) as { method?: unknown; args?: unknown };
        } catch (err) {
          if (err instanceof BodyTooLargeError) {
            // Read (and drop) the rest of the body, then close: answering mid-upload and
            // closing at once makes the client see a reset instead of this message.
            res.setHeader('connection', 'close');
            req.resume();
            sendEnvelope(res, 413, { ok: false, error: { code: 'BAD_REQUEST', message: err.message } });
            return;
          }
          sendEnvelope(res, 400, {
            ok: false,
            error: { code: 'BAD_REQUEST', message: `The request is not valid JSON: ${(err as Error).message}` },
          });
          return;
        }
        if (typeof envelope !== 'object' || envelope === null) {
          sendEnvelope(res, 400, { ok: false, error: { code: 'BAD_REQUEST', message: 'Expected {"method", "args"}.' } });
          return;
        }
        const caller = callerOf(req, backend);
        if (!caller.ok) {
          sendEnvelope(res, 400, { ok: false, error: { code: 'BAD_REQUEST', message: caller.reason } });
          return;
        }
        sendEnvelope(res, 200, await dispatch(caller.service, envelope.method, envelope.args));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
        return;
      }
      if (!rendererBuilt) {
        send(
          res,
          503,
          '<!doctype html><meta charset="utf-8"><title>Grove</title><p>The Grove workbench has not been built yet. Run <code>npm run build:renderer</code>, then reload.</p>',
          'text/html; charset=utf-8',
        );
        return;
      }
      const asset = readStatic(rendererDir, url.pathname);
      if (!asset) {
        send(res, 404, 'Not found', 'text/plain; charset=utf-8');
        return;
      }
      send(res, 200, req.method === 'HEAD' ? '' : asset.body, asset.type);
    })().catch((err: unknown) => {
      if (!res.headersSent) sendEnvelope(res, 500, { ok: false, error: { code: 'INTERNAL', message: String(err) } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/?${HTTP_TOKEN_QUERY}=${token}`,
    port,
    token,
    file,
    readOnly: review.readOnly?.message ?? null,
    warnings: review.warnings,
    backend,
    uploads,
    rendererBuilt,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweeper);
        server.closeAllConnections();
        server.close(() => {
          uploads.clear();
          // A merge's worker or a sync may still write the review: close it once they are done.
          void backend.whenIdle().then(() => {
            backend.closeFile();
            resolve();
          });
        });
      }),
  };
}
