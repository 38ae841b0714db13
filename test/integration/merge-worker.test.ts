import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, inProcessClient, type ChangeSummary, type ProgressEvent } from '@grove/shared';
import { createBackend } from '../../db/src/backend.ts';
import { openConnection } from '../../db/src/connection.ts';
import { buildMergeLoad } from '../support/merge-load.ts';
import { tempDir } from '../support/temp.ts';

// File › Merge runs on a worker thread (db/src/merge/merge-in-worker.ts): while it runs the
// backend answers reads (the review as it was, until the merge commits) and sends the
// merge's progress, and a write sent meanwhile waits for the merge instead of meeting its
// write lock; a merge that fails in the worker leaves the review as it was, with a message.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const EVENTS = 2_000;

function setUp() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const load = buildMergeLoad(t.dir, EVENTS);
  const progress: ProgressEvent[] = [];
  const listeners: Array<(e: ProgressEvent) => void> = [];
  const backend = createBackend({
    host: 'in-process',
    onProgress: (e) => {
      progress.push(e);
      for (const l of listeners) l(e);
    },
  });
  backend.openFile(load.target);
  cleanups.push(() => backend.closeFile());
  const changes: Array<ChangeSummary | null> = [];
  const client = inProcessClient(backend.connect(), { onMutation: (_m, change) => changes.push(change) });
  const count = (sql: string): number => {
    const db = openConnection(load.target, { readonly: true });
    try {
      return db.prepare(sql).pluck().get() as number;
    } finally {
      db.close();
    }
  };
  const untilPhase = (phase: ProgressEvent['phase']) =>
    new Promise<void>((resolve) => listeners.push((e) => e.phase === phase && resolve()));
  return { ...load, dir: t.dir, client, progress, changes, count, untilPhase, copyBase64: fs.readFileSync(load.copy).toString('base64') };
}

describe('merging on a worker thread', () => {
  it('answers a read while the merge runs, holds a write back until it is done, and reports its progress', async () => {
    const s = setUp();
    const studyId = s.studyIds[1]!;
    // Hold the merge: another connection keeps the file's write lock, so the worker waits
    // (well within its busy timeout) at its first write, inside its transaction.
    const hold = openConnection(s.target);
    hold.prepare('BEGIN IMMEDIATE').run();
    let held = true;
    cleanups.push(() => {
      if (held) hold.prepare('ROLLBACK').run();
      hold.close();
    });

    const order: string[] = [];
    const merging = s.untilPhase('merging');
    const merge = s.client.call('merge.fromUpload', { fileName: 'copy.grove', contentBase64: s.copyBase64 }).then((r) => {
      order.push('merge');
      return r;
    });
    await merging;
    // The merge is under way: a read is answered at once, with the review as it was.
    const read = await s.client.call('studies.get', { id: studyId });
    order.push('read');
    expect(read.notes).toBe('');
    // A write waits for the merge rather than interleaving with it.
    const write = s.client.call('studies.update', { id: studyId, patch: { notes: 'typed during the merge' } }).then((r) => {
      order.push('write');
      return r;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(order).toEqual(['read']);

    hold.prepare('COMMIT').run();
    held = false;
    const report = await merge;
    await write;
    expect(order).toEqual(['read', 'merge', 'write']);
    // The copy's edits, and its fork's own change (its reviewer).
    expect(report.events).toBe(EVENTS + 1);
    expect(report.backup).not.toBeNull();
    expect(fs.existsSync(report.backup!)).toBe(true);
    // The reply names the merge as the change it made (one undoable change), then the write.
    expect(s.changes[0]?.label).toBe('Merge copy.grove');
    expect(s.changes[0]?.touched.find((t) => t.table === 'study')?.ids).toContain(studyId);
    expect(s.changes[1]?.label).not.toBe('Merge copy.grove');
    expect((await s.client.call('studies.get', { id: studyId })).notes).toBe('typed during the merge');
    expect(s.count("SELECT count(*) FROM change WHERE label = 'Merge copy.grove'")).toBe(1);
    // Progress: the copy read (bytes), then every change brought in, ending at the totals.
    const merged = s.progress.filter((e) => e.phase === 'merging');
    expect(s.progress[0]?.phase).toBe('reading');
    expect(merged.at(-1)).toMatchObject({ operation: 'Merging copy.grove', done: report.events, total: report.events });
    expect(merged.map((e) => e.done)).toEqual([...merged.map((e) => e.done)].sort((a, b) => a - b));

    // One undo takes the merge back once the write after it is undone.
    await s.client.call('history.undo', {});
    await s.client.call('history.undo', {});
    expect((await s.client.call('studies.get', { id: studyId })).notes).toBe('');
  }, 60_000);

  it('leaves the review unchanged when the merge fails in the worker, says why, and lets the next write through', async () => {
    const s = setUp();
    // A copy whose last change writes a table this Grove does not know: the merge fails
    // inside its transaction, after the backup.
    const copy = openConnection(s.copy);
    copy.prepare("UPDATE audit_entry SET table_name = 'no_such_table' WHERE id = (SELECT max(id) FROM audit_entry)").run();
    copy.pragma('wal_checkpoint(TRUNCATE)');
    copy.close();
    const changesBefore = s.count('SELECT count(*) FROM change');
    const auditBefore = s.count('SELECT count(*) FROM audit_entry');

    const err = await s.client
      .call('merge.fromUpload', { fileName: 'copy.grove', contentBase64: fs.readFileSync(s.copy).toString('base64') })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toMatch(/writes table no_such_table, which this Grove does not know/);
    expect(s.count('SELECT count(*) FROM change')).toBe(changesBefore);
    expect(s.count('SELECT count(*) FROM audit_entry')).toBe(auditBefore);
    expect(s.count('SELECT count(*) FROM merged_event')).toBe(0);
    expect((await s.client.call('studies.get', { id: s.studyIds[1]! })).notes).toBe('');

    await s.client.call('studies.update', { id: s.studyIds[1]!, patch: { notes: 'after the failed merge' } });
    expect((await s.client.call('studies.get', { id: s.studyIds[1]! })).notes).toBe('after the failed merge');
    expect(fs.readdirSync(s.dir).filter((f) => f.startsWith('.grove-') || f.includes('.tmp'))).toEqual([]);
    expect(path.basename(s.target)).toBe('target.grove');
  }, 60_000);
});
