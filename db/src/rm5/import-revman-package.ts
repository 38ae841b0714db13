import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import { parseRm5Tree, rm5ReferenceProblems } from '@grove/shared/rm5/index';
import { packageRole, revmanPackageToRm5, risSectionOf, RevmanPackageError, type RevmanPackageFiles } from '@grove/shared/rm5/revman-web-package';
import { rm5ToReviewDocument, type Rm5ImportReport } from '@grove/shared/rm5/to-review-document';
import type { ReviewDocument } from '@grove/shared';
import { createReviewFromDocument } from '../document/import-review.ts';
import type { ReviewFile } from '../review-file.ts';
import { Rm5FileError } from './load-rm5.ts';

// `grove new OUT.grove --from PACKAGE.zip`: a RevMan Web data package (the layout of
// Fleiss1993.zip: the article, forest plots and a `…-data.zip` holding `…-analysis-data/`
// CSVs and `…-study-data/` files, possibly nested one zip deep) becomes a new review through
// the same path as an .rm5 file: the package is mapped to the .rm5 tree (shared/src/rm5/
// revman-web-package.ts), that tree to a review document, and the document is validated and
// written in one transaction; no review file is left behind on any error.

const MAX_DEPTH = 2;

function collect(bytes: Uint8Array, name: string, depth: number, into: Map<string, Uint8Array>, ignored: string[]): void {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (err) {
    throw new Rm5FileError(name, `${name}: not a readable ZIP archive (${(err as Error).message}).`);
  }
  for (const [entry, data] of Object.entries(entries)) {
    if (entry.endsWith('/')) continue;
    if (/\.zip$/i.test(entry) && depth < MAX_DEPTH) collect(data, `${name}:${entry}`, depth + 1, into, ignored);
    else if (packageRole(entry)) into.set(entry, data);
    else ignored.push(entry);
  }
}

const utf8 = new TextDecoder('utf-8');

/** The package's files by role; refuses a ZIP that is not a RevMan Web data package. */
export function readRevmanPackage(name: string, bytes: Uint8Array): { files: RevmanPackageFiles; ignored: string[]; id: string | undefined } {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new Rm5FileError(name, `${name}: not a ZIP archive (a RevMan Web data package is a .zip).`);
  const found = new Map<string, Uint8Array>();
  const ignored: string[] = [];
  collect(bytes, name, 0, found, ignored);
  const files: Partial<RevmanPackageFiles> & { ris: RevmanPackageFiles['ris'] } = { ris: [] };
  let id: string | undefined;
  for (const [entry, data] of [...found.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const role = packageRole(entry);
    const text = utf8.decode(data);
    if (role === 'ris') files.ris.push({ section: risSectionOf(entry), text });
    else if (role && !files[role]) {
      files[role] = text;
      id ??= /(\d{6,})-[^/]*$/.exec(entry)?.[1];
    } else ignored.push(entry);
  }
  if (!files.settings || !files.dataRows) {
    throw new Rm5FileError(
      name,
      `${name}: not a RevMan Web data package: no ${[!files.settings && '…-overall-estimates-and-settings.csv', !files.dataRows && '…-data-rows.csv'].filter(Boolean).join(' or ')} in it (nor in a .zip inside it).`,
    );
  }
  return { files: files as RevmanPackageFiles, ignored, id };
}

export function revmanPackageDocument(
  name: string,
  bytes: Uint8Array,
  options: { newId?: () => string; now?: string } = {},
): { document: ReviewDocument; report: Rm5ImportReport } {
  const { files, ignored, id } = readRevmanPackage(name, bytes);
  let mapped: ReturnType<typeof revmanPackageToRm5>;
  try {
    mapped = revmanPackageToRm5(files, { title: path.basename(name).replace(/\.zip$/i, ''), id });
  } catch (err) {
    if (err instanceof RevmanPackageError) throw new Rm5FileError(name, `${name}: ${err.message}`);
    throw err;
  }
  const problems = rm5ReferenceProblems(parseRm5Tree(mapped.root));
  if (problems.length > 0) throw new Rm5FileError(name, `${name}: ${problems[0]!.where}: ${problems[0]!.message}`);
  const { document, report } = rm5ToReviewDocument(mapped.root, {
    newId: options.newId ?? randomUUID,
    now: options.now ?? new Date().toISOString(),
    source: path.basename(name),
  });
  report.skipped.push(...mapped.skipped);
  if (ignored.length > 0) report.skipped.push({ what: `${ignored.length} other file(s) in the package (${ignored.map((f) => f.split('/').pop()).join(', ')})`, reason: 'not study or analysis data' });
  return { document, report };
}

export function importRevmanPackageFile(
  file: string,
  out: string,
  options: { overwrite?: boolean; nativeBinding?: string } = {},
): { review: ReviewFile; report: Rm5ImportReport } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Rm5FileError(file, code === 'ENOENT' ? `${file} does not exist.` : `${file} cannot be read: ${(err as Error).message}`);
  }
  const { document, report } = revmanPackageDocument(file, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const review = createReviewFromDocument(out, file, document, options);
  return { review, report };
}
