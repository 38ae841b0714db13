import type * as z from 'zod';
import type { HistoryStatus } from '../model/audit.ts';
import { API, isMethodName, isMutation, type ApiClient, type ArgsOf, type Handlers, type MethodName, type ResultOf } from './contract.ts';
import { ApiError, type ApiIssue, type ApiResult, type ChangeSummary } from './errors.ts';

// One dispatcher for every transport: the in-process client, Electron's ipcMain
// handler and the HTTP host all call `dispatch`, so validation, error shapes and the
// change report of a mutation cannot drift between hosts.

/** What a mutation's handler call wrote, and the undo state after it. */
export interface MutationOutcome<T> {
  readonly value: T;
  readonly change: ChangeSummary | null;
  readonly history: HistoryStatus;
}

/**
 * What a host dispatches to: the handler table and the backend's way of observing which
 * changes a call records (handlers never pass them around themselves).
 */
export interface ApiService {
  readonly handlers: Handlers;
  trackMutation<T>(run: () => Promise<T>): Promise<MutationOutcome<T>>;
}

export function zodIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Describe validation issues in one line for a terminal or a log. */
export function describeIssues(issues: readonly ApiIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

export async function dispatch(service: ApiService, method: unknown, args: unknown): Promise<ApiResult<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'BAD_REQUEST', message: `Unknown API method: ${JSON.stringify(method)}` } };
  }
  const parsed = API[method].args.safeParse(args ?? {});
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    return { ok: false, error: { code: 'VALIDATION', message: `Invalid arguments for ${method}: ${describeIssues(issues)}`, issues } };
  }
  try {
    const handler = service.handlers[method] as (a: unknown) => unknown;
    if (!isMutation(method)) return { ok: true, value: await handler(parsed.data) };
    const { value, change, history } = await service.trackMutation(async () => handler(parsed.data));
    return { ok: true, value, change, history };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toData() };
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: 'INTERNAL', message } };
  }
}

export interface ClientOptions {
  /** Told after every successful reply that carries the undo state (every mutation). */
  onMutation?: (method: MethodName, change: ChangeSummary | null, history: HistoryStatus) => void;
}

/** A typed client over any envelope transport; `call` resolves to the value only. */
export function createClient(
  send: (method: MethodName, args: unknown) => Promise<ApiResult<unknown>>,
  options: ClientOptions = {},
): ApiClient {
  return {
    async call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
      const result = await send(method, args);
      if (!result.ok) throw ApiError.fromData(result.error);
      if (result.history) options.onMutation?.(method, result.change ?? null, result.history);
      return result.value as ResultOf<M>;
    },
  };
}

/** A client that calls the handler table directly (tests, the CLI). */
export function inProcessClient(service: ApiService, options: ClientOptions = {}): ApiClient {
  return createClient((method, args) => dispatch(service, method, args), options);
}
