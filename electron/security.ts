import path from 'node:path';

// Pure security guards for the Electron host. Nothing here imports Electron, so every
// rule is unit-tested with plain values (test/unit/electron/security.test.ts). main.ts
// wires them to Electron's events; the side effects (opening a browser, reading a file)
// are passed in or done by the caller.

/** The renderer is served from `app://grove/`; it is the only origin trusted over IPC. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'grove';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The Content-Security-Policy sent with every `app://grove/` response. No inline or
 * evaluated script; inline styles are allowed for the UI libraries; `blob:`/`data:`
 * images for chart export; no plugins (`object-src 'none'`), no base rewriting, no form
 * posts, no framing of the app. The one frame the app shows is a full text's PDF, which the
 * renderer hands to Chromium's own PDF viewer as a `blob:` URL of its own origin
 * (docs/fulltext.md): `frame-src` allows exactly that.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers added to every response of the app protocol. */
export function appResponseHeaders(mimeType: string): Record<string, string> {
  return {
    'Content-Type': mimeType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

/**
 * Only `http:` and `https:` URLs may leave the app (to the system browser), and only
 * well-formed ones without embedded credentials. Everything else (`file:`, `javascript:`,
 * `smb:`, custom schemes that launch other programs) is refused.
 */
export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length === 0 || url.length > 4096) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return parsed.hostname !== '';
}

/**
 * Route a URL the renderer tried to open or navigate to: safe external URLs go to the
 * system browser through `open` (shell.openExternal in main.ts), but only after `confirm`
 * (a dialog naming the site) says yes, since a link in imported text can point anywhere;
 * everything else is dropped. Returns whether the URL was offered to the user. The
 * navigation itself is always cancelled.
 */
export function openExternalIfSafe(
  url: unknown,
  open: (url: string) => unknown,
  confirm: (url: string) => boolean | Promise<boolean> = () => true,
): boolean {
  if (!isSafeExternalUrl(url)) return false;
  void Promise.resolve()
    .then(() => confirm(url))
    .then((yes) => (yes ? open(url) : undefined))
    .catch(() => undefined);
  return true;
}

/** The question asked before a link leaves the app (Electron's showMessageBox options). */
export function externalLinkPrompt(url: string): {
  type: 'question';
  buttons: string[];
  defaultId: number;
  cancelId: number;
  message: string;
  detail: string;
} {
  const host = new URL(url).hostname;
  return {
    type: 'question',
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: `Open ${host} in your web browser?`,
    detail: `Grove works offline; this link leaves it:\n${url.length > 300 ? `${url.slice(0, 300)}…` : url}`,
  };
}

/**
 * `will-frame-navigate`: the app is one page with no frames of its own, so any frame's
 * navigation away from the app origin is cancelled (an injected iframe cannot load a
 * remote page); it is never turned into a browser launch, since a frame navigating is
 * not the user clicking. Returns whether to cancel.
 */
export function shouldCancelFrameNavigation(url: unknown): boolean {
  return !isAppUrl(url) && !isAppBlobUrl(url);
}

/** A `blob:` URL the app itself made (a full text's PDF for its frame): `blob:app://grove/<uuid>`. */
export function isAppBlobUrl(url: unknown): boolean {
  return typeof url === 'string' && url.startsWith(`blob:${APP_ORIGIN}/`) && url.length < 200;
}

/**
 * The web preferences of every Grove window: isolation and the sandbox on, Node off, and
 * no spell-check (Chromium downloads its dictionaries from Google: offline means offline).
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
  // Chromium's built-in PDF viewer (the full-text pane) is a plugin; Electron has no other
  // plugin, and the CSP's object-src 'none' keeps <object>/<embed> out of the app.
  plugins: true,
} as const;

/**
 * Where the session may fetch spell-check dictionaries from: nowhere. Electron has no
 * "off" for the download itself, so it is pointed at an address that cannot be reached.
 */
export const SPELLCHECK_DICTIONARY_URL = 'http://127.0.0.1:9/';

