import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiError, inProcessClient } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { tempDir } from '../../support/temp.ts';

// Import a RevMan file from the workbench (as bytes), and export the open review as one.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('files.importRevman / files.exportRevman', () => {
  it('exports the example as .rm5, imports it back as a new review beside it, opens it, and never overwrites', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const backend = createBackend({ host: 'in-process' });
    backend.createExample(path.join(dir, 'example.grove'));
    cleanups.push(() => backend.closeFile());
    const client = inProcessClient(backend);
    const exported = await client.call('files.exportRevman', {});
    expect(exported.fileName).toBe('example.rm5');
    const contentBase64 = exported.contentBase64;
    const bytes = Buffer.from(contentBase64, 'base64');
    expect(bytes.toString('latin1')).toMatch(/^<\?xml version="1\.0" encoding="ISO-8859-1"/);
    // ü is one byte (0xFC) in ISO-8859-1, as RevMan writes it.
    expect(bytes.includes(Buffer.from('R\u00fcsch', 'latin1'))).toBe(true);

    const first = await client.call('files.importRevman', { fileName: 'Peer support.rm5', contentBase64 });
    expect(first.file.path).toBe(path.join(dir, 'Peer support.grove'));
    expect(first.report.imported.studies).toBe(8);
    expect(first.reportText).toMatch(/^Imported 8 studies/);
    expect(backend.currentFile()).toBe(first.file.path);
    expect((await client.call('studies.list', {})).map((s) => s.label)).toContain('Rüsch 2014');

    const second = await client.call('files.importRevman', { fileName: 'Peer support.rm5', contentBase64 });
    expect(second.file.name).toBe('Peer support-2.grove');

    const bad = await client
      .call('files.importRevman', { fileName: 'notes.rm5', contentBase64: Buffer.from('These are notes.').toString('base64') })
      .catch((e: unknown) => e as ApiError);
    expect((bad as ApiError).code).toBe('VALIDATION');
    expect((bad as ApiError).message).toMatch(/notes\.rm5/);
    expect(fs.existsSync(path.join(dir, 'notes.grove'))).toBe(false);
    expect(backend.currentFile()).toBe(second.file.path);
  });
});

describe('files.exportRevmanWeb', () => {
  it('zips the RIS references (study in NS) and the data-extraction CSVs', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const backend = createBackend({ host: 'in-process' });
    backend.createExample(path.join(dir, 'example.grove'));
    cleanups.push(() => backend.closeFile());
    const out = await inProcessClient(backend).call('files.exportRevmanWeb', {});
    expect(out.fileName).toBe('example (RevMan Web).zip');
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(new Uint8Array(Buffer.from(out.contentBase64, 'base64')));
    expect(Object.keys(files).sort()).toEqual([...out.files].sort());
    const ris = strFromU8(files['references.ris']!);
    expect(ris).toMatch(/^TY {2}- /m);
    expect(ris).toContain('NS  - Rüsch 2014');
  });
});

describe('files.importRevman with a .zip', () => {
  it('refuses a file that is not a RevMan Web package, naming it, and creates nothing', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const backend = createBackend({ host: 'in-process' });
    backend.createExample(path.join(dir, 'example.grove'));
    cleanups.push(() => backend.closeFile());
    const e = await inProcessClient(backend)
      .call('files.importRevman', { fileName: 'package.zip', contentBase64: Buffer.from('not a zip').toString('base64') })
      .catch((x: unknown) => x as ApiError);
    expect((e as ApiError).code).toBe('VALIDATION');
    expect((e as ApiError).message).toMatch(/package\.zip/);
    expect(fs.existsSync(path.join(dir, 'package.grove'))).toBe(false);
  });
});
