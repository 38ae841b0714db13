import type { z } from 'zod';
import { API, isMethodName, type ApiClient, type ArgsOf, type Handlers, type MethodName, type ResultOf } from './contract.ts';
import { ApiError, type ApiIssue, type ApiResult } from './errors.ts';

// One dispatcher for every transport: the in-process client, Electron's ipcMain
// handler and the HTTP host all call `dispatch`, so validation and error shapes
// cannot drift between hosts.

export function zodIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Describe validation issues in one line for a terminal or a log. */
export function describeIssues(issues: readonly ApiIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

export async function dispatch(handlers: Handlers, method: unknown, args: unknown): Promise<ApiResult<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'BAD_REQUEST', message: `Unknown API method: ${JSON.stringify(method)}` } };
  }
  const parsed = API[method].args.safeParse(args ?? {});
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    return { ok: false, error: { code: 'VALIDATION', message: `Invalid arguments for ${method}: ${describeIssues(issues)}`, issues } };
  }
  try {
    const handler = handlers[method] as (a: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toData() };
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: 'INTERNAL', message } };
  }
}

/** A typed client over any envelope transport. */
export function createClient(send: (method: MethodName, args: unknown) => Promise<ApiResult<unknown>>): ApiClient {
  return {
    async call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
      const result = await send(method, args);
      if (!result.ok) throw ApiError.fromData(result.error);
      return result.value as ResultOf<M>;
    },
  };
}

/** A client that calls the handler table directly (tests, the CLI). */
export function inProcessClient(handlers: Handlers): ApiClient {
  return createClient((method, args) => dispatch(handlers, method, args));
}
