import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  createClient,
  HTTP_CLIENT_HEADER,
  HTTP_RPC_PATH,
  HTTP_TOKEN_HEADER,
  type ApiClient,
  type ApiResult,
} from '@grove/shared';
import { startHttpHost, type HttpHost } from '../../cli/src/http/server.ts';
import { runGrove } from '../support/run-cli.ts';
import { tempDir } from '../support/temp.ts';

// Two people on one `grove serve`, each in their own tab: the page sends its client id
// with every call, and the host keeps a reviewer, and so an undo, per client.

let host: HttpHost | null = null;
let cleanup: (() => void) | null = null;
afterEach(async () => {
  await host?.close();
  cleanup?.();
  host = null;
  cleanup = null;
});

async function serve(): Promise<HttpHost> {
  const dir = tempDir();
  cleanup = dir.cleanup;
  const file = path.join(dir.dir, 'r.grove');
  const made = runGrove(['example', file]);
  if (made.status !== 0) throw new Error(made.stderr);
  host = await startHttpHost({ file });
  return host;
}

async function post(
  h: HttpHost,
  clientId: string | null,
  method: string,
  args: unknown,
): Promise<{ status: number; body: ApiResult<unknown> }> {
  const res = await fetch(`http://127.0.0.1:${h.port}${HTTP_RPC_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [HTTP_TOKEN_HEADER]: h.token,
      ...(clientId === null ? {} : { [HTTP_CLIENT_HEADER]: clientId }),
    },
    body: JSON.stringify({ method, args }),
  });
  return { status: res.status, body: (await res.json()) as ApiResult<unknown> };
}

function tab(h: HttpHost, clientId: string | null): ApiClient {
  return createClient(async (method, args) => (await post(h, clientId, method, args)).body);
}

describe('two clients on one grove serve', () => {
  it('records each tab’s own reviewer, and undoes only that reviewer’s change, even after the other’s later one', async () => {
    const h = await serve();
    const a = tab(h, 'tab-a-5f0c2d9e');
    const b = tab(h, 'tab-b-81aa03c4');
    const ann = await a.call('reviewers.create', { reviewer: { name: 'Ann Archer', initials: 'AA', email: '' } });
    const bob = await a.call('reviewers.create', { reviewer: { name: 'Bob Baker', initials: 'BB', email: '' } });
    await a.call('session.setReviewer', { reviewerId: ann.id });
    await b.call('session.setReviewer', { reviewerId: bob.id });
    expect(await a.call('session.get', {})).toEqual({ reviewerId: ann.id });
    expect(await b.call('session.get', {})).toEqual({ reviewerId: bob.id });

    const studies = await a.call('studies.list', {});
    const eisen = studies.find((s) => s.label === 'Eisen 2012')!.id;
    const kaplan = studies.find((s) => s.label === 'Kaplan 2011')!.id;
    const eisenNotes = (await a.call('studies.get', { id: eisen })).notes;

    await a.call('studies.update', { id: eisen, patch: { notes: 'Ann was here' } });
    await b.call('studies.update', { id: kaplan, patch: { notes: 'Bob was here' } });
    const [bobs, anns] = await b.call('audit.list', { limit: 2 });
    expect(anns).toMatchObject({ entityId: eisen, reviewerName: 'Ann Archer', reviewerId: ann.id });
    expect(bobs).toMatchObject({ entityId: kaplan, reviewerName: 'Bob Baker', reviewerId: bob.id });

    const undo = await post(h, 'tab-a-5f0c2d9e', 'history.undo', {});
    expect(undo.body).toMatchObject({ ok: true, value: { undone: 'Edit study "Eisen 2012"' } });
    // The reply's undo state is Ann's own: nothing more of hers to undo, her edit to redo.
    expect(undo.body.ok && undo.body.history).toEqual({
      canUndo: false,
      undoLabel: null,
      canRedo: true,
      redoLabel: 'Edit study "Eisen 2012"',
    });
    expect((await b.call('studies.get', { id: eisen })).notes).toBe(eisenNotes);
    expect((await b.call('studies.get', { id: kaplan })).notes).toBe('Bob was here');
    expect(await b.call('history.status', {})).toMatchObject({ canUndo: true, undoLabel: 'Edit study "Kaplan 2011"' });

    // A call without a client id is the host's own client: neither Ann nor Bob.
    expect((await post(h, null, 'session.get', {})).body).toMatchObject({ ok: true, value: { reviewerId: null } });
  });

  it('refuses Ann’s undo over Bob’s later edit of the same study, naming him', async () => {
    const h = await serve();
    const a = tab(h, 'tab-a-5f0c2d9e');
    const b = tab(h, 'tab-b-81aa03c4');
    const ann = await a.call('reviewers.create', { reviewer: { name: 'Ann Archer', initials: 'AA', email: '' } });
    const bob = await a.call('reviewers.create', { reviewer: { name: 'Bob Baker', initials: 'BB', email: '' } });
    await a.call('session.setReviewer', { reviewerId: ann.id });
    await b.call('session.setReviewer', { reviewerId: bob.id });
    const eisen = (await a.call('studies.list', {})).find((s) => s.label === 'Eisen 2012')!.id;
    await a.call('studies.update', { id: eisen, patch: { notes: 'Ann was here' } });
    await b.call('studies.update', { id: eisen, patch: { notes: 'Bob was here' } });
    const err = await a.call('history.undo', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('CONFLICT');
    expect((err as ApiError).message).toContain('was changed since by Bob Baker');
    expect((await a.call('studies.get', { id: eisen })).notes).toBe('Bob was here');
  });

  it('refuses a malformed client id, naming the header', async () => {
    const h = await serve();
    for (const bad of ['short', 'has space in it', 'x'.repeat(65), 'semi;colon-12345']) {
      const r = await post(h, bad, 'session.get', {});
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(!r.body.ok && r.body.error.message).toContain(HTTP_CLIENT_HEADER);
    }
  });
});
