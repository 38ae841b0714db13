import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, PDF_CHUNK_BYTES, type ApiClient, type ApiError } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { UploadStore } from '../../../db/src/fs/upload-store.ts';
import { blobStats } from '../../../db/src/repositories/pdf-repo.ts';
import { openReviewFile } from '../../../db/src/review-file.ts';
import { tempDir } from '../../support/temp.ts';
import { importLinkingRecords, makePdf } from '../../support/fulltext-fixtures.ts';

// Issue 14, full texts: PDFs inside the review file, stored once per SHA-256, attached to
// records and studies through the audited path (undoable), read back piece by piece, and
// dropped by compaction once nothing refers to them.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function review() {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'review.grove');
  const uploads = new UploadStore({ dir: () => dir, maxBytes: 64 * 1024 * 1024, ttlMs: 60_000 });
  const backend = createBackend({ host: 'http', uploads });
  backend.createFile(file, 'Full texts');
  cleanups.push(() => {
    backend.closeFile();
    cleanup();
  });
  return { dir, file, uploads, backend, client: inProcessClient(backend) };
}

async function readBack(client: ApiClient, id: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let n = 0; ; n++) {
    const piece = await client.call('fullText.chunk', { id, n });
    parts.push(Buffer.from(piece.contentBase64, 'base64'));
    if (piece.last) return Buffer.concat(parts);
  }
}

const b64 = (b: Buffer) => b.toString('base64');
const stats = (backend: ReturnType<typeof review>['backend']) => {
  const r = openReviewFile(backend.currentFile()!, { readOnly: true });
  try {
    return blobStats(r.db);
  } finally {
    r.close();
  }
};

