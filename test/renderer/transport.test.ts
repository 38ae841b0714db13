import { afterEach, describe, expect, it } from 'vitest';
import { parseClientId } from '@grove/shared';
import { httpTransport, httpUpload, takeToken } from '../../renderer/src/api/transport.ts';
import { takeClientId } from '../../renderer/src/api/client-id.ts';

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

  it('names the tab with its client id header when it has one', async () => {
    const seen: RequestInit[] = [];
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      seen.push(init);
      return new Response(JSON.stringify({ ok: true, value: { reviewerId: null } }), { status: 200 });
    }) as unknown as typeof fetch;
    await httpTransport('tok', fakeFetch, 'tab-0123456789')('session.get', {});
    await httpTransport('tok', fakeFetch)('session.get', {});
    expect((seen[0]?.headers as Record<string, string>)['x-grove-client']).toBe('tab-0123456789');
    expect(seen[1]?.headers as Record<string, string>).not.toHaveProperty('x-grove-client');
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

    const validation = httpTransport(
      't',
      (async () =>
        new Response(
          JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'bad', issues: [{ path: 'patch.title', message: 'x' }] } }),
          {
            status: 400,
          },
        )) as unknown as typeof fetch,
    );
    expect(await validation('protocol.update', { patch: {} })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'bad', issues: [{ path: 'patch.title', message: 'x' }] },
    });
  });
});

describe('the tab’s client id', () => {
  /** One page load: its own page events over the tab's sessionStorage. */
  function pageLoad(storage: Storage = window.sessionStorage) {
    const page = new EventTarget() as EventTarget & Pick<Window, 'addEventListener'>;
    const id = takeClientId({ storage, page, random: (bytes) => crypto.getRandomValues(bytes) });
    const leave = () => page.dispatchEvent(new Event('pagehide'));
    return { id, leave };
  }

  it('makes an id the host accepts, and keeps it across a reload', () => {
    const first = pageLoad();
    expect(parseClientId(first.id).ok).toBe(true);
    first.leave();
    expect(pageLoad().id).toBe(first.id);
  });

  it('is not shared with a duplicate of the tab, whose storage is a copy taken while the page is open', () => {
    const first = pageLoad();
    const copy = new Map<string, string>();
    for (let i = 0; i < window.sessionStorage.length; i++) {
      const key = window.sessionStorage.key(i)!;
      copy.set(key, window.sessionStorage.getItem(key)!);
    }
    const duplicateStorage = {
      getItem: (k: string) => copy.get(k) ?? null,
      setItem: (k: string, v: string) => void copy.set(k, v),
      removeItem: (k: string) => void copy.delete(k),
    } as unknown as Storage;
    expect(pageLoad(duplicateStorage).id).not.toBe(first.id);
  });

  it('makes a new id when the stored one is not a valid id', () => {
    window.sessionStorage.setItem('grove.client', 'bad id!');
    expect(pageLoad().id).not.toBe('bad id!');
  });
});

/** An XMLHttpRequest double: records what was sent and answers as the test says. */
function fakeXhr(answer: { status: number; body: string } | 'network-error') {
  const sent: { method: string; url: string; headers: Record<string, string>; body: unknown }[] = [];
  const xhr = {
    upload: { onprogress: null as ((e: ProgressEvent) => void) | null },
    onload: null as (() => void) | null,
    onerror: null as (() => void) | null,
    onabort: null as (() => void) | null,
    status: 0,
    responseText: '',
    withCredentials: true,
    headers: {} as Record<string, string>,
    url: '',
    method: '',
    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    },
    setRequestHeader(k: string, v: string) {
      this.headers[k] = v;
    },
    abort() {
      this.onabort?.();
    },
    send(body: unknown) {
      sent.push({ method: this.method, url: this.url, headers: this.headers, body });
      this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 } as ProgressEvent);
      if (answer === 'network-error') return this.onerror?.();
      this.status = answer.status;
      this.responseText = answer.body;
      this.onload?.();
    },
  };
  return { sent, make: () => xhr as unknown as XMLHttpRequest };
}

describe('HTTP upload', () => {
  it('streams the file as the raw body of POST /upload with the token, reporting progress, and resolves to the receipt', async () => {
    const x = fakeXhr({
      status: 200,
      body: JSON.stringify({ ok: true, value: { uploadToken: 'T'.repeat(32), name: 'a b.rm5', size: 3 } }),
    });
    const progress: number[] = [];
    const file = new Blob(['abc']);
    const receipt = await httpUpload('tok', x.make)(file, 'a b.rm5', (p) => progress.push(p));
    expect(receipt).toEqual({ uploadToken: 'T'.repeat(32), name: 'a b.rm5', size: 3 });
    expect(x.sent[0]).toMatchObject({
      method: 'POST',
      url: '/upload?name=a%20b.rm5',
      headers: { 'content-type': 'application/octet-stream', 'x-grove-token': 'tok' },
    });
    expect(x.sent[0]?.body).toBe(file);
    expect(progress).toEqual([50]);
  });

  it("rejects with the host's message (413 over the limit) or a readable one when cut off", async () => {
    const tooBig = fakeXhr({
      status: 413,
      body: JSON.stringify({ ok: false, error: { code: 'BAD_REQUEST', message: 'big.ris: The file is larger than 2048 MB…' } }),
    });
    await expect(httpUpload('tok', tooBig.make)(new Blob(['x']), 'big.ris')).rejects.toThrow('big.ris: The file is larger than 2048 MB…');
    const cut = fakeXhr('network-error');
    await expect(httpUpload('tok', cut.make)(new Blob(['x']), 'big.ris')).rejects.toThrow('The upload of big.ris was cut off');
  });
});
