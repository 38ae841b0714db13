import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { HTTP_RPC_PATH, HTTP_TOKEN_HEADER, HTTP_TOKEN_QUERY, dispatch, type ApiResult } from '@grove/shared';
import { createBackend, type Backend } from '../../../db/src/backend.ts';
import type { ReviewFile } from '../../../db/src/review-file.ts';
import { readStatic } from './static-files.ts';

// The browser host: the same handler table as the Electron host, served on 127.0.0.1
// only, with the built renderer. Guards (the Electron IPC checks' counterpart): a random
// per-run token on every API call, Host and Origin checks against DNS rebinding and
// cross-site requests, a body size limit, and the same strict CSP as the desktop app.

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MAX_BODY_BYTES = 20 * 1024 * 1024;
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

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function sendEnvelope(res: http.ServerResponse, status: number, envelope: ApiResult<unknown>): void {
  send(res, status, JSON.stringify(envelope), 'application/json; charset=utf-8');
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

export async function startHttpHost(options: HttpHostOptions = {}): Promise<HttpHost> {
  // The same open path as the desktop host: the write lock names `grove serve` to a
  // second writer, and a second `grove serve` on the same file is refused with it.
  const backend = createBackend({ host: 'http', app: 'grove serve' });
  const how = options.readOnly ? { readOnly: true } : {};
  let review: ReviewFile;
  if (options.file) {
    review = backend.openFile(options.file, how);
  } else {
    const example = path.join(dataDir(), 'example.grove');
    fs.mkdirSync(path.dirname(example), { recursive: true });
    review = fs.existsSync(example) ? backend.openFile(example, how) : backend.createExample(example);
  }
  const file = review.path;

  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const rendererDir = options.rendererDir ?? RENDERER_DIST;
  const rendererBuilt = fs.existsSync(path.join(rendererDir, 'index.html'));
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // A page on another site that resolves its own name to 127.0.0.1 still sends its own Host.
      if (!allowedHosts().has(req.headers.host ?? '')) {
        send(res, 421, 'Misdirected request', 'text/plain; charset=utf-8');
        return;
      }
      if (url.pathname === HTTP_RPC_PATH) {
        if (req.method !== 'POST') {
          sendEnvelope(res, 405, { ok: false, error: { code: 'BAD_REQUEST', message: 'Use POST for API calls.' } });
          return;
        }
        const origin = req.headers.origin;
        if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
          sendEnvelope(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Cross-origin API calls are refused.' } });
          return;
        }
        const given = req.headers[HTTP_TOKEN_HEADER];
        if (!tokenMatches(tokenBytes, Array.isArray(given) ? given[0] : given)) {
          sendEnvelope(res, 403, {
            ok: false,
            error: { code: 'FORBIDDEN', message: 'Missing or wrong session token. Open the URL that `grove serve` printed.' },
          });
          return;
        }
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
        sendEnvelope(res, 200, await dispatch(backend, envelope.method, envelope.args));
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
    rendererBuilt,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          backend.closeFile();
          resolve();
        });
      }),
  };
}
