// Which text encoding an export is in, from its first bytes: a byte-order mark wins; otherwise
// bytes that are valid UTF-8 are UTF-8 and anything else is taken as windows-1252 (what older
// Windows exports of EndNote, Ovid and WoS are written in). The reader that decodes the whole
// file still checks UTF-8 as it goes and starts again as windows-1252 if a later byte is not.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: isValidUtf8Prefix(sample) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** True when the bytes are valid UTF-8, allowing a multi-byte sequence cut off at the end. */
export function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return true;
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

/**
 * A text export has no NUL bytes (outside UTF-16) and few control characters; anything else is
 * a binary file (a PDF, a zip, an image) that no parser should try to read.
 */
export function looksBinary(sample: Uint8Array, encoding: TextEncodingName): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return false;
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return sample.length > 0 && control / sample.length > 0.01;
}
