import type { Db } from '../connection.ts';
import { readLatestHlc, readSiteId } from '../repositories/site-repo.ts';
import { isHlc, nextHlc, type Hlc } from './hlc.ts';

// Each open review keeps its site id and clock in memory, read once from the file: a
// change then costs no extra statement (its reading is stored on its change row, and the
// file's latest reading is the maximum of those). Only one process writes a review (the
// review lock), so the memory copy cannot fall behind the file.

interface SiteClock {
  site: string;
  last: Hlc | null;
}

const clocks = new WeakMap<Db, SiteClock>();

function clockOf(db: Db): SiteClock {
  let clock = clocks.get(db);
  if (!clock) {
    const latest = readLatestHlc(db);
    clock = { site: readSiteId(db), last: isHlc(latest) ? latest : null };
    clocks.set(db, clock);
  }
  return clock;
}

export function siteIdOf(db: Db): string {
  return clockOf(db).site;
}

/** The next clock reading for a change made now. */
export function tick(db: Db, wallMs: number = Date.now()): { site: string; hlc: Hlc } {
  const clock = clockOf(db);
  clock.last = nextHlc(clock.last, wallMs);
  return { site: clock.site, hlc: clock.last };
}

/** Moves the clock past a reading received from another copy, so later changes sort after it. */
export function observe(db: Db, seen: Hlc): void {
  const clock = clockOf(db);
  if (clock.last === null || seen > clock.last) clock.last = seen;
}

/** Forgets the memory copy (after the site id is changed in the file). */
export function forgetClock(db: Db): void {
  clocks.delete(db);
}
