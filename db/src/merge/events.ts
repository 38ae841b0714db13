import { createHash } from 'node:crypto';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { iterateHistory, keptOnceValues, mergedDigests } from '../repositories/merge-repo.ts';
import { TABLE_BY_NAME } from '../tables.ts';
import { compareStamp, isHlc, type Hlc } from './hlc.ts';

// A review's history as change events: one per change of any copy, under that change's
// global identity (site, seq), with its clock reading and the rows it wrote (before and
// after). A file's own changes are events of the site that made them; rows a merge took
// in are passed on under the identity of the change they came from, so a third copy that
// already saw that change recognises it.

export interface EventEntry {
  readonly table: string;
  readonly before: Row | null;
  readonly after: Row | null;
}

export interface ChangeEvent {
  readonly site: string;
  readonly seq: number;
  readonly hlc: Hlc;
  readonly reviewer: string;
  readonly label: string;
  readonly entries: EventEntry[];
  /** Identifies the event's content: two histories under one site id differ here first. */
  readonly digest: string;
}

/** An event as this file holds it: in which of its changes, and whether that change is its own. */
export interface HeldEvent extends ChangeEvent {
  /** The change of this file that holds it: its own change, or the merge that took it in. */
  readonly changeId: number;
  /** Made by this file (false: taken in from another copy by a merge or a sync). */
  readonly own: boolean;
}

interface Building {
  site: string;
  seq: number;
  hlc: Hlc;
  reviewer: string;
  label: string;
  changeId: number;
  own: boolean;
  /** What the digest covers after the event's header: each entry's table, before and after, as stored. */
  content: string;
  /** Set once the event is complete (its content is then dropped). */
  digest: string | null;
  entries: EventEntry[];
}

function parseRow(text: string | null): Row | null {
  return text === null ? null : (JSON.parse(text) as Row);
}

/**
 * A created row as it was written: its creation's audit entry leaves out the columns kept once
 * in the row (a record's raw text), which another copy needs to rebuild it.
 */
function wholeRow(db: Db, table: string, beforeRow: string | null, after: Row | null): Row | null {
  const spec = TABLE_BY_NAME.get(table);
  if (beforeRow !== null || after === null || !spec?.keptOnce || spec.keptOnce.every((c) => c in after)) return after;
  const kept = keptOnceValues(db, spec, String(after[spec.key]));
  if (kept === null)
    throw new Error(`The ${spec.entity} ${String(after[spec.key])} of the review's history has lost its ${spec.keptOnce.join(', ')}.`);
  return { ...after, ...kept };
}

/**
 * An event's digest: over its header, then each entry's table, before and after as stored,
 * joined (`content`). Hashing is a stream, so one update with the joined text gives the
 * digest a hash fed text by text would, in far fewer calls into the hash.
 */
export function digestOf(hlc: string, reviewer: string, label: string, content: string): string {
  return createHash('sha256')
    .update(JSON.stringify([hlc, reviewer, label]) + content)
    .digest('hex')
    .slice(0, 32);
}

/** Every event of the review's history, in clock order. */
export function readEvents(db: Db): HeldEvent[] {
  return readHistory(db, true, true) ?? (readHistory(db, false, true) as HeldEvent[]);
}

/**
 * The digest of every event of the review's history, by "site seq": what a merge compares
 * with another copy's events to find a copy made outside Grove, without reading the rows
 * (a target's history is as long as the copy's it merges).
 */
export function readEventDigests(db: Db): Map<string, string> {
  const events = readHistory(db, true, false) ?? (readHistory(db, false, false) as HeldEvent[]);
  return new Map(events.map((e) => [`${e.site} ${e.seq}`, e.digest]));
}

/**
 * The history read as events. `sealEarly`: an event's digest is taken as soon as the
 * history moves on to another event, and its texts let go (a merge reads 100k events;
 * holding every text to the end cost more in garbage collection than hashing). An event's
 * entries come one after another (the history is ordered by change, and a merge writes an
 * incoming event's rows together); should they not, the answer is null, and the history is
 * read again holding every text to the end. Without `withRows`, events come without their
 * entries (for their digests alone).
 */
function readHistory(db: Db, sealEarly: boolean, withRows: boolean): HeldEvent[] | null {
  const received = mergedDigests(db);
  const seal = (b: Building): string => {
    const digest = received.get(`${b.site} ${b.seq}`) ?? digestOf(b.hlc, b.reviewer, b.label, b.content);
    b.digest = digest;
    b.content = '';
    return digest;
  };
  const byId = new Map<string, Building>();
  let last: Building | null = null;
  for (const [
    changeId,
    siteId,
    changeHlc,
    reviewerName,
    changeLabel,
    originSite,
    originSeq,
    originHlc,
    originReviewer,
    originLabel,
    table,
    beforeRow,
    afterRow,
  ] of iterateHistory(db)) {
    // This copy's own bookkeeping (resolving its conflict queue) is never another copy's concern.
    if (TABLE_BY_NAME.get(table)?.localOnly) continue;
    const forwarded = originSite !== null && originSeq !== null;
    const site = forwarded ? originSite : siteId;
    const seq = forwarded ? originSeq : changeId;
    const hlc = forwarded ? originHlc : changeHlc;
    if (!isHlc(hlc)) throw new Error(`Change ${changeId} has no clock reading; the review's history is damaged.`);
    const id = `${site} ${seq}`;
    let b = byId.get(id);
    // The same change taken in again (after its merge was undone): the later copy counts.
    if (b && b.changeId !== changeId && forwarded) {
      byId.delete(id);
      b = undefined;
    }
    if (!b) {
      b = {
        site,
        seq,
        hlc,
        reviewer: forwarded ? (originReviewer ?? '') : reviewerName,
        label: forwarded ? (originLabel ?? '') : changeLabel,
        changeId,
        own: !forwarded,
        content: '',
        digest: null,
        entries: [],
      };
      byId.set(id, b);
    }
    if (b !== last) {
      if (b.digest !== null) return null;
      if (sealEarly && last) seal(last);
      last = b;
    }
    b.content += table + (beforeRow ?? 'null') + (afterRow ?? 'null');
    if (withRows)
      b.entries.push({
        table,
        before: parseRow(beforeRow),
        after: wholeRow(db, table, beforeRow, parseRow(afterRow)),
      });
  }
  const events: HeldEvent[] = [...byId.values()].map((b) => ({
    site: b.site,
    seq: b.seq,
    hlc: b.hlc,
    reviewer: b.reviewer,
    label: b.label,
    entries: b.entries,
    digest: b.digest ?? seal(b),
    changeId: b.changeId,
    own: b.own,
  }));
  return events.sort((a, b) => compareStamp(a, b) || a.seq - b.seq);
}
