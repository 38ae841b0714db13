import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, PROGRESS_PHASES, ProgressReporter, type ProgressEvent } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { tempDir } from '../../support/temp.ts';

// Progress from the backend (issue 13): an import reports the bytes read, then the records
// written; a deduplication the pairs compared, then the merges and queue pairs stored. Events
// arrive in order (phases in order, `done` never going back) and every phase ends at its total.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** An export of `n` records, every third one a copy of the one before (so deduplication merges some). */
function bigExport(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const work = i % 3 === 2 ? i - 1 : i;
    out.push(
      [
        'TY  - JOUR',
        `TI  - Randomised trial number ${work} of peer support for adults with severe mental illness in cohort ${work * 7}`,
        `AU  - Author${work}, Ann`,
        `AU  - Second${work}, Bob`,
        `PY  - ${2000 + (work % 20)}`,
        'JO  - Psychiatric Services',
        `VL  - ${work % 50}`,
        `SP  - ${work}`,
        'ER  - ',
        '',
      ].join('\n'),
    );
  }
  return out.join('\n');
}

function backendWithProgress() {
  const { dir, cleanup } = tempDir();
  const events: ProgressEvent[] = [];
  const backend = createBackend({ host: 'in-process', onProgress: (e) => events.push(e) });
  backend.createFile(path.join(dir, 'review.grove'), 'Progress');
  cleanups.push(() => {
    backend.closeFile();
    cleanup();
  });
  return { client: inProcessClient(backend), events };
}

/** Checks the order rule and returns the phases seen, in order. */
function checkOrder(events: ProgressEvent[]): string[] {
  const phases: string[] = [];
  let last: ProgressEvent | null = null;
  for (const e of events) {
    expect(e.done).toBeLessThanOrEqual(e.total);
    if (last && last.phase === e.phase) expect(e.done).toBeGreaterThan(last.done);
    else {
      // A new phase starts at 0 after the previous one ended at its total, later in the listed order.
      expect(e.done).toBe(0);
      if (last) {
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

describe('progress of long operations', () => {
  it('an import reports bytes read, then records written, in order and ending at the totals', async () => {
    const { client, events } = backendWithProgress();
    const text = bigExport(3000);
    const summary = await client.call('records.import', {
      fileName: 'big.ris',
      contentBase64: Buffer.from(text).toString('base64'),
      search: { source: 'MEDLINE', searchedOn: '2024-03-01' },
    });
    expect(summary.recordsParsed).toBe(3000);
    expect(new Set(events.map((e) => e.operation))).toEqual(new Set(['Importing big.ris']));
    expect(checkOrder(events)).toEqual(['reading', 'importing']);
    const reading = events.filter((e) => e.phase === 'reading');
    expect(reading.at(-1)!.total).toBe(Buffer.byteLength(text));
    const importing = events.filter((e) => e.phase === 'importing');
    expect(importing.at(-1)).toMatchObject({ done: 3000, total: 3000 });
    // Throttled to about one event per percent, not one per record.
    expect(importing.length).toBeGreaterThan(10);
    expect(importing.length).toBeLessThanOrEqual(102);
  });

  it('a deduplication reports pairs compared, then merges and queue pairs stored, ending at the totals', async () => {
    const { client, events } = backendWithProgress();
    await client.call('records.import', {
      fileName: 'big.ris',
      contentBase64: Buffer.from(bigExport(3000)).toString('base64'),
      search: { source: 'MEDLINE', searchedOn: '2024-03-01' },
    });
    events.length = 0;
    const run = await client.call('records.dedupe', {});
    expect(run.merged).toBe(1000);
    expect(new Set(events.map((e) => e.operation))).toEqual(new Set(['Removing duplicates']));
    expect(checkOrder(events)).toEqual(['comparing', 'storing']);
    expect(events.filter((e) => e.phase === 'comparing').at(-1)!.total).toBe(run.compared);
    // Storing goes through every automatic merge and every queue candidate (some already asked).
    const storing = events.at(-1)!;
    expect(storing.phase).toBe('storing');
    expect(storing.total).toBeGreaterThanOrEqual(1000 + run.queued);
  });

  it('the reporter sends the first and last event of a phase, and never a smaller or repeated done', () => {
    const events: ProgressEvent[] = [];
    const p = new ProgressReporter('x', (e) => events.push(e), 4);
    p.start('reading', 10);
    for (const d of [1, 3, 2, 3, 6, 9]) p.update(d);
    p.finish();
    p.finish();
    p.start('importing', 0);
    p.finish();
    expect(events.map((e) => `${e.phase} ${e.done}/${e.total}`)).toEqual([
      'reading 0/10',
      'reading 3/10',
      'reading 6/10',
      'reading 9/10',
      'reading 10/10',
      'importing 0/0',
    ]);
  });
});
