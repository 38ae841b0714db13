import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessClient, PROGRESS_PHASES, type ProgressEvent } from '@grove/shared';
import { createBackend } from '../../db/src/backend.ts';
import { forkReview } from '../../db/src/merge/fork.ts';
import { createReviewFile } from '../../db/src/review-file.ts';
import { readEvents } from '../../db/src/merge/events.ts';
import { TABLES } from '../../db/src/tables.ts';
import { syncReview } from '../../db/src/team/sync-review.ts';
import { edit, exampleReview, query } from '../support/merge-fixtures.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';
import { runGrove } from '../support/run-cli.ts';
import { runGroveOnTerminal, SCRIPT_BIN } from '../support/run-on-terminal.ts';
import { tempDir } from '../support/temp.ts';

// What a team sees when syncing (issue 16's follow-up), against a real PostgreSQL
// (test/support/postgres.ts; skipped, with the reason, where it is not installed):
//   - a sync's "pulled" counts what truly came in from other copies, never the file's own
//     events coming back from the server;
//   - a `grove fork` copy of a synced review inherits none of its sync state (the original's
//     server URL names the original's role), and syncing it, as its own member, neither loses
//     nor duplicates an event;
//   - a long sync shows its progress: `grove sync` on a terminal (nothing when piped), and the
//     workbench's Sync on the backend's progress channel (pulling, merging, pushing).

const started = await startPostgres();
if (!started.ok) console.warn(`team-sync-fork tests skipped: ${started.reason}`);
const server: PostgresServer | null = started.ok ? started.server : null;

const PASSWORD = 'team-secret';
const DB = 'team';
const { dir, cleanup } = tempDir('grove-syncfork-');
const env = { ...process.env, PGPASSWORD: PASSWORD, PGPASSFILE: path.join(dir, 'no-pgpass') };

function url(role: string): string {
  return server!.url(role, DB);
}
function sync(file: string, role: string) {
  return syncReview(file, url(role), { env, reviewerName: role });
}
function setNotes(file: string, reviewer: string, notes: string): void {
  const id = query(file, (db) => db.prepare('SELECT id FROM study ORDER BY id LIMIT 1').pluck().get() as string);
  edit(file, reviewer, 'Edit notes', (w) => w.update(TABLES.study, id, { notes }, () => 'notes'));
}
const eventKeys = (file: string) => query(file, (db) => readEvents(db).map((e) => `${e.site} ${e.seq}`));
const syncRows = (file: string) => query(file, (db) => db.prepare('SELECT * FROM sync_state').all());
const studies = (file: string) => query(file, (db) => db.prepare('SELECT id, label, notes FROM study ORDER BY id').all());
async function serverEventKeys(): Promise<string[]> {
  const rows = await server!.admin<{ k: string }>("SELECT origin_site || ' ' || origin_seq AS k FROM grove.event", [], DB);
  return rows.map((r) => r.k);
}

