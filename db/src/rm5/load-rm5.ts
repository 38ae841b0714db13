import fs from 'node:fs';
import { decodeRm5Bytes, parseRm5Document, Rm5ParseError, rm5ReferenceProblems, type Rm5Review } from '@grove/shared/rm5/index';
import type { XmlElement } from '@grove/shared/rm5/xml-tree';

// Reads an .rm5 file from disk into the typed review, refusing anything that is not one with
// a message naming the file and, where possible, the element and line (issue 6: truncated
// XML, a data row pointing to a missing study, a text file renamed .rm5).

export class Rm5FileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'Rm5FileError';
  }
}

export interface LoadedRm5 {
  file: string;
  xml: string;
  /** The one parse of the file: the import reads this tree, the analyses the typed view. */
  tree: XmlElement;
  review: Rm5Review;
}

function describeBinary(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return 'it is a ZIP archive, not an .rm5 (XML) file (a RevMan Web data package is imported with --from on the .zip itself)';
  }
  if (bytes.length >= 16 && String.fromCharCode(...bytes.subarray(0, 15)) === 'SQLite format 3')
    return 'it is an SQLite database, not an .rm5 (XML) file';
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return 'it is a binary file, not an .rm5 (XML) file';
  return null;
}

/** Decodes and parses the text of an .rm5 file; `name` is used in messages. */
export function parseRm5Text(name: string, xml: string): LoadedRm5 {
  let review: Rm5Review;
  let tree: XmlElement;
  try {
    ({ review, tree } = parseRm5Document(xml));
  } catch (err) {
    if (err instanceof Rm5ParseError) throw new Rm5FileError(name, `${name}: ${err.message}`);
    throw err;
  }
  const problems = rm5ReferenceProblems(review, xml);
  if (problems.length > 0) {
    const first = problems
      .slice(0, 3)
      .map((p) => `${p.where}${p.line !== null ? ` (line ${p.line})` : ''}: ${p.message}`)
      .join('; ');
    throw new Rm5FileError(name, `${name}: ${first}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`);
  }
  return { file: name, xml, tree, review };
}

export function loadRm5Bytes(name: string, bytes: Uint8Array): LoadedRm5 {
  if (bytes.length === 0) throw new Rm5FileError(name, `${name} is empty, not an .rm5 file.`);
  const binary = describeBinary(bytes);
  if (binary) throw new Rm5FileError(name, `${name}: ${binary}.`);
  return parseRm5Text(name, decodeRm5Bytes(bytes));
}

export function loadRm5File(file: string): LoadedRm5 {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Rm5FileError(file, code === 'ENOENT' ? `${file} does not exist.` : `${file} cannot be read: ${(err as Error).message}`);
  }
  return loadRm5Bytes(file, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
