import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, type ApiError } from '@grove/shared';
import { applyColumnChoices, mapColumns, readExportText } from '@grove/shared/records/index';
import { createBackend } from '../../../db/src/backend.ts';
import { UploadStore } from '../../../db/src/fs/upload-store.ts';
import { tempDir } from '../../support/temp.ts';

// Issue 13: the import wizard's mapping step for CSV exports (the automatic header mapping
// shown, and the reviewer's choices applied by preview and import alike), and records
// imported through a streamed upload (the browser host's path for exports of hundreds of MB):
// the preview reads the upload without spending it; the import spends it.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

// A library's own export whose headers no alias knows: "Headline" holds the title, "Writers" the authors.
const ODD_CSV = [
  'Ref,Headline,Writers,Published,Periodical,Notes',
  'r1,Peer support for adults with psychosis: a randomised trial,"Smith, J; Jones, K",2019,Psychiatric Services,first',
  'r2,Group peer support and recovery,"Brown, A",2020,BMC Psychiatry,second',
].join('\n');
const CHOICES = { title: 'Headline', authors: 'Writers', year: 'Published', journal: 'Periodical', id: 'Ref' } as const;

describe('CSV column choices (pure)', () => {
  it('puts the chosen column behind a field, unmaps a field on null, and names a header the file lacks', () => {
    const headers = ['ID', 'Title', 'Abstract', 'Headline'];
    const auto = mapColumns(headers);
    expect(auto.title).toEqual([1]);
    const chosen = applyColumnChoices(auto, headers, { title: 'Headline', abstract: null });
    expect(chosen.title).toEqual([3]);
    expect(chosen.abstract).toBeUndefined();
    expect(chosen.id).toEqual(auto.id);
    expect(() => applyColumnChoices(auto, headers, { doi: 'DOI number' })).toThrow(/no column "DOI number" for doi.*"Headline"/);
  });

  it('reads a CSV whose headers no alias knows once the reviewer maps them, and reports the mapping in force', () => {
    expect(() => readExportText('library.csv', ODD_CSV)).toThrow(/no column holds titles or DOIs/);
    expect(() => readExportText('library.txt', ODD_CSV)).toThrow(/not a recognised export/);
    const result = readExportText('library.csv', ODD_CSV, { format: 'csv', columns: CHOICES });
    expect(result.records.map((r) => r.title)).toEqual([
      'Peer support for adults with psychosis: a randomised trial',
      'Group peer support and recovery',
    ]);
    expect(result.records[0]).toMatchObject({ id: 'r1', year: 2019, journal: 'Psychiatric Services' });
    expect(result.records[0]!.authors).toEqual(['Smith, J', 'Jones, K']);
    expect(result.csv?.headers).toEqual(['Ref', 'Headline', 'Writers', 'Published', 'Periodical', 'Notes']);
    expect(result.csv?.columns).toMatchObject({ title: 'Headline', authors: 'Writers', doi: null, abstract: null });
  });
});

function reviewWithUploads() {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'review.grove');
  const uploads = new UploadStore({ dir: () => dir, maxBytes: 10 * 1024 * 1024, ttlMs: 60_000 });
  const backend = createBackend({ host: 'http', uploads });
  backend.createFile(file, 'Test review');
  cleanups.push(() => {
    backend.closeFile();
    cleanup();
  });
  return { dir, uploads, client: inProcessClient(backend) };
}

const search = { source: 'Library', searchedOn: '2024-03-01' };

describe('records through the API: the mapping step and streamed uploads', () => {
  it('previews a CSV with its header and automatic mapping, then with the choices, and imports with them', async () => {
    const { client } = reviewWithUploads();
    const contentBase64 = Buffer.from(ODD_CSV).toString('base64');
    // Unknown headers: the preview names the problem and shows the header for the mapping step.
    const unmapped = await client.call('records.preview', { fileName: 'library.csv', contentBase64 });
    expect(unmapped).toMatchObject({ format: 'csv', total: 0, unmapped: expect.stringMatching(/^line 1: no column holds titles or DOIs/) });
    expect(unmapped.csv?.headers).toEqual(['Ref', 'Headline', 'Writers', 'Published', 'Periodical', 'Notes']);
    // The import itself refuses it until it is mapped, and imports nothing.
    const refused = await client.call('records.import', { fileName: 'library.csv', contentBase64, search }).catch((e: ApiError) => e);
    expect((refused as ApiError).message).toMatch(/library\.csv, line 1: no column holds titles or DOIs.*nothing was imported/);
    expect(await client.call('records.searchLog', {})).toEqual([]);
    const preview = await client.call('records.preview', { fileName: 'library.csv', contentBase64, columns: CHOICES });
    expect(preview.total).toBe(2);
    expect(preview.csv?.columns.title).toBe('Headline');
    expect(preview.first[0]!.title).toMatch(/^Peer support for adults/);
    const summary = await client.call('records.import', { fileName: 'library.csv', contentBase64, columns: CHOICES, search });
    expect(summary.recordsParsed).toBe(2);
    const page = await client.call('records.page', { offset: 0, limit: 10 });
    expect(page.rows.map((r) => r.title).sort()).toEqual([
      'Group peer support and recovery',
      'Peer support for adults with psychosis: a randomised trial',
    ]);
  });

  it('previews a streamed upload without spending it, imports it under its own name, then the token is gone', async () => {
    const { dir, uploads, client } = reviewWithUploads();
    const upload = await uploads.receive('library.csv', Readable.from([Buffer.from(ODD_CSV)]));
    const preview = await client.call('records.preview', { fileName: 'library.csv', uploadToken: upload.token, columns: CHOICES });
    expect(preview).toMatchObject({ fileName: 'library.csv', total: 2 });
    expect(uploads.pending).toBe(1);
    const summary = await client.call('records.import', { fileName: 'library.csv', uploadToken: upload.token, columns: CHOICES, search });
    expect(summary).toMatchObject({ fileName: 'library.csv', recordsParsed: 2 });
    expect(uploads.pending).toBe(0);
    // Nothing is left beside the review: not the upload, not its linked name.
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.grove-'))).toEqual([]);
    const again = await client
      .call('records.import', { fileName: 'library.csv', uploadToken: upload.token, search })
      .catch((e: ApiError) => e);
    expect((again as ApiError).code).toBe('NOT_FOUND');
    const both = await client
      .call('records.preview', { fileName: 'library.csv', uploadToken: upload.token, contentBase64: 'eA==' })
      .catch((e: ApiError) => e);
    expect((both as ApiError).code).toBe('VALIDATION');
  });
});
