// A file chosen in the browser, as the base64 text the import call carries. Converted in
// slices so that a large export never builds one argument list of millions of characters.

const SLICE = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}
