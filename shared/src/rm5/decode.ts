// Turns the bytes of an .rm5 file into a string, honouring the XML encoding declaration
// (rm5-format.md §1): RevMan desktop writes ISO-8859-1, which is read as windows-1252 because
// some such files really contain cp1252 bytes 0x80–0x9F; Cochrane Library exports are UTF-8.

// TextDecoder is a standard (WHATWG Encoding) global in browsers, Electron and Node; the
// shared tsconfig has no DOM/Node typings, so declare the small part we use.
declare const TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(input: Uint8Array): string };

/** The encoding named in the XML declaration, lower-cased, or null when there is none. */
export function declaredEncoding(bytes: Uint8Array): string | null {
  // The declaration is ASCII in every encoding we accept; 200 bytes is ample.
  let head = '';
  const n = Math.min(bytes.length, 200);
  for (let i = 0; i < n; i++) head += String.fromCharCode(bytes[i] as number);
  const m = /^(?:\uFEFF|\xEF\xBB\xBF)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return m ? (m[1] as string).toLowerCase() : null;
}

/** Maps a declared encoding to the TextDecoder label to use. */
export function decoderLabel(declared: string | null): string {
  if (declared === null) return 'utf-8';
  if (declared === 'iso-8859-1' || declared === 'latin1' || declared === 'iso8859-1' || declared === 'us-ascii') {
    return 'windows-1252';
  }
  return declared;
}

// windows-1252 bytes 0x80–0x9F (0 = undefined in cp1252: kept as the C1 control, as the
// WHATWG decoder does). Decoded by hand because some runtimes' TextDecoder (Node without
// full ICU) treat "windows-1252" as plain ISO-8859-1 and return C1 controls.
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Decodes windows-1252 bytes (a superset of the printable ISO-8859-1 range). */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    chunk.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b);
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

/**
 * Decodes an .rm5 file. A UTF-8 byte-order mark wins over the declaration. Unknown
 * encodings fall back to windows-1252, which never fails (lossy last resort, as meta does).
 */
export function decodeRm5Bytes(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  const label = decoderLabel(declaredEncoding(bytes));
  if (label === 'windows-1252' || label === 'cp1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
