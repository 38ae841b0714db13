import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient, ApiError } from '@grove/shared';
import { freshBackend } from '../../support/review-fixtures.ts';
import { exportReview } from '../../../db/src/document/export-review.ts';
import { createReviewFromDocument } from '../../../db/src/document/import-review.ts';
import { tempDir } from '../../support/temp.ts';
import { openReviewFile } from '../../../db/src/review-file.ts';
import { recordsRis } from '../../../db/src/records/export-ris.ts';

// Records stored in a review (issue 13), through the API: importing an export as one search
// (one transaction; refused files and repeats import nothing), deduplication stored and
// idempotent, the review queue with its decisions and their undo, and the PRISMA counts.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const ris = (fields: string[][]) => fields.map((f) => `${f.join('\n')}\nER  - \n`).join('\n');
const TITLE = 'Peer support for adults with severe mental illness: a randomised controlled trial';
const trial = (extra: string[]) => [
  'TY  - JOUR',
  `TI  - ${TITLE}`,
  'AU  - Smith, John',
  'AU  - Jones, Ann',
  'PY  - 2019',
  'JO  - Psychiatric Services',
  'VL  - 70',
  'SP  - 100',
  'EP  - 110',
  ...extra,
];
const MEDLINE_EXPORT = ris([
  trial(['DO  - 10.1000/peer.2019', 'AB  - Adults were randomised to peer support or usual care.']),
  ['TY  - JOUR', 'TI  - Exercise for depression in older people', 'AU  - Brown, Carol', 'PY  - 2020', 'JO  - Lancet'],
  // No TY: skipped and listed with its line.
  ['TI  - A record without its type', 'PY  - 2018'],
]);
const EMBASE_EXPORT = ris([
  trial(['DO  - 10.1000/PEER.2019']),
  // The same title, authors and year, but another DOI: a reviewer decides.
  trial(['DO  - 10.1000/another.2019']),
]);

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const search = (source: string) => ({ source, searchedOn: '2024-03-01', hitsReported: 3 });

async function importText(client: ApiClient, fileName: string, text: string, source: string) {
  return client.call('records.import', { fileName, contentBase64: b64(text), search: search(source) });
}

function review() {
  const f = freshBackend('empty');
  cleanups.push(f.cleanup);
  return f;
}

describe('importing an export into a review', () => {
  it('imports one search per file with the parsed and reported counts, listing skipped records by line', async () => {
    const { client } = review();
    const summary = await importText(client, 'medline.ris', MEDLINE_EXPORT, 'MEDLINE');
    expect(summary).toMatchObject({ fileName: 'medline.ris', format: 'ris', recordsParsed: 2, hitsReported: 3 });
    expect(summary.skipped).toHaveLength(1);
    expect(summary.skipped[0]!.line).toBe(MEDLINE_EXPORT.split('\n').indexOf('TI  - A record without its type') + 1);
    const [entry] = await client.call('records.searchLog', {});
    expect(entry).toMatchObject({
      origin: 'imported',
      source: 'MEDLINE',
      searchedOn: '2024-03-01',
      recordsParsed: 2,
      hitsReported: 3,
      identified: 2,
    });
    const page = await client.call('records.page', {});
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.title)).toEqual(['Exercise for depression in older people', TITLE]);
    expect(page.rows[1]).toMatchObject({ doi: '10.1000/peer.2019', authors: ['Smith, John', 'Jones, Ann'], year: 2019, source: 'MEDLINE' });
    expect((await client.call('records.get', { id: page.rows[1]!.id })).raw).toContain(`TI  - ${TITLE}`);
    expect(await client.call('searchCounts.get', {})).toMatchObject({ databaseRecords: 2, otherSourceRecords: null });
  });

  it('gives the same record ids to the same export imported into two reviews', async () => {
    const one = review();
    const two = review();
    await importText(one.client, 'medline.ris', MEDLINE_EXPORT, 'MEDLINE');
    await importText(two.client, 'renamed.ris', MEDLINE_EXPORT, 'PubMed');
    const ids = async (c: ApiClient) => (await c.call('records.page', { sort: 'source' })).rows.map((r) => r.id);
    expect(await ids(one.client)).toEqual(await ids(two.client));
  });

  it('refuses the same file twice, a binary file and an empty one, importing nothing', async () => {
    const { client } = review();
    await importText(client, 'medline.ris', MEDLINE_EXPORT, 'MEDLINE');
    const before = await client.call('audit.list', { limit: 100 });
    await expect(importText(client, 'again.ris', MEDLINE_EXPORT, 'MEDLINE')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/again\.ris was imported already .*nothing was imported/) as string,
    } satisfies Partial<ApiError>);
    await expect(
      client.call('records.import', {
        fileName: 'export.pdf',
        contentBase64: Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0, 0, 0xff, 0xfe]).toString('base64'),
        search: search('Scopus'),
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^export\.pdf, line 1: .*binary/) as string });
    await expect(
      importText(client, 'truncated.xml', '<?xml version="1.0"?><xml><records><record><titles>', 'CINAHL'),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^truncated\.xml, line 1: .*nothing was imported/) as string,
    });
    expect(await client.call('audit.list', { limit: 100 })).toEqual(before);
    expect((await client.call('records.searchLog', {})).map((e) => e.source)).toEqual(['MEDLINE']);
    expect((await client.call('records.page', {})).total).toBe(2);
  });

  it('undoes an import as a whole', async () => {
    const { client } = review();
    await importText(client, 'medline.ris', MEDLINE_EXPORT, 'MEDLINE');
    await client.call('history.undo', {});
    expect((await client.call('records.page', {})).total).toBe(0);
    expect(await client.call('records.searchLog', {})).toEqual([]);
  });
});

