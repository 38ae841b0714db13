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
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Reads bytes as ISO-8859-1, one character per byte (the host may give a native one: Node's Buffer). */
export type Latin1Decoder = (bytes: Uint8Array) => string;

function latin1Portable(bytes: Uint8Array): string {
  let out = '';
  for (let at = 0; at < bytes.length; at += 8192) out += String.fromCharCode(...bytes.subarray(at, at + 8192));
  return out;
}

/** Decodes windows-1252 bytes (a superset of the printable ISO-8859-1 range). */
export function decodeWindows1252(bytes: Uint8Array, latin1: Latin1Decoder = latin1Portable): string {
  // Byte for byte first, then the few cp1252 bytes 0x80–0x9F mapped (most files have none).
  const out = latin1(bytes);
  return /[\u0080-\u009f]/.test(out)
    ? out.replace(/[\u0080-\u009f]/g, (ch) => String.fromCharCode(CP1252_HIGH[ch.charCodeAt(0) - 0x80] || ch.charCodeAt(0)))
    : out;
}

/**
 * Decodes an .rm5 file. A UTF-8 byte-order mark wins over the declaration. Unknown
 * encodings fall back to windows-1252, which never fails (lossy last resort, as meta does).
 * `latin1` is a faster byte-to-character decoder where the host has one (a 4 MB review
 * took 200 ms in portable code, issue 11's `rm5 analyze` target).
 */
export function decodeRm5Bytes(bytes: Uint8Array, latin1?: Latin1Decoder): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  const label = decoderLabel(declaredEncoding(bytes));
  if (label === 'windows-1252' || label === 'cp1252') return decodeWindows1252(bytes, latin1);
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return decodeWindows1252(bytes, latin1);
  }
}
