import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  appResponseHeaders,
  isAllowedRendererRequest,
  isAppUrl,
  isSafeExternalUrl,
  mimeTypeFor,
  openExternalIfSafe,
  resolveAppRequest,
  externalLinkPrompt,
  shouldCancelFrameNavigation,
  SECURE_WEB_PREFERENCES,
} from '../../../electron/security.ts';

describe('isSafeExternalUrl', () => {
  it.each(['https://www.cochranelibrary.com/', 'http://example.org/a?b=c#d', 'https://doi.org/10.1002/14651858.CD000001'])(
    'accepts %s',
    (url) => {
      expect(isSafeExternalUrl(url)).toBe(true);
    },
  );

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<b>x</b>',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'app://grove/index.html',
    'mailto:someone@example.org',
    'https://user:pass@example.org/',
    'https://',
    '//example.org',
    'example.org',
    '',
    ' file:///etc/passwd',
  ])('rejects %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it.each([undefined, null, 42, {}, ['https://example.org']])('rejects a non-string %j', (value) => {
    expect(isSafeExternalUrl(value)).toBe(false);
  });

  it('rejects absurdly long URLs', () => {
    expect(isSafeExternalUrl(`https://example.org/${'a'.repeat(5000)}`)).toBe(false);
  });
});

describe('openExternalIfSafe', () => {
  it('opens safe URLs and drops the rest, without throwing if opening fails', async () => {
    const open = vi.fn(() => Promise.reject(new Error('no browser')));
    expect(openExternalIfSafe('https://example.org/', open)).toBe(true);
    expect(openExternalIfSafe('file:///etc/passwd', open)).toBe(false);
    expect(openExternalIfSafe('javascript:alert(1)', open)).toBe(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith('https://example.org/');
  });
});

describe('asking before a link leaves the app (issue 11, item 8)', () => {
  it('opens only when the user says yes', async () => {
    const open = vi.fn();
    expect(openExternalIfSafe('https://example.org/a', open, () => false)).toBe(true);
    expect(openExternalIfSafe('https://example.org/b', open, async () => true)).toBe(true);
    expect(openExternalIfSafe('javascript:alert(1)', open, () => true)).toBe(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(open.mock.calls).toEqual([['https://example.org/b']]);
  });

  it('names the site, and Cancel is the default', () => {
    const prompt = externalLinkPrompt('https://doi.org/10.1002/x');
    expect(prompt.message).toBe('Open doi.org in your web browser?');
    expect(prompt.detail).toContain('https://doi.org/10.1002/x');
    expect(prompt.buttons[prompt.defaultId]).toBe('Cancel');
    expect(prompt.cancelId).toBe(prompt.defaultId);
  });

  it('cancels any frame navigation away from the app', () => {
    expect(shouldCancelFrameNavigation('https://evil.example/')).toBe(true);
    expect(shouldCancelFrameNavigation('file:///etc/passwd')).toBe(true);
    expect(shouldCancelFrameNavigation(undefined)).toBe(true);
    expect(shouldCancelFrameNavigation('app://grove/index.html')).toBe(false);
    // The full-text pane's PDF: a blob of the app's own origin, and nothing else.
    expect(shouldCancelFrameNavigation('blob:app://grove/5f0c2d4e-1b7a-4c55-9d7e-0c6f8a1e2b3c')).toBe(false);
    expect(shouldCancelFrameNavigation('blob:https://evil.example/5f0c2d4e')).toBe(true);
    expect(shouldCancelFrameNavigation('blob:null/5f0c2d4e')).toBe(true);
  });

  it('lets the app frame only its own blob: PDFs, and never embed plugins in the page', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("frame-src 'self' blob:");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('turns spell-check off (its dictionaries would be downloaded)', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({ spellcheck: false, sandbox: true, contextIsolation: true, nodeIntegration: false });
  });
});

describe('isAppUrl / isAllowedRendererRequest', () => {
  it('knows the app origin', () => {
    expect(APP_ORIGIN).toBe('app://grove');
    expect(isAppUrl('app://grove/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://grove/')).toBe(false);
  });

  it('lets the renderer fetch only the app, data: and blob: URLs', () => {
    const opts = { allowDevTools: false };
    expect(isAllowedRendererRequest('app://grove/assets/index.js', opts)).toBe(true);
    expect(isAllowedRendererRequest('data:image/png;base64,AAAA', opts)).toBe(true);
    expect(isAllowedRendererRequest('blob:app://grove/1234', opts)).toBe(true);
    for (const url of [
      'https://example.org/',
      'http://127.0.0.1:8080/rpc',
      'ws://localhost/',
      'file:///etc/passwd',
      'ftp://x/',
      'app://evil/x.js',
    ]) {
      expect(isAllowedRendererRequest(url, opts)).toBe(false);
    }
    expect(isAllowedRendererRequest('devtools://devtools/bundled/inspector.html', opts)).toBe(false);
    expect(isAllowedRendererRequest('devtools://devtools/bundled/inspector.html', { allowDevTools: true })).toBe(true);
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

  it('is the agreed strict policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; frame-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('never allows inline or evaluated script, or remote hosts', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|\*/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });

  it('is sent with every app:// response, with nosniff', () => {
    const headers = appResponseHeaders('text/html; charset=utf-8');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
  });
});

describe('resolveAppRequest', () => {
  const root = path.resolve('/opt/grove/renderer/dist');

  function file(url: string, method = 'GET') {
    const r = resolveAppRequest(root, url, method);
    if (r.kind !== 'file') throw new Error(`expected a file for ${url}, got ${r.status} ${r.reason}`);
    return r;
  }

  it('serves index.html for / and for client-side routes', () => {
    expect(file('app://grove/').path).toBe(path.join(root, 'index.html'));
    expect(file('app://grove').path).toBe(path.join(root, 'index.html'));
    expect(file('app://grove/index.html').path).toBe(path.join(root, 'index.html'));
    expect(file('app://grove/studies').path).toBe(path.join(root, 'index.html'));
    expect(file('app://grove/?token=x#y').path).toBe(path.join(root, 'index.html'));
  });

  it('serves assets with the right MIME type', () => {
    const js = file('app://grove/assets/index-abc123.js');
    expect(js.path).toBe(path.join(root, 'assets', 'index-abc123.js'));
    expect(js.mimeType).toBe('text/javascript; charset=utf-8');
    expect(file('app://grove/assets/index.css').mimeType).toBe('text/css; charset=utf-8');
    expect(file('app://grove/assets/logo.svg').mimeType).toBe('image/svg+xml');
    expect(file('app://grove/assets/font.woff2').mimeType).toBe('font/woff2');
    expect(file('app://grove/assets/My%20Font.woff').path).toBe(path.join(root, 'assets', 'My Font.woff'));
    expect(file('app://grove/x.js', 'HEAD').path).toBe(path.join(root, 'x.js'));
    expect(mimeTypeFor('/a/b.unknown')).toBe('application/octet-stream');
    expect(mimeTypeFor('/a/B.HTML')).toBe('text/html; charset=utf-8');
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'])('refuses %s', (method) => {
    expect(resolveAppRequest(root, 'app://grove/index.html', method)).toMatchObject({ kind: 'error', status: 405 });
  });

  it.each(['app://evil/index.html', 'app://grove.evil/index.html', 'app://grove@evil/index.html', 'app://GROVE:8080/index.html'])(
    'refuses the host in %s',
    (url) => {
      expect(resolveAppRequest(root, url, 'GET')).toMatchObject({ kind: 'error', status: 403 });
    },
  );

  it.each([
    'app://grove/../../etc/passwd',
    'app://grove/assets/../../../etc/passwd',
    'app://grove/%2e%2e/%2e%2e/etc/passwd',
    'app://grove/%2E%2E/%2E%2E/etc/passwd',
    'app://grove/.%2e/.%2e/etc/passwd',
    'app://grove/..%2f..%2fetc%2fpasswd',
    'app://grove/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://grove/assets/..%5c..%5c..%5cwindows%5cwin.ini',
    'app://grove/..\\..\\windows\\win.ini',
    'app://grove/./index.html',
    'app://grove/C:/Windows/win.ini',
    'app://grove/C%3A%5CWindows%5Cwin.ini',
    'app://grove/index.html%00.png',
    'app://grove/index.html:secret',
  ])('blocks traversal: %s', (url) => {
    const r = resolveAppRequest(root, url, 'GET');
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect([400, 403]).toContain(r.status);
  });

  it('never resolves outside the root, whatever the input (fuzz)', () => {
    const pieces = ['..', '.', '%2e', '%2E', '%2f', '%5c', '\\', '/', 'a', 'assets', 'x.js', '%00', '%', ':', 'C:', '~'];
    let seed = 1;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      const n = 1 + Math.floor(rand() * 8);
      let p = '';
      for (let j = 0; j < n; j++) p += pieces[Math.floor(rand() * pieces.length)];
      const r = resolveAppRequest(root, `app://grove/${p}`, 'GET');
      if (r.kind === 'file') {
        const rel = path.relative(root, r.path);
        expect(rel.startsWith('..') || path.isAbsolute(rel), `${p} -> ${r.path}`).toBe(false);
      }
    }
  });

  it('applies the same guard with Windows path rules', () => {
    const winRoot = 'C:\\Program Files\\Grove\\resources\\app.asar\\renderer\\dist';
    const ok = resolveAppRequest(winRoot, 'app://grove/assets/a.js', 'GET', path.win32);
    expect(ok).toMatchObject({ kind: 'file', path: `${winRoot}\\assets\\a.js` });
    for (const url of ['app://grove/..%5c..%5cx.js', 'app://grove/%2e%2e/x.js', 'app://grove/D:/x.js', 'app://grove/assets/a.js::$DATA']) {
      expect(resolveAppRequest(winRoot, url, 'GET', path.win32).kind).toBe('error');
    }
  });

  it('rejects malformed input', () => {
    expect(resolveAppRequest(root, 'app://grove/%E0%A4%A', 'GET')).toMatchObject({ kind: 'error', status: 400 });
    expect(resolveAppRequest(root, 'https://grove/index.html', 'GET')).toMatchObject({ kind: 'error', status: 400 });
  });
});
