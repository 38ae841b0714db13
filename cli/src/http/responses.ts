import type http from 'node:http';
import type { ApiResult } from '@grove/shared';

// Every answer of the browser host carries the same security headers: the strict CSP of
// the desktop app, no sniffing, no referrer, same-origin isolation, nothing cached.

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  });
  res.end(body);
}

export function sendEnvelope(res: http.ServerResponse, status: number, envelope: ApiResult<unknown>): void {
  send(res, status, JSON.stringify(envelope), 'application/json; charset=utf-8');
}
