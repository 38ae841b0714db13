// Who is calling: each connected client (a browser tab, a desktop window, an in-process
// client) has its own identity, under which the backend keeps that client's reviewer, so
// that two people on one `grove serve` never act as each other.
//
// The browser host reads it from a header the page sends with every API call; the desktop
// host derives it from the sending window; the in-process host from the client object.

/** The header carrying the calling tab's client id to `grove serve`. */
export const HTTP_CLIENT_HEADER = 'x-grove-client';

/** A client id that passed `parseClientId`: letters, digits, `-` and `_`, 8 to 64 of them. */
export type ClientId = string & { readonly __clientId: unique symbol };

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The id, or why it is refused (for the host's answer). */
export function parseClientId(value: string): { ok: true; id: ClientId } | { ok: false; reason: string } {
  if (CLIENT_ID.test(value)) return { ok: true, id: value as ClientId };
  return {
    ok: false,
    reason: `The client id in ${HTTP_CLIENT_HEADER} must be 8 to 64 letters, digits, "-" or "_" (got ${JSON.stringify(value.slice(0, 80))}).`,
  };
}
