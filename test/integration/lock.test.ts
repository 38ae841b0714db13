import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../db/src/backend.ts';
import { ReviewLockedError, lockPathFor } from '../../db/src/lock/review-lock.ts';
import { LATEST_SCHEMA_VERSION } from '../../db/src/migrations/index.ts';
import { runGrove } from '../support/run-cli.ts';
import { startServe, type ServeProcess } from '../support/serve-process.ts';
import { tempDir } from '../support/temp.ts';

// One writer per review, between real processes (issue 11, item 4): a second `grove serve`,
// a CLI write and the desktop host's open path (the Electron main process's backend, run
// here in Node) against a served file each get the lock message or read-only mode.

const { dir, cleanup } = tempDir('grove-lock-');
const servers: ServeProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  cleanup();
});
const at = (name: string) => path.join(dir, name);
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('a served review', () => {
  it('refuses a second writer in every host, naming the holder, and offers read-only', async () => {
    const file = at('served.grove');
    expect(runGrove(['example', file]).status).toBe(0);
    const first = await startServe([file]);
    servers.push(first);
    const holder = new RegExp(`open for editing in another Grove \\(grove serve, process ${first.child.pid} on [^,]+, since \\d{4}-`);

    // A second grove serve: refused with the holder.
    await expect(startServe([file])).rejects.toThrow(holder);

    // A CLI write: `new --force` does not replace it.
    const before = sha(file);
    const forced = runGrove(['new', file, '--force']);
    expect(forced.status).toBe(1);
    expect(forced.stderr).toMatch(holder);
    expect(sha(file)).toBe(before);

    // The desktop host's open path.
    const desktop = createBackend({ host: 'electron', app: 'the Grove desktop app' });
    expect(() => desktop.openFile(file)).toThrow(ReviewLockedError);
    expect(() => desktop.openFile(file)).toThrow(holder);
    const ro = desktop.openFile(file, { whenLocked: 'read-only' });
    expect(ro.readOnly?.kind).toBe('locked');
    desktop.closeFile();

    // Read-only serving is offered and says so.
    const reader = await startServe([file, '--read-only']);
    servers.push(reader);
    expect(reader.stderr()).toMatch(/Read-only: .*served\.grove is open read-only, as asked\./);
    const studies = await reader.call('studies.list');
    expect(studies.ok).toBe(true);
    await reader.stop();

    // Readers do not need the lock: export and report work while it is served.
    const exported = runGrove(['export', file, '--json']);
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ format: 'grove-review' });

    // The writer still writes.
    const made = await first.call('studies.create', {
      study: { label: 'Added while locked', status: 'included', identifiers: '', notes: '' },
    });
    expect(made.ok).toBe(true);
    await first.stop();
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
  });

  it('a lock left by a killed serve is cleared by the next writer', async () => {
    const file = at('killed.grove');
    expect(runGrove(['example', file]).status).toBe(0);
    const s = await startServe([file]);
    s.child.kill('SIGKILL');
    await new Promise((r) => s.child.once('exit', r));
    expect(fs.existsSync(lockPathFor(file))).toBe(true);
    const next = await startServe([file]);
    servers.push(next);
    expect((await next.call('studies.list')).ok).toBe(true);
    await next.stop();
  });
});

describe('grove info', () => {
  it('never writes: an older file is described, not upgraded, and nothing appears beside it', () => {
    const file = at('old.grove');
    expect(runGrove(['new', file]).status).toBe(0);
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION - 1}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = { hash: sha(file), files: fs.readdirSync(dir).sort() };
    const r = runGrove(['info', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`schema version  ${LATEST_SCHEMA_VERSION - 1} (older)`);
    expect(r.stdout).toContain(`It will be upgraded to v${LATEST_SCHEMA_VERSION}, after a backup, when it is opened for editing.`);
    const json = runGrove(['info', file, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION - 1, upgradeNeeded: LATEST_SCHEMA_VERSION });
    expect(sha(file)).toBe(before.hash);
    expect(fs.readdirSync(dir).sort()).toEqual(before.files);
  });

  it('on a current file writes nothing either', () => {
    const file = at('current.grove');
    expect(runGrove(['example', file]).status).toBe(0);
    const before = { hash: sha(file), mtime: fs.statSync(file).mtimeMs };
    expect(runGrove(['info', file]).status).toBe(0);
    expect(sha(file)).toBe(before.hash);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtime);
  });
});
