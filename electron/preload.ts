import { contextBridge, ipcRenderer } from 'electron';
import { IPC_INVOKE_CHANNEL, IPC_PROGRESS_CHANNEL, type GroveBridge } from '@grove/shared/api/bridge';
import type { ProgressEvent } from '@grove/shared/model/progress';
import type { ApiResult } from '@grove/shared/api/errors';

// The whole surface the page gets: `window.grove = { host, invoke, onProgress }`. The preload runs
// sandboxed (it can require only 'electron'), is bundled to one CJS file, and never
// hands the page `ipcRenderer` itself or any other channel. The main process validates
// the sender, the method and the arguments of every call.

const bridge = Object.freeze({
  host: 'electron',
  invoke(method: string, args: unknown): Promise<ApiResult<unknown>> {
    if (typeof method !== 'string') {
      return Promise.resolve({ ok: false, error: { code: 'BAD_REQUEST', message: 'The API method must be a string.' } });
    }
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, args) as Promise<ApiResult<unknown>>;
  },
  // Progress of long operations, from the main process only (the page never sends on it).
  onProgress(listener: (event: ProgressEvent) => void): () => void {
    const handler = (_event: unknown, progress: ProgressEvent) => listener(progress);
    ipcRenderer.on(IPC_PROGRESS_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(IPC_PROGRESS_CHANNEL, handler);
  },
} as const) satisfies GroveBridge;

contextBridge.exposeInMainWorld('grove', bridge);
