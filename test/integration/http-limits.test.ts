import http from 'node:http';
import path from 'node:path';
import { HTTP_RPC_PATH, HTTP_TOKEN_HEADER } from '@grove/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../cli/src/http/server.ts';
import { createReviewFile } from '../../db/src/review-file.ts';
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
