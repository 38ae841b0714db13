import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { createReviewFile, inspectReviewFile, openReviewFile } from '../../../db/src/review-file.ts';
import { cloudSyncedFolder } from '../../../db/src/cloud-folder.ts';
import { ReviewLockedError, acquireReviewLock, lockHolder, lockPathFor } from '../../../db/src/lock/review-lock.ts';
import { LATEST_SCHEMA_VERSION } from '../../../db/src/migrations/index.ts';
import { tempDir } from '../../support/temp.ts';

// Recovering a file a crash left mid-checkpoint, the write lock within one process,
// read-only opening, and the cloud-folder warning (issue 11, items 1, 4 and 7). Locks
// between processes are tested with real processes in test/integration/lock.test.ts.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('a review left by a crash during a WAL checkpoint', () => {
  it('is recovered by SQLite from its WAL, not refused as truncated', async () => {
    const d = dir();
    const live = path.join(d, 'live.grove');
    createReviewFile(live).close();
    const small = fs.readFileSync(live);

    // Grow the review with autocheckpoint off, so every new page is only in the WAL.
    const backend = createBackend({ host: 'in-process' });
    const review = backend.openFile(live);
    review.db.pragma('wal_autocheckpoint = 0');
    const client = inProcessClient(backend);
    for (let i = 0; i < 60; i++)
      await client.call('studies.create', { study: { label: `Study ${i}`, status: 'included', identifiers: '', notes: 'x'.repeat(2000) } });
    // The files as a kill would leave them: the main file still small, the WAL complete.
    const crashed = path.join(d, 'crashed.grove');
    const wal = fs.readFileSync(`${live}-wal`);
    // A checkpoint writes page 1 (with the new page count) before the pages past the old end:
    // take page 1 from a completed checkpoint and the rest from the old main file.
    const done = path.join(d, 'done.grove');
    fs.writeFileSync(done, small);
    fs.writeFileSync(`${done}-wal`, wal);
    const raw = new Database(done);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const full = fs.readFileSync(done);
    const pageSize = full.readUInt16BE(16);
    expect(full.length).toBeGreaterThan(small.length);
    fs.writeFileSync(crashed, Buffer.concat([full.subarray(0, pageSize), small.subarray(pageSize)]));
    fs.writeFileSync(`${crashed}-wal`, wal);
    backend.closeFile();

    expect(inspectReviewFile(crashed).version).toBe(LATEST_SCHEMA_VERSION);
    const recovered = createBackend({ host: 'in-process' });
    recovered.openFile(crashed);
    const studies = await inProcessClient(recovered).call('studies.list', {});
    expect(studies).toHaveLength(60);
    expect(recovered.currentFile()).toBe(crashed);
    const check = openReviewFile(crashed, { readOnly: true }).db.pragma('integrity_check', { simple: true }) as string;
    expect(check).toBe('ok');
    recovered.closeFile();
  });

  it('is still refused, naming the file, when it is truncated and has no WAL', () => {
    const d = dir();
    const file = path.join(d, 'r.grove');
    createReviewFile(file).close();
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 4096));
    expect(() => inspectReviewFile(file)).toThrow(/r\.grove is truncated/);
  });
});

describe('creating a review', () => {
  it('builds it beside the target and leaves nothing behind when the build fails', () => {
    const d = dir();
    const file = path.join(d, 'new.grove');
    expect(() =>
      createReviewFile(file, {
        build: () => {
          throw new Error('boom');
        },
      }),
    ).toThrow('boom');
    expect(fs.readdirSync(d)).toEqual([]);
  });

  it('with overwrite keeps the previous file whole until the new one is complete', () => {
    const d = dir();
    const file = path.join(d, 'r.grove');
    createReviewFile(file, { title: 'Old' }).close();
    const before = sha(file);
    expect(() =>
      createReviewFile(file, {
        overwrite: true,
        build: () => {
          throw new Error('boom');
        },
      }),
    ).toThrow('boom');
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(d)).toEqual(['r.grove']);
    const replaced = createReviewFile(file, { overwrite: true, title: 'New' });
    expect((replaced.db.prepare('SELECT title FROM protocol').get() as { title: string }).title).toBe('New');
    replaced.close();
    expect(fs.readdirSync(d)).toEqual(['r.grove']);
  });
});