beforeAll(async () => {
  if (!server) return;
  for (const role of ['teamadmin', 'alice', 'bob']) await server.createRole(role, PASSWORD);
  await server.createDatabase(DB, 'teamadmin');
  const init = runGrove(['team', 'init', '--server', url('teamadmin')], { env });
  expect(init.status, init.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  server?.stop();
  cleanup();
});

describe.skipIf(!server)('syncing forks and counting what came in', { timeout: 240_000 }, () => {
  it('counts only other copies’ new events as pulled; a fork inherits no sync state and syncs without losing or doubling events', async () => {
    const a = exampleReview(dir, 'alice.grove');
    setNotes(a, 'Alice', 'read by Alice');
    setNotes(a, 'Alice', 'read twice by Alice');
    const first = await sync(a, 'alice');
    expect(first).toMatchObject({ registered: true, pulled: 0 });
    expect(first.pushed).toBe(2);
    const added = runGrove(['team', 'add-member', '--server', url('alice'), '--review', first.reviewId, '--role', 'bob'], { env });
    expect(added.status, added.stderr).toBe(0);

    // Alice's events all came back from the server: none of them is something that came in.
    const again = await sync(a, 'alice');
    expect(again).toMatchObject({ pulled: 0, pushed: 0, applied: 0, backup: null });

    // A change Alice has not pushed yet, then Bob's copy.
    setNotes(a, 'Alice', 'not yet pushed by Alice');
    const b = path.join(dir, 'bob.grove');
    forkReview(a, b, 'Bob Berg');
    expect(syncRows(a)).toHaveLength(1);
    expect(syncRows(b)).toEqual([]);
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(b);
    try {
      expect(await inProcessClient(backend.connect()).call('sync.status', {})).toEqual({ server: null, last: null });
    } finally {
      backend.closeFile();
    }

    // Bob's first sync, as Bob: everything the server has he holds already; he sends what it
    // lacks — himself added, and Alice's change his copy carries — each once.
    const bobFirst = await sync(b, 'bob');
    expect(bobFirst).toMatchObject({ registered: false, pulled: 0, applied: 0, pushed: 2, backup: null });
    expect(syncRows(b)).toMatchObject([{ url: url('bob') }]);

    // Alice receives only Bob's own change; hers, forwarded by Bob, is already in her file.
    setNotes(b, 'Bob Berg', 'Bob read it');
    const bobSecond = await sync(b, 'bob');
    expect(bobSecond).toMatchObject({ pulled: 0, pushed: 1 });
    const alice = await sync(a, 'alice');
    expect(alice).toMatchObject({ pulled: 2, pushed: 0, conflicts: [] });
    expect((await sync(b, 'bob')).pulled).toBe(0);

    // Nothing lost, nothing doubled: the server holds each event of either file once.
    const held = [...new Set([...eventKeys(a), ...eventKeys(b)])].sort();
    const onServer = await serverEventKeys();
    expect(onServer.length).toBe(new Set(onServer).size);
    expect([...onServer].sort()).toEqual(held);
    expect(studies(a)).toEqual(studies(b));
    const reviewers = (f: string) => query(f, (db) => db.prepare('SELECT name FROM reviewer ORDER BY name').pluck().all());
    expect(reviewers(a)).toEqual(reviewers(b));
    // Both files hold the same events.
    expect([...eventKeys(a)].sort()).toEqual([...eventKeys(b)].sort());
  });

  it('reports its progress: on the progress channel for the workbench, on a terminal for grove sync, never into --json', async () => {
    // A review of its own (the example's review id is the first test's).
    const a = path.join(dir, 'progress.grove');
    createReviewFile(a, { title: 'Progress' }).close();
    edit(a, 'Alice', 'Add study', (w) =>
      w.insert(
        TABLES.study,
        { id: 's1', label: 'Study 1', status: 'included', identifiers: '', notes: '', created_at: 'x', updated_at: 'x' },
        'added',
      ),
    );
    const registered = await sync(a, 'alice');
    expect(registered).toMatchObject({ registered: true, pushed: 1 });
    const admitted = runGrove(['team', 'add-member', '--server', url('alice'), '--review', registered.reviewId, '--role', 'bob'], { env });
    expect(admitted.status, admitted.stderr).toBe(0);
    const b = path.join(dir, 'progress-bob.grove');
    forkReview(a, b, 'Bob Berg');
    // Alice's changes for Bob to pull, and Bob's own to push.
    for (let i = 0; i < 30; i++) setNotes(a, 'Alice', `edit ${i}`);
    expect((await sync(a, 'alice')).pushed).toBe(30);
    for (let i = 0; i < 15; i++) setNotes(b, 'Bob Berg', `bob ${i}`);

    const events: ProgressEvent[] = [];
    const backend = createBackend({ host: 'in-process', onProgress: (e) => events.push(e) });
    backend.openFile(b);
    let status;
    const saved = { PGPASSWORD: process.env.PGPASSWORD, PGPASSFILE: process.env.PGPASSFILE };
    Object.assign(process.env, { PGPASSWORD: PASSWORD, PGPASSFILE: env.PGPASSFILE });
    try {
      status = await inProcessClient(backend.connect()).call('sync.run', { url: url('bob') });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      backend.closeFile();
    }
    // Bob holds Alice's first change already: 30 of the server's 31 events are new to him; he
    // sends his 15 edits and himself added as a reviewer.
    expect(status.last).toMatchObject({ outcome: 'synced', pushed: 16, pulled: 30 });
    expect(new Set(events.map((e) => e.operation)).size).toBe(1);
    expect(events[0]?.operation).toMatch(/^Syncing with postgres:\/\/bob@/);
    const phases = [...new Set(events.map((e) => e.phase))];
    expect(phases).toEqual(['pulling', 'merging', 'pushing']);
    // In order, each phase ending at its total: what was received, brought in, and sent.
    expect(phases.map((p) => PROGRESS_PHASES.indexOf(p))).toEqual([...phases.map((p) => PROGRESS_PHASES.indexOf(p))].sort((x, y) => x - y));
    const last = (p: string) => events.filter((e) => e.phase === p).at(-1);
    expect(last('pulling')).toMatchObject({ done: 31, total: 31 });
    expect(last('merging')).toMatchObject({ done: 30, total: 30 });
    expect(last('pushing')).toMatchObject({ done: 16, total: 16 });

    // grove sync: progress on a terminal; piped with --json, stdout is the JSON alone and stderr has no progress.
    setNotes(a, 'Alice', 'for the terminal');
    await sync(a, 'alice');
    setNotes(b, 'Bob Berg', 'from the terminal');
    if (SCRIPT_BIN) {
      const shown = runGroveOnTerminal(['sync', b, '--server', url('bob')], env);
      expect(shown.status, shown.output).toBe(0);
      // Each progress line is redrawn in place (carriage return, erase line), the last ended before the report.
      const drawn = shown.output.split('\r\x1b[2K').slice(1);
      expect(drawn.some((l) => /^Syncing with postgres:\/\/bob@\S+: Receiving changes from the server 100% \(\d+ of \d+\)/.test(l))).toBe(
        true,
      );
      expect(drawn.at(-1)).toMatch(/^Syncing with postgres:\/\/bob@\S+: Sending changes to the server 100% \(1 of 1\)\r?\nSynced /);
    } else console.warn('grove sync on a terminal not tested: util-linux script is not installed');
    setNotes(b, 'Bob Berg', 'piped');
    const piped = runGrove(['sync', b, '--server', url('bob'), '--json'], { env });
    expect(piped.status, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ pushed: 1, pulled: 0 });
    expect(piped.stderr).not.toContain('\x1b');
    expect(piped.stderr).not.toContain('Sending changes');
  });
});