describe('deduplication stored in the review', () => {
  it('merges certain duplicates, queues uncertain pairs, and changes nothing when run again', async () => {
    const { client } = review();
    await importText(client, 'medline.ris', MEDLINE_EXPORT, 'MEDLINE');
    await importText(client, 'embase.ris', EMBASE_EXPORT, 'Embase');
    const run = await client.call('records.dedupe', {});
    expect(run).toMatchObject({ records: 4, merged: 1, queued: expect.any(Number) as number });
    expect(run.queued).toBeGreaterThanOrEqual(1);
    const page = await client.call('records.page', { status: 'duplicate' });
    expect(page.rows).toHaveLength(1);
    // The kept record is the more complete one: MEDLINE's, with its abstract.
    const kept = await client.call('records.get', { id: page.rows[0]!.mergedInto! });
    expect(kept).toMatchObject({ source: 'MEDLINE', mergedCount: 1, members: [{ id: page.rows[0]!.id, method: 'automatic' }] });
    expect(page.counts).toEqual({ all: 4, remaining: 3, duplicate: 1, removed: 0 });

    const audit = (await client.call('audit.list', { limit: 1000 })).length;
    expect(await client.call('records.dedupe', {})).toMatchObject({ records: 4, merged: 0, queued: 0 });
    expect((await client.call('audit.list', { limit: 1000 })).length).toBe(audit);
  });

  it('resolves the queue: duplicate merges, undo reverts it, not-duplicate is kept by a later run', async () => {
    const { client } = review();
    await importText(client, 'medline.ris', MEDLINE_EXPORT, 'MEDLINE');
    await importText(client, 'embase.ris', EMBASE_EXPORT, 'Embase');
    await client.call('records.dedupe', {});
    const queue = await client.call('records.queue', {});
    expect(queue.open).toBe(1);
    const item = queue.next!;
    expect(item.evidence.find((e) => e.field === 'doi')).toMatchObject({ verdict: 'conflict' });
    expect(item.evidence.find((e) => e.field === 'title')).toMatchObject({ verdict: 'match' });

    const after = await client.call('records.decide', { pairId: item.id, decision: 'duplicate' });
    expect(after).toMatchObject({ next: null, open: 0, decided: 1, lastDecided: item.id });
    expect(await client.call('records.prisma', {})).toMatchObject({ databaseRecords: 4, duplicatesRemoved: 2, recordsToScreen: 2 });

    const undone = await client.call('records.undoDecision', {});
    expect(undone).toMatchObject({ open: 1, decided: 0, lastDecided: null });
    expect(undone.next?.id).toBe(item.id);
    expect(await client.call('records.prisma', {})).toMatchObject({ duplicatesRemoved: 1, recordsToScreen: 3 });

    await client.call('records.decide', { pairId: item.id, decision: 'not-duplicate' });
    expect(await client.call('records.dedupe', {})).toMatchObject({ merged: 0, queued: 0 });
    expect(await client.call('records.prisma', {})).toMatchObject({ duplicatesRemoved: 1, recordsToScreen: 3 });
  });

  it('skip puts a pair at the back of the queue', async () => {
    const { client } = review();
    await importText(client, 'medline.ris', MEDLINE_EXPORT, 'MEDLINE');
    await importText(client, 'embase.ris', EMBASE_EXPORT, 'Embase');
    await client.call('records.dedupe', {});
    const { next } = await client.call('records.queue', {});
    const after = await client.call('records.decide', { pairId: next!.id, decision: 'skip' });
    expect(after).toMatchObject({ open: 0, skipped: 1, decided: 0 });
    expect(after.next?.id).toBe(next!.id);
  });

  it('unmerges an automatic merge for good', async () => {
    const { client } = review();
    await importText(client, 'medline.ris', MEDLINE_EXPORT, 'MEDLINE');
    await importText(client, 'embase.ris', EMBASE_EXPORT, 'Embase');
    await client.call('records.dedupe', {});
    const dup = (await client.call('records.page', { status: 'duplicate' })).rows[0]!;
    await client.call('records.unmerge', { recordId: dup.id });
    expect(await client.call('records.dedupe', {})).toMatchObject({ merged: 0 });
    expect((await client.call('records.page', { status: 'duplicate' })).total).toBe(0);
  });
});

