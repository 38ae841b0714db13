import http from 'node:http';
import path from 'node:path';
import { HTTP_TOKEN_HEADER, HTTP_UPLOAD_PATH } from '@grove/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewFile } from '../../db/src/review-file.ts';
import { startServe, type ServeProcess } from '../support/serve-process.ts';
import { tempDir } from '../support/temp.ts';
import { LINKING_RIS, makePdf } from '../support/fulltext-fixtures.ts';

// Issue 14: a PDF goes to a real `grove serve` through the streamed upload path, is
// attached by token, and comes back from GET /fulltext/<id> as application/pdf, inline,
// framed only by the workbench, for the session token only. A file that is not a PDF is
// refused by name and leaves nothing.

const { dir, cleanup } = tempDir('grove-fulltext-http-');
let serve: ServeProcess;
let recordId = '';

type Envelope<T> = { ok: boolean; value?: T; error?: { code: string; message: string } };
const call = async <T>(method: string, args: unknown) => (await serve.call(method, args)) as unknown as Envelope<T>;

beforeAll(async () => {
  const file = path.join(dir, 'open.grove');
  createReviewFile(file).close();
  serve = await startServe([file]);
  await call('records.import', {
    fileName: 'linking.ris',
    contentBase64: Buffer.from(LINKING_RIS).toString('base64'),
    search: { source: 'MEDLINE', searchedOn: '2024-01-15' },
  });
  const page = await call<{ rows: { id: string }[] }>('records.page', { limit: 10 });
  recordId = page.value!.rows[0]!.id;
}, 90_000);
afterAll(async () => {
  await serve?.stop();
  cleanup();
});

async function upload(body: Buffer, name: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${serve.port}${HTTP_UPLOAD_PATH}?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', [HTTP_TOKEN_HEADER]: serve.token },
    body,
  });
  const env = (await res.json()) as Envelope<{ uploadToken: string }>;
  return env.value!.uploadToken;
}

/** A raw GET (fetch would hide the headers a browser sends, such as Sec-Fetch-Site). */
function get(
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: serve.port, path: pathAndQuery, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('full texts through grove serve', () => {
  it('uploads, attaches by token and serves the PDF back, whole, as an inline PDF', async () => {
    // Larger than one stored piece, so the GET streams several.
    const pdf = Buffer.concat([await makePdf('Full text over HTTP'), Buffer.alloc(1536 * 1024, 0x20)]);
    const uploadToken = await upload(pdf, 'Cook "2012"\r\nX-Evil: 1.pdf');
    const attached = await call<{ id: string; size: number }>('fullText.attach', {
      target: { recordId },
      fileName: 'Cook "2012"; X-Evil: ü.pdf',
      uploadToken,
    });
    expect(attached.ok).toBe(true);
    const id = attached.value!.id;
    const res = await get(`/fulltext/${id}?token=${encodeURIComponent(serve.token)}`, { 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(200);
    expect(res.body.equals(pdf)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(pdf.length));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'self'");
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="Cook _2012__ X-Evil: _.pdf"; filename*=UTF-8''Cook%20%222012%22%3B%20X-Evil%3A%20%C3%BC.pdf`,
    );
    // The token in the header does as well.
    const byHeader = await get(`/fulltext/${id}`, { [HTTP_TOKEN_HEADER]: serve.token });
    expect(byHeader.body.equals(pdf)).toBe(true);
  });

  it('refuses a GET without the token, with a wrong one, or started by another site', async () => {
    const pdf = await makePdf('guarded');
    const attached = await call<{ id: string }>('fullText.attach', {
      target: { recordId },
      fileName: 'guarded.pdf',
      contentBase64: pdf.toString('base64'),
    });
    const id = attached.value!.id;
    expect((await get(`/fulltext/${id}`)).status).toBe(403);
    expect((await get(`/fulltext/${id}?token=wrong`)).status).toBe(403);
    expect((await get(`/fulltext/${id}?token=${serve.token}`, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const other = await get(`/fulltext/${id}?token=${serve.token}`, { host: 'evil.example:80' });
    expect(other.status).toBe(421);
    const missing = await get(`/fulltext/no-such-id?token=${serve.token}`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect((await get(`/fulltext/..%2Fopen.grove?token=${serve.token}`)).status).toBe(404);
  });

  it('refuses an uploaded file that is not a PDF by its name, attaching nothing', async () => {
    const before = await call<unknown[]>('fullText.list', { recordId });
    const uploadToken = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'article.pdf');
    const refused = await call('fullText.attach', { target: { recordId }, fileName: 'article.pdf', uploadToken });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^article\.pdf is not a PDF/) });
    expect((await call<unknown[]>('fullText.list', { recordId })).value).toEqual(before.value);
    // The token was spent and its file removed.
    const again = await call('fullText.attach', { target: { recordId }, fileName: 'article.pdf', uploadToken });
    expect(again.error?.code).toBe('NOT_FOUND');
  });
});