/** Scheme + authority of a URL; `new URL().origin` is "null" for custom schemes. */
export function urlOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.host === '') return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** Whether a URL belongs to the app itself. */
export function isAppUrl(url: unknown): boolean {
  return typeof url === 'string' && urlOrigin(url) === APP_ORIGIN;
}

/**
 * Whether the renderer's session may fetch a URL at all (webRequest filter, defence in
 * depth behind the CSP): the app protocol, inline data/blob URLs and, when devtools are
 * allowed, the devtools front end. No http(s), ws(s), file or ftp from the renderer: all
 * data comes through IPC.
 */
export function isAllowedRendererRequest(url: string, options: { allowDevTools: boolean }): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case `${APP_SCHEME}:`:
      return parsed.host === APP_HOST;
    case 'data:':
    case 'blob:':
      return true;
    case 'devtools:':
      return options.allowDevTools;
    default:
      return false;
  }
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type AppRequestResolution =
  | { readonly kind: 'file'; readonly path: string; readonly mimeType: string }
  | { readonly kind: 'error'; readonly status: 400 | 403 | 404 | 405; readonly reason: string };

/**
 * Map an `app://grove/<path>` request onto a file under `root` (renderer/dist), or say
 * why not. GET and HEAD only; the host must be `grove`; the decoded path may not contain
 * `..` segments, backslashes, NUL bytes or colons (drive letters, NTFS streams), and the resolved file must stay
 * inside `root` (checked again after resolution, so nothing that normalises differently
 * on another OS can escape). `/` and extension-less paths (client-side routes) map to
 * index.html. `pathApi` is injectable so the Windows rules can be tested on Linux.
 */
export function resolveAppRequest(
  root: string,
  requestUrl: string,
  method: string,
  pathApi: path.PlatformPath = path,
): AppRequestResolution {
  const upper = method.toUpperCase();
  if (upper !== 'GET' && upper !== 'HEAD') return { kind: 'error', status: 405, reason: `method ${method} not allowed` };

  // Check the raw text first: `new URL` resolves `..` segments before we could see them.
  const schemePrefix = `${APP_SCHEME}://`;
  if (!requestUrl.toLowerCase().startsWith(schemePrefix)) return { kind: 'error', status: 400, reason: 'not an app URL' };
  const rawPath = requestUrl
    .slice(schemePrefix.length)
    .replace(/^[^/?#]*/, '')
    .replace(/[?#].*$/, '');

  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return { kind: 'error', status: 400, reason: 'malformed URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { kind: 'error', status: 403, reason: `unknown host ${parsed.host}` };
  }

  // Both the raw path and the URL parser's normalised one must pass, decoded.
  const decodedPaths: string[] = [];
  for (const candidate of [rawPath, parsed.pathname]) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(candidate);
    } catch {
      return { kind: 'error', status: 400, reason: 'malformed percent-encoding' };
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'error', status: 403, reason: 'forbidden character in path' };
    const parts = decoded.split('/');
    if (parts.some((p) => p === '..' || p === '.')) return { kind: 'error', status: 403, reason: 'path traversal' };
    // `C:` drive letters and `file.js:stream` (NTFS alternate data streams) alike.
    if (parts.some((p) => p.includes(':'))) return { kind: 'error', status: 403, reason: 'colon in path' };
    decodedPaths.push(decoded);
  }
  const segments = (decodedPaths[1] ?? '').split('/').filter((p) => p !== '');

  const last = segments.at(-1);
  const relative = last === undefined || !last.includes('.') ? 'index.html' : segments.join('/');
  const resolvedRoot = pathApi.resolve(root);
  const resolved = pathApi.resolve(resolvedRoot, ...relative.split('/'));
  const fromRoot = pathApi.relative(resolvedRoot, resolved);
  if (fromRoot === '' || fromRoot.startsWith('..') || pathApi.isAbsolute(fromRoot)) {
    return { kind: 'error', status: 403, reason: 'outside the renderer folder' };
  }
  return { kind: 'file', path: resolved, mimeType: mimeTypeFor(resolved) };
}
