import { ApiError, PDF_CHUNK_BYTES, type Handlers } from '@grove/shared';
import { UploadNotFoundError } from '../fs/upload-store.ts';
import { attachPdf, detachPdf } from '../fulltext/attach-pdf.ts';
import { compactPdfs } from '../fulltext/blob-upkeep.ts';
import { pdfFromBytes, pdfFromFile } from '../fulltext/pdf-source.ts';
import {
  addIncludedAsStudies,
  createStudyFromRecords,
  includedNotInStudy,
  linkRecords,
  linkSuggestions,
  rejectLinks,
  studiesWithReports,
  unlinkRecord,
} from '../fulltext/study-links.ts';
import { getAttachment, listAttachments, readBlobChunk } from '../repositories/pdf-repo.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';

// Full texts (PDFs in the review file) and study linking: shared/src/api/contract-fulltext.ts,
// docs/fulltext.md. The work is in db/src/fulltext/; these handlers pick the file's bytes
// (an upload token or base64), check the reviewer may write, and shape the reply.

type FullTextHandlers = Pick<
  Handlers,
  | 'fullText.list'
  | 'fullText.get'
  | 'fullText.attach'
  | 'fullText.detach'
  | 'fullText.chunk'
  | 'fullText.compact'
  | 'studyLinks.suggestions'
  | 'studyLinks.studies'
  | 'studyLinks.included'
  | 'studyLinks.addIncluded'
  | 'studyLinks.createStudy'
  | 'studyLinks.link'
  | 'studyLinks.unlink'
  | 'studyLinks.reject'
>;

function notFound(id: string): never {
  throw new ApiError('NOT_FOUND', `There is no attached PDF with id ${id}; it may have been detached.`);
}

export function fulltextHandlers(ctx: ServiceContext): FullTextHandlers {
  return {
    'fullText.list': (target) => listAttachments(requireDb(ctx), target),

    'fullText.get': ({ id }) => getAttachment(requireDb(ctx), id) ?? notFound(id),

    'fullText.attach': ({ target, fileName, contentBase64, uploadToken }) => {
      const db = requireDb(ctx);
      const actor = actorOf(ctx, db);
      if (contentBase64 !== undefined) return attachPdf(db, actor, target, pdfFromBytes(fileName, Buffer.from(contentBase64, 'base64')));
      if (!ctx.uploads) throw new ApiError('UNSUPPORTED', "This host has no upload path: send the file's bytes instead.");
      try {
        // The upload's file is removed once used, whether the attach succeeded or was refused.
        return ctx.uploads.use(uploadToken!, (upload) => attachPdf(db, actor, target, pdfFromFile(fileName, upload.path)));
      } catch (err) {
        if (err instanceof UploadNotFoundError)
          throw new ApiError('NOT_FOUND', err.message, [{ path: 'uploadToken', message: err.message }]);
        throw err;
      }
    },

    'fullText.detach': ({ id }) => {
      const db = requireDb(ctx);
      detachPdf(db, actorOf(ctx, db), id);
      return { ok: true as const };
    },

    'fullText.chunk': ({ id, n }) => {
      const db = requireDb(ctx);
      const a = getAttachment(db, id) ?? notFound(id);
      const chunks = Math.max(1, Math.ceil(a.size / PDF_CHUNK_BYTES));
      if (n >= chunks) throw new ApiError('VALIDATION', `${a.fileName} has ${chunks} pieces; there is no piece ${n}.`);
      const data = readBlobChunk(db, a.sha256, n);
      if (!data) throw new ApiError('NOT_FOUND', `The bytes of ${a.fileName} are no longer in the review.`);
      return { contentBase64: data.toString('base64'), size: a.size, last: n === chunks - 1 };
    },

    'fullText.compact': () => {
      const db = requireDb(ctx);
      actorOf(ctx, db); // a read-only review is refused, with its reason
      return compactPdfs(db);
    },

    'studyLinks.suggestions': () => linkSuggestions(requireDb(ctx)),

    'studyLinks.studies': () => studiesWithReports(requireDb(ctx)),

    'studyLinks.included': () =>
      includedNotInStudy(requireDb(ctx)).map((r) => ({ id: r.id, title: r.title, authors: r.authors, year: r.year })),

    'studyLinks.addIncluded': () => {
      const db = requireDb(ctx);
      return addIncludedAsStudies(db, actorOf(ctx, db));
    },

    'studyLinks.createStudy': ({ recordIds, label }) => {
      const db = requireDb(ctx);
      return createStudyFromRecords(db, actorOf(ctx, db), recordIds, label);
    },

    'studyLinks.link': ({ recordIds, studyId }) => {
      const db = requireDb(ctx);
      return linkRecords(db, actorOf(ctx, db), recordIds, studyId);
    },

    'studyLinks.unlink': ({ recordId }) => {
      const db = requireDb(ctx);
      unlinkRecord(db, actorOf(ctx, db), recordId);
      return { ok: true as const };
    },

    'studyLinks.reject': ({ recordIds }) => {
      const db = requireDb(ctx);
      rejectLinks(db, actorOf(ctx, db), recordIds);
      return { ok: true as const };
    },
  };
}
