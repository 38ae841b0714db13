import {
  HTTP_CLIENT_HEADER,
  HTTP_RPC_PATH,
  HTTP_TOKEN_HEADER,
  HTTP_TOKEN_QUERY,
  HTTP_UPLOAD_PATH,
  ApiError,
  isApiErrorCode,
  type ApiResult,
  type GroveBridge,
  type MethodName,
} from '@grove/shared';
import { takeClientId } from './client-id.ts';

// How the renderer reaches the backend. In Electron the preload exposes `window.grove`;
// in the browser (`grove serve`) we POST envelopes to /rpc with the per-run token.
// Either way the answer is the same envelope, so the client above does not care.

export type Send = (method: MethodName, args: unknown) => Promise<ApiResult<unknown>>;

/** A file streamed to the browser host's upload path: the token methods take instead of its bytes. */
export interface UploadReceipt {
  readonly uploadToken: string;
  readonly name: string;
  readonly size: number;
}

/**
 * Streams a file to the host (the browser host only: Electron's IPC carries bytes
 * directly). `onProgress` gets the percentage sent; rejects with an ApiError carrying
 * the host's message (413 over the limit, a cut connection).
 */
export type Upload = (file: Blob, name: string, onProgress?: (percent: number) => void, signal?: AbortSignal) => Promise<UploadReceipt>;

declare global {
  interface Window {
    grove?: GroveBridge;
  }
}

const TOKEN_KEY = 'grove.token';

/**
 * Read the token from `?token=` once, keep it in sessionStorage so a reload still works,
 * and take it out of the address bar (and so out of history, bookmarks and screenshots).
 */
export function takeToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get(HTTP_TOKEN_QUERY);
  if (fromUrl) {
    try {
      storage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // storage disabled: the token still works for this page
    }
    url.searchParams.delete(HTTP_TOKEN_QUERY);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return storage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function isEnvelope(value: unknown): value is ApiResult<unknown> {
  if (!value || typeof value !== 'object') return false;
  const v = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'value' in v;
  return v.ok === false && !!v.error && isApiErrorCode(v.error.code) && typeof v.error.message === 'string';
}

/**
 * POST /rpc. `clientId` names this tab to the host, which keeps its reviewer (and undo)
 * apart from other tabs'; without one the host treats the calls as its single client.
 */
export function httpTransport(
  token: string | null,
  fetchImpl: typeof fetch = (...a) => window.fetch(...a),
  clientId: string | null = null,
): Send {
  const headers = {
    'content-type': 'application/json',
    ...(token ? { [HTTP_TOKEN_HEADER]: token } : {}),
    ...(clientId ? { [HTTP_CLIENT_HEADER]: clientId } : {}),
  };
  return async (method, args) => {
    let response: Response;
    const body = JSON.stringify({ method, args });
    try {
      response = await fetchImpl(HTTP_RPC_PATH, {
        method: 'POST',
        headers,
        body,
        // Lets a save started while the page unloads still reach the host. Browsers
        // refuse keepalive bodies over 64 KiB, so long texts go without it.
        keepalive: body.length < 60_000,
        credentials: 'omit',
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: 'INTERNAL', message: `Grove is not reachable (is it still running?): ${reason}` } };
    }
    let answer: unknown = null;
    try {
      answer = await response.json();
    } catch {
      answer = null;
    }
    if (isEnvelope(answer)) return answer;
    if (response.status === 401 || response.status === 403) {
      return {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'This page is not authorised. Open the address that `grove serve` printed.' },
      };
    }
    return { ok: false, error: { code: 'INTERNAL', message: `Unexpected answer from Grove (HTTP ${response.status}).` } };
  };
}

/**
 * POST /upload with the raw file as the body. XMLHttpRequest rather than fetch: only it
 * reports upload progress, which a file of hundreds of MB needs.
 */
export function httpUpload(token: string | null, makeRequest: () => XMLHttpRequest = () => new XMLHttpRequest()): Upload {
  return (file, name, onProgress, signal) =>
    new Promise<UploadReceipt>((resolve, reject) => {
      const xhr = makeRequest();
      xhr.open('POST', `${HTTP_UPLOAD_PATH}?name=${encodeURIComponent(name)}`);
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      if (token) xhr.setRequestHeader(HTTP_TOKEN_HEADER, token);
      xhr.withCredentials = false;
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress?.(Math.min(100, Math.floor((e.loaded / e.total) * 100)));
      };
      xhr.onload = () => {
        let answer: unknown = null;
        try {
          answer = JSON.parse(xhr.responseText);
        } catch {
          answer = null;
        }
        if (isEnvelope(answer)) {
          if (answer.ok) resolve(answer.value as UploadReceipt);
          else reject(new ApiError(answer.error.code, answer.error.message));
          return;
        }
        reject(new ApiError('INTERNAL', `Unexpected answer from Grove to the upload of ${name} (HTTP ${xhr.status}).`));
      };
      xhr.onerror = () => reject(new ApiError('INTERNAL', `The upload of ${name} was cut off: is Grove still running?`));
      xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(file);
    });
}

export function bridgeTransport(bridge: GroveBridge): Send {
  return async (method, args) => {
    try {
      return await bridge.invoke(method, args);
    } catch (err) {
      return { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
    }
  };
}

/**
 * Electron's bridge when present (the window is the client), else HTTP with the token from
 * the page address and this tab's own client id. Called once per page load.
 */
export function defaultTransport(): Send {
  if (typeof window !== 'undefined' && window.grove && typeof window.grove.invoke === 'function') {
    return bridgeTransport(window.grove);
  }
  return httpTransport(takeToken(), undefined, takeClientId());
}

/** The browser host's upload path; null in Electron, whose IPC takes the bytes themselves. */
export function defaultUpload(): Upload | null {
  if (typeof window !== 'undefined' && window.grove && typeof window.grove.invoke === 'function') return null;
  return httpUpload(takeToken());
}
