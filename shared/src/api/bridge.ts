import type { ApiResult } from './errors.ts';

// What the Electron preload exposes on `window.grove` through contextBridge, and what
// the renderer's transport looks for. Kept minimal: one invoke function, returning
// the same envelope as HTTP, plus the channel name both sides agree on.

export const IPC_INVOKE_CHANNEL = 'grove:invoke';
export const HTTP_RPC_PATH = '/rpc';
/** The browser host's streamed upload path: the raw file as the body, `?name=` its file name. */
export const HTTP_UPLOAD_PATH = '/upload';
export const HTTP_TOKEN_HEADER = 'x-grove-token';
/** The browser host's PDF viewer path: GET /fulltext/<attachment id> (docs/fulltext.md). */
export const HTTP_FULLTEXT_PATH = '/fulltext';
/** The query parameter carrying the per-run token in the URL `grove serve` prints. */
export const HTTP_TOKEN_QUERY = 'token';

export interface GroveBridge {
  readonly host: 'electron';
  invoke(method: string, args: unknown): Promise<ApiResult<unknown>>;
}
