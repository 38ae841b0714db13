import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { ProgressReporter, type ProgressListener } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Actor } from '../changes.ts';
import { schemaVersion } from '../migrate.ts';
import { ReviewFileError } from '../connection.ts';
import { inspectReviewFile, openReviewFile } from '../review-file.ts';
import { mergedDigests, readVersionVector, reviewIdentity, withRoomForMerge } from '../repositories/merge-repo.ts';
import { applyEvents } from './apply-events.ts';
import { backupBeforeMerge } from './backup.ts';
import { blobsNamedBy, copyMissingBlobs } from './merge-blobs.ts';
import { readEventDigests, readEvents, type ChangeEvent } from './events.ts';
import type { ConflictRecord } from '../repositories/merge-repo.ts';

// `grove merge TARGET OTHER`: bring into TARGET every change of OTHER that TARGET has not
// seen (docs/merging.md). Refused, with nothing written, when the two are not copies of
// one review or use different schema versions.

export class MergeRefusedError extends ReviewFileError {
  constructor(file: string, message: string) {
    super(file, message);
    this.name = 'MergeRefusedError';
  }
}

export interface Reidentified {
  /** The site id the copy made outside Grove carried. */
  readonly site: string;
  /** The id its own changes are known by from here on. */
  readonly as: string;
  /** Its first change that differs from the target's history under that site id. */
  readonly fromSeq: number;
}

export interface MergeReport {
  applied: number;
  skipped: number;
  conflicts: ConflictRecord[];
  byReviewer: { reviewer: string; applied: number; conflicts: number }[];
  /** Changes of OTHER this merge took in (already-seen ones are not counted). */
  events: number;
  backup: string | null;
  reidentified: Reidentified[];
}

/** The site id of a copy's history from its first change (digest) that differs from the original's. */
export function copySiteId(site: string, firstDigest: string): string {
  return `${site}~${createHash('sha256').update(`${site} ${firstDigest}`).digest('hex').slice(0, 12)}`;
}

/**
 * Two histories under one site id (a copy made with `cp`, sent by e-mail or restored from a
 * backup keeps its original's site id): OTHER's changes of that site from the first one the
 * target holds differently are given a site id of their own, derived from that first change,
 * so merging the same copy again finds the same id and nothing is lost or taken twice.
 */
export function reidentifyCopies(
  targetDigest: ReadonlyMap<string, string>,
  targetVector: ReadonlyMap<string, number>,
  other: ChangeEvent[],
): Reidentified[] {
  const bySite = new Map<string, ChangeEvent[]>();
  for (const e of other) {
    const list = bySite.get(e.site);
    if (list) list.push(e);
    else bySite.set(e.site, [e]);
  }
  const found: Reidentified[] = [];
  for (const [site, events] of bySite) {
    const known = targetVector.get(site) ?? 0;
    const first = events
      .filter((e) => e.seq <= known)
      .sort((a, b) => a.seq - b.seq)
      .find((e) => targetDigest.get(`${site} ${e.seq}`) !== e.digest);
    if (!first) continue;
    found.push({ site, as: copySiteId(site, first.digest), fromSeq: first.seq });
  }
  for (const r of found) {
    for (let i = 0; i < other.length; i++) {
      const e = other[i];
      if (e && e.site === r.site && e.seq >= r.fromSeq) other[i] = { ...e, site: r.as };
    }
  }
  return found;
}

/**
 * The events of `other` the target has not seen, in clock order, after re-identifying copies.
 * `targetEvents`: the target's events as they are now, when the caller has read them already
 * (reading a long history is the costly part; `grove sync` reads it once for push and pull).
 */
export function unseenEvents(
  targetDb: Db,
  other: ChangeEvent[],
  targetEvents?: readonly ChangeEvent[],
): { events: ChangeEvent[]; reidentified: Reidentified[] } {
  const vector = readVersionVector(targetDb);
  const shared = other.some((e) => e.seq <= (vector.get(e.site) ?? 0));
  // What the target knows of each change it has seen: its own events, and every change a
  // merge took in (including those it took in wholly as conflicts, which wrote no row).
  const known = (): Map<string, string> => {
    const digests = targetEvents ? new Map(targetEvents.map((e) => [`${e.site} ${e.seq}`, e.digest])) : readEventDigests(targetDb);
    for (const [id, digest] of mergedDigests(targetDb)) digests.set(id, digest);
    return digests;
  };
  const reidentified = shared ? reidentifyCopies(known(), vector, other) : [];
  return { events: other.filter((e) => e.seq > (vector.get(e.site) ?? 0)), reidentified };
}

