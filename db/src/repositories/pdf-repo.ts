import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';

// PDFs in the review file (schema v10): blobs named by their SHA-256, written in 1 MiB
// chunks and never through the audit log, and the audited attachments that refer to them.

export interface PdfAttachmentRow {
  id: string;
  sha256: string;
  recordId: string | null;
  studyId: string | null;
  fileName: string;
  size: number;
  attachedAt: string;
}

type DbRow = Record<string, string | number | null>;

function toAttachment(r: DbRow): PdfAttachmentRow {
  return {
    id: String(r.id),
    sha256: String(r.sha256),
    recordId: r.record_id === null ? null : String(r.record_id),
    studyId: r.study_id === null ? null : String(r.study_id),
    fileName: String(r.file_name),
    size: Number(r.size),
    attachedAt: String(r.attached_at),
  };
}

export function attachmentRow(a: PdfAttachmentRow): Row {
  return {
    id: a.id,
    sha256: a.sha256,
    record_id: a.recordId,
    study_id: a.studyId,
    file_name: a.fileName,
    size: a.size,
    attached_at: a.attachedAt,
  };
}

export function getAttachment(db: Db, id: string): PdfAttachmentRow | null {
  const r = cached(db, 'SELECT * FROM pdf_attachment WHERE id = ?').get(id) as DbRow | undefined;
  return r ? toAttachment(r) : null;
}

/** A record's or a study's PDFs, in the order attached. */
export function listAttachments(db: Db, target: { recordId: string } | { studyId: string }): PdfAttachmentRow[] {
  const rows =
    'recordId' in target
      ? cached(db, 'SELECT * FROM pdf_attachment WHERE record_id = ? ORDER BY attached_at, id').all(target.recordId)
      : cached(db, 'SELECT * FROM pdf_attachment WHERE study_id = ? ORDER BY attached_at, id').all(target.studyId);
  return (rows as DbRow[]).map(toAttachment);
}

export function hasBlob(db: Db, sha256: string): boolean {
  return cached(db, 'SELECT 1 FROM pdf_blob WHERE sha256 = ?').get(sha256) !== undefined;
}

export function blobSize(db: Db, sha256: string): number | null {
  const r = cached(db, 'SELECT size FROM pdf_blob WHERE sha256 = ?').get(sha256) as { size: number } | undefined;
  return r?.size ?? null;
}

/**
 * Writes a blob from its chunks (in order), unaudited: the caller runs this in the
 * transaction of the change that attaches it. A blob already stored is left as it is
 * (same hash, same bytes).
 */
export function insertBlobUnaudited(db: Db, sha256: string, size: number, chunks: Iterable<Buffer>, now: string): void {
  if (hasBlob(db, sha256)) return;
  cached(db, 'INSERT INTO pdf_blob (sha256, size, created_at) VALUES (?, ?, ?)').run(sha256, size, now);
  const insert = cached(db, 'INSERT INTO pdf_blob_chunk (sha256, n, data) VALUES (?, ?, ?)');
  let n = 0;
  for (const chunk of chunks) insert.run(sha256, n++, chunk);
}

/** One chunk of a blob, or null past its end (or when it is gone). */
export function readBlobChunk(db: Db, sha256: string, n: number): Buffer | null {
  const r = cached(db, 'SELECT data FROM pdf_blob_chunk WHERE sha256 = ? AND n = ?').get(sha256, n) as { data: Buffer } | undefined;
  return r?.data ?? null;
}

/** Every chunk of a blob, in order (copying it to another file). */
export function* blobChunks(db: Db, sha256: string): Generator<Buffer> {
  for (let n = 0; ; n++) {
    const chunk = readBlobChunk(db, sha256, n);
    if (!chunk) return;
    yield chunk;
  }
}

/** Hashes of the attachments given (by row) whose blob the file lacks. */
export function missingBlobs(db: Db, hashes: Iterable<string>): string[] {
  return [...new Set(hashes)].filter((h) => !hasBlob(db, h));
}

/** Blobs no attachment refers to, with their sizes. */
export function unreferencedBlobs(db: Db): { sha256: string; size: number }[] {
  return cached(
    db,
    'SELECT b.sha256 AS sha256, b.size AS size FROM pdf_blob b WHERE NOT EXISTS (SELECT 1 FROM pdf_attachment a WHERE a.sha256 = b.sha256) ORDER BY b.sha256',
  ).all() as { sha256: string; size: number }[];
}

export function deleteBlobUnaudited(db: Db, sha256: string): void {
  cached(db, 'DELETE FROM pdf_blob_chunk WHERE sha256 = ?').run(sha256);
  cached(db, 'DELETE FROM pdf_blob WHERE sha256 = ?').run(sha256);
}

/** How many blobs the file holds and their bytes. */
export function blobStats(db: Db): { blobs: number; bytes: number } {
  const r = cached(db, 'SELECT count(*) AS blobs, coalesce(sum(size), 0) AS bytes FROM pdf_blob').get() as { blobs: number; bytes: number };
  return r;
}

export function recordExistsForPdf(db: Db, recordId: string): boolean {
  return cached(db, 'SELECT 1 FROM record WHERE id = ?').get(recordId) !== undefined;
}

export function studyExistsForPdf(db: Db, studyId: string): boolean {
  return cached(db, 'SELECT 1 FROM study WHERE id = ?').get(studyId) !== undefined;
}
