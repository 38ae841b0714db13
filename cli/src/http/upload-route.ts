import type http from 'node:http';
import type { ApiResult } from '@grove/shared';
import { UploadFailedError, UploadTooLargeError, type UploadStore } from '../../../db/src/fs/upload-store.ts';
import { sendEnvelope } from './responses.ts';

// POST /upload?name=FILE: the raw file as the request body (application/octet-stream),
// streamed to a temporary file by the upload store, answered with the token that API
// methods take instead of the bytes. The caller has already passed the same checks as
// POST /rpc (same origin, session token). Over the size limit: 413 with a message.

const NAME_MAX = 255;

export async function receiveUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, uploads: UploadStore): Promise<void> {
  const fail = (status: number, code: 'BAD_REQUEST' | 'INTERNAL', message: string) => {
    // Drop the rest of the body, then close, so the client reads this answer rather than a reset.
    res.setHeader('connection', 'close');
    req.resume();
    const envelope: ApiResult<never> = { ok: false, error: { code, message } };
    sendEnvelope(res, status, envelope);
  };
  if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
    fail(415, 'BAD_REQUEST', 'Uploads must be sent as application/octet-stream.');
    return;
  }
  const name = url.searchParams.get('name') ?? '';
  if (name === '' || name.length > NAME_MAX || /[\\/\0]/.test(name)) {
    fail(400, 'BAD_REQUEST', 'An upload needs ?name= with the file name (no folder, at most 255 characters).');
    return;
  }
  const declared = req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : undefined;
  try {
    const upload = await uploads.receive(name, req, Number.isFinite(declared) ? declared : undefined);
    sendEnvelope(res, 200, { ok: true, value: { uploadToken: upload.token, name: upload.name, size: upload.size } });
  } catch (err) {
    if (err instanceof UploadTooLargeError) fail(413, 'BAD_REQUEST', `${name}: ${err.message}`);
    else if (err instanceof UploadFailedError) fail(400, 'BAD_REQUEST', `${name}: ${err.message}`);
    else fail(500, 'INTERNAL', `${name} could not be stored: ${(err as Error).message}`);
  }
}
