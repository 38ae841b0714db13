import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, inProcessClient, type ApiClient, type ReviewDocument } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { exportReview } from '../../../db/src/document/export-review.ts';
import { createReviewFromDocument, ReviewDocumentError } from '../../../db/src/document/import-review.ts';
import { forkReview } from '../../../db/src/merge/fork.ts';
import { mergeReviewFiles } from '../../../db/src/merge/merge-files.ts';
import { query } from '../../support/merge-fixtures.ts';
import { screeningReview } from '../../support/screening-fixtures.ts';
import { tempDir } from '../../support/temp.ts';

// PRISMA 2020's "Reports not retrieved": at full text a record whose report could not be
// obtained is marked so (with what was tried), and unmarked; one audited, undoable change
// each. It is not a decision: the record leaves the full-text queue, takes no decision, and
// is counted as not retrieved, so assessed = sought − not retrieved.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return err instanceof ApiError ? `${err.code}: ${err.message}` : String(err);
  }
  return 'no error';
}

/** Ten records; Ana sends records 0, 2, 4 and 6 on to full text and excludes the rest. */
async function atFullText() {
  const r = await screeningReview(10, ['Ana', 'Ben']);
  cleanups.push(r.cleanup);
  await r.as('Ana');
  for (const [i, id] of r.ids.entries())
    await r.client.call('screening.decide', {
      stage: 'title-abstract',
      recordId: id,
      decision: [0, 2, 4, 6].includes(i) ? 'include' : 'exclude',
    });
  const settings = await r.client.call('screening.settings.update', { patch: { exclusionReasons: [{ label: 'Wrong population' }] } });
  return { ...r, reason: settings.exclusionReasons[0]!.id };
}

const nextAtFullText = async (c: ApiClient) =>
  (await c.call('screening.next', { stage: 'full-text', count: 10 })).records.map((x) => x.recordId);

