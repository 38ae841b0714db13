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

export function filesHandlers(ctx: ServiceContext): FilesHandlers {
  return {
    'files.importRevman': ({ fileName, contentBase64 }) => {
      const current = ctx.file();
      if (!current) throw new ApiError('NO_REVIEW', 'Open a review first: the imported review is saved next to it.');
      if (!ctx.switchTo) throw new ApiError('UNSUPPORTED', 'This host cannot open another review.');
      const bytes = new Uint8Array(Buffer.from(contentBase64, 'base64'));
      const out = freshPath(path.dirname(current.path), path.basename(fileName));
      let report;
      try {
        if (/\.zip$/i.test(fileName)) {
          const pkg = revmanPackageDocument(fileName, bytes);
          report = pkg.report;
          createReviewFromDocument(out, fileName, pkg.document).close();
        } else {
          const imported = importRm5Bytes(fileName, bytes, out);
          report = imported.report;
          imported.review.close();
        }
      } catch (err) {
        if (err instanceof Rm5FileError || err instanceof ReviewFileError)
          throw new ApiError('VALIDATION', err.message, [{ path: 'contentBase64', message: err.message }]);
        throw err;
      }
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
