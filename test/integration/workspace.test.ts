import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '@grove/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../cli/src/http/server.ts';
import { createReviewFile } from '../../db/src/review-file.ts';
import { tempDir } from '../support/temp.ts';

// The browser host's File menu methods (workspace.*): what they refuse. The happy paths
// run in the browser in test/e2e/file-menu.test.ts.

const { dir, cleanup } = tempDir('grove-workspace-');
const data = path.join(dir, 'data');
const outside = path.join(dir, 'elsewhere');
let host: HttpHost;

beforeAll(async () => {
  fs.mkdirSync(data);
  fs.mkdirSync(outside);
  createReviewFile(path.join(outside, 'served.grove')).close();
  createReviewFile(path.join(outside, 'secret.grove')).close();
  host = await startHttpHost({ file: path.join(outside, 'served.grove'), dataDir: data });
});
afterAll(async () => {
  await host.close();
  cleanup();
});

const call = (method: string, args: unknown) => dispatch(host.backend, method, args);

describe('workspace methods of grove serve', () => {
  it('opens by path only files in the data folder or on the recent list', async () => {
    const r = await call('workspace.open', { path: path.join(outside, 'secret.grove') });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(host.backend.currentFile()).toBe(path.join(outside, 'served.grove'));
  });

  it('refuses a new review over an existing file, and a name with a folder in it', async () => {
    expect(await call('workspace.new', { name: 'First' })).toMatchObject({ ok: true });
    expect(await call('workspace.new', { name: 'First' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: `First.grove already exists in ${data}; choose another name.` },
    });
    expect(await call('workspace.new', { name: '../Escape' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(fs.existsSync(path.join(dir, 'Escape.grove'))).toBe(false);
  });

  it('refuses an uploaded file that is not a review, keeps the open one open, and leaves nothing in the folder', async () => {
    const before = fs.readdirSync(data).sort();
    const open = host.backend.currentFile();
    const { Readable } = await import('node:stream');
    const upload = await host.uploads.receive('notes.grove', Readable.from([Buffer.from('not a database')]));
    const r = await call('workspace.open', { fileName: 'notes.grove', uploadToken: upload.token });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((r as { error: { message: string } }).error.message).toMatch(/^notes\.grove: /);
    expect(host.backend.currentFile()).toBe(open);
    expect(fs.readdirSync(data).sort()).toEqual(before);
    expect(host.uploads.pending).toBe(0);
  });

  it('refuses a copy over an existing file', async () => {
    expect(await call('workspace.saveCopy', { name: 'First' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
