import type { HistoryStatus } from '../model/audit.ts';

// The API envelope. Every transport (in-process, Electron IPC, HTTP) carries replies and
// errors as plain data so that they survive serialisation unchanged.

export const API_ERROR_CODES = [
  'BAD_REQUEST', // malformed envelope, unknown method
  'VALIDATION', // arguments failed the method's schema; `issues` names the fields
  'NOT_FOUND',
  'CONFLICT',
  'UNSUPPORTED', // the method exists but this host cannot do it (e.g. a native dialog in the browser host)
  'FORBIDDEN', // sender or token rejected
  'NO_REVIEW', // no review file is open
  'INTERNAL',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiIssue {
  /** Dotted path to the offending field, e.g. `eligibility.participants` or `reports.1.year`. */
  readonly path: string;
  readonly message: string;
}

export interface ApiErrorData {
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly issues?: readonly ApiIssue[];
}

/** What one mutation wrote: the change row (one undo step) and the rows it touched. */
export interface ChangeSummary {
  /** The change row's id (the last one when a call recorded several). */
  readonly id: number;
  /** e.g. `Edit result "Cook 2012a"`: what undo would say. */
  readonly label: string;
  /** SQL table names, with the primary keys (as strings) of the rows written in each. */
  readonly touched: readonly { readonly table: string; readonly ids: readonly string[] }[];
}

/**
 * A reply. For a mutation the dispatcher always sets `change` (null when nothing was
 * written) and `history` (the undo state after the call); for a query both are absent.
 * Clients invalidate what depends on `change.touched` and show `history` without asking.
 */
export type ApiResult<T> =
  | { readonly ok: true; readonly value: T; readonly change?: ChangeSummary | null; readonly history?: HistoryStatus }
  | { readonly ok: false; readonly error: ApiErrorData };

/** Thrown by handlers and clients; `toData()` is what crosses a transport. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: readonly ApiIssue[] | undefined;

  constructor(code: ApiErrorCode, message: string, issues?: readonly ApiIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  toData(): ApiErrorData {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static fromData(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.issues);
  }
}

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
}
