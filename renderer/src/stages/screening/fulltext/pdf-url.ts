import { HTTP_FULLTEXT_PATH, HTTP_TOKEN_QUERY } from '@grove/shared';
import type { AppClient } from '../../../api/client.ts';
import { takeToken } from '../../../api/transport.ts';

// Where the viewer's <iframe> loads an attached PDF from.
//   - Browser host: GET /fulltext/<id> on the page's own origin, with the session token in
//     the query (a frame cannot send headers). The page's policy frames 'self' only, and the
//     PDF comes back as application/pdf under a policy of its own (cli/src/http/pdf-route.ts).
//   - Electron: the PDF's pieces over the one IPC channel (fullText.chunk), made into a
//     blob: URL of the page's own origin (docs/fulltext.md: what Electron's policy allows).

export function isElectron(): boolean {
  return typeof window !== 'undefined' && window.grove !== undefined && typeof window.grove.invoke === 'function';
}

export function httpPdfUrl(attachmentId: string, token: string | null): string {
  const path = `${HTTP_FULLTEXT_PATH}/${encodeURIComponent(attachmentId)}`;
  return token ? `${path}?${HTTP_TOKEN_QUERY}=${encodeURIComponent(token)}` : path;
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The PDF as a blob: URL built from its pieces (Electron); the caller revokes it. */
export async function blobPdfUrl(client: AppClient, attachmentId: string, signal: AbortSignal): Promise<string> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let n = 0; ; n++) {
    if (signal.aborted) throw new DOMException('The PDF is no longer shown.', 'AbortError');
    const piece = await client.call('fullText.chunk', { id: attachmentId, n });
    parts.push(base64ToBytes(piece.contentBase64));
    if (piece.last) break;
  }
  return URL.createObjectURL(new Blob(parts, { type: 'application/pdf' }));
}

export function sessionToken(): string | null {
  return takeToken();
}
