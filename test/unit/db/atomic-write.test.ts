import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputFileError, writeDirAtomic, writeFileAtomic, writeFilesAtomic } from '../../../db/src/fs/atomic-write.ts';
import { tempDir } from '../../support/temp.ts';

// The one helper every export writes through (issue 11, item 3). Real full disks are tested
// on a small tmpfs in test/integration/full-disk.test.ts; here failures are injected.

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.restoreAllMocks();
  while (cleanups.length) cleanups.pop()?.();
});
function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file', () => {
    const d = dir();
    const out = path.join(d, 'out.csv');
    fs.writeFileSync(out, 'old');
    writeFileAtomic(out, 'new content');
    expect(fs.readFileSync(out, 'utf8')).toBe('new content');
    writeFileAtomic(out, new Uint8Array([0xe9]));
    expect([...fs.readFileSync(out)]).toEqual([0xe9]);
    expect(fs.readdirSync(d)).toEqual(['out.csv']);
  });

  it('on a failed write keeps the old file and names the target', () => {
    const d = dir();
    const out = path.join(d, 'out.rm5');
    fs.writeFileSync(out, 'old');
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    vi.spyOn(fs, 'fsyncSync').mockImplementationOnce(() => {
      throw full;
    });
    expect(() => writeFileAtomic(out, 'x'.repeat(10_000))).toThrow(OutputFileError);
    expect(fs.readFileSync(out, 'utf8')).toBe('old');
    expect(fs.readdirSync(d)).toEqual(['out.rm5']);
    vi.spyOn(fs, 'fsyncSync').mockImplementationOnce(() => {
      throw full;
    });
    expect(() => writeFileAtomic(out, 'y')).toThrow(`Cannot write ${out}: the disk is full. The previous file is unchanged.`);
  });

  it('refuses a folder and a missing folder with the name', () => {
    const d = dir();
    expect(() => writeFileAtomic(d, 'x')).toThrow(`Cannot write ${d}: it is a folder.`);
    const missing = path.join(d, 'no', 'such.json');
    expect(() => writeFileAtomic(missing, 'x')).toThrow(`Cannot write ${missing}: its folder does not exist. Nothing was written.`);
  });
});

describe('writeDirAtomic', () => {
  it('creates the folder whole, and replaces an earlier export of the same files', () => {
    const d = dir();
    const out = path.join(d, 'web');
    expect(writeDirAtomic(out, { 'a.csv': '1', 'b.ris': '2' })).toEqual([path.join(out, 'a.csv'), path.join(out, 'b.ris')]);
    expect(() => writeDirAtomic(out, { 'a.csv': '3' })).toThrow(/holds other files \(b\.ris\)/);
    writeDirAtomic(out, { 'a.csv': '3' }, (name) => name.endsWith('.ris'));
    expect(fs.readdirSync(out)).toEqual(['a.csv']);
    expect(fs.readFileSync(path.join(out, 'a.csv'), 'utf8')).toBe('3');
    expect(fs.readdirSync(d)).toEqual(['web']);
  });

  it('never deletes a file it did not write, and keeps the old folder on failure', () => {
    const d = dir();
    const out = path.join(d, 'web');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'thesis.docx'), 'mine');
    expect(() => writeDirAtomic(out, { 'a.csv': '1' })).toThrow(/holds other files \(thesis\.docx\)/);
    expect(fs.readdirSync(out)).toEqual(['thesis.docx']);

    const web = path.join(d, 'web2');
    writeDirAtomic(web, { 'a.csv': 'old' });
    vi.spyOn(fs, 'fsyncSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    });
    expect(() => writeDirAtomic(web, { 'a.csv': 'new' })).toThrow(
      `Cannot write ${web}: the disk is full. The previous folder is unchanged.`,
    );
    expect(fs.readFileSync(path.join(web, 'a.csv'), 'utf8')).toBe('old');
    expect(fs.readdirSync(d).sort()).toEqual(['web', 'web2']);
  });

  it('refuses names that are not plain file names', () => {
    expect(() => writeDirAtomic(path.join(dir(), 'w'), { '../escape.csv': 'x' })).toThrow(/is not a plain file name/);
  });
});

describe('writeFilesAtomic', () => {
  it('creates the folder, writes and overwrites its files, keeps the folder’s other files, leaves no temporary file', async () => {
    const d = path.join(dir(), 'plots');
    await writeFilesAtomic(d, [
      ['a.svg', 'A1'],
      ['b.svg', 'B1'],
    ]);
    fs.writeFileSync(path.join(d, 'notes.txt'), 'mine');
    await writeFilesAtomic(d, [['a.svg', new Uint8Array([0x41, 0x32])]]);
    expect(fs.readFileSync(path.join(d, 'a.svg'), 'utf8')).toBe('A2');
    expect(fs.readFileSync(path.join(d, 'b.svg'), 'utf8')).toBe('B1');
    expect(fs.readdirSync(d).sort()).toEqual(['a.svg', 'b.svg', 'notes.txt']);
  });

  it('refuses a target that is a folder or not a plain file name, naming it; a failed file keeps its old content', async () => {
    const d = dir();
    fs.mkdirSync(path.join(d, 'x.svg'));
    await expect(writeFilesAtomic(d, [['x.svg', 'x']])).rejects.toThrow(/x\.svg: it is a folder/);
    await expect(writeFilesAtomic(d, [['../y.svg', 'y']])).rejects.toThrow(/is not a plain file name/);
    fs.writeFileSync(path.join(d, 'old.svg'), 'old');
    vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    });
    const err: unknown = await writeFilesAtomic(d, [
      ['old.svg', 'new'],
      ['other.svg', 'x'],
    ]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputFileError);
    expect((err as OutputFileError).message).toMatch(/old\.svg: the disk is full\. The previous file is unchanged\./);
    expect(fs.readFileSync(path.join(d, 'old.svg'), 'utf8')).toBe('old');
    expect(fs.readdirSync(d).filter((n) => n.endsWith('.grove-tmp'))).toEqual([]);
  });

  it('a file that cannot be written (full disk at its sync) is named, and no temporary file is left', async () => {
    const d = dir();
    const real = fs.promises.open.bind(fs.promises);
    vi.spyOn(fs.promises, 'open').mockImplementation(async (file, flags, mode) => {
      const handle = await real(file, flags, mode);
      if (String(file).includes('.b.svg.')) handle.sync = () => Promise.reject(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
      return handle;
    });
    const err: unknown = await writeFilesAtomic(d, [
      ['a.svg', 'A'],
      ['b.svg', 'B'],
    ]).catch((e: unknown) => e);
    expect((err as OutputFileError).message).toMatch(/b\.svg: the disk is full\. Nothing was written\./);
    expect(fs.readdirSync(d)).toEqual([]);
  });
});
