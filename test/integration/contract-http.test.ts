import http from 'node:http';
import path from 'node:path';
import { createClient, HTTP_RPC_PATH, HTTP_TOKEN_HEADER, type ApiResult } from '@grove/shared';
import { describe, expect, it } from 'vitest';
import { startHttpHost } from '../../cli/src/http/server.ts';
import { contractSuite } from '../support/contract-suite.ts';
import { runGrove } from '../support/run-cli.ts';
import { tempDir } from '../support/temp.ts';

async function post(
  url: string,
  token: string | null,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: ApiResult<unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [HTTP_TOKEN_HEADER]: token } : {}), ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as ApiResult<unknown> };
}

async function served(kind: 'empty' | 'example') {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'r.grove');
  const made = runGrove(kind === 'example' ? ['example', file] : ['new', file]);
  if (made.status !== 0) throw new Error(made.stderr);
  const host = await startHttpHost({ file });
  const rpc = `http://127.0.0.1:${host.port}${HTTP_RPC_PATH}`;
  return { host, rpc, cleanup, file };
}

contractSuite('HTTP (POST /rpc)', async (kind) => {
  const s = await served(kind);
  const raw = async (method: unknown, args: unknown) => (await post(s.rpc, s.host.token, { method, args })).body;
  return {
    client: createClient((method, args) => raw(method, args)),
    raw,
    file: s.file,
    close: async () => {
      await s.host.close();
      s.cleanup();
    },
  };
});

describe('HTTP host guards', () => {
  it('binds to 127.0.0.1 and refuses calls without the per-run token, from other origins or other hosts', async () => {
    const s = await served('empty');
    try {
      expect(s.host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
      const ok = await post(s.rpc, s.host.token, { method: 'app.info', args: {} });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ ok: true, value: { host: 'http' } });

      const noToken = await post(s.rpc, null, { method: 'app.info', args: {} });
      expect(noToken.status).toBe(403);
      expect(noToken.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const wrongToken = await post(s.rpc, `${s.host.token}x`, { method: 'app.info', args: {} });
      expect(wrongToken.status).toBe(403);
      const foreign = await post(s.rpc, s.host.token, { method: 'app.info', args: {} }, { origin: 'http://evil.example' });
      expect(foreign.status).toBe(403);
      // fetch() will not let us forge Host; node:http will, as a rebinding attacker's browser would send it.
      const rebindingStatus = await new Promise<number | undefined>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: s.host.port,
            path: HTTP_RPC_PATH,
            method: 'POST',
            headers: { host: 'evil.example', 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: s.host.token },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode);
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
      expect(rebindingStatus).toBe(421);
      const notJson = await fetch(s.rpc, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: s.host.token },
        body: '{',
      });
      expect(notJson.status).toBe(400);
      const get = await fetch(s.rpc);
      expect(get.status).toBe(405);
      // Static files cannot escape the renderer folder.
      const traversal = await fetch(`http://127.0.0.1:${s.host.port}/%2e%2e/%2e%2e/package.json`);
      expect([404, 503]).toContain(traversal.status);
      const page = await fetch(`http://127.0.0.1:${s.host.port}/`);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    } finally {
      await s.host.close();
      s.cleanup();
    }
  });
});
