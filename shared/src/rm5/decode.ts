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

/**
 * Decodes an .rm5 file. A UTF-8 byte-order mark wins over the declaration. Unknown
 * encodings fall back to windows-1252, which never fails (lossy last resort, as meta does).
 */
export function decodeRm5Bytes(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  const label = decoderLabel(declaredEncoding(bytes));
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
