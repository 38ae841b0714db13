import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '@grove/shared';
import { UploadNotFoundError, type Upload, type UploadStore } from '../fs/upload-store.ts';

// An export that arrives as bytes (the workbench's upload) is written to a private temporary
// folder under its own base name, so that it is read exactly like a file named on the
// command line (messages name the file; the import reads it as a stream). A streamed upload
// (large exports, browser host) is already a file: it is linked under its own name instead.

function safeName(fileName: string): string {
  const name = [...path.basename(fileName.replace(/\\/g, '/'))].map((c) => (c.charCodeAt(0) < 32 ? '_' : c)).join('');
  if (name === '' || name === '.' || name === '..') throw new ApiError('VALIDATION', `"${fileName}" is not a file name.`);
  return name;
}

export function withExportBytes<T>(fileName: string, contentBase64: string, fn: (file: string) => T): T {
  const name = safeName(fileName);
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw new ApiError('VALIDATION', `${name} is empty; nothing was imported.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-export-'));
  try {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes, { mode: 0o600 });
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `fn` on a streamed upload seen under the client's file name: a hard link in a private
 * folder beside the upload (a copy where links are not allowed). `spend` uses the token up
 * (the import); otherwise it stays for the next call (the preview).
 */
export function withExportUpload<T>(
  uploads: UploadStore | undefined,
  token: string,
  fileName: string,
  spend: boolean,
  fn: (file: string) => T,
): T {
  if (!uploads) throw new ApiError('UNSUPPORTED', "This host has no upload path: send the file's bytes instead.");
  const name = safeName(fileName);
  const run = (upload: Upload) => {
    const dir = fs.mkdtempSync(path.join(path.dirname(upload.path), '.grove-export-'));
    try {
      const file = path.join(dir, name);
      try {
        fs.linkSync(upload.path, file);
      } catch {
        fs.copyFileSync(upload.path, file);
      }
      return fn(file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    return spend ? uploads.use(token, run) : uploads.peek(token, run);
  } catch (err) {
    if (err instanceof UploadNotFoundError) throw new ApiError('NOT_FOUND', err.message, [{ path: 'uploadToken', message: err.message }]);
    throw err;
  }
}
