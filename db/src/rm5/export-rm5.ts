import { reviewDocumentToRm5 } from '@grove/shared/rm5/to-rm5';
import { latin1Bytes, writeXmlDocument } from '@grove/shared/rm5/xml-tree';
import type { Db } from '../connection.ts';
import { exportReview } from '../document/export-review.ts';
import { writeFileAtomic } from '../fs/atomic-write.ts';

// `grove export FILE --rm5 OUT.rm5`: the review as a RevMan 5 file, ISO-8859-1 with every
// character above U+00FF as a numeric reference, as desktop RevMan writes it.

export function rm5Text(db: Db): string {
  return writeXmlDocument(reviewDocumentToRm5(exportReview(db)));
}

/** Written atomically: OUT holds the old file or the whole export, never part of one. */
export function writeRm5File(db: Db, out: string): void {
  writeFileAtomic(out, latin1Bytes(rm5Text(db)));
}
