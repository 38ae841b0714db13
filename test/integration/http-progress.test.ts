import http from 'node:http';
import path from 'node:path';
import { HTTP_PROGRESS_PATH, PROGRESS_PHASES, type ProgressEvent } from '@grove/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewFile } from '../../db/src/review-file.ts';
import { startServe, type ServeProcess } from '../support/serve-process.ts';
import { tempDir } from '../support/temp.ts';

// The browser host's progress stream (issue 13): a page subscribed to GET /progress hears an
// import's and a deduplication's progress from a real `grove serve` while the call runs —
// events in order, each phase ending at its total — and a request without the token hears nothing.

const { dir, cleanup } = tempDir('grove-http-progress-');
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

function bigExport(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const work = i % 3 === 2 ? i - 1 : i;
    out.push(
      `TY  - JOUR\nTI  - Randomised trial number ${work} of peer support for adults in cohort ${work * 7}\nAU  - Author${work}, Ann\n` +
        `PY  - ${2000 + (work % 20)}\nJO  - Psychiatric Services\nSP  - ${work}\nER  - \n`,
    );
  }
  return out.join('\n');
}

/** Subscribes to the stream; `events` fills as they arrive, each with the time it arrived. */
function subscribe(token: string | null): Promise<{ status: number; events: Array<ProgressEvent & { at: number }>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port: serve.port, path: `${HTTP_PROGRESS_PATH}${token === null ? '' : `?token=${token}`}` },
      (res) => {
        const events: Array<ProgressEvent & { at: number }> = [];
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith('data: ')) events.push({ ...(JSON.parse(block.slice(6)) as ProgressEvent), at: performance.now() });
          }
        });
        resolve({ status: res.statusCode ?? 0, events, close: () => req.destroy() });
      },
    );
    req.on('error', reject);
  });
}

function checkOrder(events: ProgressEvent[]): string[] {
  const phases: string[] = [];
  let last: ProgressEvent | null = null;
  for (const e of events) {
    if (last && last.operation === e.operation && last.phase === e.phase) expect(e.done).toBeGreaterThan(last.done);
    else {
      expect(e.done).toBe(0);
      if (last && last.operation === e.operation) {
        expect(last.done).toBe(last.total);
        expect(PROGRESS_PHASES.indexOf(e.phase)).toBeGreaterThan(PROGRESS_PHASES.indexOf(last.phase));
      }
      phases.push(e.phase);
    }
    last = e;
  }
  expect(last?.done).toBe(last?.total);
  return phases;
}

const settle = () => new Promise((r) => setTimeout(r, 200));

describe('GET /progress', () => {
  it('streams an import and a deduplication while they run, in order, ending at the totals', async () => {
    const stream = await subscribe(serve.token);
    expect(stream.status).toBe(200);
    const imported = await serve.call('records.import', {
      fileName: 'big.ris',
      contentBase64: Buffer.from(bigExport(6000)).toString('base64'),
      search: { source: 'MEDLINE', searchedOn: '2024-03-01' },
    });
    const answeredAt = performance.now();
    expect(imported.ok).toBe(true);
    await settle();
    const importing = stream.events.filter((e) => e.operation === 'Importing big.ris');
    expect(checkOrder(importing)).toEqual(['reading', 'importing']);
    expect(importing.at(-1)).toMatchObject({ phase: 'importing', done: 6000, total: 6000 });
    // Pushed while the import ran, not all at once after it: an unfinished event came before the reply.
    expect(importing.some((e) => e.phase === 'importing' && e.done < e.total && e.at < answeredAt)).toBe(true);

    stream.events.length = 0;
    expect((await serve.call('records.dedupe', {})).ok).toBe(true);
    await settle();
    expect(checkOrder(stream.events)).toEqual(['comparing', 'storing']);
    stream.close();
  }, 120_000);

  it('refuses a subscriber without the session token', async () => {
    const stream = await subscribe(null);
    expect(stream.status).toBe(403);
    stream.close();
    const wrong = await subscribe('not-the-token');
    expect(wrong.status).toBe(403);
    wrong.close();
  });
});
