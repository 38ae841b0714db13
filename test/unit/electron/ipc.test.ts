import { describe, expect, it, vi } from 'vitest';
import { ApiError, IPC_INVOKE_CHANNEL, type ApiService, type ChangeSummary, type Handlers } from '@grove/shared';
import { handleInvoke, registerIpc, validateSender, windowClientId, type InvokeEventLike, type IpcOptions } from '../../../electron/ipc.ts';
import { freshBackend } from '../../support/review-fixtures.ts';

// The IPC boundary, driven with fake Electron events: nothing here loads Electron.

const WINDOW_ID = 7;
const expected = { webContentsIds: new Set([WINDOW_ID]), origin: 'app://grove' };

function event(overrides: { id?: number; url?: string; parent?: unknown; frame?: null | undefined } = {}): InvokeEventLike {
  const frame =
    'frame' in overrides
      ? overrides.frame
      : { url: overrides.url ?? 'app://grove/index.html', parent: 'parent' in overrides ? overrides.parent : null };
  return { sender: { id: overrides.id ?? WINDOW_ID }, senderFrame: frame };
}

describe('validateSender', () => {
  it('accepts the main frame of a known window showing app://grove', () => {
    expect(validateSender(event(), expected)).toEqual({ ok: true });
    expect(validateSender(event({ url: 'app://grove/' }), expected)).toEqual({ ok: true });
    expect(validateSender(event({ url: 'app://grove/index.html?x=1#studies' }), expected)).toEqual({ ok: true });
  });

  it('accepts a plain array of window ids too', () => {
    expect(validateSender(event(), { webContentsIds: [1, WINDOW_ID], origin: 'app://grove' }).ok).toBe(true);
  });

  it('rejects a webContents the main process did not create', () => {
    const check = validateSender(event({ id: 99 }), expected);
    expect(check).toMatchObject({ ok: false, reason: expect.stringContaining('unknown webContents 99') });
  });

  it('rejects a subframe, even one showing the app origin', () => {
    const check = validateSender(event({ parent: { url: 'app://grove/index.html' } }), expected);
    expect(check).toMatchObject({ ok: false, reason: expect.stringContaining('main frame') });
  });

  it('rejects a sender whose frame is gone', () => {
    expect(validateSender(event({ frame: null }), expected).ok).toBe(false);
    expect(validateSender(event({ frame: undefined }), expected).ok).toBe(false);
  });

  it.each([
    ['a foreign https origin', 'https://evil.example/index.html'],
    ['http://localhost', 'http://localhost:5173/'],
    ['a file:// page', 'file:///home/user/index.html'],
    ['another app:// host', 'app://evil/index.html'],
    ['a look-alike host', 'app://grove.evil/index.html'],
    ['userinfo tricks', 'app://grove@evil/index.html'],
    ['about:blank', 'about:blank'],
    ['data: URL', 'data:text/html,<script>1</script>'],
    ['an empty URL', ''],
    ['garbage', 'not a url'],
  ])('rejects %s', (_name, url) => {
    expect(validateSender(event({ url }), expected).ok).toBe(false);
  });
});

function fakeHandlers(): Handlers {
  const partial = {
    'app.info': vi.fn(() => ({
      appVersion: '0.1.0',
      schemaVersion: 1,
      host: 'electron',
      file: null,
      capabilities: { nativeFileDialogs: true },
    })),
    'studies.delete': vi.fn(() => ({ ok: true })),
    'studies.get': vi.fn((args: { id: string }) => {
      if (args.id === 'missing') throw new ApiError('NOT_FOUND', 'No study missing.');
      if (args.id === 'boom') throw new Error('disk on fire');
      return { id: args.id };
    }),
  };
  return partial as unknown as Handlers;
}

const DELETED: ChangeSummary = { id: 12, label: 'Delete study "s1"', touched: [{ table: 'study', ids: ['s1'] }] };

/** The handlers, with a tracker that reports one fixed change for every mutation. */
function service(handlers: Handlers): ApiService {
  return {
    handlers,
    trackMutation: async (run) => ({
      value: await run(),
      change: DELETED,
      history: { canUndo: true, undoLabel: DELETED.label, canRedo: false, redoLabel: null },
    }),
  };
}

function options(handlers = fakeHandlers()): IpcOptions & { rejected: string[] } {
  const rejected: string[] = [];
  return { service: () => service(handlers), expected: () => expected, onRejected: (r) => rejected.push(r), rejected };
}

