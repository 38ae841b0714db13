import path from 'node:path';
import { ProgressReporter, type ProgressListener } from '@grove/shared';
import type { Db } from '../connection.ts';
import { inspectReviewFile, openReviewFile } from '../review-file.ts';
import { applyEvents } from '../merge/apply-events.ts';
import { backupBeforeSync } from '../merge/backup.ts';
import { readEvents, type ChangeEvent, type HeldEvent } from '../merge/events.ts';
import { compareStamp } from '../merge/hlc.ts';
import { unseenEvents, type Reidentified } from '../merge/merge-files.ts';
import { forgetClock } from '../merge/site-clock.ts';
import { readVersionVector, reviewIdentity, type ConflictRecord } from '../repositories/merge-repo.ts';
import { readProtocol } from '../repositories/protocol-repo.ts';
import { lastChangeId, readSyncState, writeSyncState, type SyncState } from '../repositories/sync-state-repo.ts';
import { readServerInfo, TEAM_SCHEMA_VERSION } from '../repositories/team-server-schema.ts';
import { countEventsAfter, pullEvents, registerReview, serverDigests, type ServerEvent } from '../repositories/team-server-repo.ts';
import { asTeamServerError, connectToServer, type ServerClient } from './connect.ts';
import { PUSH_BATCH, pushEvents } from './push-events.ts';
import { findPartedHistories, reidentifyOwnHistory } from './reidentify-local.ts';
import { fromServerEvent } from './server-events.ts';
import { describeServer, parseServerUrl, type ServerAddress } from './server-url.ts';
import { TeamServerError } from './team-error.ts';

// `grove sync FILE --server URL` (docs/team-server.md): the change events of step 1
// (db/src/merge) exchanged through a PostgreSQL server. Under the review's lock:
//   1. register the review on its first sync (the syncing role owns it), or check membership;
//   2. pull the events numbered after the file's last server position;
//   3. a file copied outside Grove whose own history parts from the server's is
//      re-identified (reidentify-local.ts);
//   4. the events the file has not seen go through the merge code (applyEvents): after a
//      backup, as one undoable change, conflicts into the queue; the new server position
//      is written in the same transaction, so a kill leaves the file as it was or synced;
//   5. push the file's events the server lacks, in batches of one server transaction each
//      (push-events.ts; an event the server holds is not sent again; inserting one twice
//      does nothing).
// The file's history is read once, and the server asked once which of its events it holds,
// for both the pull's checks and the push: with 100k events, reading them is what a sync
// costs most on the client.
// Offline, step 2 or 5 fails with a TeamServerError 'unreachable': what was done is whole,
// nothing is lost, and the next sync carries on.

export interface SyncReport {
  reviewId: string;
  server: string;
  /** This sync registered the review (the syncing role now owns it). */
  registered: boolean;
  /**
   * Events of other copies this sync brought in: those the server sent that the file had not
   * seen. Its own events coming back (every event it pushed is numbered after its position,
   * so the next pull returns it) and events it already took in from a copy are not counted.
   */
  pulled: number;
  /** Rows applied and skipped, and conflicts queued, by the merge of what was pulled. */
  applied: number;
  skipped: number;
  conflicts: ConflictRecord[];
  byReviewer: { reviewer: string; applied: number; conflicts: number }[];
  /** Events sent to the server. */
  pushed: number;
  backup: string | null;
  /** The file's own history re-identified (it was copied outside Grove). */
  reidentified: Reidentified[];
  serverSeq: number;
}

export interface SyncOptions {
  now?: string;
  /** Who syncs, for the audit log. */
  reviewerName?: string;
  /** Their reviewer id in the review (the workbench's caller), so their undo takes the sync back. */
  reviewerId?: string | null;
  env?: NodeJS.ProcessEnv;
  /** Events per page of a pull and per server transaction of a push (PUSH_BATCH by default). */
  batchSize?: number;
  /**
   * Hears the sync's progress ("Syncing with ROLE@HOST…"): `pulling` (events received, a page
   * at a time), `merging` (events brought in) and `pushing` (events sent, a batch at a time).
   * The pull's total is one count asked of the server, only when someone listens.
   */
  onProgress?: ProgressListener;
}

const ATTEMPTS = 3;

/** A concurrent push of a parted history (a copy made outside Grove): start again. */
class PartedDuringPush extends Error {
  constructor(readonly done: Pass) {
    super('parted during push');
  }
}

/** Two passes' work as one report. */
function combine(first: Pass | null, pass: Pass): Pass {
  if (!first) return pass;
  return {
    ...pass,
    registered: first.registered || pass.registered,
    pulled: first.pulled + pass.pulled,
    pushed: first.pushed + pass.pushed,
    applied: first.applied + pass.applied,
    skipped: first.skipped + pass.skipped,
    conflicts: [...first.conflicts, ...pass.conflicts],
    byReviewer: [...first.byReviewer, ...pass.byReviewer],
    reidentified: [...first.reidentified, ...pass.reidentified],
    backup: first.backup ?? pass.backup,
  };
}

