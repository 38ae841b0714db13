import path from 'node:path';
import { ApiError, type Handlers } from '@grove/shared';
import { detectEncoding, ExportFileRefused } from '@grove/shared/records/index';
import fs from 'node:fs';
import { recordChange } from '../changes.ts';
import { TABLES } from '../tables.ts';
import { readRecordDetail, readRecordsPage, recordExists, reportExists } from '../repositories/records-repo.ts';
import { listSearchLog } from '../repositories/records-search-log-repo.ts';
import { readExportFile } from '../records/read-export-file.ts';
import { importSearchFile, RecordsImportError } from '../records/import-search.ts';
import { dedupeReview } from '../records/dedupe-review.ts';
import { decidePair, queueState, undoPairDecision, unmergeRecord } from '../records/review-queue.ts';
import { prismaIdentification } from '../records/prisma-identification.ts';
import { withExportBytes, withExportUpload } from '../records/export-bytes.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';

// Records in the review: the search log, importing exports, deduplication and its review
// queue, and the PRISMA identification counts (issue 13).

type RecordsMethod = Extract<keyof Handlers, `records.${string}`>;
type RecordsHandlers = Pick<Handlers, RecordsMethod>;

const PREVIEW_RECORDS = 5;

interface ExportSource {
  fileName: string;
  contentBase64?: string;
  uploadToken?: string;
}

/** The export as a file named as the reviewer's file: from its bytes or its streamed upload. */
function withExportFile<T>(ctx: ServiceContext, source: ExportSource, spend: boolean, fn: (file: string) => T): T {
  if (source.uploadToken !== undefined) return withExportUpload(ctx.uploads, source.uploadToken, source.fileName, spend, fn);
  return withExportBytes(source.fileName, source.contentBase64 ?? '', fn);
}

function refused(err: unknown): never {
  if (err instanceof ExportFileRefused)
    throw new ApiError('VALIDATION', `${err.file}, line ${err.line}: ${err.reason}; nothing was imported.`);
  if (err instanceof RecordsImportError) throw new ApiError('VALIDATION', err.message);
  throw err;
}

export function recordsHandlers(ctx: ServiceContext): RecordsHandlers {
  return {
    'records.page': (args) => readRecordsPage(requireDb(ctx), args),

    'records.get': ({ id }) => {
      const detail = readRecordDetail(requireDb(ctx), id);
      if (!detail) throw new ApiError('NOT_FOUND', `There is no record ${id}.`);
      return detail;
    },

    'records.searchLog': () => listSearchLog(requireDb(ctx)),

    'records.preview': ({ format, columns, ...source }) =>
      withExportFile(ctx, source, false, (file) => {
        try {
          const result = readExportFile(file, { format, columns });
          const head = fs.readFileSync(file).subarray(0, 65_536);
          return {
            fileName: path.basename(file),
            format: result.format,
            encoding: detectEncoding(head).encoding,
            total: result.records.length,
            first: result.records.slice(0, PREVIEW_RECORDS).map((r) => ({
              sourceId: r.id,
              title: r.title,
              authors: r.authors,
              year: r.year,
              journal: r.journal,
            })),
            skipped: result.skipped.map((p) => ({ line: p.line, message: p.message })),
            warnings: result.warnings.map((p) => ({ line: p.line, message: p.message })),
            ...(result.csv ? { csv: result.csv } : {}),
          };
        } catch (err) {
          // A CSV refused for its columns alone goes to the mapping step with its header.
          if (err instanceof ExportFileRefused && err.csv)
            return {
              fileName: path.basename(file),
              format: 'csv',
              encoding: detectEncoding(fs.readFileSync(file).subarray(0, 65_536)).encoding,
              total: 0,
              first: [],
              skipped: [],
              warnings: [],
              unmapped: `line ${err.line}: ${err.reason}`,
              csv: err.csv,
            };
          return refused(err);
        }
      }),

    'records.import': ({ format, columns, search, ...source }) => {
      const db = requireDb(ctx);
      const actor = actorOf(ctx, db);
      return withExportFile(ctx, source, true, (file) => {
        try {
          return importSearchFile(db, actor, file, search, { format, columns, onProgress: ctx.progress });
        } catch (err) {
          return refused(err);
        }
      });
    },

    'records.dedupe': () => {
      const db = requireDb(ctx);
      return dedupeReview(db, actorOf(ctx, db), ctx.progress);
    },

    'records.queue': () => queueState(requireDb(ctx)),

    'records.decide': ({ pairId, decision }) => {
      const db = requireDb(ctx);
      return decidePair(db, actorOf(ctx, db), pairId, decision);
    },

    'records.undoDecision': ({ pairId }) => {
      const db = requireDb(ctx);
      return undoPairDecision(db, actorOf(ctx, db), pairId);
    },

    'records.unmerge': ({ recordId }) => {
      const db = requireDb(ctx);
      return unmergeRecord(db, actorOf(ctx, db), recordId);
    },

    'records.prisma': () => prismaIdentification(requireDb(ctx)),

    'records.linkReport': ({ reportId, recordId }) => {
      const db = requireDb(ctx);
      const actor = actorOf(ctx, db);
      if (!reportExists(db, reportId)) throw new ApiError('NOT_FOUND', `There is no report ${reportId}.`);
      if (recordId !== null && !recordExists(db, recordId)) throw new ApiError('NOT_FOUND', `There is no record ${recordId}.`);
      recordChange(
        db,
        actor,
        recordId ? `Link report ${reportId} to record ${recordId}` : `Unlink report ${reportId} from its record`,
        (w) => {
          w.update(TABLES.report, reportId, { record_id: recordId }, () => `Linked report ${reportId} to record ${recordId ?? 'none'}`, {
            updated_at: actor.now,
          });
        },
      );
      return { reportId, recordId };
    },
  };
}
