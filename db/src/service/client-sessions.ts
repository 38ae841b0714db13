import { AsyncLocalStorage } from 'node:async_hooks';
import type { ClientId } from '@grove/shared';

// Who is working, per connected client. One backend serves several clients at once (the
// tabs of one `grove serve`, the windows of the desktop app, in-process clients in tests);
// each has its own session, so choosing a reviewer in one tab never changes who is
// recorded for another. Handlers do not see client ids: a host runs each call inside its
// client's session (AsyncLocalStorage keeps concurrent calls apart across awaits), and
// the context reads the session of the call that is running.

/** What the backend remembers about one client between its calls. */
export interface ClientSession {
  /** The reviewer this client's changes are recorded for (and whose changes its undo takes back). */
  reviewerId: string | null;
}

export class ClientSessions {
  /** The host's own client: calls made outside any client's scope (the CLI, tests, a page that sends no id). */
  private readonly own: ClientSession = { reviewerId: null };
  private readonly byId = new Map<ClientId, ClientSession>();
  private readonly calling = new AsyncLocalStorage<ClientSession>();
  private connected = 0;

  /** The session of the client whose call is running; outside any, the host's own. */
  current(): ClientSession {
    return this.calling.getStore() ?? this.own;
  }

  /** Client `id`'s session, begun (with no reviewer) the first time the client calls. */
  session(id: ClientId): ClientSession {
    let session = this.byId.get(id);
    if (!session) {
      session = { reviewerId: null };
      this.byId.set(id, session);
    }
    return session;
  }

  /** A new client with a session of its own (an in-process client object, which has no id of its own). */
  connect(): ClientId {
    this.connected++;
    // ":" is never in an id a host accepts from outside, so no tab or window can take this one.
    return `in-process:${this.connected}` as ClientId;
  }

  /** Runs `run` (and everything it awaits) as the client `session` belongs to. */
  runAs<T>(session: ClientSession, run: () => T): T {
    return this.calling.run(session, run);
  }

  /** The client has gone (a closed window): its session is dropped. */
  forget(id: ClientId): void {
    this.byId.delete(id);
  }

  /** Another review is open: reviewers belong to a file, so every client starts again with none. */
  clearReviewers(): void {
    this.own.reviewerId = null;
    for (const s of this.byId.values()) s.reviewerId = null;
  }
}