describe('records page', () => {
  it('searches every word, filters by search and status, and sorts', async () => {
    const { client } = review();
    await importText(client, 'medline.ris', MEDLINE_EXPORT, 'MEDLINE');
    const embase = await importText(client, 'embase.ris', EMBASE_EXPORT, 'Embase');
    expect((await client.call('records.page', { search: 'peer SMITH' })).total).toBe(3);
    expect((await client.call('records.page', { search: '10.1000/another' })).total).toBe(1);
    expect((await client.call('records.page', { search: '100%' })).total).toBe(0);
    expect((await client.call('records.page', { searchId: embase.searchId })).total).toBe(2);
    const byYear = await client.call('records.page', { sort: 'year', descending: true, limit: 1, offset: 0 });
    expect(byYear.rows.map((r) => r.year)).toEqual([2020]);
    expect(byYear.total).toBe(4);
  });
});

describe('the review document', () => {
  it('carries the records, the search log and the decisions, and reads back the same', async () => {
    const { client, backend, file } = review();
    await importText(client, 'medline.ris', MEDLINE_EXPORT, 'MEDLINE');
    await importText(client, 'embase.ris', EMBASE_EXPORT, 'Embase');
    await client.call('records.dedupe', {});
    const { next } = await client.call('records.queue', {});
    await client.call('records.decide', { pairId: next!.id, decision: 'not-duplicate' });
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    backend.closeFile();
    const source = openReviewFile(file, { forReading: true });
    const doc = exportReview(source.db);
    source.close();
    expect(doc.formatVersion).toBe(4);
    expect(doc.records?.records).toHaveLength(4);
    expect(doc.records?.queue.map((p) => p.decision)).toEqual(['not-duplicate']);
    expect(doc.searchCounts.databaseRecords).toBe(4);
    const copy = createReviewFromDocument(path.join(dir, 'copy.grove'), 'review.json', doc);
    expect(exportReview(copy.db).records).toEqual(doc.records);
    copy.close();
  });
});

describe('the kept record', () => {
  it('takes the most complete fields of its group in the RIS export, the merged records unchanged', async () => {
    const { client, backend } = review();
    const withAbstract = ris([trial(['DO  - 10.1000/peer.2019', 'AB  - Adults were randomised.', 'N1  - NCT01234567'])]);
    const withIssue = ris([trial(['DO  - 10.1000/peer.2019', 'IS  - 4', 'C2  - PMC1234567'])]);
    await importText(client, 'a.ris', withAbstract, 'MEDLINE');
    await importText(client, 'b.ris', withIssue, 'Embase');
    expect(await client.call('records.dedupe', {})).toMatchObject({ merged: 1 });
    const file = backend.currentFile()!;
    backend.closeFile();
    const opened = openReviewFile(file, { forReading: true });
    const { text, count } = recordsRis(opened.db);
    opened.close();
    expect(count).toBe(1);
    expect(text).toContain('AB  - Adults were randomised.');
    expect(text).toContain('IS  - 4');
    expect(text).toContain('C2  - PMC1234567');
    expect(text).toContain('N1  - NCT01234567');
  });
});

describe('records identified, as the PRISMA counts form edits them', () => {
  it('keeps one home: a total typed in covers the imported searches, and is never less than them', async () => {
    const { client } = review();
    await importText(client, 'medline.ris', MEDLINE_EXPORT, 'MEDLINE');
    expect(await client.call('searchCounts.get', {})).toMatchObject({ databaseRecords: 2 });
    // 10 identified in all: 2 imported, 8 entered by hand.
    expect(await client.call('searchCounts.update', { patch: { databaseRecords: 10, otherSourceRecords: 0 } })).toMatchObject({
      databaseRecords: 10,
      otherSourceRecords: 0,
    });
    const log = await client.call('records.searchLog', {});
    expect(log.map((e) => [e.origin, e.kind, e.identified])).toEqual([
      ['entered', 'database', 8],
      ['imported', 'database', 2],
      ['entered', 'other', 0],
    ]);
    expect(await client.call('records.prisma', {})).toMatchObject({ databaseRecords: 10, otherSourceRecords: 0 });
    await expect(client.call('searchCounts.update', { patch: { databaseRecords: 1 } })).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'patch.databaseRecords', message: 'cannot be less than the 2 records imported' }],
    });
    // Back to what was imported: the entry entered by hand goes.
    await client.call('searchCounts.update', { patch: { databaseRecords: 2 } });
    expect((await client.call('records.searchLog', {})).filter((e) => e.kind === 'database').map((e) => e.origin)).toEqual(['imported']);
  });
});
