import { ApiError, type FullTextTarget, type PdfAttachment } from '@grove/shared';
import { recordChange, type Actor } from '../changes.ts';
import type { Db } from '../connection.ts';
import { naturalRowId } from '../merge/row-identity.ts';
import { attachmentRow, getAttachment, insertBlobUnaudited, recordExistsForPdf, studyExistsForPdf } from '../repositories/pdf-repo.ts';
import { TABLES } from '../tables.ts';
import { checkAndHashPdf, NotAPdfError, type PdfSource } from './pdf-source.ts';

// Attaching a PDF: checked (a PDF, within the size limit) and hashed first, then in one
// transaction its bytes are stored (unless the file holds them already: one copy per
// content) and the attachment row is written through the audited path, so a refused or
// failed attach leaves nothing behind and one undo takes the attachment back.

function targetOf(db: Db, target: FullTextTarget): { recordId: string | null; studyId: string | null } {
  if ('recordId' in target) {
    if (!recordExistsForPdf(db, target.recordId)) throw new ApiError('NOT_FOUND', `There is no record with id ${target.recordId}.`);
    return { recordId: target.recordId, studyId: null };
  }
  if (!studyExistsForPdf(db, target.studyId)) throw new ApiError('NOT_FOUND', `There is no study with id ${target.studyId}.`);
  return { recordId: null, studyId: target.studyId };
}

export function attachPdf(db: Db, actor: Actor, target: FullTextTarget, source: PdfSource): PdfAttachment {
  const where = targetOf(db, target);
  let sha256: string;
  try {
    sha256 = checkAndHashPdf(source);
  } catch (err) {
    if (err instanceof NotAPdfError) throw new ApiError('VALIDATION', err.message);
    throw err;
  }
  // One id per (what it is attached to, content): attaching the same PDF again changes
  // nothing, and two copies of the review attaching it meet in a merge.
  const id = naturalRowId('pdf_attachment', where.recordId ?? '', where.studyId ?? '', sha256);
  const existing = getAttachment(db, id);
  if (existing) return existing;
  recordChange(db, actor, `Attach ${source.fileName}`, (w) => {
    insertBlobUnaudited(db, sha256, source.size, source.chunks(), actor.now);
    w.insert(
      TABLES.pdfAttachment,
      attachmentRow({ id, sha256, ...where, fileName: source.fileName, size: source.size, attachedAt: actor.now }),
      `Attached ${source.fileName}`,
    );
  });
  return getAttachment(db, id)!;
}

export function detachPdf(db: Db, actor: Actor, id: string): void {
  const a = getAttachment(db, id);
  if (!a) throw new ApiError('NOT_FOUND', `There is no attached PDF with id ${id}; it may have been detached already.`);
  recordChange(db, actor, `Detach ${a.fileName}`, (w) => {
    w.delete(TABLES.pdfAttachment, id, `Detached ${a.fileName}`);
  });
}
