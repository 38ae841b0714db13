import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../db/src/tables.ts';
import { recordChange } from '../../db/src/changes.ts';
import { openReviewFile } from '../../db/src/review-file.ts';
import { forkReview } from '../../db/src/merge/fork.ts';
import { syncReview } from '../../db/src/team/sync-review.ts';
import { TeamServerError } from '../../db/src/team/team-error.ts';
import { PUSH_LOCK_CLASS } from '../../db/src/repositories/team-server-schema.ts';
import { edit, exampleReview } from '../support/merge-fixtures.ts';
import { POSTGRES_SUPERUSER, startPostgres, type PostgresServer } from '../support/postgres.ts';
import { runGrove } from '../support/run-cli.ts';
import { GROVE_BIN, REPO_ROOT, tempDir } from '../support/temp.ts';

// The team server against a real PostgreSQL (issue 16 step 2), started privately by
// test/support/postgres.ts; skipped, with the reason, where PostgreSQL is not installed.
// Roles log in over TCP with scram-sha-256 passwords given in PGPASSWORD, as a review
// group's members would.

const started = await startPostgres();
if (!started.ok) console.warn(`team-server tests skipped: ${started.reason}`);
const server: PostgresServer | null = started.ok ? started.server : null;

const PASSWORDS: Record<string, string> = {
  teamadmin: 'admin-secret',
  alice: 'alice-secret',
  bob: 'bob-secret',
  carol: 'carol-secret',
  dave: 'dave-secret',
  eve: 'eve-secret',
  mallory: 'mallory-secret',
};
const DB = 'team';
const { dir, cleanup } = tempDir('grove-team-');

