import type http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HTTP_FULLTEXT_PATH, HTTP_TOKEN_HEADER, HTTP_TOKEN_QUERY, type Handlers } from '@grove/shared';
import { send } from './responses.ts';

// GET /fulltext/<attachment id>: an attached PDF for the workbench's viewer (an <iframe>
// showing the browser's own PDF viewer). Token-protected like /rpc: the session token in
// the x-grove-token header, or in ?token= since a frame cannot send headers (the page's
// own address carries it the same way; no-referrer keeps it from leaving). A request
// another site started (Sec-Fetch-Site) is refused. The bytes come piece by piece through
// the same handler Electron's viewer calls over IPC (fullText.chunk). The answer is always
// application/pdf, inline, under a policy that lets only the workbench's own pages frame
// it and lets the document load nothing: whatever a file holds, it is never served as a
// page that could run in the workbench's origin.

/** The PDF document's own policy: no content of its own, framed only by the workbench. */
export const PDF_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'self'";

const ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * `Content-Disposition: inline` with the file's name made safe: an ASCII fallback with
 * quotes, backslashes, control and non-ASCII characters replaced, and the exact name in
 * RFC 5987's `filename*` (a name can never break out of the header or add another).
 */
export function pdfContentDisposition(fileName: string): string {
  const base = fileName.replace(/[\r\n]/g, ' ');
  const ascii = base.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(base).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function isPdfPath(pathname: string): boolean {
  return pathname.startsWith(`${HTTP_FULLTEXT_PATH}/`);
}

type PdfHandlers = Pick<Handlers, 'fullText.get' | 'fullText.chunk'>;

export async function servePdf(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  tokenOk: (given: string | undefined) => boolean,
  handlers: PdfHandlers,
): Promise<void> {
  const header = req.headers[HTTP_TOKEN_HEADER];
  const given = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get(HTTP_TOKEN_QUERY) ?? undefined;
  const site = req.headers['sec-fetch-site'];
  if (!tokenOk(given) || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
    send(res, 403, 'Missing or wrong session token.', 'text/plain; charset=utf-8');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
    return;
  }
  const id = url.pathname.slice(HTTP_FULLTEXT_PATH.length + 1);
  let found: Awaited<ReturnType<PdfHandlers['fullText.get']>> | null = null;
  try {
    found = ID.test(id) ? await handlers['fullText.get']({ id }) : null;
  } catch {
    found = null;
  }
  if (!found) {
    send(res, 404, 'No such PDF in the open review.', 'text/plain; charset=utf-8');
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/pdf',
    'content-length': String(found.size),
    'content-disposition': pdfContentDisposition(found.fileName),
    'content-security-policy': PDF_CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const pieces = async function* () {
    for (let n = 0; ; n++) {
      const piece = await handlers['fullText.chunk']({ id, n });
      yield Buffer.from(piece.contentBase64, 'base64');
      if (piece.last) return;
    }
  };
  try {
    await pipeline(Readable.from(pieces()), res);
  } catch {
    // The viewer went away, or the bytes did mid-way (the review was closed): the
    // connection is cut, so the client never takes a short file for a whole one.
    res.destroy();
  }
}
