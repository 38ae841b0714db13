import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatch, type ApiService } from '@grove/shared/api/dispatch';
import type { ClientId } from '@grove/shared/api/client-id';
import type { ApiResult } from '@grove/shared/api/errors';
import { IPC_INVOKE_CHANNEL } from '@grove/shared/api/bridge';
import { urlOrigin } from './security.ts';

// The one IPC channel between the renderer and the backend. Every call is checked in
// two steps before any handler runs:
//   1. the sender (VS Code's validatedIpcMain): a window we created, its main frame,
//      showing a page from app://grove; and
//   2. the method and its arguments, by the shared `dispatch` (own-key method check,
//      zod argument schema, error envelope), the same code the HTTP host runs.
// Errors come back as `{ ok: false, error }` values, never as thrown errors, because
// Electron reduces a rejected `invoke` to its message. Each window is its own client (its
// own reviewer and undo): the call goes to the service for the sending webContents.
//
// This module imports Electron for types only, so the tests drive it with fake events.

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrameLike {
  readonly url: string;
  /** `null` for a main frame, the parent frame for a subframe. */
  readonly parent: unknown;
}

/** The parts of Electron's IpcMainInvokeEvent the check reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  /** `null` when the frame has navigated away or been destroyed since sending. */
  readonly senderFrame: SenderFrameLike | null | undefined;
}

export interface ExpectedSender {
  /** `webContents.id` of every window the main process created. */
  readonly webContentsIds: ReadonlySet<number> | readonly number[];
  /** Scheme and host the sending page must have, e.g. `app://grove`. */
  readonly origin: string;
}

export type SenderCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Decide whether an IPC message may reach the backend. Pure: no Electron needed. */
export function validateSender(event: InvokeEventLike, expected: ExpectedSender): SenderCheck {
  const ids = expected.webContentsIds;
  const known = ids instanceof Set ? ids.has(event.sender.id) : (ids as readonly number[]).includes(event.sender.id);
  if (!known) return { ok: false, reason: `unknown webContents ${event.sender.id}` };

  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return { ok: false, reason: 'sender frame is gone' };
  if (frame.parent !== null) return { ok: false, reason: 'sender is not the main frame' };

  if (typeof frame.url !== 'string' || frame.url === '') return { ok: false, reason: 'sender frame has no URL' };
  const origin = urlOrigin(frame.url);
  if (origin === null || origin !== expected.origin) {
    return { ok: false, reason: `sender origin ${origin ?? JSON.stringify(frame.url)} is not ${expected.origin}` };
  }
  return { ok: true };
}

/** The client a window's calls run as: one per webContents, for as long as it lives. */
export function windowClientId(webContentsId: number): ClientId {
  // Digits and "-" only: within what every host accepts as a client id.
  return `electron-window-${webContentsId}` as ClientId;
}

export interface IpcOptions {
  /**
   * The backend (handler table and change tracking) as the sending window's client; read
   * per call so a reopened backend is picked up.
   */
  readonly service: (client: ClientId) => ApiService;
  /** Read per call: windows come and go. */
  readonly expected: () => ExpectedSender;
  /** Told about every rejected sender (for the log). */
  readonly onRejected?: (reason: string) => void;
}

/** What the channel's handler does with one call; exported for the tests. */
export async function handleInvoke(
  options: IpcOptions,
  event: InvokeEventLike,
  method: unknown,
  args: unknown,
): Promise<ApiResult<unknown>> {
  const check = validateSender(event, options.expected());
  if (!check.ok) {
    options.onRejected?.(check.reason);
    // The reason goes to the log, not to a sender we do not trust.
    return { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not call the Grove API.' } };
  }
  // The reply goes back as it is: a mutation's `change` and `history` included.
  return dispatch(options.service(windowClientId(event.sender.id)), method, args);
}

/** Register the single invoke channel; returns a function that removes it. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, options: IpcOptions): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, args: unknown) =>
    handleInvoke(options, event, method, args),
  );
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}
