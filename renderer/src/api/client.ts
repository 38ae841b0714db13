import { createContext, useContext } from 'react';
import { ApiError, createClient, describeIssues, type ApiClient, type ApiIssue } from '@grove/shared';
import { defaultTransport, type Send } from './transport.ts';

// The one typed client the app uses. Components get it from context, so tests can
// hand the app a client over an in-memory fake of the handlers.

export type { ApiClient };

export function createAppClient(send: Send = defaultTransport()): ApiClient {
  return createClient(send);
}

export const ClientContext = createContext<ApiClient | null>(null);

export function useClient(): ApiClient {
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
