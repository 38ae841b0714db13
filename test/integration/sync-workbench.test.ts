import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessClient, type ApiClient } from '@grove/shared';
import { createBackend } from '../../db/src/backend.ts';
import { forkReview } from '../../db/src/merge/fork.ts';
import { reviewIdentity } from '../../db/src/repositories/merge-repo.ts';
import { exampleReview, query } from '../support/merge-fixtures.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';
import { runGrove } from '../support/run-cli.ts';
import { tempDir } from '../support/temp.ts';
import { refusal } from '../support/refusal.ts';

// The workbench's Sync button through the API (sync.status, sync.run) against a real
// PostgreSQL (test/support/postgres.ts; skipped, with the reason, where it is not
// installed): set up by a first sync with a URL, then the same code as `grove sync` on the
// open review — one change its caller's undo takes back, conflicts into the queue — and
// the status the status bar shows: synced with counts, offline, refused with the server's message.

const started = await startPostgres();
if (!started.ok) console.warn(`sync-workbench tests skipped: ${started.reason}`);
const server: PostgresServer | null = started.ok ? started.server : null;

// One password for every role: the in-process handler reads PGPASSWORD from this process.
const PASSWORD = 'team-secret';
const ROLES = ['teamadmin', 'alice', 'bob', 'mallory'];
const DB = 'team';
const { dir, cleanup } = tempDir('grove-syncui-');
const saved = { PGPASSWORD: process.env.PGPASSWORD, PGPASSFILE: process.env.PGPASSFILE };
const env = { PGPASSWORD: PASSWORD, PGPASSFILE: path.join(dir, 'no-pgpass') };

function url(role: string): string {
  return server!.url(role, DB);
}

const closers: Array<() => void> = [];
function workbench(file: string): ApiClient {
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file);
  closers.push(() => backend.closeFile());
  return inProcessClient(backend.connect());
}

beforeAll(async () => {
  if (!server) return;
  Object.assign(process.env, env);
  for (const role of ROLES) await server.createRole(role, PASSWORD);
  await server.createDatabase(DB, 'teamadmin');
  const init = runGrove(['team', 'init', '--server', url('teamadmin')], { env });
  expect(init.status, init.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  while (closers.length) closers.pop()?.();
  server?.stop();
  cleanup();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe.skipIf(!server)('the Sync button (sync.*) against PostgreSQL', { timeout: 240_000 }, () => {
  it('sets the server up, syncs two reviews both ways as one undoable change, queues conflicts, and says offline or refused', async () => {
    const a = exampleReview(dir, 'alice.grove');
    const b = path.join(dir, 'bob.grove');
    forkReview(a, b, 'Bob Berg');
    const m = path.join(dir, 'mallory.grove');
    forkReview(a, m, 'Mallory');
    const reviewId = query(a, (db) => reviewIdentity(db).reviewId);
    const ann = workbench(a);
    const bob = workbench(b);
    const annId = (await ann.call('reviewers.create', { reviewer: { name: 'Ann Archer', initials: 'AA', email: '' } })).id;
    await ann.call('session.setReviewer', { reviewerId: annId });

    // Not set up: the status says so, and Sync without a URL is refused, naming the field.
    expect(await ann.call('sync.status', {})).toEqual({ server: null, last: null });
    const none = await refusal(ann.call('sync.run', {}));
    expect(none.code).toBe('VALIDATION');
    expect(none.issues?.[0]?.path).toBe('url');
    const withPassword = await refusal(ann.call('sync.run', { url: `postgres://alice:pw@127.0.0.1:${server!.port}/${DB}` }));
    expect(withPassword.code).toBe('VALIDATION');
    expect(withPassword.message).toMatch(/carries a password/);

    // Set up by the first sync: the review is registered, Alice owns it, her changes are pushed.
    const first = await ann.call('sync.run', { url: url('alice') });
    expect(first.server?.url).toBe(url('alice'));
    expect(first.last).toMatchObject({ outcome: 'synced', url: url('alice'), pulled: 0 });
    expect(first.last?.outcome === 'synced' && first.last.pushed).toBeGreaterThan(0);
    expect(await ann.call('sync.status', {})).toEqual(first);

    const added = runGrove(['team', 'add-member', '--server', url('alice'), '--review', reviewId, '--role', 'bob'], { env });
    expect(added.status, added.stderr).toBe(0);

    // Bob edits a study and syncs; Ann presses Sync and sees it, as one change her undo takes back.
    const study = (await bob.call('studies.list', {}))[0]!;
    await bob.call('studies.update', { id: study.id, patch: { notes: 'Bob read the full text' } });
    const bobSync = await bob.call('sync.run', { url: url('bob') });
    expect(bobSync.last).toMatchObject({ outcome: 'synced', conflicts: 0 });
    expect(bobSync.last?.outcome === 'synced' && bobSync.last.pushed).toBeGreaterThanOrEqual(2); // Bob added, and his note

    const pulled = await ann.call('sync.run', {});
    expect(pulled.last).toMatchObject({ outcome: 'synced', conflicts: 0, pushed: 0 });
    expect(pulled.last?.outcome === 'synced' && pulled.last.pulled).toBeGreaterThanOrEqual(2);
    expect(pulled.last?.outcome === 'synced' && pulled.last.backup).toMatch(/alice\.pre-sync\.grove$/);
    expect((await ann.call('studies.get', { id: study.id })).notes).toBe('Bob read the full text');
    expect((await ann.call('history.status', {})).undoLabel).toMatch(/^Sync with /);
    expect((await ann.call('history.undo', {})).undone).toMatch(/^Sync with /);
    expect((await ann.call('studies.get', { id: study.id })).notes).not.toBe('Bob read the full text');
    await ann.call('history.redo', {});
    expect((await ann.call('studies.get', { id: study.id })).notes).toBe('Bob read the full text');

    // Both change one field: Ann's sync keeps hers and queues Bob's as a conflict.
    await ann.call('studies.update', { id: study.id, patch: { notes: 'Ann: excluded' } });
    await bob.call('studies.update', { id: study.id, patch: { notes: 'Bob: included' } });
    await bob.call('sync.run', {});
    const conflicted = await ann.call('sync.run', {});
    expect(conflicted.last).toMatchObject({ outcome: 'synced', conflicts: 1 });
    const queue = (await ann.call('merge.conflicts', {})).conflicts;
    expect(queue.map((c) => [c.key, c.local, c.incoming])).toEqual([[study.id, 'Ann: excluded', 'Bob: included']]);
    expect((await ann.call('studies.get', { id: study.id })).notes).toBe('Ann: excluded');

    // Offline: the status says so; the review's server stays the one it synced with.
    const offline = await ann.call('sync.run', { url: `postgres://alice@127.0.0.1:1/${DB}` });
    expect(offline.last).toMatchObject({ outcome: 'offline' });
    expect(offline.last?.outcome === 'offline' && offline.last.message).toMatch(/Cannot reach the team server/);
    expect(offline.server?.url).toBe(url('alice'));

    // Refused: a role that is not a member gets the server's message.
    const refused = await workbench(m).call('sync.run', { url: url('mallory') });
    expect(refused.server).toBeNull();
    expect(refused.last).toMatchObject({ outcome: 'error' });
    expect(refused.last?.outcome === 'error' && refused.last.message).toMatch(/mallory is not one of its members/);
  });
});