describe('the write lock', () => {
  it('names its holder, is released on close and is shared within one process', () => {
    const file = path.join(dir(), 'r.grove');
    const review = createReviewFile(file, { app: 'grove test' });
    const holder = lockHolder(file);
    expect(holder).toMatchObject({ pid: process.pid, host: os.hostname(), app: 'grove test' });
    expect(Date.parse(holder!.since)).toBeGreaterThan(Date.now() - 60_000);
    review.close();
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
    expect(lockHolder(file)).toBeNull();
  });

  it('refuses a file held by another live process, naming process, host and time', () => {
    const file = path.join(dir(), 'r.grove');
    createReviewFile(file).close();
    // The parent of this test process is alive and is not us.
    const other = { pid: process.ppid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z', app: 'grove serve' };
    fs.writeFileSync(lockPathFor(file), JSON.stringify(other));
    expect(() => openReviewFile(file)).toThrow(ReviewLockedError);
    expect(() => openReviewFile(file)).toThrow(
      `is open for editing in another Grove (grove serve, process ${process.ppid} on ${os.hostname()}, since 2026-01-01T00:00:00.000Z)`,
    );
    expect(() => createReviewFile(file, { overwrite: true })).toThrow(ReviewLockedError);
    // Offered instead: read-only, with the reason.
    const ro = openReviewFile(file, { whenLocked: 'read-only' });
    expect(ro.readOnly?.kind).toBe('locked');
    expect(ro.readOnly?.message).toMatch(/grove serve, process \d+ .* It is open here read-only\./);
    expect(() => ro.db.prepare("UPDATE protocol SET title = 'x'").run()).toThrow(/readonly/);
    ro.close();
    expect(JSON.parse(fs.readFileSync(lockPathFor(file), 'utf8'))).toEqual(other);
  });

  it('clears a stale lock left by a process that no longer exists', () => {
    const file = path.join(dir(), 'r.grove');
    createReviewFile(file).close();
    // pid_max on Linux is at most 2^22: this pid cannot be alive.
    fs.writeFileSync(
      lockPathFor(file),
      JSON.stringify({ pid: 2 ** 22 + 1, host: os.hostname(), since: '2026-01-01T00:00:00.000Z', app: 'grove serve' }),
    );
    expect(lockHolder(file)).toBeNull();
    const review = openReviewFile(file);
    expect(lockHolder(file)?.pid).toBe(process.pid);
    review.close();
    // An unreadable lock (a crash while an older version wrote it) is cleared too.
    fs.writeFileSync(lockPathFor(file), '{"pid": 12');
    openReviewFile(file).close();
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
  });

  it('never judges a lock from another host stale', () => {
    const file = path.join(dir(), 'r.grove');
    createReviewFile(file).close();
    fs.writeFileSync(
      lockPathFor(file),
      JSON.stringify({ pid: 2 ** 22 + 1, host: 'elsewhere', since: '2026-01-01T00:00:00.000Z', app: 'grove serve' }),
    );
    expect(() => acquireReviewLock(file, 'grove test')).toThrow(/process 4194305 on elsewhere/);
  });
});

describe('read-only opening', () => {
  it.skipIf(process.getuid?.() === 0)('opens a file that cannot be written read-only, saying why, and changes nothing', () => {
    const d = dir();
    const file = path.join(d, 'r.grove');
    createReviewFile(file).close();
    fs.chmodSync(file, 0o444);
    const before = sha(file);
    const review = openReviewFile(file);
    expect(review.readOnly).toMatchObject({
      kind: 'not-writable',
      message: `${file} is read-only (its permissions do not allow changes).`,
    });
    review.close();
    expect(sha(file)).toBe(before);
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
  });

  it.skipIf(process.getuid?.() === 0)('reads a review in a read-only folder through a private copy', async () => {
    const d = dir();
    const sub = path.join(d, 'medium');
    fs.mkdirSync(sub);
    const file = path.join(sub, 'r.grove');
    createReviewFile(file, { title: 'On a CD' }).close();
    fs.chmodSync(sub, 0o555);
    cleanups.push(() => fs.chmodSync(sub, 0o755));
    const backend = createBackend({ host: 'in-process' });
    const review = backend.openFile(file);
    expect(review.readOnly?.kind).toBe('not-writable');
    expect((await inProcessClient(backend).call('review.summary', {})).title).toBe('On a CD');
    backend.closeFile();
    expect(fs.readdirSync(sub)).toEqual(['r.grove']);
  });

  it('refuses read-only opening of an older file, which must be upgraded first', () => {
    const file = path.join(dir(), 'r.grove');
    createReviewFile(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION - 1}`);
    raw.close();
    expect(() => openReviewFile(file, { readOnly: true })).toThrow(/uses review schema v\d+ and must be upgraded/);
  });
});

describe('cloud-synced folders', () => {
  it.each([
    ['/home/ann/Dropbox/reviews/r.grove', 'Dropbox'],
    ['/home/ann/Dropbox (Lab)/r.grove', 'Dropbox'],
    ['C:\\Users\\ann\\OneDrive - University\\r.grove', 'OneDrive'],
    ['/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/r.grove', 'iCloud Drive'],
    ['/Users/ann/Library/CloudStorage/GoogleDrive-ann@example.org/My Drive/r.grove', 'Google Drive'],
    ['/Users/ann/Library/CloudStorage/Box-Box/r.grove', 'Box'],
  ])('%s is in %s', (file, cloud) => {
    expect(cloudSyncedFolder(file)).toBe(cloud);
  });

  it('a local folder is not, and a file merely named like one is not', () => {
    expect(cloudSyncedFolder('/home/ann/reviews/dropbox-notes.grove')).toBeNull();
  });

  it('opening a review in one gives a warning', () => {
    const file = path.join(dir(), 'Dropbox', 'r.grove');
    const review = createReviewFile(file);
    expect(review.warnings[0]).toMatch(/is in a folder synced by Dropbox\. Syncing a review while it is open can corrupt it/);
    review.close();
  });
});

describe('a review open read-only, through the API', () => {
  it('says why in app.info and review.summary, and refuses every change with that reason', async () => {
    const file = path.join(dir(), 'Dropbox', 'r.grove');
    createReviewFile(file).close();
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(file, { readOnly: true });
    const client = inProcessClient(backend);
    const info = await client.call('app.info', {});
    expect(info.file?.readOnly).toBe(`${file} is open read-only, as asked.`);
    expect(info.file?.warnings?.[0]).toMatch(/synced by Dropbox/);
    expect((await client.call('review.summary', {})).file.readOnly).toBe(`${file} is open read-only, as asked.`);
    await expect(client.call('studies.create', { study: { label: 'X', status: 'included', identifiers: '', notes: '' } })).rejects.toThrow(
      `This review is open read-only, so it cannot be changed: ${file} is open read-only, as asked.`,
    );
    backend.closeFile();
  });
});
