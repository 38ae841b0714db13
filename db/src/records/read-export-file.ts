import fs from 'node:fs';
import path from 'node:path';
import {
  detectEncoding,
  ExportFileRefused,
  ExportReader,
  looksBinary,
  type ExportReaderOptions,
  type ExportReadResult,
  type TextEncodingName,
} from '@grove/shared/records/index';

// The Node side of reading an export: bytes from disk in 1 MiB chunks, the encoding detected
// from the first chunk, decoded as a stream into the pure reader in shared/. UTF-8 is decoded
// strictly; if a later byte turns out not to be UTF-8, the file is read again as windows-1252,
// so a mostly-ASCII Windows export is never half-decoded.

const CHUNK = 1 << 20;

class NotUtf8 extends Error {}

function readWith(
  file: string,
  name: string,
  encoding: TextEncodingName,
  bomLength: number,
  options: ExportReaderOptions,
  onBytes: ((bytesRead: number) => void) | undefined,
): ExportReadResult {
  const fd = fs.openSync(file, 'r');
  let read = 0;
  try {
    const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
    const reader = new ExportReader(name, options);
    const buf = Buffer.allocUnsafe(CHUNK);
    let first = true;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      read += n;
      const bytes = first ? buf.subarray(bomLength, n) : buf.subarray(0, n);
      first = false;
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        throw new NotUtf8();
      }
      reader.push(text);
      onBytes?.(read);
    }
    try {
      reader.push(decoder.decode());
    } catch {
      throw new NotUtf8();
    }
    return reader.end();
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads one export file; throws ExportFileRefused (file and line) when it is refused whole.
 * `onBytes` hears how many bytes have been read so far, after each chunk.
 */
export function readExportFile(file: string, options: ExportReaderOptions = {}, onBytes?: (bytesRead: number) => void): ExportReadResult {
  const name = path.basename(file);
  const sample = Buffer.alloc(65_536);
  const fd = fs.openSync(file, 'r');
  const n = fs.readSync(fd, sample, 0, sample.length, 0);
  fs.closeSync(fd);
  const bytes = sample.subarray(0, n);
  const { encoding, bomLength } = detectEncoding(bytes);
  if (looksBinary(bytes, encoding)) throw new ExportFileRefused(name, 1, 'this is a binary file, not a text export');
  try {
    return readWith(file, name, encoding, bomLength, options, onBytes);
  } catch (err) {
    if (err instanceof NotUtf8) return readWith(file, name, 'windows-1252', 0, options, onBytes);
    throw err;
  }
}
