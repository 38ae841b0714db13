import fs from 'node:fs';
import {
  decodeRm5Bytes,
  parseRm5Document,
  parseRm5Review,
  Rm5ParseError,
  rm5ReferenceProblems,
  type Rm5Review,
} from '@grove/shared/rm5/index';
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

/** Node's native ISO-8859-1 decoding, many times faster than portable code on a large review. */
const nodeLatin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

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

/** The file's typed review, refused (naming the file, element and line) when the XML or its references are broken. */
function checkedParse<T extends { review: Rm5Review }>(name: string, xml: string, parse: (xml: string) => T): T {
  let parsed: T;
  try {
    parsed = parse(xml);
  } catch (err) {
    if (err instanceof Rm5ParseError) throw new Rm5FileError(name, `${name}: ${err.message}`);
    throw err;
  }
  const problems = rm5ReferenceProblems(parsed.review, xml);
  if (problems.length > 0) {
    const first = problems
      .slice(0, 3)
      .map((p) => `${p.where}${p.line !== null ? ` (line ${p.line})` : ''}: ${p.message}`)
      .join('; ');
    throw new Rm5FileError(name, `${name}: ${first}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`);
  }
  return parsed;
}

/** Decodes and parses the text of an .rm5 file; `name` is used in messages. */
export function parseRm5Text(name: string, xml: string): LoadedRm5 {
  const { review, tree } = checkedParse(name, xml, parseRm5Document);
  return { file: name, xml, tree, review };
}

function decodeChecked(name: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new Rm5FileError(name, `${name} is empty, not an .rm5 file.`);
  const binary = describeBinary(bytes);
  if (binary) throw new Rm5FileError(name, `${name}: ${binary}.`);
  return decodeRm5Bytes(bytes, nodeLatin1);
}

export function loadRm5Bytes(name: string, bytes: Uint8Array): LoadedRm5 {
  return parseRm5Text(name, decodeChecked(name, bytes));
}

function readRm5(file: string): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Rm5FileError(file, code === 'ENOENT' ? `${file} does not exist.` : `${file} cannot be read: ${(err as Error).message}`);
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function loadRm5File(file: string): LoadedRm5 {
  return loadRm5Bytes(file, readRm5(file));
}

/**
 * Only the typed review, for analysing (`grove rm5 analyze`): the same checks and
 * messages as loadRm5File, without building the tree an import needs.
 */
export function loadRm5ReviewFile(file: string): { file: string; review: Rm5Review } {
  const xml = decodeChecked(file, readRm5(file));
  const { review } = checkedParse(file, xml, (text) => ({ review: parseRm5Review(text) }));
  return { file, review };
}
