import fs from 'node:fs';
import path from 'node:path';
import { ApiError, type Handlers } from '@grove/shared';
import { ReviewFileError } from '../connection.ts';
import { latin1Bytes } from '@grove/shared/rm5/xml-tree';
import { zipSync, strToU8 } from 'fflate';
import { rm5Text } from '../rm5/export-rm5.ts';
import { revmanWebFiles } from '../rm5/export-revman-web.ts';
import { describeImportReport, importRm5Bytes } from '../rm5/import-rm5.ts';
import { revmanPackageDocument } from '../rm5/import-revman-package.ts';
import { createReviewFromDocument } from '../document/import-review.ts';
import { Rm5FileError } from '../rm5/load-rm5.ts';
import { UploadNotFoundError } from '../fs/upload-store.ts';
import { requireDb, type ServiceContext } from './context.ts';

// Whole reviews in and out of the workbench (File › Import RevMan file…, File › Export).

type FilesHandlers = Pick<Handlers, 'files.importRevman' | 'files.exportRevman' | 'files.exportRevmanWeb'>;

/** `<dir>/<name>.grove`, or `<name>-2.grove`… when taken: an import never overwrites. */
function freshPath(dir: string, name: string): string {
  const base = name.replace(/\.(rm5|zip)$/i, '').replace(/[^\p{L}\p{N} ._-]+/gu, '_') || 'Imported review';
  let candidate = path.join(dir, `${base}.grove`);
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(dir, `${base}-${n}.grove`);
  return candidate;
}

type ImportReport = ReturnType<typeof importRm5Bytes>['report'];

/** Builds the review at `out` from a RevMan file's bytes; a bad file is a VALIDATION error naming it, and leaves nothing. */
function importInto(out: string, fileName: string, bytes: Uint8Array): ImportReport {
  try {
    if (/\.zip$/i.test(fileName)) {
      const pkg = revmanPackageDocument(fileName, bytes);
      createReviewFromDocument(out, fileName, pkg.document).close();
      return pkg.report;
    }
    const imported = importRm5Bytes(fileName, bytes, out);
    imported.review.close();
    return imported.report;
  } catch (err) {
    if (err instanceof Rm5FileError || err instanceof ReviewFileError)
      throw new ApiError('VALIDATION', err.message, [{ path: 'contentBase64', message: err.message }]);
    throw err;
  }
}

/** The largest RevMan file read from an upload (the whole file is parsed in memory). */
const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/** Reads a streamed upload's bytes for one use; its file is removed afterwards, whatever happens. */
function withUpload<T>(ctx: ServiceContext, token: string, use: (bytes: Uint8Array) => T): T {
  if (!ctx.uploads) throw new ApiError('UNSUPPORTED', "This host has no upload path: send the file's bytes instead.");
  try {
    return ctx.uploads.use(token, (upload) => {
      if (upload.size > MAX_IMPORT_BYTES) {
        const message = `${upload.name} is ${Math.round(upload.size / 1024 / 1024)} MB; Grove imports RevMan files of up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`;
        throw new ApiError('VALIDATION', message, [{ path: 'uploadToken', message }]);
      }
      return use(new Uint8Array(fs.readFileSync(upload.path)));
    });
  } catch (err) {
    if (err instanceof UploadNotFoundError) throw new ApiError('NOT_FOUND', err.message, [{ path: 'uploadToken', message: err.message }]);
    throw err;
  }
}

export function filesHandlers(ctx: ServiceContext): FilesHandlers {
  return {
    'files.importRevman': ({ fileName, contentBase64, uploadToken }) => {
      const current = ctx.file();
      if (!current) throw new ApiError('NO_REVIEW', 'Open a review first: the imported review is saved next to it.');
      if (!ctx.switchTo) throw new ApiError('UNSUPPORTED', 'This host cannot open another review.');
      const out = freshPath(path.dirname(current.path), path.basename(fileName));
      const report =
        uploadToken !== undefined
          ? withUpload(ctx, uploadToken, (bytes) => importInto(out, fileName, bytes))
          : importInto(out, fileName, new Uint8Array(Buffer.from(contentBase64 ?? '', 'base64')));
      ctx.switchTo(out);
      return {
        file: { path: out, name: path.basename(out) },
        report: { imported: { ...report.imported }, skipped: report.skipped.map((s) => ({ what: s.what, reason: s.reason })) },
        reportText: describeImportReport(report),
      };
    },

    'files.exportRevman': () => {
      const db = requireDb(ctx);
      const name = path.basename(ctx.file()?.path ?? 'review.grove').replace(/\.grove$/i, '');
      return { fileName: `${name}.rm5`, contentBase64: Buffer.from(latin1Bytes(rm5Text(db))).toString('base64') };
    },

    'files.exportRevmanWeb': () => {
      const db = requireDb(ctx);
      const name = path.basename(ctx.file()?.path ?? 'review.grove').replace(/\.grove$/i, '');
      const files = revmanWebFiles(db);
      const zip = zipSync(Object.fromEntries(Object.entries(files).map(([n, text]) => [n, strToU8(text)])));
      return { fileName: `${name} (RevMan Web).zip`, contentBase64: Buffer.from(zip).toString('base64'), files: Object.keys(files) };
    },
  };
}
