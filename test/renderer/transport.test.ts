import { afterEach, describe, expect, it } from 'vitest';
import { httpTransport, takeToken } from '../../renderer/src/api/transport.ts';

afterEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('HTTP transport', () => {
  it('takes the token from the address once, keeps it for reloads and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/?token=abc123&x=1#here');
    expect(takeToken()).toBe('abc123');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#here');
    expect(window.sessionStorage.getItem('grove.token')).toBe('abc123');
    // After a reload the address has no token: the stored one is used.
    window.history.replaceState(null, '', '/');
    expect(takeToken()).toBe('abc123');
  });

  it('posts the envelope to /rpc with the token header and returns the answer envelope', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ ok: true, value: { reviewerId: null } }), { status: 200 });
    }) as unknown as typeof fetch;
    const send = httpTransport('tok', fakeFetch);
    expect(await send('session.get', {})).toEqual({ ok: true, value: { reviewerId: null } });
    expect(seen[0]?.url).toBe('/rpc');
    expect((seen[0]?.init.headers as Record<string, string>)['x-grove-token']).toBe('tok');
    expect(JSON.parse(String(seen[0]?.init.body))).toEqual({ method: 'session.get', args: {} });
  });

  it('turns refusals and network failures into error envelopes with a readable message', async () => {
    const forbidden = httpTransport('bad', (async () => new Response('nope', { status: 403 })) as unknown as typeof fetch);
    const r1 = await forbidden('app.info', {});
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.error.code).toBe('FORBIDDEN');

    const down = httpTransport('t', (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch);
    const r2 = await down('app.info', {});
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.message).toMatch(/not reachable/);

    const validation = httpTransport('t', (async () =>
      new Response(JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'bad', issues: [{ path: 'patch.title', message: 'x' }] } }), {
        status: 400,
      })) as unknown as typeof fetch);
    expect(await validation('protocol.update', { patch: {} })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'bad', issues: [{ path: 'patch.title', message: 'x' }] },
    });
  });
});