function url(role: string): string {
  return server!.url(role, DB);
}
function env(role: string): NodeJS.ProcessEnv {
  return { ...process.env, PGPASSWORD: PASSWORDS[role], PGPASSFILE: path.join(dir, 'no-pgpass') };
}
function sync(file: string, role: string) {
  return syncReview(file, url(role), { env: env(role), reviewerName: role });
}
async function asRole<T>(role: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ host: '127.0.0.1', port: server!.port, user: role, database: DB, password: PASSWORDS[role] });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
/** Every study's label and notes: the review's contents as these tests change them. */
function contents(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT id, label, notes FROM study ORDER BY id').all() as { id: string; label: string; notes: string }[])
      .map((r) => `${r.id}|${r.label}|${r.notes}`)
      .join('\n');
  } finally {
    db.close();
  }
}
function studyIds(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT id FROM study ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}
function setNotes(file: string, reviewer: string, id: string, notes: string): void {
  edit(file, reviewer, 'Edit notes', (w) => w.update(TABLES.study, id, { notes }, () => 'notes'));
}
/** Many edits, one change each, with the file opened once. */
function manyNotes(file: string, reviewer: string, edits: ReadonlyArray<{ id: string; notes: string }>): void {
  const r = openReviewFile(file);
  try {
    for (const e of edits)
      recordChange(r.db, { reviewerId: null, reviewerName: reviewer, now: new Date().toISOString() }, 'Edit notes', (w) =>
        w.update(TABLES.study, e.id, { notes: e.notes }, () => 'notes'),
      );
  } finally {
    r.close();
  }
}
function addStudy(file: string, reviewer: string, label: string): void {
  edit(file, reviewer, 'Add study', (w) =>
    w.insert(
      TABLES.study,
      { id: `study-${label}`, label, status: 'included', identifiers: '', notes: '', created_at: 'x', updated_at: 'x' },
      'added',
    ),
  );
}
/** `grove ARGS` as a child process that runs alongside others. */
function groveAsync(args: string[], role: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [GROVE_BIN, ...args], { cwd: REPO_ROOT, env: env(role), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

let review = '';
let reviewId = '';

beforeAll(async () => {
  if (!server) return;
  for (const [role, password] of Object.entries(PASSWORDS)) await server.createRole(role, password);
  await server.createDatabase(DB, 'teamadmin');
  const init = runGrove(['team', 'init', '--server', url('teamadmin')], { env: env('teamadmin') });
  expect(init.status, init.stderr).toBe(0);
  review = exampleReview(dir, 'alice.grove');
  const first = await sync(review, 'alice');
  expect(first.registered).toBe(true);
  reviewId = first.reviewId;
}, 120_000);

afterAll(() => {
  server?.stop();
  cleanup();
});

// Each test runs several grove processes and syncs: minutes on a loaded 2-core machine.
describe.skipIf(!server)('the team server (PostgreSQL)', { timeout: 240_000 }, () => {
  it('init is idempotent; a URL with a password is refused; an unreachable server exits 3 and the work stays to sync later', async () => {
    const again = runGrove(['team', 'init', '--server', url('teamadmin')], { env: env('teamadmin') });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/already has the Grove team schema/);

    const file = path.join(dir, 'offline.grove');
    forkReview(review, file, 'Olive');
    const withPassword = runGrove(['sync', file, '--server', `postgres://alice:alice-secret@127.0.0.1:${server!.port}/${DB}`]);
    expect(withPassword.status).toBe(2);
    expect(withPassword.stderr).toMatch(/carries a password/);

    const id = studyIds(file)[0]!;
    setNotes(file, 'Olive', id, 'written offline');
    const before = fs.readFileSync(file);
    const offline = runGrove(['sync', file, '--server', `postgres://alice@127.0.0.1:1/${DB}`], { env: env('alice') });
    expect(offline.status).toBe(3);
    expect(offline.stderr).toMatch(/Cannot reach the team server/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);

    const online = runGrove(['sync', file, '--server', url('alice'), '--json'], { env: env('alice') });
    expect(online.status, online.stderr).toBe(0);
    expect(JSON.parse(online.stdout)).toMatchObject({ pushed: 2 }); // Olive added as a reviewer, and her note
    const other = await sync(review, 'alice');
    expect(other.pulled).toBeGreaterThanOrEqual(2);
    expect(contents(review)).toContain(`${id}|`);
    expect(contents(review)).toContain('written offline');
  });

  it('a non-member can neither read nor write the review; the owner admits a member, and only the owner may', async () => {
    const file = path.join(dir, 'mallory.grove');
    forkReview(review, file, 'Mallory');
    const refused = runGrove(['sync', file, '--server', url('mallory')], { env: env('mallory') });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/mallory is not one of its members/);

    const seen = await asRole('mallory', async (c) => ({
      events: (await c.query('SELECT count(*)::int AS n FROM grove.event')).rows[0].n as number,
      reviews: (await c.query('SELECT count(*)::int AS n FROM grove.review')).rows[0].n as number,
      members: (await c.query('SELECT count(*)::int AS n FROM grove.member')).rows[0].n as number,
    }));
    expect(seen).toEqual({ events: 0, reviews: 0, members: 0 });
    const total = (await server!.admin<{ n: number }>('SELECT count(*)::int AS n FROM grove.event', [], DB))[0]!.n;
    expect(total).toBeGreaterThan(0);
    await expect(
      asRole('mallory', (c) =>
        c.query(
          "INSERT INTO grove.event (review_id, origin_site, origin_seq, schema_version, hlc, reviewer, label, digest, entries) VALUES ($1, 'm', 1, 9, '000000000000001.000000', 'M', 'x', 'd', '[]')",
          [reviewId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    // Mallory cannot admit herself, nor be admitted by a member who is not the owner.
    await expect(
      asRole('mallory', (c) => c.query("INSERT INTO grove.member (review_id, role) VALUES ($1, 'mallory')", [reviewId])),
    ).rejects.toThrow(/row-level security/);
    const notOwner = runGrove(['team', 'add-member', '--server', url('mallory'), '--review', reviewId, '--role', 'mallory'], {
      env: env('mallory'),
    });
    expect(notOwner.status).toBe(2);
    expect(notOwner.stderr).toMatch(/only the owner adds members/);

    const added = runGrove(['team', 'add-member', '--server', url('alice'), '--review', review, '--role', 'mallory'], {
      env: env('alice'),
    });
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/Added mallory to review/);
    const now = runGrove(['sync', file, '--server', url('mallory')], { env: env('mallory') });
    expect(now.status, now.stderr).toBe(0);
  });

  it('a reviewer cannot write as another, nor change or delete events', async () => {
    for (const role of ['bob', 'carol', 'dave', 'eve'])
      expect(
        runGrove(['team', 'add-member', '--server', url('alice'), '--review', reviewId, '--role', role], { env: env('alice') }).status,
      ).toBe(0);
    const insert = (author: string | null) =>
      asRole('bob', (c) =>
        c.query(
          `INSERT INTO grove.event (review_id, origin_site, origin_seq, schema_version, hlc, reviewer, label, digest, entries${author ? ', author' : ''})
           VALUES ($1, 'bob-test-site', 1, 9, '000000000000001.000000', 'Bob', 'x', 'd', '[]'${author ? ', $2' : ''})`,
          author ? [reviewId, author] : [reviewId],
        ),
      );
    await expect(insert('alice')).rejects.toThrow(/row-level security/);
    await insert(null);
    const row = await server!.admin<{ author: string }>("SELECT author FROM grove.event WHERE origin_site = 'bob-test-site'", [], DB);
    expect(row).toEqual([{ author: 'bob' }]);
    await expect(
      asRole('bob', (c) => c.query("UPDATE grove.event SET label = 'changed' WHERE review_id = $1", [reviewId])),
    ).rejects.toThrow(/permission denied/);
    await expect(asRole('bob', (c) => c.query('DELETE FROM grove.event WHERE review_id = $1', [reviewId]))).rejects.toThrow(
      /permission denied/,
    );
    await expect(asRole('bob', (c) => c.query("UPDATE grove.review SET owner = 'bob'"))).rejects.toThrow(/permission denied/);
    await server!.admin("DELETE FROM grove.event WHERE origin_site = 'bob-test-site'", [], DB);
  });

  it('four writers pushing at once converge, and a puller syncing throughout skips no event', async () => {
    await sync(review, 'alice');
    const writers = ['bob', 'carol', 'dave', 'eve'].map((role) => {
      const file = path.join(dir, `${role}.grove`);
      forkReview(review, file, role);
      return { role, file };
    });
    const puller = path.join(dir, 'puller.grove');
    forkReview(review, puller, 'Puller');
    // Fork copies carry the original's sync position: they pull from there.
    const ids = studyIds(review);
    // Disjoint edits (each writer its own study): two copies changing one field keep their
    // own values and queue a conflict, by design (docs/merging.md).
    writers.forEach(({ role, file }, k) => {
      manyNotes(
        file,
        role,
        Array.from({ length: 12 }, (_, i) => ({ id: ids[k]!, notes: `${role} edit ${i}` })),
      );
      addStudy(file, role, `${role} study`);
    });
    let pushing = true;
    const pulls = (async () => {
      let n = 0;
      while (pushing) {
        await sync(puller, 'alice');
        n++;
      }
      return n;
    })();
    // Three rounds of the four pushing at once, as separate processes.
    for (let round = 0; round < 3; round++) {
      const runs = await Promise.all(writers.map(({ role, file }) => groveAsync(['sync', file, '--server', url(role)], role)));
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
      writers.forEach(({ role, file }) => setNotes(file, role, `study-${role} study`, `round ${round}`));
    }
    pushing = false;
    expect(await pulls).toBeGreaterThan(0);
    for (const { role, file } of writers) await sync(file, role);
    for (const { role, file } of writers) await sync(file, role);
    await sync(puller, 'alice');
    await sync(review, 'alice');

    const all = await server!.admin<{ k: string }>(
      "SELECT origin_site || ' ' || origin_seq AS k FROM grove.event WHERE review_id = $1",
      [reviewId],
      DB,
    );
    const db = new Database(puller, { readonly: true });
    const held = new Set(
      (
        db.prepare("SELECT site_id || ' ' || seq AS k FROM merged_event UNION SELECT site_id || ' ' || id FROM change").all() as {
          k: string;
        }[]
      ).map((r) => r.k),
    );
    db.close();
    expect(all.map((r) => r.k).filter((k) => !held.has(k))).toEqual([]);
    const want = contents(writers[0]!.file);
    for (const { file } of writers.slice(1)) expect(contents(file)).toBe(want);
    expect(contents(puller)).toBe(want);
    expect(contents(review)).toBe(want);
    for (const { role } of writers) expect(want).toContain(`${role} study`);
    expect(want).toContain('eve edit 11');
    // Server numbers are unique and increase with every push.
    const seqs = await server!.admin<{ n: number; d: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT server_seq)::int AS d FROM grove.event WHERE review_id = $1',
      [reviewId],
      DB,
    );
    expect(seqs[0]!.n).toBe(seqs[0]!.d);
  }, 240_000);

  it('a file copied with cp and changed on both sides syncs without losing either side', async () => {
    const a = path.join(dir, 'cp-a.grove');
    forkReview(review, a, 'Carla');
    await sync(a, 'carol');
    const b = path.join(dir, 'cp-b.grove');
    fs.copyFileSync(a, b);
    const ids = studyIds(a);
    setNotes(a, 'Carla', ids[0]!, 'from the original');
    addStudy(a, 'Carla', 'original only');
    setNotes(b, 'Carla', ids[1]!, 'from the cp copy');
    addStudy(b, 'Carla', 'copy only');
    const first = await sync(a, 'carol');
    expect(first.pushed).toBe(2);
    const second = await sync(b, 'carol');
    expect(second.reidentified.length).toBe(1);
    expect(second.pushed).toBe(2);
    await sync(a, 'carol');
    for (const f of [a, b]) {
      const c = contents(f);
      expect(c).toContain('from the original');
      expect(c).toContain('from the cp copy');
      expect(c).toContain('original only');
      expect(c).toContain('copy only');
    }
    expect(contents(a)).toBe(contents(b));
    // Later changes of the copy go under its new site id and reach the original.
    setNotes(b, 'Carla', ids[2]!, 'later in the copy');
    const later = await sync(b, 'carol');
    expect(later.reidentified).toEqual([]);
    expect(later.pushed).toBe(1);
    await sync(a, 'carol');
    expect(contents(a)).toContain('later in the copy');
    const again = await sync(a, 'carol');
    expect(again).toMatchObject({ pulled: 0, pushed: 0, applied: 0 });
  });

  it('kill -9 during a sync leaves the file unchanged or fully synced, and the next sync completes it', async () => {
    const source = path.join(dir, 'kill-source.grove');
    forkReview(review, source, 'Kim');
    await sync(source, 'dave');
    const base = path.join(dir, 'kill-base.grove');
    forkReview(source, base, 'Kay');
    const ids = studyIds(source);
    manyNotes(
      source,
      'Kim',
      Array.from({ length: 1500 }, (_, i) => ({ id: ids[i % ids.length]!, notes: `kill edit ${i}` })),
    );
    await sync(source, 'dave');
    const unchanged = contents(base);
    const synced = contents(source);
    const t0 = performance.now();
    const probe = path.join(dir, 'kill-probe.grove');
    fs.copyFileSync(base, probe);
    expect((await groveAsync(['sync', probe, '--server', url('dave')], 'dave')).code).toBe(0);
    const full = performance.now() - t0;
    expect(contents(probe)).toBe(synced);
    for (const at of [0.3, 0.6, 0.85]) {
      const target = path.join(dir, `kill-${at}.grove`);
      fs.copyFileSync(base, target);
      const child = spawn(process.execPath, [GROVE_BIN, 'sync', target, '--server', url('dave')], {
        cwd: REPO_ROOT,
        env: env('dave'),
        stdio: 'ignore',
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), at * full);
      await new Promise((r) => child.once('exit', r));
      clearTimeout(timer);
      const now = contents(target);
      expect([unchanged, synced]).toContain(now);
      const again = runGrove(['sync', target, '--server', url('dave')], { env: env('dave') });
      expect(again.status, again.stderr).toBe(0);
      expect(contents(target)).toBe(synced);
      const check = new Database(target, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
    }
  }, 240_000);

  it('a push cut off between batches keeps what was committed, and the next sync sends only the rest', async () => {
    const copy = path.join(dir, 'cut.grove');
    forkReview(review, copy, 'Cutter');
    await sync(copy, 'alice');
    const ids = studyIds(copy);
    const EDITS = 600;
    manyNotes(
      copy,
      'Cutter',
      Array.from({ length: EDITS }, (_, i) => ({ id: ids[i % ids.length]!, notes: `cut edit ${i}` })),
    );
    const admin = new pg.Client({ host: server!.socketDir, port: server!.port, user: POSTGRES_SUPERUSER, database: DB });
    await admin.connect();
    const onServer = async () =>
      Number(
        (await admin.query<{ n: string }>("SELECT count(*) AS n FROM grove.event WHERE review_id = $1 AND reviewer = 'Cutter'", [reviewId]))
          .rows[0]!.n,
      );
    // The copy's first sync pushed the change that added its reviewer.
    const before = await onServer();
    let committed = 0;
    try {
      const pushing = syncReview(copy, url('alice'), { env: env('alice'), reviewerName: 'alice', batchSize: 20 });
      const outcome = pushing.then(
        () => 'finished',
        (err: unknown) => err,
      );
      // Once a first batch is in, take the review's push lock between two batches (it waits
      // for the batch being inserted to commit), then cut the pusher's connection while its
      // next batch waits for the lock.
      while ((await onServer()) === before) await new Promise((r) => setTimeout(r, 2));
      await admin.query('SELECT pg_advisory_lock($1, hashtext($2))', [PUSH_LOCK_CLASS, reviewId]);
      committed = (await onServer()) - before;
      const cut = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'alice' AND datname = $1 AND pid <> pg_backend_pid()",
        [DB],
      );
      // (Should it find no pusher, ending the admin session below releases the lock.)
      expect(cut.rowCount).toBe(1);
      const err = await outcome;
      expect(err).toBeInstanceOf(TeamServerError);
      expect((err as TeamServerError).failure).toBe('unreachable');
      await admin.query('SELECT pg_advisory_unlock($1, hashtext($2))', [PUSH_LOCK_CLASS, reviewId]);
    } finally {
      await admin.end();
    }
    // Whole batches only, and not all of them.
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(EDITS);
    expect(committed % 20).toBe(0);

    const resumed = await sync(copy, 'alice');
    expect(resumed.pushed).toBe(EDITS - committed);
    const stored = await server!.admin<{ n: number; d: number }>(
      "SELECT count(*)::int AS n, count(DISTINCT (origin_site, origin_seq))::int AS d FROM grove.event WHERE reviewer = 'Cutter'",
      [],
      DB,
    );
    expect(stored).toEqual([{ n: before + EDITS, d: before + EDITS }]);
    expect((await sync(copy, 'alice')).pushed).toBe(0);
    await sync(review, 'alice');
    expect(contents(review)).toBe(contents(copy));
    expect(contents(review)).toContain(`cut edit ${EDITS - 1}`);
  }, 240_000);

  it('a pull in many small pages takes in what a pull in one page does', async () => {
    const a = path.join(dir, 'page-a.grove');
    forkReview(review, a, 'Pager');
    await sync(a, 'alice');
    // Copies of the same file at the same server position, which add no change of their own.
    const b = path.join(dir, 'page-b.grove');
    forkReview(a, b, 'Pager');
    const writer = path.join(dir, 'page-w.grove');
    forkReview(a, writer, 'Pager');
    const ids = studyIds(writer);
    manyNotes(
      writer,
      'Pager',
      Array.from({ length: 150 }, (_, i) => ({ id: ids[i % ids.length]!, notes: `page edit ${i}` })),
    );
    addStudy(writer, 'Pager', 'paged');
    expect((await sync(writer, 'alice')).pushed).toBe(151);

    const paged = await syncReview(a, url('alice'), { env: env('alice'), reviewerName: 'alice', batchSize: 7 });
    const whole = await sync(b, 'alice');
    // The writer's 151, and the copies' own first push (their position is from before it).
    expect(paged.pulled).toBeGreaterThanOrEqual(151);
    expect(paged.applied).toBeGreaterThanOrEqual(151);
    expect(paged).toMatchObject({
      pulled: whole.pulled,
      applied: whole.applied,
      skipped: whole.skipped,
      serverSeq: whole.serverSeq,
      pushed: 0,
    });
    expect(whole.pushed).toBe(0);
    const takenIn = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare("SELECT site_id || ' ' || seq AS k FROM merged_event ORDER BY k").pluck().all();
      } finally {
        db.close();
      }
    };
    expect(takenIn(a)).toEqual(takenIn(b));
    expect(contents(a)).toBe(contents(b));
    expect(contents(a)).toBe(contents(writer));
  }, 240_000);
});
