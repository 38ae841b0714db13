import {
  HTTP_RPC_PATH,
  HTTP_TOKEN_HEADER,
  HTTP_TOKEN_QUERY,
  isApiErrorCode,
  type ApiResult,
  type GroveBridge,
  type MethodName,
} from '@grove/shared';

// How the renderer reaches the backend. In Electron the preload exposes `window.grove`;
// in the browser (`grove serve`) we POST envelopes to /rpc with the per-run token.
// Either way the answer is the same envelope, so the client above does not care.

export type Send = (method: MethodName, args: unknown) => Promise<ApiResult<unknown>>;

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

export function httpTransport(token: string | null, fetchImpl: typeof fetch = (...a) => window.fetch(...a)): Send {
  return async (method, args) => {
    let response: Response;
    const body = JSON.stringify({ method, args });
    try {
      response = await fetchImpl(HTTP_RPC_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { [HTTP_TOKEN_HEADER]: token } : {}) },
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

export function bridgeTransport(bridge: GroveBridge): Send {
  return async (method, args) => {
    try {
      return await bridge.invoke(method, args);
    } catch (err) {
      return { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
    }
  };
}

/** Electron's bridge when present, else HTTP with the token from the page address. */
export function defaultTransport(): Send {
  if (typeof window !== 'undefined' && window.grove && typeof window.grove.invoke === 'function') {
    return bridgeTransport(window.grove);
  }
  return httpTransport(takeToken());
}
