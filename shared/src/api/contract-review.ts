import * as z from 'zod';
import { auditEntrySchema, historyStatusSchema } from '../model/audit.ts';
import { reviewDocumentSchema } from '../model/review-document.ts';
import { mutation, query } from './method.ts';

// The open review as a whole: the app and file it is in, its summary and JSON export,
// the audit log and undo (db/src/service/review-handlers.ts).

const none = z.object({}).strict();

const fileInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  /** Why the review is open read-only (another Grove edits it, the file or its folder cannot be written); absent when it can be edited. */
  readOnly: z.string().optional(),
  /** What the user should know about where the file is (a cloud-synced folder). */
  warnings: z.array(z.string()).optional(),
});

export const appInfoSchema = z.object({
  appVersion: z.string(),
  schemaVersion: z.int(),
  host: z.enum(['electron', 'http', 'in-process']),
  file: fileInfoSchema.nullable(),
  /** Features that only some hosts have (native dialogs, recent files). */
  capabilities: z.object({ nativeFileDialogs: z.boolean() }),
});

export const reviewSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  file: fileInfoSchema,
  schemaVersion: z.int(),
  counts: z.object({ studies: z.int(), reports: z.int(), reviewers: z.int() }),
  updatedAt: z.string(),
});

export const REVIEW_API = {
  'app.info': query(none, appInfoSchema, 'Versions, the host kind and the open file.'),
  'review.summary': query(none, reviewSummarySchema, 'Title, file and counts of the open review.'),
  'review.export': query(none, reviewDocumentSchema, 'The whole review as one JSON document.'),
  'audit.list': query(
    z.object({ limit: z.int().min(1).max(1000).optional(), beforeId: z.int().optional() }).strict(),
    z.array(auditEntrySchema),
    'Audit entries, newest first.',
  ),
  'history.status': query(none, historyStatusSchema, 'Whether there is a change to undo, or an undo to redo.'),
  'history.undo': mutation(none, historyStatusSchema.extend({ undone: z.string().nullable() }), 'Undo the last change.'),
  'history.redo': mutation(
    none,
    historyStatusSchema.extend({ redone: z.string().nullable() }),
    'Redo the last undone change, unless a new change came since.',
  ),
} as const;