function key(e: { site: string; seq: number }): string {
  return `${e.site} ${e.seq}`;
}

/** Everything numbered after `after`, a page at a time (each page one indexed range of server numbers). */
async function pullAll(
  client: ServerClient,
  reviewId: string,
  after: number,
  pageSize: number,
  progress: ProgressReporter | null,
): Promise<ServerEvent[]> {
  if (progress) progress.start('pulling', await countEventsAfter(client, reviewId, after));
  const all: ServerEvent[] = [];
  for (let from = after; ;) {
    const page = await pullEvents(client, reviewId, from, pageSize);
    for (const e of page) all.push(e);
    progress?.update(all.length);
    if (page.length < pageSize) {
      progress?.finish();
      return all;
    }
    from = page[page.length - 1]!.serverSeq;
  }
}

interface Pass {
  registered: boolean;
  pulled: number;
  applied: number;
  skipped: number;
  conflicts: ConflictRecord[];
  byReviewer: { reviewer: string; applied: number; conflicts: number }[];
  pushed: number;
  backup: string | null;
  reidentified: Reidentified[];
  serverSeq: number;
}

async function syncOnce(
  db: Db,
  file: string,
  client: ServerClient,
  a: ServerAddress,
  serverId: string,
  options: SyncOptions,
): Promise<Pass> {
  const { reviewId, schemaVersion } = reviewIdentity(db);
  const server = describeServer(a);
  const doing = (what: string) => (err: unknown) => {
    throw asTeamServerError(err, a, what);
  };
  const registration = await registerReview(client, reviewId, () => readProtocol(db).title).catch(doing('registering the review'));
  if (registration === 'not-member')
    throw new TeamServerError(
      'refused',
      `Review ${reviewId} is registered on ${server} by another role, and role ${a.role} is not one of its members: ask its owner to run \`grove team add-member --server URL --review ${reviewId} --role ${a.role}\`. Nothing was sent or changed.`,
    );
  const state: SyncState = readSyncState(db, serverId) ?? {
    serverId,
    url: a.url,
    lastServerSeq: 0,
    pushedThroughChange: 0,
    syncedAt: '',
  };
  const now = options.now ?? new Date().toISOString();
  const progress = options.onProgress ? new ProgressReporter(`Syncing with ${server}`, options.onProgress) : null;

  // 2. Pull.
  const batchSize = options.batchSize ?? PUSH_BATCH;
  const fromServer = await pullAll(client, reviewId, state.lastServerSeq, batchSize, progress).catch(doing('pulling changes'));
  const pulled: ChangeEvent[] = fromServer.map((s) => fromServerEvent(s, schemaVersion, server));
  const serverSeq = fromServer.reduce((m, s) => Math.max(m, s.serverSeq), state.lastServerSeq);

  // 3. Histories parted from the server's under one site id.
  // Reading the history is the costly part of a sync: skipped when nothing came in and
  // nothing was made since the last push.
  const idle = pulled.length === 0 && lastChangeId(db) <= state.pushedThroughChange;
  const held = idle ? [] : readEvents(db);
  const candidates = held.filter((e) => e.changeId > state.pushedThroughChange);
  const theirs = candidates.length
    ? await serverDigests(client, reviewId, candidates).catch(doing('comparing histories'))
    : new Map<string, string>();
  for (const e of pulled) theirs.set(key(e), e.digest);
  const parted = findPartedHistories(held, theirs);

  // 4. Apply what is new, with the new position, in one local transaction.
  let backup: string | null = null;
  let tally: ReturnType<typeof applyEvents> | null = null;
  let incoming = 0;
  const ordered = [...pulled].sort((x, y) => compareStamp(x, y) || x.seq - y.seq);
  const writeLocal = () => {
    if (parted.length) reidentifyOwnHistory(db, parted);
    // Without a re-identification the file's history is still what was read above.
    const { events } = unseenEvents(db, ordered, parted.length ? undefined : held);
    incoming = events.length;
    if (events.length) {
      progress?.start('merging', events.length);
      tally = applyEvents(
        db,
        { reviewerId: options.reviewerId ?? null, reviewerName: options.reviewerName ?? 'grove sync', now },
        `Sync with ${server}`,
        events,
        progress ? (n) => progress.update(n) : undefined,
      );
      progress?.finish();
    }
    writeSyncState(db, { ...state, url: a.url, lastServerSeq: serverSeq, syncedAt: now });
  };
  const vector = readVersionVector(db);
  const needsWrite = parted.length > 0 || ordered.some((e) => e.seq > (vector.get(e.site) ?? 0));
  if (needsWrite) backup = backupBeforeSync(db, file);
  try {
    db.transaction(writeLocal)();
  } catch (err) {
    // The site id held in memory may be the re-identified one the rollback took back.
    forgetClock(db);
    throw err;
  }
  const t = tally as ReturnType<typeof applyEvents> | null;

  const done: Pass = {
    registered: registration === 'registered',
    pulled: incoming,
    applied: t?.applied ?? 0,
    skipped: t?.skipped ?? 0,
    conflicts: t?.conflicts ?? [],
    byReviewer: t ? [...t.byReviewer].map(([reviewer, r]) => ({ reviewer, ...r })) : [],
    pushed: 0,
    backup,
    reidentified: parted,
    serverSeq,
  };

  // 5. Push what the server lacks.
  const through = lastChangeId(db);
  const pulledKeys = new Set(pulled.map(key));
  const renamed = new Set(parted.map((p) => p.as));
  const offer: HeldEvent[] = (parted.length ? readEvents(db) : held).filter(
    (e) => (e.changeId > state.pushedThroughChange || renamed.has(e.site)) && !pulledKeys.has(key(e)),
  );
  let pushed = 0;
  if (offer.length) {
    // What the server held of these was asked above, unless a re-identification renamed
    // some since; a key pushed by another client meanwhile is met by the insert.
    const present = parted.length ? await serverDigests(client, reviewId, offer).catch(doing('comparing histories')) : theirs;
    const send = offer.filter((e) => !present.has(key(e)));
    if (offer.some((e) => e.own && present.has(key(e)) && present.get(key(e)) !== e.digest)) throw new PartedDuringPush(done);
    if (send.length) {
      progress?.start('pushing', send.length);
      const outcome = await pushEvents(
        client,
        reviewId,
        schemaVersion,
        send,
        batchSize,
        progress ? (n) => progress.update(n) : undefined,
      ).catch((err: unknown) => {
        throw asTeamServerError(
          err,
          a,
          `pushing ${send.length} change(s) (what was pulled is in the file, and what reached the server stays there; run grove sync again to send the rest)`,
        );
      });
      if (outcome.kind === 'parted') throw new PartedDuringPush({ ...done, pushed: outcome.pushed });
      pushed = outcome.pushed;
    }
  }
  writeSyncState(db, { ...state, url: a.url, lastServerSeq: serverSeq, pushedThroughChange: through, syncedAt: now });
  return { ...done, pushed };
}