describe('handleInvoke', () => {
  it('runs a valid call from a valid sender', async () => {
    const opts = options();
    await expect(handleInvoke(opts, event(), 'app.info', {})).resolves.toMatchObject({ ok: true, value: { host: 'electron' } });
    await expect(handleInvoke(opts, event(), 'studies.get', { id: 's1' })).resolves.toEqual({ ok: true, value: { id: 's1' } });
  });

  it('passes a mutation’s change and undo state through unchanged, and adds neither to a query', async () => {
    const opts = options();
    await expect(handleInvoke(opts, event(), 'studies.delete', { id: 's1' })).resolves.toEqual({
      ok: true,
      value: { ok: true },
      change: DELETED,
      history: { canUndo: true, undoLabel: DELETED.label, canRedo: false, redoLabel: null },
    });
    const query = await handleInvoke(opts, event(), 'studies.get', { id: 's1' });
    expect(query).not.toHaveProperty('change');
    expect(query).not.toHaveProperty('history');
  });

  it('refuses a bad sender before looking at the method, and never calls a handler', async () => {
    const handlers = fakeHandlers();
    const opts = options(handlers);
    const result = await handleInvoke(opts, event({ url: 'https://evil.example/' }), 'app.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
    // The reason is logged, not told to the untrusted sender.
    expect(JSON.stringify(result)).not.toContain('evil.example');
    expect(opts.rejected).toHaveLength(1);
    expect(handlers['app.info']).not.toHaveBeenCalled();
  });

  it.each([
    'nope.method',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '',
    42,
    null,
    undefined,
    { method: 'app.info' },
  ])('rejects the method %j', async (method) => {
    const result = await handleInvoke(options(), event(), method, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('validates arguments against the contract', async () => {
    const handlers = fakeHandlers();
    const opts = options(handlers);
    const wrongType = await handleInvoke(opts, event(), 'studies.get', { id: 5 });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'id' }] } });
    const missing = await handleInvoke(opts, event(), 'studies.get', {});
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Strict schemas: no smuggled extra keys.
    const extra = await handleInvoke(opts, event(), 'app.info', { __proto__: { polluted: true }, extra: 1 });
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(handlers['studies.get']).not.toHaveBeenCalled();
    expect(handlers['app.info']).not.toHaveBeenCalled();
  });

  it('returns handler errors as envelopes rather than throwing', async () => {
    const opts = options();
    await expect(handleInvoke(opts, event(), 'studies.get', { id: 'missing' })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No study missing.' },
    });
    await expect(handleInvoke(opts, event(), 'studies.get', { id: 'boom' })).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'disk on fire' },
    });
  });

  it('reads the trusted windows per call, so a closed window loses access', async () => {
    const ids = new Set([WINDOW_ID]);
    const opts: IpcOptions = { service: () => service(fakeHandlers()), expected: () => ({ webContentsIds: ids, origin: 'app://grove' }) };
    expect((await handleInvoke(opts, event(), 'app.info', {})).ok).toBe(true);
    ids.delete(WINDOW_ID);
    expect(await handleInvoke(opts, event(), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('one client per window', () => {
  it('runs each window’s calls as its own client: a reviewer chosen in one is not the other’s', async () => {
    const f = freshBackend('example');
    try {
      const windows = { webContentsIds: new Set([1, 2]), origin: 'app://grove' };
      const asked: string[] = [];
      const opts: IpcOptions = {
        service: (client) => {
          asked.push(client);
          return f.backend.client(client);
        },
        expected: () => windows,
      };
      const one = event({ id: 1 });
      const two = event({ id: 2 });
      const created = await handleInvoke(opts, one, 'reviewers.create', { reviewer: { name: 'Ann Archer', initials: 'AA', email: '' } });
      if (!created.ok) throw new Error(created.error.message);
      const ann = created.value as { id: string };
      await handleInvoke(opts, one, 'session.setReviewer', { reviewerId: ann.id });
      expect(await handleInvoke(opts, one, 'session.get', {})).toEqual({ ok: true, value: { reviewerId: ann.id } });
      expect(await handleInvoke(opts, two, 'session.get', {})).toEqual({ ok: true, value: { reviewerId: null } });
      expect(new Set(asked)).toEqual(new Set([windowClientId(1), windowClientId(2)]));

      // A closed window's session goes with it: a new window with a reused id starts afresh.
      f.backend.disconnect(windowClientId(1));
      expect(await handleInvoke(opts, one, 'session.get', {})).toEqual({ ok: true, value: { reviewerId: null } });
    } finally {
      f.cleanup();
    }
  });
});

describe('registerIpc', () => {
  it('registers exactly one handler, on the shared channel, and can remove it', async () => {
    const registered = new Map<string, (...args: unknown[]) => unknown>();
    const ipcMain = {
      handle: vi.fn((channel: string, listener: (...args: unknown[]) => unknown) => void registered.set(channel, listener)),
      removeHandler: vi.fn((channel: string) => void registered.delete(channel)),
    };
    const remove = registerIpc(ipcMain as never, options());
    expect([...registered.keys()]).toEqual([IPC_INVOKE_CHANNEL]);
    const listener = registered.get(IPC_INVOKE_CHANNEL)!;
    await expect(listener(event(), 'studies.get', { id: 'a' })).resolves.toEqual({ ok: true, value: { id: 'a' } });
    await expect(listener(event({ id: 3 }), 'studies.get', { id: 'a' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    remove();
    expect(registered.size).toBe(0);
  });
});
