import * as z from 'zod';
import { REVIEW_API } from './contract-review.ts';
import { PROTOCOL_API } from './contract-protocol.ts';
import { PEOPLE_API } from './contract-people.ts';
import { STUDY_API } from './contract-study.ts';
import { EXTRACTION_API } from './contract-extraction.ts';
import { ROB_API } from './contract-rob.ts';
import { ANALYSIS_API } from './contract-analysis.ts';
import { DOUBLE_API } from './contract-double.ts';
import { ROB2_API } from './contract-rob2.ts';
import { SETTINGS_API } from './contract-settings.ts';
import { FILES_API } from './contract-files.ts';
import { REVMAN_API } from './contract-revman.ts';
import { OUTCOMES_API } from './contract-outcome.ts';
import { PRISMA_API } from './contract-prisma.ts';
import { WORKSPACE_API } from './contract-workspace.ts';
import { OUTLINE_API } from './contract-outline.ts';
import { RECORDS_API } from './contract-records.ts';
import { EXPLORE_API } from './contract-explore.ts';
import { META_REGRESSION_API } from './contract-meta-regression.ts';
import { ENTRY_API } from './contract-entry.ts';
import { SCALE_API } from './contract-scale.ts';
import { SCREENING_API } from './contract-screening.ts';
import { FULLTEXT_API } from './contract-fulltext.ts';
import { RETRIEVAL_API } from './contract-retrieval.ts';
import { RANKING_API } from './contract-ranking.ts';
import { MERGE_API } from './contract-merge.ts';
import { SYNC_API } from './contract-sync.ts';

// The one API contract, assembled from one file per handler file (contract-study.ts
// beside db/src/service/study-handlers.ts, and so on). Every method is declared there
// with its kind (query or mutation) and the schemas of its arguments and its result.
// The backend (db/) implements `Handlers`; the hosts (Electron IPC, HTTP) dispatch the
// same table; the renderer calls it through one typed client. Arguments are validated
// with these schemas at the transport boundary; results are validated in the contract
// tests that run against every host.

export const API = {
  ...REVIEW_API,
  ...PROTOCOL_API,
  ...PEOPLE_API,
  ...STUDY_API,
  ...EXTRACTION_API,
  ...ROB_API,
  ...ANALYSIS_API,
  ...DOUBLE_API,
  ...ROB2_API,
  ...SETTINGS_API,
  ...FILES_API,
  ...REVMAN_API,
  ...OUTCOMES_API,
  ...PRISMA_API,
  ...WORKSPACE_API,
  ...OUTLINE_API,
  ...RECORDS_API,
  ...EXPLORE_API,
  ...META_REGRESSION_API,
  ...ENTRY_API,
  ...SCALE_API,
  ...SCREENING_API,
  ...FULLTEXT_API,
  ...RETRIEVAL_API,
  ...RANKING_API,
  ...MERGE_API,
  ...SYNC_API,
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

export type MethodKindOf<M extends MethodName> = Api[M]['kind'];
/** Methods that only read: safe to cache, never reported as changes. */
export type QueryMethod = { [M in MethodName]: Api[M]['kind'] extends 'query' ? M : never }[MethodName];
/** Methods that may write: their replies carry `change` and `history`. */
export type MutationMethod = Exclude<MethodName, QueryMethod>;

export const METHOD_NAMES = Object.keys(API) as MethodName[];

export function isMutation(method: MethodName): method is MutationMethod {
  return API[method].kind === 'mutation';
}

/** Own-key check: `constructor`, `__proto__` and friends are never methods. */
export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(API, value);
}

/** The wire envelope of a request (IPC and HTTP alike). */
export const requestEnvelopeSchema = z.object({ method: z.string(), args: z.unknown() }).strict();
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;
