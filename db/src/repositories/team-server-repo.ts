import type pg from 'pg';

// What Grove reads and writes on a team server (schema in team-server-schema.ts). Every
// statement runs as the reviewer's own role: row-level security decides what it sees.

export interface ServerEvent {
  serverSeq: number;
  site: string;
  seq: number;
  schemaVersion: number;
  hlc: string;
  reviewer: string;
  label: string;
  digest: string;
  /** The event's rows, as JSON text (EventEntry[]). */
  entries: string;
}

export interface PushedEvent {
  site: string;
  seq: number;
  schemaVersion: number;
  hlc: string;
  reviewer: string;
  label: string;
  digest: string;
  entries: string;
}

/** Runs `fn` in one server transaction: committed when it returns, rolled back when it throws. */
export async function inServerTransaction<T>(client: pg.Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export type Registration = 'member' | 'registered' | 'not-member';

/**
 * Makes sure the connected role may sync review `id`: a member already; or the review is
 * new to the server and is registered now with this role as owner (and first member);
 * or it belongs to others who have not admitted this role.
 */
export async function registerReview(client: pg.Client, id: string, title: () => string): Promise<Registration> {
  const seen = await client.query('SELECT 1 FROM grove.member WHERE review_id = $1 AND role = current_user', [id]);
  if (seen.rowCount) return 'member';
  await client.query('BEGIN');
  try {
    const inserted = await client.query('INSERT INTO grove.review (id, title) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id', [
      id,
      title(),
    ]);
    if (!inserted.rowCount) {
      await client.query('ROLLBACK');
      return 'not-member';
    }
    await client.query('INSERT INTO grove.member (review_id, role) VALUES ($1, current_user)', [id]);
    await client.query('COMMIT');
    return 'registered';
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export async function roleExists(client: pg.Client, role: string): Promise<boolean> {
  const r = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  return (r.rowCount ?? 0) > 0;
}

/** Whether the connected role owns review `id` (false also when the review is not registered). */
export async function ownsReview(client: pg.Client, id: string): Promise<boolean> {
  const r = await client.query<{ owns: boolean }>('SELECT grove.owns($1, current_user) AS owns', [id]);
  return r.rows[0]?.owns === true;
}

/** Admits `role` to review `id` (the policy lets only the owner); false when already a member. */
export async function addMember(client: pg.Client, id: string, role: string): Promise<boolean> {
  const r = await client.query('INSERT INTO grove.member (review_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, role]);
  return (r.rowCount ?? 0) > 0;
}

export async function listMembers(client: pg.Client, id: string): Promise<string[]> {
  const r = await client.query<{ role: string }>('SELECT role FROM grove.member WHERE review_id = $1 ORDER BY role', [id]);
  return r.rows.map((row) => row.role);
}

/** Events of review `id` numbered after `after`, in server order, at most `limit`. */
/** How many events of review `id` are numbered after `after`: what a pull from there receives (its progress). */
export async function countEventsAfter(client: pg.Client, id: string, after: number): Promise<number> {
  const r = await client.query<{ n: string }>('SELECT count(*) AS n FROM grove.event WHERE review_id = $1 AND server_seq > $2', [
    id,
    after,
  ]);
  return Number(r.rows[0]?.n ?? 0);
}

export async function pullEvents(client: pg.Client, id: string, after: number, limit: number): Promise<ServerEvent[]> {
  const r = await client.query<{
    server_seq: string;
    origin_site: string;
    origin_seq: string;
    schema_version: number;
    hlc: string;
    reviewer: string;
    label: string;
    digest: string;
    entries: string;
  }>(
    `SELECT server_seq, origin_site, origin_seq, schema_version, hlc, reviewer, label, digest, entries
     FROM grove.event WHERE review_id = $1 AND server_seq > $2 ORDER BY server_seq LIMIT $3`,
    [id, after, limit],
  );
  return r.rows.map((row) => ({
    serverSeq: Number(row.server_seq),
    site: row.origin_site,
    seq: Number(row.origin_seq),
    schemaVersion: row.schema_version,
    hlc: row.hlc,
    reviewer: row.reviewer,
    label: row.label,
    digest: row.digest,
    entries: row.entries,
  }));
}

/** The digests the server holds for the given events of review `id` ("site seq" → digest). */
export async function serverDigests(
  client: pg.Client,
  id: string,
  keys: ReadonlyArray<{ site: string; seq: number }>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const CHUNK = 20_000;
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    const r = await client.query<{ origin_site: string; origin_seq: string; digest: string }>(
      `SELECT e.origin_site, e.origin_seq, e.digest
       FROM unnest($2::text[], $3::bigint[]) AS k(site, seq)
       JOIN grove.event e ON e.review_id = $1 AND e.origin_site = k.site AND e.origin_seq = k.seq`,
      [id, part.map((k) => k.site), part.map((k) => k.seq)],
    );
    for (const row of r.rows) out.set(`${row.origin_site} ${row.origin_seq}`, row.digest);
  }
  return out;
}

/**
 * Inserts events of review `id` in one statement, in the caller's transaction; an event the
 * server already holds (same origin site and seq) is left as it is. Returns the keys inserted.
 * The rows travel as one JSON array: pg's text-array parameters cost more to build and
 * escape on the client than the whole statement costs the server.
 */
export async function insertEvents(client: pg.Client, id: string, events: readonly PushedEvent[]): Promise<Set<string>> {
  const r = await client.query<{ origin_site: string; origin_seq: string }>(
    `INSERT INTO grove.event (review_id, origin_site, origin_seq, schema_version, hlc, reviewer, label, digest, entries)
     SELECT $1, e.site, e.seq, e."schemaVersion", e.hlc, e.reviewer, e.label, e.digest, e.entries
     FROM json_to_recordset($2::json)
       AS e(site text, seq bigint, "schemaVersion" integer, hlc text, reviewer text, label text, digest text, entries text)
     ON CONFLICT (review_id, origin_site, origin_seq) DO NOTHING
     RETURNING origin_site, origin_seq`,
    [id, JSON.stringify(events)],
  );
  return new Set(r.rows.map((row) => `${row.origin_site} ${row.origin_seq}`));
}
