import * as z from 'zod';
import { mutation, query } from './method.ts';

// The workbench's Sync button (docs/team-server.md; db/src/service/sync-handlers.ts): the
// same code as `grove sync`, run on the open review with the review's team server. The
// server is set once by syncing with it (the first sync registers the review); the review
// records it in its sync state, as `grove sync` does. URLs are postgres://ROLE@HOST:PORT/DB
// and never carry a password: the host's PGPASSWORD or ~/.pgpass supplies it.

/** How the last sync of this session went; null before the first. */
export const lastSyncSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('synced'),
    url: z.string(),
    at: z.string(),
    /** Events sent to the server, and events of other copies received that the review had not seen (its own coming back are not counted). */
    pushed: z.int().nonnegative(),
    pulled: z.int().nonnegative(),
    /** Rows applied, and conflicts queued (File › Merge conflicts…), by what was pulled. */
    applied: z.int().nonnegative(),
    conflicts: z.int().nonnegative(),
    /** The review as it was before (NAME.pre-sync.grove); null when nothing came in. */
    backup: z.string().nullable(),
  }),
  /** The server could not be reached: nothing was lost, the changes wait for the next sync. */
  z.object({ outcome: z.literal('offline'), url: z.string(), at: z.string(), message: z.string() }),
  /** The server refused (login, membership, schema) or the sync failed: its message. */
  z.object({ outcome: z.literal('error'), url: z.string(), at: z.string(), message: z.string() }),
]);
export type LastSync = z.infer<typeof lastSyncSchema>;

export const syncStatusSchema = z.object({
  /** The review's team server (the one it last synced with) and when; null until set up. */
  server: z.object({ url: z.string(), syncedAt: z.string() }).nullable(),
  last: lastSyncSchema.nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** A team server's URL as the user types it; the backend checks the rest (no password, known sslmode). */
export const serverUrlSchema = z
  .string()
  .trim()
  .min(1, 'give the team server’s URL, postgres://ROLE@HOST:PORT/DATABASE')
  .max(2000)
  .regex(/^postgres(ql)?:\/\//i, 'write it as postgres://ROLE@HOST:PORT/DATABASE');

export const SYNC_API = {
  'sync.status': query(
    z.object({}).strict(),
    syncStatusSchema,
    'The review’s team server (null until it is set up) and how the last sync of this session went.',
  ),
  'sync.run': mutation(
    z.object({ url: serverUrlSchema.optional() }).strict(),
    syncStatusSchema,
    'Sync the open review with its team server, as `grove sync` does (with `url`: set that server up, registering the review on its first sync): push the changes the server lacks, pull the rest through the merge code as one undoable change after a backup. Offline or refused, the status says so and nothing is lost.',
  ),
} as const;
