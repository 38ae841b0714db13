import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, type ProgressEvent } from '@grove/shared';
import { createBackend } from '../../db/src/backend.ts';
import { openConnection } from '../../db/src/connection.ts';
import { createReviewFile } from '../../db/src/review-file.ts';
import { ReviewBusyError } from '../../db/src/service/review-work.ts';
import { buildMergeLoad } from '../support/merge-load.ts';
import { tempDir } from '../support/temp.ts';

// File › Merge runs on a worker thread whose own connection writes the open review
// (db/src/merge/merge-in-worker.ts). Closing the review, or opening another in its place,
// while it runs would release the review's lock and checkpoint it under the worker's
// writes: the backend refuses both, naming the merge, and a host that must close waits
// for it (whenIdle) — the merge then lands whole in the file.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const EVENTS = 200;

describe('closing or switching reviews while a merge runs', () => {
  it('is refused with a message naming the merge, and waiting for it sees the merge land whole', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const load = buildMergeLoad(t.dir, EVENTS);
    const other = path.join(t.dir, 'other.grove');
    createReviewFile(other, { title: 'Another review' }).close();
    const listeners: Array<(e: ProgressEvent) => void> = [];
    const backend = createBackend({ host: 'in-process', onProgress: (e) => listeners.forEach((l) => l(e)) });
    backend.openFile(load.target);
    cleanups.push(() => {
      if (backend.busyWith() === null) backend.closeFile();
    });
    const client = inProcessClient(backend.connect());
    expect(backend.busyWith()).toBeNull();

    // Hold the merge inside its transaction: another connection keeps the write lock.
    const hold = openConnection(load.target);
    hold.prepare('BEGIN IMMEDIATE').run();
    let held = true;
    cleanups.push(() => {
      if (held) hold.prepare('ROLLBACK').run();
      hold.close();
    });
    const merging = new Promise<void>((resolve) => listeners.push((e) => e.phase === 'merging' && resolve()));
    const merge = client.call('merge.fromUpload', { fileName: 'copy.grove', contentBase64: fs.readFileSync(load.copy).toString('base64') });
    await merging;

    expect(backend.busyWith()).toBe('merging copy.grove');
    expect(() => backend.closeFile()).toThrow(ReviewBusyError);
    expect(() => backend.closeFile()).toThrow(/target\.grove is still merging copy\.grove: wait for it to finish before closing it/);
    expect(() => backend.openFile(other)).toThrow(/still merging copy\.grove: wait for it to finish before opening another review/);
    expect(() => backend.createFile(path.join(t.dir, 'new.grove'))).toThrow(ReviewBusyError);
    // Nothing was opened or created in its place, and the review is still open.
    expect(fs.existsSync(path.join(t.dir, 'new.grove'))).toBe(false);
    expect(backend.currentFile()).toBe(load.target);

    const idle = backend.whenIdle();
    let settled = false;
    void idle.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(settled).toBe(false);
    hold.prepare('COMMIT').run();
    held = false;
    const report = await merge;
    await idle;
    expect(report.events).toBe(EVENTS + 1);
    expect(backend.busyWith()).toBeNull();
    backend.closeFile();
    expect(backend.currentFile()).toBeNull();
    const db = openConnection(load.target, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM change WHERE label = 'Merge copy.grove'").pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM merged_event').pluck().get()).toBe(EVENTS + 1);
    } finally {
      db.close();
    }
    // Now another review opens.
    backend.openFile(other);
    expect(backend.currentFile()).toBe(other);
    backend.closeFile();
  }, 60_000);
});
