import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { MAX_PDF_BYTES, PDF_CHUNK_BYTES } from '@grove/shared';

// A PDF about to be stored: from an upload's file on disk or from bytes sent over IPC.
// Read in stored-chunk pieces, twice at most (once to hash and check, once to store),
// so a large file is never held whole in memory.

export class NotAPdfError extends Error {
  constructor(fileName: string, why: string) {
    super(`${fileName} is not a PDF (${why}); attach the article's PDF file.`);
    this.name = 'NotAPdfError';
  }
}

export interface PdfSource {
  readonly fileName: string;
  readonly size: number;
  /** The file's bytes in stored-chunk pieces, in order. */
  chunks(): Iterable<Buffer>;
}

export function pdfFromBytes(fileName: string, bytes: Buffer): PdfSource {
  return {
    fileName,
    size: bytes.length,
    *chunks() {
      for (let at = 0; at < bytes.length; at += PDF_CHUNK_BYTES) yield bytes.subarray(at, at + PDF_CHUNK_BYTES);
    },
  };
}

export function pdfFromFile(fileName: string, file: string): PdfSource {
  const size = fs.statSync(file).size;
  return {
    fileName,
    size,
    *chunks() {
      const fd = fs.openSync(file, 'r');
      try {
        for (let at = 0; at < size;) {
          const buf = Buffer.allocUnsafe(Math.min(PDF_CHUNK_BYTES, size - at));
          let got = 0;
          while (got < buf.length) {
            const n = fs.readSync(fd, buf, got, buf.length - got, at + got);
            if (n === 0) throw new Error(`${fileName} became shorter while it was read.`);
            got += n;
          }
          at += got;
          yield buf;
        }
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * Checks that the source is a PDF (it starts with `%PDF-`, as every PDF writer puts it;
 * anything else, an HTML page saved as .pdf included, is refused by name) within the size
 * limit, and returns its SHA-256 (lower-case hex).
 */
export function checkAndHashPdf(source: PdfSource): string {
  if (source.size === 0) throw new NotAPdfError(source.fileName, 'it is empty');
  if (source.size > MAX_PDF_BYTES)
    throw new NotAPdfError(source.fileName, `it is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB, the largest PDF Grove keeps`);
  const hash = createHash('sha256');
  let first = true;
  for (const chunk of source.chunks()) {
    if (first) {
      if (chunk.length < PDF_MAGIC.length || !chunk.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC))
        throw new NotAPdfError(source.fileName, 'it does not start with %PDF-');
      first = false;
    }
    hash.update(chunk);
  }
  return hash.digest('hex');
}
