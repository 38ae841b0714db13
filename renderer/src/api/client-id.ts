// This tab's client id, sent with every call to `grove serve` (x-grove-client): the host
// keeps a reviewer, and so an undo, per client, so two tabs can be two reviewers.
//
// The id lives in sessionStorage so that a reload keeps the tab's reviewer. But a
// browser's "Duplicate tab" copies sessionStorage, which would make two tabs one client;
// so the id is taken out of storage while the page is open and put back only as the
// page goes (pagehide), for the reload to find.

import { parseClientId } from '@grove/shared';

const CLIENT_KEY = 'grove.client';

/** 24 random bytes as base64url: within the ids the host accepts (8–64 of [A-Za-z0-9_-]). */
function newClientId(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export interface ClientIdEnv {
  readonly storage: Storage;
  readonly page: Pick<Window, 'addEventListener'>;
  readonly random: (bytes: Uint8Array) => Uint8Array;
}

const browserEnv = (): ClientIdEnv => ({
  storage: window.sessionStorage,
  page: window,
  random: (bytes) => crypto.getRandomValues(bytes),
});

/** This page's client id: the one a reload left behind, or a new one. Called once per page load. */
export function takeClientId(env: ClientIdEnv = browserEnv()): string {
  const { storage, page } = env;
  let id: string | null = null;
  try {
    id = storage.getItem(CLIENT_KEY);
    storage.removeItem(CLIENT_KEY);
  } catch {
    // storage disabled: a new id per page load (a reload starts with no reviewer)
  }
  const mine = id && parseClientId(id).ok ? id : newClientId(env.random);
  page.addEventListener('pagehide', () => {
    try {
      env.storage.setItem(CLIENT_KEY, mine);
    } catch {
      // nothing to keep it in
    }
  });
  // Back from the back/forward cache: the page is open again, so the id leaves storage again.
  page.addEventListener('pageshow', (e) => {
    if ((e as PageTransitionEvent).persisted) {
      try {
        env.storage.removeItem(CLIENT_KEY);
      } catch {
        // as above
      }
    }
  });
  return mine;
}
