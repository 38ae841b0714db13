import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportReview } from '../../../db/src/document/export-review.ts';
import { createReviewFromDocument, ReviewDocumentError } from '../../../db/src/document/import-review.ts';
import { freshBackend } from '../../support/review-fixtures.ts';
import { tempDir } from '../../support/temp.ts';
import { openReviewFile } from '../../../db/src/review-file.ts';
import { fleissReviewDocument } from '../../../db/src/example/fleiss-example.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('review document (export / new --from)', () => {
  it('round-trips a review with history, reviewers, undone changes and edits exactly', async () => {
    const f = freshBackend('example');
    cleanups.push(f.cleanup);
    const r = await f.client.call('reviewers.create', { reviewer: { name: 'Claire Cooper', initials: 'CC', email: 'cc@example.org' } });
    await f.client.call('session.setReviewer', { reviewerId: r.id });
    const studies = await f.client.call('studies.list', {});
    await f.client.call('studies.update', { id: studies[0]!.id, patch: { notes: 'Checked against the trial registry' } });
    await f.client.call('studies.delete', { id: studies[1]!.id });
    await f.client.call('history.undo', {});
    const original = await f.client.call('review.export', {});

    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const copy = createReviewFromDocument(path.join(dir, 'copy.grove'), 'test document', JSON.parse(JSON.stringify(original)));
    const again = exportReview(copy.db);
    copy.close();
    expect(again).toEqual(original);
    expect(JSON.stringify(again)).toBe(JSON.stringify(original));
  });

  it('rejects a bad document naming the fields, and creates no file', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const f = freshBackend('example');
    cleanups.push(f.cleanup);
    const review = openReviewFile(f.file);
    const doc = exportReview(review.db);
    review.close();
    const bad = structuredClone(doc) as unknown as { studies: { reports: { year: unknown }[] }[] };
    bad.studies[1]!.reports[0]!.year = 'nineteen';
    const target = path.join(dir, 'bad.grove');
    expect(() => createReviewFromDocument(target, 'bad.json', bad)).toThrow(ReviewDocumentError);
    expect(() => createReviewFromDocument(target, 'bad.json', bad)).toThrow(
      /bad\.json is not a valid Grove review document: studies\.1\.reports\.0\.year/,
    );
    expect(fs.existsSync(target)).toBe(false);

    expect(() => createReviewFromDocument(target, 'future.json', { ...doc, formatVersion: 99 })).toThrow(/written by a newer Grove/);
    expect(() => createReviewFromDocument(target, 'other.json', { hello: 'world' })).toThrow(/format: expected "grove-review"/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('rejects results with more events than N, with the shared rule’s message, and creates no file', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const doc = fleissReviewDocument();
    const i = 0;
    const cell = doc.studyData.results[i]!;
    const n = cell.result.n ?? 10;
    cell.result = { kind: 'dichotomous', events: n + 1, n, derivation: null };
    const target = path.join(dir, 'bad.grove');
    expect(() => createReviewFromDocument(target, 'bad.json', doc)).toThrow(
      `studyData.results.${i}.result.events: events (${n + 1}) cannot exceed N (${n})`,
    );
    expect(fs.existsSync(target)).toBe(false);
  });
});
