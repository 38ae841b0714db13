import type { Db } from '../connection.ts';
import { blobChunks, blobSize, hasBlob, insertBlobUnaudited } from '../repositories/pdf-repo.ts';
import type { ChangeEvent } from './events.ts';

// PDFs travel with merges. Their bytes are not in the change events (the audit log keeps
// rows, and a blob is named by its hash, not audited), so a merge copies from the other
// copy every blob its incoming attachment rows name that the target lacks, in the merge's
// transaction, before the rows are applied. Two copies that attached the same PDF hold one
// blob under one hash: it meets itself and is not copied. (`grove fork` copies the whole
// file, blobs included.)

/** The hashes the events' attachment rows name. */
export function blobsNamedBy(events: readonly ChangeEvent[]): Set<string> {
  const hashes = new Set<string>();
  for (const e of events)
    for (const entry of e.entries) {
      if (entry.table !== 'pdf_attachment') continue;
      for (const row of [entry.before, entry.after]) if (row && typeof row.sha256 === 'string') hashes.add(row.sha256);
    }
  return hashes;
}

/** Copies the blobs `hashes` names from `other` into `target` where the target lacks them; returns how many. */
export function copyMissingBlobs(target: Db, other: Db, hashes: Iterable<string>, now: string): number {
  let copied = 0;
  for (const h of hashes) {
    if (hasBlob(target, h)) continue;
    const size = blobSize(other, h);
    // The other copy compacted it away (its attachment was detached there): nothing to bring.
    if (size === null) continue;
    insertBlobUnaudited(target, h, size, blobChunks(other, h), now);
    copied++;
  }
  return copied;
}
