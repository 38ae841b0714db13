import type { Db } from '../connection.ts';
import type { HeldEvent } from '../merge/events.ts';
import { copySiteId, type Reidentified } from '../merge/merge-files.ts';
import { forgetClock, siteIdOf } from '../merge/site-clock.ts';
import { renameOwnChanges, writeSiteId } from '../repositories/site-repo.ts';

// A file copied outside Grove (`cp`, e-mail, a restored backup) carries its original's site
// id. When both sync, the server holds the first one's history under that id; the second
// one's own changes from where the histories part would collide with it. The server is
// the shared record, so the file that finds its history differing is the copy: its own
// changes from the first differing one on take a site id of their own, derived from that
// change as a merge derives it (copySiteId), and it keeps that id for its later changes.
// Both histories then reach the server whole, and each file receives the other's.

/**
 * The first own event per site whose digest differs from what the server holds under the
 * same identity (`server`: "site seq" → digest, for any events the server was asked about
 * or sent).
 */
export function findPartedHistories(held: readonly HeldEvent[], server: ReadonlyMap<string, string>): Reidentified[] {
  const first = new Map<string, HeldEvent>();
  for (const e of held) {
    if (!e.own) continue;
    const theirs = server.get(`${e.site} ${e.seq}`);
    if (theirs === undefined || theirs === e.digest) continue;
    const f = first.get(e.site);
    if (!f || e.seq < f.seq) first.set(e.site, e);
  }
  return [...first.values()].map((e) => ({ site: e.site, as: copySiteId(e.site, e.digest), fromSeq: e.seq }));
}

/** Renames the file's own changes of each parted site (inside the caller's transaction). */
export function reidentifyOwnHistory(db: Db, parted: readonly Reidentified[]): void {
  const current = siteIdOf(db);
  for (const p of parted) {
    renameOwnChanges(db, p.site, p.fromSeq, p.as);
    if (p.site === current) writeSiteId(db, p.as);
  }
  forgetClock(db);
}