export interface MergeOptions {
  now?: string;
  /** Who is merging, for the audit log. */
  reviewerName?: string;
  /** Hears the copy being read and its changes brought in (`grove merge` on a terminal). */
  onProgress?: ProgressListener;
}

/**
 * Merges the copy at `otherFile` into a review that is already open (the workbench's File ›
 * Merge a reviewer's copy…, and `grove merge` once it has opened its target): refused, with
 * nothing written, when the copy uses another schema version or is not a copy of this
 * review; otherwise a backup of the target first, then one transaction. `otherName` names
 * the copy in messages and in the change's label (an uploaded copy's own file name).
 * `onProgress` hears the copy being read (bytes) and its changes being brought in.
 */
export function mergeCopyInto(
  target: { db: Db; path: string },
  otherFile: string,
  actor: Actor,
  otherName: string = path.resolve(otherFile),
  onProgress?: ProgressListener,
): MergeReport {
  const tv = schemaVersion(target.db);
  const ov = inspectReviewFile(otherFile).version;
  if (tv !== ov)
    throw new MergeRefusedError(
      otherName,
      `${otherName} uses review schema v${ov} and ${target.path} v${tv}: copies are merged only at one schema version. ` +
        'Open the older one in this Grove (which upgrades it, after a backup), then merge again. Nothing was changed.',
    );
  const other = openReviewFile(otherFile, { forReading: true, app: 'grove merge' });
  try {
    const t = reviewIdentity(target.db);
    const o = reviewIdentity(other.db);
    if (t.reviewId !== o.reviewId)
      throw new MergeRefusedError(
        otherName,
        `${otherName} is not a copy of the review in ${target.path} (review ids ${o.reviewId} and ${t.reviewId}); only copies made with \`grove fork\` (or copies of one file) merge. Nothing was changed.`,
      );
    const progress = new ProgressReporter(`Merging ${path.basename(otherName)}`, onProgress);
    progress.start('reading', fs.statSync(otherFile).size);
    const { events, reidentified } = unseenEvents(target.db, readEvents(other.db));
    progress.finish();
    if (events.length === 0) return { applied: 0, skipped: 0, conflicts: [], byReviewer: [], events: 0, backup: null, reidentified };
    const backup = backupBeforeMerge(target.db, target.path);
    progress.start('merging', events.length);
    // One transaction: the PDFs the incoming rows name, then the rows (merge-blobs.ts). It
    // takes the write lock as it begins (IMMEDIATE), where SQLite waits for another
    // connection's write to end; a transaction that had read first would instead be refused
    // (SQLITE_BUSY) when it came to write.
    // Its journals in memory for the whole transaction (withRoomForMerge).
    const tally = withRoomForMerge(target.db, () =>
      target.db
        .transaction(() => {
          copyMissingBlobs(target.db, other.db, blobsNamedBy(events), actor.now);
          return applyEvents(target.db, actor, `Merge ${path.basename(otherName)}`, events, (n) => progress.update(n));
        })
        .immediate(),
    );
    progress.finish();
    return {
      applied: tally.applied,
      skipped: tally.skipped,
      conflicts: tally.conflicts,
      byReviewer: [...tally.byReviewer].map(([reviewer, r]) => ({ reviewer, ...r })),
      events: events.length,
      backup,
      reidentified,
    };
  } finally {
    other.close();
  }
}

export function mergeReviewFiles(targetFile: string, otherFile: string, options: MergeOptions = {}): MergeReport {
  const targetAbs = path.resolve(targetFile);
  const otherAbs = path.resolve(otherFile);
  if (targetAbs === otherAbs) throw new MergeRefusedError(targetAbs, `${targetAbs} cannot be merged with itself.`);
  // Compared before the target is opened: opening an older target would upgrade it.
  const tv = inspectReviewFile(targetAbs).version;
  const ov = inspectReviewFile(otherAbs).version;
  if (tv !== ov)
    throw new MergeRefusedError(
      otherAbs,
      `${otherAbs} uses review schema v${ov} and ${targetAbs} v${tv}: copies are merged only at one schema version. ` +
        'Open the older one in this Grove (which upgrades it, after a backup), then merge again. Nothing was changed.',
    );
  const target = openReviewFile(targetAbs, { app: 'grove merge' });
  try {
    const now = options.now ?? new Date().toISOString();
    return mergeCopyInto(
      { db: target.db, path: targetAbs },
      otherAbs,
      { reviewerId: null, reviewerName: options.reviewerName ?? 'grove merge', now },
      otherAbs,
      options.onProgress,
    );
  } finally {
    target.close();
  }
}