describe('reports not retrieved', () => {
  it('marks, edits the note, unmarks and undoes, each one change; the record leaves the queue and takes no decision', async () => {
    const r = await atFullText();
    const [a, , b, , c] = r.ids;
    expect(await nextAtFullText(r.client)).toEqual([a, b, c, r.ids[6]]);

    const marked = await r.client.call('retrieval.mark', { recordId: b!, note: 'Library, interlibrary loan' });
    expect(marked).toMatchObject({
      recordId: b,
      title: 'Trial 3 of peer support',
      note: 'Library, interlibrary loan',
      reviewerName: 'Ana',
    });
    expect(await r.client.call('retrieval.list', {})).toEqual([marked]);
    expect(await nextAtFullText(r.client)).toEqual([a, c, r.ids[6]]);
    // Not a decision: deciding it is refused, by name, and nothing is written.
    expect(await codeOf(r.client.call('screening.decide', { stage: 'full-text', recordId: b!, decision: 'include' }))).toBe(
      'CONFLICT: The full text of "Trial 3 of peer support" is marked as not obtained, so it is not assessed; unmark it once you have the report.',
    );
    // The audit log names it; marking again changes the note only.
    const audit = await r.client.call('audit.list', { limit: 1 });
    expect(audit[0]).toMatchObject({
      entity: 'report not retrieved',
      action: 'create',
      reviewerName: 'Ana',
      summary: 'Full text not obtained: "Trial 3 of peer support"',
    });
    await r.client.call('retrieval.mark', { recordId: b!, note: 'Library, interlibrary loan, wrote to the authors' });
    expect((await r.client.call('retrieval.list', {}))[0]!.note).toBe('Library, interlibrary loan, wrote to the authors');
    expect(await r.client.call('history.undo', {})).toMatchObject({ undone: 'Full text not obtained: "Trial 3 of peer support"' });
    expect((await r.client.call('retrieval.list', {}))[0]!.note).toBe('Library, interlibrary loan');
    await r.client.call('history.undo', {});
    expect(await r.client.call('retrieval.list', {})).toEqual([]);
    expect(await nextAtFullText(r.client)).toEqual([a, b, c, r.ids[6]]);
    await r.client.call('history.redo', {});
    expect((await r.client.call('retrieval.list', {})).map((m) => m.recordId)).toEqual([b]);

    await r.client.call('retrieval.unmark', { recordId: b! });
    expect(await r.client.call('retrieval.list', {})).toEqual([]);
    expect(await r.client.call('history.undo', {})).toMatchObject({ undone: 'Full text obtained after all: "Trial 3 of peer support"' });
    expect((await r.client.call('retrieval.list', {})).map((m) => m.recordId)).toEqual([b]);
  });

  it('refuses a record not at full text, a record already assessed, a mark without a reviewer, and unmarking what is not marked', async () => {
    const r = await atFullText();
    const [a, excluded, b] = r.ids;
    expect(await codeOf(r.client.call('retrieval.mark', { recordId: excluded!, note: '' }))).toMatch(
      /^CONFLICT: Record .* is not at the full-text stage \(it was not included at title\/abstract\)/,
    );
    expect(await codeOf(r.client.call('retrieval.mark', { recordId: 'no-such-record', note: '' }))).toBe(
      'NOT_FOUND: There is no record with id no-such-record.',
    );
    await r.client.call('screening.decide', { stage: 'full-text', recordId: a!, decision: 'maybe' });
    expect(await codeOf(r.client.call('retrieval.mark', { recordId: a!, note: '' }))).toBe(
      'CONFLICT: The full text of "Trial 1 of peer support" was assessed (Ana: maybe), so it was retrieved; take those decisions back before marking it as not obtained.',
    );
    expect(await codeOf(r.client.call('retrieval.unmark', { recordId: b! }))).toMatch(/^NOT_FOUND: Record .* is not marked/);
    await r.as(null);
    expect(await codeOf(r.client.call('retrieval.mark', { recordId: b!, note: '' }))).toMatch(/^CONFLICT: Choose who you are/);
    expect(await r.client.call('retrieval.list', {})).toEqual([]);
  });

  it('counts PRISMA 2020: sought, not retrieved, assessed = sought − not retrieved, and exclusions of reports retrieved', async () => {
    const r = await atFullText();
    const [a, , b, , c, , d] = r.ids;
    await r.client.call('screening.decide', { stage: 'full-text', recordId: a!, decision: 'include' });
    await r.client.call('screening.decide', { stage: 'full-text', recordId: c!, decision: 'exclude', reasonId: r.reason });
    await r.client.call('retrieval.mark', { recordId: b!, note: 'Not held by any library we asked' });
    await r.client.call('retrieval.mark', { recordId: d!, note: '' });
    const { flow, checks } = await r.client.call('outputs.prismaFlow', {});
    expect(flow.screening.screened).toEqual({ n: 10, source: 'data' });
    expect(flow.screening.recordsExcluded).toEqual({ n: 6, source: 'data' });
    expect(flow.screening.sought).toEqual({ n: 4, source: 'data' });
    expect(flow.screening.notRetrieved).toEqual({ n: 2, source: 'data' });
    expect(flow.screening.assessed).toEqual({ n: 2, source: 'data' });
    expect(flow.screening.reportsExcluded.items.map((i) => [i.name, i.count?.n])).toEqual([['Wrong population', 1]]);
    expect(checks.filter((c) => c.rule.startsWith('databases.'))).toEqual([]);
    await r.client.call('retrieval.unmark', { recordId: d! });
    const after = await r.client.call('outputs.prismaFlow', {});
    expect([after.flow.screening.notRetrieved?.n, after.flow.screening.assessed?.n]).toEqual([1, 3]);
  });

  it('survives the review document exactly, and a version 5 document without it still imports', async () => {
    const r = await atFullText();
    await r.client.call('retrieval.mark', { recordId: r.ids[2]!, note: 'Wrote to the authors twice' });
    const original = (await r.client.call('review.export', {})) as ReviewDocument;
    expect(original.formatVersion).toBe(5);
    expect(original.screening!.notRetrieved).toEqual([
      {
        recordId: r.ids[2],
        note: 'Wrote to the authors twice',
        reviewerId: r.people.get('Ana'),
        reviewerName: 'Ana',
        markedAt: expect.any(String),
      },
    ]);
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const copy = createReviewFromDocument(path.join(dir, 'copy.grove'), 'review.json', JSON.parse(JSON.stringify(original)));
    const again = exportReview(copy.db);
    copy.close();
    expect(JSON.stringify(again)).toBe(JSON.stringify(original));

    // Written before the field existed: no notRetrieved, nothing marked.
    const older = JSON.parse(JSON.stringify(original)) as ReviewDocument;
    delete older.screening!.notRetrieved;
    const plain = createReviewFromDocument(path.join(dir, 'older.grove'), 'review.json', older);
    expect(exportReview(plain.db).screening!.notRetrieved).toBeUndefined();
    plain.close();

    // A mark of a record the document does not hold is refused by element, writing nothing.
    const bad = JSON.parse(JSON.stringify(original)) as ReviewDocument;
    bad.screening!.notRetrieved![0]!.recordId = 'zzz-no-such-record';
    let error: unknown;
    try {
      createReviewFromDocument(path.join(dir, 'bad.grove'), 'review.json', bad).close();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ReviewDocumentError);
    expect(String((error as Error).message)).toMatch(/screening\.notRetrieved\.0\.recordId: no record has id zzz-no-such-record/);
  });

  it('travels with a fork and comes back with a merge', async () => {
    const r = await atFullText();
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    r.backend.closeFile();
    const fork = path.join(dir, 'ben.grove');
    forkReview(r.file, fork, 'Ben');
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(fork);
    const ben = inProcessClient(backend);
    const me = (await ben.call('reviewers.list', {})).find((x) => x.name === 'Ben')!;
    await ben.call('session.setReviewer', { reviewerId: me.id });
    await ben.call('retrieval.mark', { recordId: r.ids[4]!, note: 'Interlibrary loan refused' });
    backend.closeFile();
    const report = mergeReviewFiles(r.file, fork);
    expect(report.conflicts).toEqual([]);
    const rows = query(r.file, (db) => db.prepare('SELECT record_id, note, reviewer_name FROM report_not_retrieved').all());
    expect(rows).toEqual([{ record_id: r.ids[4], note: 'Interlibrary loan refused', reviewer_name: 'Ben' }]);
  });
});
