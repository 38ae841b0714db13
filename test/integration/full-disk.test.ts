import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportReview } from '../../db/src/document/export-review.ts';
import { createReviewFromDocument } from '../../db/src/document/import-review.ts';
import { createExampleReview } from '../../db/src/example/create-example.ts';
import { writeRm5File } from '../../db/src/rm5/export-rm5.ts';
import { dispatch } from '@grove/shared';
import { createBackend } from '../../db/src/backend.ts';
import { createReviewFile, openReviewFile } from '../../db/src/review-file.ts';
import { tempDir } from '../support/temp.ts';

// Full disks (issue 11): a 2 MB tmpfs (room for a new review file and its journal), filled up. An import, an export or an edit onto it
// fails with a message naming the file, leaves the previous file whole and nothing half-written.
// Mounting needs root (or CAP_SYS_ADMIN); elsewhere the suite skips, saying so.

const { dir, cleanup } = tempDir('grove-full-disk-');
const mountPoint = path.join(dir, 'small');
fs.mkdirSync(mountPoint);
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]).status === 0;
if (!mounted) console.log('[full-disk] skipped: this machine does not allow mounting a tmpfs here');
afterAll(() => {
  if (mounted) spawnSync('umount', [mountPoint]);
  cleanup();
});

let doc: ReturnType<typeof exportReview>;
let source: ReturnType<typeof createExampleReview>;
beforeAll(() => {
  source = createExampleReview(path.join(dir, 'example.grove'));
  doc = exportReview(source.db);
});
afterAll(() => source.close());

function fill(): void {
  // Everything but a few KB: enough for a directory entry, not for an export or a review.
  const filler = path.join(mountPoint, 'filler');
  fs.rmSync(filler, { force: true });
  const fd = fs.openSync(filler, 'w');
  try {
    const chunk = Buffer.alloc(4096, 1);
    for (;;) fs.writeSync(fd, chunk);
  } catch {
    // ENOSPC: full
  } finally {
    fs.closeSync(fd);
  }
}

describe.skipIf(!mounted)('on a full disk', () => {
  it('an export fails naming the file, and the previous export is whole', () => {
    const out = path.join(mountPoint, 'review.rm5');
    fs.writeFileSync(out, 'the previous export');
    fill();
    expect(() => writeRm5File(source.db, out)).toThrow(`Cannot write ${out}: the disk is full. The previous file is unchanged.`);
    expect(fs.readFileSync(out, 'utf8')).toBe('the previous export');
    expect(fs.readdirSync(mountPoint).sort()).toEqual(['filler', 'review.rm5']);
  });

  it('an import fails naming the file, and leaves no review behind', () => {
    fs.rmSync(path.join(mountPoint, 'filler'), { force: true });
    fs.rmSync(path.join(mountPoint, 'review.rm5'), { force: true });
    fill();
    const out = path.join(mountPoint, 'imported.grove');
    let message = '';
    try {
      createReviewFromDocument(out, 'example.json', doc).close();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(out);
    expect(message).toMatch(/disk is full|No review file was created/);
    expect(fs.readdirSync(mountPoint)).toEqual(['filler']);
  });

  it('an edit fails naming the review, and the review stays whole and opens with every earlier edit', async () => {
    for (const n of fs.readdirSync(mountPoint)) fs.rmSync(path.join(mountPoint, n), { recursive: true, force: true });
    const file = path.join(mountPoint, 'edited.grove');
    createReviewFile(file, { title: 'Before the disk filled' }).close();
    const backend = createBackend({ host: 'in-process', app: 'full-disk test' });
    backend.openFile(file);
    try {
      const study = (label: string, notes = '') => ({ study: { label, status: 'included', identifiers: '', notes } });
      const saved = await dispatch(backend, 'studies.create', study('Saved 2020'));
      expect(saved).toMatchObject({ ok: true });
      fill();
      // Notes large enough that SQLite must grow its files for them (with their audit entry).
      const failed = await dispatch(backend, 'studies.create', study('Lost 2021', 'x'.repeat(19_000)));
      expect(failed.ok).toBe(false);
      if (failed.ok) return;
      expect(failed.error.message).toBe(
        `Cannot save the change to ${file}: the disk is full. The change was not saved; the review is as it was before it. Free some space and try again.`,
      );
      // With space again, the same session saves the next edit.
      fs.rmSync(path.join(mountPoint, 'filler'), { force: true });
      expect(await dispatch(backend, 'studies.create', study('After 2022'))).toMatchObject({ ok: true });
    } finally {
      backend.closeFile();
    }
    fs.rmSync(path.join(mountPoint, 'filler'), { force: true });
    // Opens in Grove (not only in sqlite3), intact, with the saved study and without the lost one.
    const reopened = openReviewFile(file);
    try {
      expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const labels = (reopened.db.prepare('SELECT label FROM study ORDER BY label').all() as { label: string }[]).map((r) => r.label);
      expect(labels).toEqual(['After 2022', 'Saved 2020']);
    } finally {
      reopened.close();
    }
  });
});
