import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { HTTP_RPC_PATH, HTTP_TOKEN_HEADER, HTTP_UPLOAD_PATH } from '@grove/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../cli/src/http/server.ts';
import { createReviewFile } from '../../db/src/review-file.ts';
import { isUploadFile } from '../../db/src/fs/upload-store.ts';
import { tempDir } from '../support/temp.ts';

// Issue 11, item 7: a body over the API limit gets a 413 with a message the workbench can
// show, not a reset connection, whether its size is declared up front or only streamed.

const { dir, cleanup } = tempDir('grove-http-limits-');
let host: HttpHost;
beforeAll(async () => {
  const file = path.join(dir, 'r.grove');
  createReviewFile(file).close();
  host = await startHttpHost({ file });
});
afterAll(async () => {
  await host.close();
  cleanup();
});

function postRaw(body: Buffer, chunked: boolean): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: HTTP_RPC_PATH,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [HTTP_TOKEN_HEADER]: host.token,
          ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    // Written in 1 MB pieces, as a browser streams a large body.
    for (let at = 0; at < body.length; at += 1 << 20) req.write(body.subarray(at, at + (1 << 20)));
    req.end();
  });
}

describe('the API body limit', () => {
  const big = Buffer.alloc(21 * 1024 * 1024, 0x20);

  it.each([
    ['declared with Content-Length', false],
    ['streamed in chunks', true],
  ])('answers an oversized body %s with 413 and a message', async (_label, chunked) => {
    const r = await postRaw(big, chunked);
    expect(r.status).toBe(413);
    const body = JSON.parse(r.text) as { ok: boolean; error: { message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.message).toMatch(/larger than 20 MB, the limit for API calls/);
  });

  it('still serves calls afterwards', async () => {
    const r = await postRaw(Buffer.from(JSON.stringify({ method: 'app.info', args: {} })), false);
    expect(r.status).toBe(200);
  });
});

describe('the upload path limit', () => {
  it('answers an upload over its limit with 413 and a message naming the file, and keeps nothing', async () => {
    const { dir: small, cleanup: done } = tempDir('grove-upload-limit-');
    const file = path.join(small, 'r.grove');
    createReviewFile(file).close();
    const limited = await startHttpHost({ file, maxUploadBytes: 1024 * 1024 });
    try {
      const r = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: limited.port,
            path: `${HTTP_UPLOAD_PATH}?name=search.ris`,
            method: 'POST',
            headers: { 'content-type': 'application/octet-stream', [HTTP_TOKEN_HEADER]: limited.token, 'transfer-encoding': 'chunked' },
          },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        for (let i = 0; i < 3; i++) req.write(Buffer.alloc(512 * 1024, 0x41));
        req.end();
      });
      expect(r.status).toBe(413);
      expect((JSON.parse(r.text) as { error: { message: string } }).error.message).toMatch(/^search\.ris: .*larger than 1 MB/);
      expect(fs.readdirSync(small).filter(isUploadFile)).toEqual([]);
    } finally {
      await limited.close();
      done();
    }
  });
});
