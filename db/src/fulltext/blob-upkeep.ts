import { ApiError } from '@grove/shared';
import { addChangeHook } from '../changes.ts';
import type { Db } from '../connection.ts';
import { deleteBlobUnaudited, getAttachment, hasBlob, unreferencedBlobs } from '../repositories/pdf-repo.ts';

// A PDF's bytes (pdf_blob) are kept while anything may need them and dropped by compaction
// (`fullText.compact`), not at once: detaching is undoable, and the undo puts back only the
// attachment row, which needs the bytes still there. Compaction drops the blobs no
// attachment refers to; a change that would then bring back an attachment of a dropped blob
// (undoing that detach, redoing that attach) is refused, naming the file, and writes nothing.

export function keepAttachmentsWhole(db: Db): void {
  addChangeHook(db, (w) => {
    const ids = w.touched().find((t) => t.table === 'pdf_attachment')?.ids ?? [];
    for (const id of ids) {
      const a = getAttachment(db, id);
      if (a && !hasBlob(db, a.sha256))
        throw new ApiError(
          'CONFLICT',
          `The PDF ${a.fileName} was dropped from the review when it was compacted, so it cannot be attached again this way; attach the file again.`,
        );
    }
  });
}

/** Drops every blob no attachment refers to, in one transaction. */
export function compactPdfs(db: Db): { droppedBlobs: number; freedBytes: number } {
  return db.transaction(() => {
    const gone = unreferencedBlobs(db);
    for (const b of gone) deleteBlobUnaudited(db, b.sha256);
    return { droppedBlobs: gone.length, freedBytes: gone.reduce((s, b) => s + b.size, 0) };
  })();
}
