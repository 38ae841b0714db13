import { z } from 'zod';
import { idSchema } from '../model/ids.ts';
import { protocolPatchSchema, protocolSchema } from '../model/protocol.ts';
import { reportFieldsSchema, studyFieldsSchema, studySchema, reportSchema } from '../model/study.ts';
import { reviewerFieldsSchema, reviewerSchema } from '../model/reviewer.ts';
import { auditEntrySchema, historyStatusSchema } from '../model/audit.ts';
import { searchCountsSchema } from '../model/search-counts.ts';
import { reviewDocumentSchema } from '../model/review-document.ts';
import { EXTRACTION_API } from './contract-extraction.ts';
import { ANALYSIS_API } from './contract-analysis.ts';
import { DOUBLE_API } from './contract-double.ts';
import { ROB2_API } from './contract-rob2.ts';
import { SETTINGS_API } from './contract-settings.ts';
import { FILES_API } from './contract-files.ts';
import { REVMAN_API } from './contract-revman.ts';
import { OUTCOMES_API } from './contract-outcomes.ts';

// The one API contract. Every method is named here with the schema of its arguments
// and of its result. The backend (db/) implements `Handlers`; the hosts (Electron IPC,
// HTTP) dispatch the same table; the renderer calls it through one typed client.
// Arguments are validated with these schemas at the transport boundary; results are
// validated in the contract tests that run against every host.

const none = z.object({}).strict();
const byId = z.object({ id: idSchema }).strict();
const ok = z.object({ ok: z.literal(true) });

const fileInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
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

export const sessionSchema = z.object({
  reviewerId: idSchema.nullable(),
});

function method<A extends z.ZodType, R extends z.ZodType>(args: A, result: R, description: string) {
  return { args, result, description } as const;
}

export const API = {
  'app.info': method(none, appInfoSchema, 'Versions, the host kind and the open file.'),
  'review.summary': method(none, reviewSummarySchema, 'Title, file and counts of the open review.'),
  'review.export': method(none, reviewDocumentSchema, 'The whole review as one JSON document.'),

  'protocol.get': method(none, protocolSchema, 'The protocol.'),
  'protocol.update': method(
    z.object({ patch: protocolPatchSchema }).strict(),
    protocolSchema,
    'Replace some top-level protocol sections; validated as a whole.',
  ),

  'searchCounts.get': method(none, searchCountsSchema, 'PRISMA counts as entered.'),
  'searchCounts.update': method(z.object({ patch: searchCountsSchema.partial() }).strict(), searchCountsSchema, 'Update PRISMA counts.'),

  'reviewers.list': method(none, z.array(reviewerSchema), 'Reviewers, in the order they were added.'),
  'reviewers.create': method(z.object({ reviewer: reviewerFieldsSchema }).strict(), reviewerSchema, 'Add a reviewer.'),
  'reviewers.update': method(
    z.object({ id: idSchema, patch: reviewerFieldsSchema.partial() }).strict(),
    reviewerSchema,
    'Rename a reviewer.',
  ),
  'session.get': method(none, sessionSchema, 'Who is making changes in this session.'),
  'session.setReviewer': method(
    z.object({ reviewerId: idSchema.nullable() }).strict(),
    sessionSchema,
    'Choose the reviewer recorded in the audit log.',
  ),

  'studies.list': method(none, z.array(studySchema), 'Studies with their reports, by label.'),
  'studies.get': method(byId, studySchema, 'One study with its reports.'),
  'studies.create': method(
    z.object({ study: studyFieldsSchema, reports: z.array(reportFieldsSchema).max(200).optional() }).strict(),
    studySchema,
    'Add a study, optionally with its reports, in one change.',
  ),
  'studies.update': method(z.object({ id: idSchema, patch: studyFieldsSchema.partial() }).strict(), studySchema, 'Edit a study.'),
  'studies.delete': method(byId, ok, 'Delete a study and its reports (undoable).'),

  'reports.create': method(z.object({ studyId: idSchema, report: reportFieldsSchema }).strict(), reportSchema, 'Add a report to a study.'),
  'reports.update': method(z.object({ id: idSchema, patch: reportFieldsSchema.partial() }).strict(), reportSchema, 'Edit a report.'),
  'reports.delete': method(byId, ok, 'Delete a report (undoable).'),

  'audit.list': method(
    z.object({ limit: z.int().min(1).max(1000).optional(), beforeId: z.int().optional() }).strict(),
    z.array(auditEntrySchema),
    'Audit entries, newest first.',
  ),
  'history.status': method(none, historyStatusSchema, 'Whether there is a change to undo.'),
  'history.undo': method(none, historyStatusSchema.extend({ undone: z.string().nullable() }), 'Undo the last change.'),

  ...EXTRACTION_API,
  ...ANALYSIS_API,
  ...DOUBLE_API,
  ...ROB2_API,
  ...SETTINGS_API,
  ...FILES_API,
  ...REVMAN_API,
  ...OUTCOMES_API,
} as const;

export type Api = typeof API;
export type MethodName = keyof Api;
export type ArgsOf<M extends MethodName> = z.input<Api[M]['args']>;
export type ParsedArgsOf<M extends MethodName> = z.output<Api[M]['args']>;
export type ResultOf<M extends MethodName> = z.output<Api[M]['result']>;

/** What the backend implements: one async function per method. */
export type Handlers = { readonly [M in MethodName]: (args: ParsedArgsOf<M>) => Promise<ResultOf<M>> | ResultOf<M> };

/** What the renderer calls. */
export interface ApiClient {
  call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
}

export const METHOD_NAMES = Object.keys(API) as MethodName[];

/** Own-key check: `constructor`, `__proto__` and friends are never methods. */
export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(API, value);
}

/** The wire envelope of a request (IPC and HTTP alike). */
export const requestEnvelopeSchema = z.object({ method: z.string(), args: z.unknown() }).strict();
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;
