import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '@grove/shared';

// An export that arrives as bytes (the workbench's upload) is written to a private temporary
// folder under its own base name, so that it is read exactly like a file named on the
// command line (messages name the file; the import reads it as a stream). A streamed upload
// token will hand over such a path directly.

export function withExportBytes<T>(fileName: string, contentBase64: string, fn: (file: string) => T): T {
  const name = [...path.basename(fileName.replace(/\\/g, '/'))].map((c) => (c.charCodeAt(0) < 32 ? '_' : c)).join('');
  if (name === '' || name === '.' || name === '..') throw new ApiError('VALIDATION', `"${fileName}" is not a file name.`);
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