describe('PDFs in the review file', () => {
  it('stores a PDF once per content, attached to a record and a study, and reads it back byte for byte', async () => {
    const { client, backend } = review();
    const ids = await importLinkingRecords(client);
    const study = await client.call('studies.create', { study: { label: 'Cook 2012', status: 'included', identifiers: '', notes: '' } });
    const pdf = await makePdf('Group peer support: full text');
    const a = await client.call('fullText.attach', {
      target: { recordId: ids['trial-main']! },
      fileName: 'Cook 2012.pdf',
      contentBase64: b64(pdf),
    });
    expect(a).toMatchObject({ recordId: ids['trial-main'], studyId: null, fileName: 'Cook 2012.pdf', size: pdf.length });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const s = await client.call('fullText.attach', { target: { studyId: study.id }, fileName: 'same.pdf', contentBase64: b64(pdf) });
    expect(s.sha256).toBe(a.sha256);
    expect(stats(backend)).toEqual({ blobs: 1, bytes: pdf.length });
    expect(await readBack(client, a.id)).toEqual(pdf);
    expect(await client.call('fullText.list', { recordId: ids['trial-main']! })).toEqual([a]);
    expect(await client.call('fullText.list', { studyId: study.id })).toEqual([s]);
    // The same file attached again to the same record is the same attachment, and no change.
    const before = await client.call('history.status', {});
    expect(
      await client.call('fullText.attach', { target: { recordId: ids['trial-main']! }, fileName: 'again.pdf', contentBase64: b64(pdf) }),
    ).toEqual(a);
    expect(await client.call('history.status', {})).toEqual(before);
  });

  it('stores and reads back a PDF larger than one piece', async () => {
    const { client } = review();
    const ids = await importLinkingRecords(client);
    const small = await makePdf('padded');
    // A PDF may carry anything after %%EOF; 2.5 pieces of it.
    const big = Buffer.concat([small, Buffer.alloc(Math.floor(PDF_CHUNK_BYTES * 2.5), 0x20)]);
    const a = await client.call('fullText.attach', { target: { recordId: ids.other! }, fileName: 'big.pdf', contentBase64: b64(big) });
    expect((await client.call('fullText.chunk', { id: a.id, n: 0 })).last).toBe(false);
    // (Buffer.equals: a deep toEqual over megabytes takes minutes.)
    expect((await readBack(client, a.id)).equals(big)).toBe(true);
    const err = await client.call('fullText.chunk', { id: a.id, n: 3 }).catch((e: ApiError) => e);
    expect((err as ApiError).message).toMatch(/big\.pdf has 3 pieces; there is no piece 3/);
  });

  it('refuses a file that is not a PDF by its name, writing nothing', async () => {
    const { client, backend } = review();
    const ids = await importLinkingRecords(client);
    const before = await client.call('history.status', {});
    const html = Buffer.from('<!doctype html><script>alert(1)</script>%PDF-1.7');
    const err = (await client
      .call('fullText.attach', { target: { recordId: ids.other! }, fileName: 'paper.pdf', contentBase64: b64(html) })
      .catch((e: ApiError) => e)) as ApiError;
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe("paper.pdf is not a PDF (it does not start with %PDF-); attach the article's PDF file.");
    expect(await client.call('fullText.list', { recordId: ids.other! })).toEqual([]);
    expect(await client.call('history.status', {})).toEqual(before);
    expect(stats(backend)).toEqual({ blobs: 0, bytes: 0 });
    const missing = await client
      .call('fullText.attach', { target: { recordId: 'rec-nope-1' }, fileName: 'a.pdf', contentBase64: b64(await makePdf('x')) })
      .catch((e: ApiError) => e);
    expect((missing as ApiError).code).toBe('NOT_FOUND');
  });

  it('takes a streamed upload by token and removes its file, attached or refused', async () => {
    const { client, uploads, dir } = review();
    const ids = await importLinkingRecords(client);
    const pdf = await makePdf('uploaded');
    const up = await uploads.receive('Lee 2011.pdf', Readable.from([pdf]));
    const a = await client.call('fullText.attach', {
      target: { recordId: ids['trial-abstract']! },
      fileName: 'Lee 2011.pdf',
      uploadToken: up.token,
    });
    expect(await readBack(client, a.id)).toEqual(pdf);
    expect(fs.existsSync(up.path)).toBe(false);
    const bad = await uploads.receive('notes.pdf', Readable.from([Buffer.from('just text')]));
    const err = await client
      .call('fullText.attach', { target: { recordId: ids['trial-abstract']! }, fileName: 'notes.pdf', uploadToken: bad.token })
      .catch((e: ApiError) => e);
    expect((err as ApiError).message).toMatch(/^notes\.pdf is not a PDF/);
    expect(fs.existsSync(bad.path)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('upload'))).toEqual([]);
    expect((await client.call('fullText.list', { recordId: ids['trial-abstract']! })).map((x) => x.id)).toEqual([a.id]);
  });

  it('detaches undoably; compaction drops only unreferenced bytes, after which that detach cannot be undone', async () => {
    const { client, backend } = review();
    const ids = await importLinkingRecords(client);
    const kept = await makePdf('kept');
    const dropped = await makePdf('dropped');
    await client.call('fullText.attach', { target: { recordId: ids.other! }, fileName: 'kept.pdf', contentBase64: b64(kept) });
    const d = await client.call('fullText.attach', {
      target: { recordId: ids.other! },
      fileName: 'dropped.pdf',
      contentBase64: b64(dropped),
    });
    await client.call('fullText.detach', { id: d.id });
    expect((await client.call('fullText.list', { recordId: ids.other! })).map((x) => x.fileName)).toEqual(['kept.pdf']);
    // Undo brings the attachment back with its bytes; redo detaches it again.
    expect((await client.call('history.undo', {})).undone).toBe('Detach dropped.pdf');
    expect(await readBack(client, d.id)).toEqual(dropped);
    await client.call('history.redo', {});
    // Detached bytes stay until compaction.
    expect(stats(backend).blobs).toBe(2);
    expect(await client.call('fullText.compact', {})).toEqual({ droppedBlobs: 1, freedBytes: dropped.length });
    expect(stats(backend)).toEqual({ blobs: 1, bytes: kept.length });
    expect(await client.call('fullText.compact', {})).toEqual({ droppedBlobs: 0, freedBytes: 0 });
    const err = (await client.call('history.undo', {}).catch((e: ApiError) => e)) as ApiError;
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/^The PDF dropped\.pdf was dropped from the review when it was compacted/);
    expect((await client.call('fullText.list', { recordId: ids.other! })).map((x) => x.fileName)).toEqual(['kept.pdf']);
    // Attaching the file again brings it back.
    const again = await client.call('fullText.attach', {
      target: { recordId: ids.other! },
      fileName: 'dropped.pdf',
      contentBase64: b64(dropped),
    });
    expect(await readBack(client, again.id)).toEqual(dropped);
  });
});
