import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, type ApiClient, type ReviewDocument } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { exportReview } from '../../../db/src/document/export-review.ts';
import { createReviewFromDocument, ReviewDocumentError } from '../../../db/src/document/import-review.ts';
import { screeningReview } from '../../support/screening-fixtures.ts';
import { observed, rejectionsAndBlobs, screenedReview as makeScreenedReview } from '../../support/screening-document-fixtures.ts';
import { tempDir } from '../../support/temp.ts';

// Issue 14 in the review document (version 5): screening settings, highlight terms,
// exclusion reasons, every reviewer's decisions and the resolutions, PDFs and study-link
// rejections survive `grove export --json` then `grove new --from`, and a document that
// refers to something it does not hold is refused by element, writing nothing.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function target(name = 'copy.grove'): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return path.join(dir, name);
}

/** A backend on an existing review file. */
function open(file: string): ApiClient {
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file);
  cleanups.push(() => backend.closeFile());
  return inProcessClient(backend);
}

async function screenedReview() {
  const r = await makeScreenedReview();
  cleanups.push(r.cleanup);
  return r;
}

describe('screening in the review document', () => {
  it('round-trips dual-screened decisions, a resolution, reasons, highlight terms, PDFs and a link rejection exactly', async () => {
    const r = await screenedReview();
    // Priority screening's stopping rule, as the review records it (not the default).
    await r.client.call('screening.settings.update', { patch: { stoppingRule: { kind: 'buffer', buffer: 150 } } });
    const original = (await r.client.call('review.export', {})) as ReviewDocument;
    expect(original.formatVersion).toBe(5);
    expect(original.screening!.stoppingRule).toEqual({ kind: 'buffer', buffer: 150 });
    // Decisions keyed by record and reviewer slot, in a stable order.
    const keys = original.screening!.decisions.map((d) => `${d.recordId}|${d.stage}|${d.slot}`);
    expect(keys).toEqual([...keys].sort());
    expect(original.screening!.decisions).toHaveLength(9);
    expect(original.fullTexts!.blobs).toEqual([
      { sha256: original.fullTexts!.attachments[0]!.sha256, size: r.pdf.length, contentBase64: r.pdf.toString('base64') },
    ]);
    expect(original.studyLinkRejections).toHaveLength(1);

    const file = target();
    const copy = createReviewFromDocument(file, 'review.json', JSON.parse(JSON.stringify(original)));
    const again = exportReview(copy.db);
    copy.close();
    expect(JSON.stringify(again)).toBe(JSON.stringify(original));

    const before = await observed(r.client, r.ids[0]!, r.studyId);
    const after = await observed(open(file), r.ids[0]!, r.studyId);
    expect(after).toEqual(before);
    // The views are not empty: one resolved conflict, a reason counted, both PDFs byte for byte.
    const ta = after.status.stages.find((s) => s.stage === 'title-abstract')!;
    expect(ta).toMatchObject({ conflicts: 0, resolved: 1 });
    expect(after.settings.stoppingRule).toEqual({ kind: 'buffer', buffer: 150 });
    expect(after.conflicts[0]!.map((c) => c.recordId)).toEqual([r.ids[0]]);
    expect(after.settings.exclusionReasons.find((x) => x.id === r.reason)!.count).toBe(1);
    expect(after.bytes).toEqual([r.pdf, r.pdf]);
    expect(rejectionsAndBlobs(file)).toEqual(rejectionsAndBlobs(r.file));
    expect(rejectionsAndBlobs(file).blobs).toEqual({ blobs: 1, bytes: r.pdf.length });
  });

  it('still imports a version 4 document, which has none of these sections', async () => {
    const r = await screenedReview();
    const doc = structuredClone((await r.client.call('review.export', {})) as ReviewDocument);
    delete doc.screening;
    delete doc.fullTexts;
    delete doc.studyLinkRejections;
    const old = { ...doc, formatVersion: 4 };
    const file = target();
    const copy = createReviewFromDocument(file, 'old.json', old);
    const again = exportReview(copy.db);
    copy.close();
    expect(again.formatVersion).toBe(4);
    expect(again).toEqual(old);
    const status = await open(file).call('screening.status', {});
    expect(status.stages.every((s) => s.resolved === 0 && Object.keys(s.decisions).length === 0)).toBe(true);
  });

  it('a review without screening, PDFs or rejections keeps its older version and has no such sections', async () => {
    const r = await screeningReview(2, ['Ana']);
    cleanups.push(r.cleanup);
    const doc = (await r.client.call('review.export', {})) as ReviewDocument;
    expect(doc.formatVersion).toBe(4);
    expect([doc.screening, doc.fullTexts, doc.studyLinkRejections]).toEqual([undefined, undefined, undefined]);
  });

  describe('refuses a document that refers to what it does not hold, naming the element, and creates no file', () => {
    let base: ReviewDocument;
    const refuses = (change: (doc: ReviewDocument) => void, message: string | RegExp) => {
      const doc = structuredClone(base);
      change(doc);
      const file = target('bad.grove');
      expect(() => createReviewFromDocument(file, 'bad.json', doc)).toThrow(ReviewDocumentError);
      expect(() => createReviewFromDocument(file, 'bad.json', doc)).toThrow(message);
      expect(fs.readdirSync(path.dirname(file))).toEqual([]);
    };
    const decisionOf = (doc: ReviewDocument, slot: 'final' | 'reason') =>
      doc.screening!.decisions.findIndex((d) => (slot === 'final' ? d.slot === 'final' : d.reasonId !== null));

    it('bad decisions', async () => {
      base = (await (await screenedReview()).client.call('review.export', {})) as ReviewDocument;
      refuses((doc) => {
        doc.screening!.decisions[0]!.recordId = 'no-such-record';
      }, /bad\.json is not a valid Grove review document: screening\.decisions\.0\.recordId: no record has id no-such-record/);
      const reasoned = decisionOf(base, 'reason');
      refuses((doc) => {
        doc.screening!.decisions[reasoned]!.reasonId = 'gone';
      }, `screening.decisions.${reasoned}.reasonId: no exclusion reason has id gone`);
      const final = decisionOf(base, 'final');
      refuses((doc) => {
        doc.screening!.decisions[final]!.reviewerId = 'nobody';
      }, `screening.decisions.${final}.reviewerId: no reviewer has id nobody`);
      // A reviewer's decision whose reviewer the document lacks.
      refuses((doc) => {
        const ana = doc.screening!.decisions[0]!.reviewerId;
        doc.reviewers = doc.reviewers.filter((x) => x.id !== ana);
      }, /screening\.decisions\.0\.reviewerId: no reviewer has id /);
      refuses((doc) => {
        doc.screening!.decisions[0]!.slot = 'someone-else';
      }, /screening\.decisions\.0\.slot: must be the reviewer's id \S+ or "final"/);
      refuses((doc) => {
        doc.screening!.decisions[final]!.reasonId = doc.screening!.reasons[0]!.id;
      }, `screening.decisions.${final}.reasonId: only a full-text exclusion gives a reason`);
      refuses((doc) => {
        doc.screening!.decisions.push({ ...doc.screening!.decisions[0]! });
      }, /screening\.decisions\.9: duplicate recordId \+ stage \+ slot/);
      refuses((doc) => {
        doc.screening!.stages['full-text'] = { mode: 'dual', sample: { kind: 'random-fraction', fraction: 2, seed: 1 } };
      }, /screening\.stages\.full-text\.sample\.fraction/);
      refuses((doc) => {
        delete doc.records;
      }, /screening\.decisions\.0\.recordId: no record has id \S+ \(the document has no records section\)/);
    });

    it('bad PDFs and rejections', async () => {
      base = (await (await screenedReview()).client.call('review.export', {})) as ReviewDocument;
      refuses((doc) => {
        const b = doc.fullTexts!.blobs[0]!;
        const bytes = Buffer.from(b.contentBase64, 'base64');
        bytes[bytes.length - 2]! ^= 1;
        b.contentBase64 = bytes.toString('base64');
      }, /fullTexts\.blobs\.0\.contentBase64: PDF [0-9a-f]{64}: the bytes' SHA-256 is [0-9a-f]{64}, not [0-9a-f]{64}/);
      refuses((doc) => {
        doc.fullTexts!.blobs[0]!.contentBase64 = 'not base64!';
      }, /fullTexts\.blobs\.0\.contentBase64: PDF [0-9a-f]{64}: contentBase64 is not valid base64/);
      refuses((doc) => {
        doc.fullTexts!.attachments[0]!.recordId = 'no-such-record';
      }, 'fullTexts.attachments.0.recordId: no record has id no-such-record');
      refuses((doc) => {
        doc.fullTexts!.attachments[1]!.studyId = 'no-such-study';
      }, 'fullTexts.attachments.1.studyId: no study has id no-such-study');
      refuses((doc) => {
        doc.fullTexts!.attachments[0]!.studyId = doc.fullTexts!.attachments[1]!.studyId;
      }, 'fullTexts.attachments.0: "Trial 1.pdf" must be attached to exactly one record or study');
      refuses((doc) => {
        doc.fullTexts!.attachments = [];
      }, /fullTexts\.blobs\.0\.sha256: no attachment refers to PDF/);
      refuses((doc) => {
        doc.studyLinkRejections![0]!.recordB = 'zzz-no-such-record';
      }, 'studyLinkRejections.0.recordB: no record has id zzz-no-such-record');
      refuses((doc) => {
        const x = doc.studyLinkRejections![0]!;
        [x.recordA, x.recordB] = [x.recordB, x.recordA];
      }, 'studyLinkRejections.0: recordA must sort before recordB');
    });
  });
});
