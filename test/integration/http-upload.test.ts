import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { HTTP_TOKEN_HEADER, HTTP_UPLOAD_PATH } from '@grove/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewFile } from '../../db/src/review-file.ts';
import { isUploadFile } from '../../db/src/fs/upload-store.ts';
import { startServe, type ServeProcess } from '../support/serve-process.ts';
import { REPO_ROOT, tempDir } from '../support/temp.ts';

// Issue 11 item 7 / rel2 step 1: the browser host's streamed upload path. A 50 MB RevMan
// file goes to a real `grove serve` process as a raw body, is written to disk as it
// arrives (the process's peak memory barely moves), and is then imported by token. An
// upload cut off mid-way, one over the limit and one from another origin leave nothing.

const MB = 1024 * 1024;
const { dir, cleanup } = tempDir('grove-http-upload-');
let serve: ServeProcess;

beforeAll(async () => {
  const file = path.join(dir, 'open.grove');
  createReviewFile(file).close();
  serve = await startServe([file]);
}, 90_000);
afterAll(async () => {
  await serve?.stop();
  cleanup();
});

/** A valid .rm5 (the O−E fixture) padded with an XML comment to `size` bytes. */
function paddedRm5(size: number): Buffer {
  const src = fs.readFileSync(path.join(REPO_ROOT, 'test/stats/fixtures/oe-variance.rm5'));
  const at = src.indexOf('?>') + 2;
  const open = Buffer.from('\n<!-- ');
  const close = Buffer.from(' -->\n');
  const fill = Buffer.alloc(size - src.length - open.length - close.length, 'x');
  return Buffer.concat([src.subarray(0, at), open, fill, close, src.subarray(at)]);
}

/** Peak resident memory of a process, from /proc (Linux), in bytes. */
function peakRss(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

interface Answer {
  status: number;
  body: { ok: boolean; value?: { uploadToken: string; name: string; size: number }; error?: { message: string } };
}

/** POSTs `body` to the upload path in 1 MB writes; `cutAfter` bytes then destroys the socket. */
function upload(
  body: Buffer,
  options: {
    name?: string;
    token?: string;
    origin?: string;
    cutAfter?: number;
    pauseAt?: [bytes: number, probe: () => Promise<void>];
  } = {},
): Promise<Answer | 'cut'> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: serve.port,
        path: `${HTTP_UPLOAD_PATH}?name=${encodeURIComponent(options.name ?? 'big.rm5')}`,
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(body.length),
          [HTTP_TOKEN_HEADER]: options.token ?? serve.token,
          ...(options.origin ? { origin: options.origin } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
      },
    );
    req.on('error', (err) => (options.cutAfter !== undefined ? resolve('cut') : reject(err)));
    const end = options.cutAfter ?? body.length;
    const write = (at: number) => {
      if (at >= end) {
        if (options.cutAfter !== undefined) setTimeout(() => req.destroy(), 200);
        else req.end();
        return;
      }
      if (options.pauseAt && at === options.pauseAt[0]) {
        const probe = options.pauseAt[1];
        options.pauseAt = undefined;
        void probe().then(() => write(at));
        return;
      }
      const ok = req.write(body.subarray(at, Math.min(end, at + MB)));
      if (ok) setImmediate(() => write(at + MB));
      else req.once('drain', () => write(at + MB));
    };
    write(0);
  });
}

const uploadFiles = () => fs.readdirSync(dir).filter(isUploadFile);

async function waitForNoUploadFiles(): Promise<string[]> {
  for (let i = 0; i < 50 && uploadFiles().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  return uploadFiles();
}

describe('the streamed upload path of grove serve', () => {
  it('streams a 50 MB RevMan file to disk without holding it in memory, then imports it by token', async () => {
    const big = paddedRm5(50 * MB);
    const before = peakRss(serve.child.pid!);
    // Part-way through, the bytes sent so far are already in the file on disk.
    let onDiskMidway = 0;
    const probe = async () => {
      for (let i = 0; i < 40; i++) {
        onDiskMidway = uploadFiles().reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
        if (onDiskMidway >= 30 * MB) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const answer = await upload(big, { pauseAt: [35 * MB, probe] });
    const after = peakRss(serve.child.pid!);
    expect(answer).not.toBe('cut');
    const { status, body } = answer as Answer;
    expect(status).toBe(200);
    expect(body.value?.size).toBe(big.length);
    // On disk, beside the open review, while it waits to be used.
    expect(uploadFiles()).toHaveLength(1);
    expect(onDiskMidway).toBeGreaterThanOrEqual(30 * MB);
    if (before !== null && after !== null) {
      // Holding the body would raise the peak by at least its 50 MB (twice that to concatenate
      // it); streaming costs only the socket's chunks that the garbage collector has not yet freed.
      expect(after - before).toBeLessThan(big.length * 0.75);
      console.log(`grove serve peak RSS: ${(before / MB).toFixed(0)} MB before, ${(after / MB).toFixed(0)} MB after a 50 MB upload`);
    }

    const imported = await serve.call('files.importRevman', { fileName: 'big.rm5', uploadToken: body.value!.uploadToken });
    expect(imported.error).toBeUndefined();
    const value = (imported as unknown as { value: { file: { path: string }; report: { imported: Record<string, number> } } }).value;
    expect(value.report.imported.dataRows).toBe(139);
    expect(fs.existsSync(value.file.path)).toBe(true);
    // The upload's file is removed once used, and its token is spent.
    expect(uploadFiles()).toEqual([]);
    const again = await serve.call('files.importRevman', { fileName: 'big.rm5', uploadToken: body.value!.uploadToken });
    expect(again.error?.message).toMatch(/no longer there .*choose the file again/);
  }, 120_000);

  it('leaves nothing behind when the upload is cut off', async () => {
    const answer = await upload(Buffer.alloc(8 * MB, 'x'), { cutAfter: 3 * MB });
    expect(answer).toBe('cut');
    expect(await waitForNoUploadFiles()).toEqual([]);
  });

  it('refuses other origins and a missing token, as the JSON API does, and writes nothing', async () => {
    const cross = (await upload(Buffer.from('abc'), { origin: 'http://evil.example' })) as Answer;
    expect(cross.status).toBe(403);
    expect(cross.body.error?.message).toMatch(/Cross-origin/);
    const noToken = (await upload(Buffer.from('abc'), { token: 'wrong' })) as Answer;
    expect(noToken.status).toBe(403);
    expect(uploadFiles()).toEqual([]);
  });

  it('refuses a name with a folder in it', async () => {
    const r = (await upload(Buffer.from('abc'), { name: '../x.rm5' })) as Answer;
    expect(r.status).toBe(400);
    expect(r.body.error?.message).toMatch(/\?name=/);
  });
});
