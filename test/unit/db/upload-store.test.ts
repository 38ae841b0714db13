import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { HOST_TAG } from '../../../db/src/fs/atomic-write.ts';
import { UploadNotFoundError, UploadStore, UploadTooLargeError, isUploadFile } from '../../../db/src/fs/upload-store.ts';
import { tempDir } from '../../support/temp.ts';

// The streamed upload store: a token is used once, expires, and every failure leaves no file.

const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));

function store(maxBytes = 1000, ttlMs = 60_000) {
  const { dir, cleanup } = tempDir('grove-uploads-');
  dirs.push(cleanup);
  let now = 1_000_000;
  const s = new UploadStore({ dir: () => dir, maxBytes, ttlMs, now: () => now });
  return { s, dir, files: () => fs.readdirSync(dir).filter(isUploadFile), advance: (ms: number) => (now += ms) };
}

const body = (...chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c)));

describe('UploadStore', () => {
  it('stores a streamed body and hands it over once, removing its file after use', async () => {
    const { s, files } = store();
    const up = await s.receive('review.rm5', body('abc', 'def'));
    expect(up.size).toBe(6);
    expect(files()).toHaveLength(1);
    expect(s.use(up.token, (u) => fs.readFileSync(u.path, 'utf8'))).toBe('abcdef');
    expect(files()).toEqual([]);
    expect(() => s.use(up.token, () => 0)).toThrow(UploadNotFoundError);
  });

  it('removes the file even when its use fails', async () => {
    const { s, files } = store();
    const up = await s.receive('x.rm5', body('abc'));
    expect(() =>
      s.use(up.token, () => {
        throw new Error('bad file');
      }),
    ).toThrow('bad file');
    expect(files()).toEqual([]);
  });

  it('refuses a body over the limit as it streams, and a declared length over it before writing', async () => {
    const { s, files } = store(10);
    await expect(s.receive('x.rm5', body('123456', '789012'))).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(files()).toEqual([]);
    await expect(s.receive('x.rm5', body('1'), 11)).rejects.toThrow(/larger than/);
    expect(files()).toEqual([]);
  });

  it('refuses a body shorter than its declared length (the client stopped early)', async () => {
    const { s, files } = store();
    await expect(s.receive('x.rm5', body('abc'), 10)).rejects.toThrow(/interrupted/);
    expect(files()).toEqual([]);
  });

  it('expires an unused upload and removes its file', async () => {
    const { s, files, advance } = store(1000, 5000);
    const up = await s.receive('x.rm5', body('abc'));
    advance(4000);
    s.sweep();
    expect(files()).toHaveLength(1);
    advance(2000);
    s.sweep();
    expect(files()).toEqual([]);
    expect(() => s.use(up.token, () => 0)).toThrow(/expired or was used already/);
  });

  it('keeps only the base name the client gave', async () => {
    const { s } = store();
    const up = await s.receive('../../etc/passwd', body('a'));
    expect(up.name).toBe('passwd');
    s.clear();
  });

  it("sweeps a killed process's upload files when the next store receives in that folder", async () => {
    const { s, dir, files } = store();
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(child.stdout);
    const left = path.join(dir, `.grove-upload-${HOST_TAG}.${deadPid}.${'a'.repeat(32)}.part`);
    const live = path.join(dir, `.grove-upload-${HOST_TAG}.${process.pid}.${'b'.repeat(32)}.part`);
    fs.writeFileSync(left, 'half an upload');
    fs.writeFileSync(live, 'another store of this process, still receiving');
    const up = await s.receive('x.rm5', body('abc'));
    expect(fs.existsSync(left)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    expect(files()).toHaveLength(2);
    s.use(up.token, () => 0);
  });
});
