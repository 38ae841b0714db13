import { createContext, useContext } from 'react';
import { ApiError, createClient, describeIssues, isMutation, type ApiClient, type ApiIssue, type HistoryStatus, type MethodName } from '@grove/shared';
import { defaultTransport, type ProgressSource, type Send, type Upload } from './transport.ts';

// The one typed client the app uses. Components get it from context, so tests can
// hand the app a client over the in-process backend.

export type { ApiClient };

/**
 * What a mutation's reply says it changed (the envelope's `change`, pinned in
 * docs/architecture.md): the change row, its label, and the SQL tables and primary keys
 * it wrote. Mirrors `ChangeSummary` of `shared/src/api/errors.ts`.
 */
export interface ChangeSummary {
  readonly id: number;
  readonly label: string;
  readonly touched: readonly { readonly table: string; readonly ids: readonly string[] }[];
}

/** A mutation's reply: what it changed (null: nothing was written) and the undo state after it. */
export interface MutationReply {
  readonly method: MethodName;
  readonly change: ChangeSummary | null;
  readonly history: HistoryStatus;
}

export interface AppClient extends ApiClient {
  /** Called after every successful reply that carries `history`, i.e. every mutation's. */
  onMutation(listener: (reply: MutationReply) => void): () => void;
  /** True once a reply carried `history`: this backend reports what each mutation changed. */
  reportsChanges(): boolean;
  /** The host's streamed upload path (the browser host); absent where bytes travel in the call itself. */
  readonly upload?: Upload;
  /** The backend's progress events of long operations; absent where the host has no channel for them. */
  readonly progress?: ProgressSource;
}

type Envelope = Awaited<ReturnType<Send>> & { readonly change?: ChangeSummary | null; readonly history?: HistoryStatus };

export function createAppClient(
  send: Send = defaultTransport(),
  upload: Upload | null = null,
  progress: ProgressSource | null = null,
): AppClient {
  const listeners = new Set<(reply: MutationReply) => void>();
  let reports = false;
  // Writes reach the backend in the order they were made: each waits for the one before it
  // to be answered. Over HTTP two requests in flight may be handled in either order, so "U"
  // then "H" pressed quickly could be stored as U. Reads go at once.
  let lastWrite: Promise<unknown> = Promise.resolve();
  const inOrder: Send = (method, args) => {
    if (!isMutation(method)) return send(method, args);
    const turn = lastWrite.then(() => send(method, args));
    lastWrite = turn.catch(() => undefined);
    return turn;
  };
  const client = createClient(async (method, args) => {
    const reply: Envelope = await inOrder(method, args);
    if (reply.ok && reply.history) {
      reports = true;
      const summary: MutationReply = { method, change: reply.change ?? null, history: reply.history };
      for (const l of listeners) l(summary);
    }
    return reply;
  });
  return {
    call: client.call,
    onMutation(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    reportsChanges: () => reports,
    ...(upload ? { upload } : {}),
    ...(progress ? { progress } : {}),
  };
}

export const ClientContext = createContext<AppClient | null>(null);

export function useClient(): AppClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() outside <ClientContext.Provider>');
  return client;
}

/** A sentence for the status bar or a toast. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'VALIDATION' && err.issues?.length) return describeIssues(err.issues.map((i) => stripArgsPrefix(i)));
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Server issue paths are relative to the args (`patch.pico.population`); forms want `pico.population`. */
export function stripArgsPrefix(issue: ApiIssue, prefixes: readonly string[] = ['patch.', 'study.', 'report.', 'reviewer.']): ApiIssue {
  for (const p of prefixes) if (issue.path.startsWith(p)) return { ...issue, path: issue.path.slice(p.length) };
  return issue;
}

export function issuesOf(err: unknown): ApiIssue[] {
  if (err instanceof ApiError && err.code === 'VALIDATION' && err.issues) return err.issues.map((i) => stripArgsPrefix(i));
  return [];
}