export async function syncReview(file: string, url: string, options: SyncOptions = {}): Promise<SyncReport> {
  const a = parseServerUrl(url);
  const abs = path.resolve(file);
  inspectReviewFile(abs);
  // The server first: offline, the file is not even opened.
  const client = await connectToServer(a, options.env);
  try {
    const review = openReviewFile(abs, { app: 'grove sync' });
    try {
      return await syncConnected(review.db, abs, client, a, options);
    } finally {
      review.close();
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Syncs a review that is already open (the workbench's Sync button, which holds the file's
 * lock) with the server at `url`: the same steps as `grove sync`.
 */
export async function syncOpenReview(review: { db: Db; path: string }, url: string, options: SyncOptions = {}): Promise<SyncReport> {
  const a = parseServerUrl(url);
  const client = await connectToServer(a, options.env);
  try {
    return await syncConnected(review.db, review.path, client, a, options);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function syncConnected(db: Db, abs: string, client: ServerClient, a: ServerAddress, options: SyncOptions): Promise<SyncReport> {
  const info = await readServerInfo(client).catch((err: unknown) => {
    throw asTeamServerError(err, a, 'reading the server');
  });
  if (!info)
    throw new TeamServerError(
      'refused',
      `${describeServer(a)} has no Grove team schema: run \`grove team init --server URL\` once, as a role that may create tables in that database.`,
    );
  if (info.schemaVersion > TEAM_SCHEMA_VERSION)
    throw new TeamServerError(
      'refused',
      `${describeServer(a)} was set up by a newer Grove (team schema v${info.schemaVersion}); update Grove to sync with it.`,
    );
  let first: Pass | null = null;
  for (let attempt = 1; ; attempt++) {
    try {
      const pass = await syncOnce(db, abs, client, a, info.id, options);
      // A repeated pass reports what the earlier one pulled and applied too.
      return { reviewId: reviewIdentity(db).reviewId, server: describeServer(a), ...combine(first, pass) };
    } catch (err) {
      if (err instanceof PartedDuringPush) first = combine(first, err.done);
      if (!(err instanceof PartedDuringPush) || attempt >= ATTEMPTS) {
        if (err instanceof PartedDuringPush)
          throw new TeamServerError(
            'unreachable',
            'Another copy of this review under the same site id kept pushing while this one synced; sync again.',
          );
        throw err;
      }
    }
  }
}
