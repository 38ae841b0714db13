import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { inProcessClient, type ApiClient } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { forkReview } from '../../../db/src/merge/fork.ts';
import { mergeReviewFiles } from '../../../db/src/merge/merge-files.ts';
import { tempDir } from '../../support/temp.ts';
import { exampleReview, query } from '../../support/merge-fixtures.ts';
import { makePdf } from '../../support/fulltext-fixtures.ts';

// Issue 16 for full texts: PDFs travel with `grove fork` (the whole file) and `grove merge`
// (the blobs the incoming attachments name are copied in the merge's transaction). The
// blob's natural key is its hash: two copies attaching the same PDF meet, one blob, one
// attachment, no conflict.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function withClient<T>(file: string, fn: (c: ApiClient) => Promise<T>): Promise<T> {
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file);
  try {
    return await fn(inProcessClient(backend));
  } finally {
    backend.closeFile();
  }
}

const blobs = (file: string) =>
  query(file, (db) => db.prepare('SELECT sha256, size FROM pdf_blob ORDER BY sha256').all() as { sha256: string; size: number }[]);
const attachments = (file: string) =>
  query(file, (db) => db.prepare('SELECT id, sha256, study_id, file_name FROM pdf_attachment ORDER BY id').all());
const bytesOf = (file: string, sha: string) =>
  query(file, (db) =>
    Buffer.concat(db.prepare('SELECT data FROM pdf_blob_chunk WHERE sha256 = ? ORDER BY n').pluck().all(sha) as Buffer[]),
  );

describe('PDFs across copies', () => {
  it('go with a fork, come back with a merge, and meet on their hash', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const a = exampleReview(dir);
    const b = path.join(dir, 'b.grove');
    const [p1, p2, p3] = await Promise.all([makePdf('one'), makePdf('two'), makePdf('three')]);
    const b64 = (p: Buffer) => p.toString('base64');
    const studyId = await withClient(a, async (c) => {
      const s = (await c.call('studies.list', {}))[0]!;
      await c.call('fullText.attach', { target: { studyId: s.id }, fileName: 'one.pdf', contentBase64: b64(p1) });
      return s.id;
    });
    forkReview(a, b, 'Bea Blake');
    expect(blobs(b)).toEqual(blobs(a));
    expect(attachments(b)).toEqual(attachments(a));

    // Both copies attach "two" to the same study; only B attaches "three".
    await withClient(a, (c) => c.call('fullText.attach', { target: { studyId }, fileName: 'two.pdf', contentBase64: b64(p2) }));
    await withClient(b, async (c) => {
      await c.call('fullText.attach', { target: { studyId }, fileName: 'two.pdf', contentBase64: b64(p2) });
      await c.call('fullText.attach', { target: { studyId }, fileName: 'three.pdf', contentBase64: b64(p3) });
    });
    const report = mergeReviewFiles(a, b);
    expect(report.conflicts).toEqual([]);
    expect(blobs(a)).toHaveLength(3);
    expect(attachments(a)).toEqual(attachments(b));
    const three = (attachments(a) as { sha256: string; file_name: string }[]).find((x) => x.file_name === 'three.pdf')!;
    expect(bytesOf(a, three.sha256).equals(p3)).toBe(true);
    // Merging again changes nothing.
    expect(mergeReviewFiles(a, b)).toMatchObject({ applied: 0, events: 0, conflicts: [] });
    expect(blobs(a)).toHaveLength(3);
    // And the target reads the merged PDF through the API like its own.
    await withClient(a, async (c) => {
      const listed = await c.call('fullText.list', { studyId });
      expect(listed.map((x) => x.fileName).sort()).toEqual(['one.pdf', 'three.pdf', 'two.pdf']);
      const piece = await c.call('fullText.chunk', { id: listed.find((x) => x.fileName === 'three.pdf')!.id, n: 0 });
      expect(Buffer.from(piece.contentBase64, 'base64').equals(p3)).toBe(true);
    });
  });

  it('undoing the merge takes the attachments back; compaction then drops the bytes no attachment needs', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const a = exampleReview(dir);
    const b = path.join(dir, 'b.grove');
    forkReview(a, b, 'Bea Blake');
    const pdf = await makePdf('from B');
    await withClient(b, async (c) => {
      const s = (await c.call('studies.list', {}))[0]!;
      await c.call('fullText.attach', { target: { studyId: s.id }, fileName: 'b.pdf', contentBase64: pdf.toString('base64') });
    });
    mergeReviewFiles(a, b);
    expect(attachments(a)).toHaveLength(1);
    await withClient(a, async (c) => {
      expect((await c.call('history.undo', {})).undone).toMatch(/^Merge b\.grove/);
      expect(await c.call('fullText.compact', {})).toEqual({ droppedBlobs: 1, freedBytes: pdf.length });
    });
    expect(attachments(a)).toEqual([]);
    expect(blobs(a)).toEqual([]);
  });
});
