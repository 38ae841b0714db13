import type { HeldEvent } from '../merge/events.ts';
import { inServerTransaction, insertEvents, serverDigests } from '../repositories/team-server-repo.ts';
import type { ServerClient } from './connect.ts';
import { toServerEvent } from './server-events.ts';

// Step 5 of a sync (sync-review.ts): the file's events the server lacks, sent in batches,
// each one statement in its own server transaction. A batch holds the review's push lock
// (the numbering trigger) only while it is inserted, so pullers and other pushers wait for
// one batch, not for a whole history; and a push cut off between batches keeps what was
// committed: the next sync asks the server what it holds and sends only the rest (a key the
// server holds is never inserted twice). Batches go in the file's clock order, so each
// site's events reach the server in sequence order: a puller that sees part of a push sees
// a prefix of every site's history, never a later event without the earlier ones.

/** Events per server transaction: big enough that round trips do not count, small enough to keep the lock short. */
export const PUSH_BATCH = 10_000;

export type PushOutcome =
  | { readonly kind: 'pushed'; readonly pushed: number }
  /** Another copy under the same site id pushed a different history meanwhile: start again. */
  | { readonly kind: 'parted'; readonly pushed: number };

const key = (e: { site: string; seq: number }) => `${e.site} ${e.seq}`;

/**
 * Inserts `events` (in clock order, none of them known to be on the server) into review
 * `reviewId`, `batchSize` at a time. Each batch checks, in its own transaction, the keys
 * another client inserted meanwhile: the same events (nothing to do) or a parted history
 * of this file's own (the batch is rolled back and the outcome says so).
 */
export async function pushEvents(
  client: ServerClient,
  reviewId: string,
  schemaVersion: number,
  events: readonly HeldEvent[],
  batchSize: number = PUSH_BATCH,
  /** Hears how many of `events` have been sent after each committed batch (a sync's progress). */
  onSent?: (done: number) => void,
): Promise<PushOutcome> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`push batch size must be a positive integer, not ${batchSize}`);
  const rowsOf = (from: number) => events.slice(from, from + batchSize).map((e) => toServerEvent(e, schemaVersion));
  let pushed = 0;
  let rows = rowsOf(0);
  for (let i = 0; i < events.length; i += batchSize) {
    const batch = events.slice(i, i + batchSize);
    const these = rows;
    const outcome = await inServerTransaction(client, async () => {
      const inserting = insertEvents(client, reviewId, these);
      // The next batch's rows are made while the server inserts these (the statement was
      // sent when insertEvents returned its promise).
      rows = i + batchSize < events.length ? rowsOf(i + batchSize) : [];
      const inserted = await inserting;
      const raced = batch.filter((e) => !inserted.has(key(e)));
      if (raced.length) {
        const theirs = await serverDigests(client, reviewId, raced);
        if (raced.some((e) => e.own && theirs.get(key(e)) !== e.digest)) throw new PartedBatch();
      }
      return inserted.size;
    }).catch((err: unknown) => {
      if (err instanceof PartedBatch) return null;
      throw err;
    });
    if (outcome === null) return { kind: 'parted', pushed };
    pushed += outcome;
    onSent?.(Math.min(events.length, i + batchSize));
  }
  return { kind: 'pushed', pushed };
}

/** Rolls a batch back (thrown inside its transaction). */
class PartedBatch extends Error {
  constructor() {
    super('a parted history under this file site id was pushed meanwhile');
  }
}
