import { randomUUID } from 'node:crypto';
import type pg from 'pg';

// The team server's schema in PostgreSQL (issue 16 step 2, docs/team-server.md), created by
// `grove team init` as a role that may create a schema in the database; that role owns
// the tables. Reviewers are ordinary login roles: what they may read and write is decided
// by the server (row-level security and a trigger), never by the client.
//
//   grove.server   one row: this server's id (a review file keeps its sync position per
//                  server id) and the version of this schema.
//   grove.review   a review registered by its first sync; `owner` is the role that synced it.
//   grove.member   who may read and write a review's events (the owner is its first member);
//                  only the owner adds members.
//   grove.event    the change events of every review, keyed by (review, origin site, origin
//                  seq): pushing one again does nothing. `server_seq` is assigned by a
//                  trigger, under a per-review lock held to the end of the pushing
//                  transaction, from one sequence: a review's events get increasing numbers
//                  in commit order, so a client reading "after N" never skips one committed
//                  later with a smaller number. `author` is the pushing role, checked by
//                  the insert policy: nobody writes as another.

export const TEAM_SCHEMA_VERSION = 1;

/** Advisory lock class of a review's pushes (the second key is the review id's hash). */
export const PUSH_LOCK_CLASS = 71_601;

const DDL = `
CREATE SCHEMA grove;
REVOKE ALL ON SCHEMA grove FROM PUBLIC;
GRANT USAGE ON SCHEMA grove TO PUBLIC;

CREATE TABLE grove.server (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  id text NOT NULL,
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE grove.review (
  id text PRIMARY KEY CHECK (length(id) > 0),
  owner name NOT NULL DEFAULT current_user,
  title text NOT NULL DEFAULT '',
  registered_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE grove.member (
  review_id text NOT NULL REFERENCES grove.review (id),
  role name NOT NULL,
  added_by name NOT NULL DEFAULT current_user,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (review_id, role)
);
CREATE INDEX member_role ON grove.member (role);

CREATE SEQUENCE grove.event_server_seq;

CREATE TABLE grove.event (
  review_id text NOT NULL REFERENCES grove.review (id),
  origin_site text NOT NULL CHECK (length(origin_site) > 0),
  origin_seq bigint NOT NULL CHECK (origin_seq > 0),
  server_seq bigint NOT NULL,
  schema_version integer NOT NULL,
  hlc text NOT NULL,
  reviewer text NOT NULL,
  label text NOT NULL,
  digest text NOT NULL,
  entries text NOT NULL,
  author name NOT NULL DEFAULT current_user,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (review_id, origin_site, origin_seq)
);
CREATE UNIQUE INDEX event_pull ON grove.event (review_id, server_seq);

CREATE FUNCTION grove.assign_server_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(${PUSH_LOCK_CLASS}, hashtext(NEW.review_id));
  NEW.server_seq := nextval('grove.event_server_seq');
  RETURN NEW;
END
$$;
CREATE TRIGGER event_server_seq BEFORE INSERT ON grove.event
  FOR EACH ROW EXECUTE FUNCTION grove.assign_server_seq();

-- Membership is read by the policies through these two functions, which run as the
-- schema's owner (so a policy on grove.member does not consult itself). Each answers
-- only for the caller: who must be the session's role or one it may act as (SET ROLE).
CREATE FUNCTION grove.reviews_of(who name) RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT m.review_id FROM grove.member m
  WHERE m.role = who AND (who = session_user OR pg_has_role(session_user, who, 'MEMBER'))
$$;
CREATE FUNCTION grove.owns(review text, who name) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM grove.review r WHERE r.id = review AND r.owner = who)
     AND (who = session_user OR pg_has_role(session_user, who, 'MEMBER'))
$$;
REVOKE ALL ON FUNCTION grove.reviews_of(name), grove.owns(text, name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grove.reviews_of(name), grove.owns(text, name) TO PUBLIC;

ALTER TABLE grove.review ENABLE ROW LEVEL SECURITY;
ALTER TABLE grove.member ENABLE ROW LEVEL SECURITY;
ALTER TABLE grove.event ENABLE ROW LEVEL SECURITY;

-- IN (SELECT grove.reviews_of(current_user)) is computed once per statement (a hashed subplan), not per row.
CREATE POLICY review_read ON grove.review FOR SELECT
  USING (owner = current_user OR id IN (SELECT grove.reviews_of(current_user)));
CREATE POLICY review_register ON grove.review FOR INSERT
  WITH CHECK (owner = current_user);
CREATE POLICY member_read ON grove.member FOR SELECT
  USING (review_id IN (SELECT grove.reviews_of(current_user)));
CREATE POLICY member_add ON grove.member FOR INSERT
  WITH CHECK (grove.owns(review_id, current_user));
CREATE POLICY event_read ON grove.event FOR SELECT
  USING (review_id IN (SELECT grove.reviews_of(current_user)));
CREATE POLICY event_write ON grove.event FOR INSERT
  WITH CHECK (author = current_user AND review_id IN (SELECT grove.reviews_of(current_user)));

-- No UPDATE or DELETE for anyone but the owner of the schema: events are a log.
GRANT SELECT ON grove.server TO PUBLIC;
GRANT SELECT, INSERT ON grove.review, grove.member, grove.event TO PUBLIC;
GRANT USAGE ON SEQUENCE grove.event_server_seq TO PUBLIC;
`;

export interface TeamServerInfo {
  id: string;
  schemaVersion: number;
}

/** This server's id and schema version, or null when `grove team init` has not been run. */
export async function readServerInfo(client: pg.Client): Promise<TeamServerInfo | null> {
  const exists = await client.query<{ ok: boolean }>("SELECT to_regclass('grove.server') IS NOT NULL AS ok");
  if (!exists.rows[0]?.ok) return null;
  const r = await client.query<{ id: string; schema_version: number }>('SELECT id, schema_version FROM grove.server');
  const row = r.rows[0];
  return row ? { id: row.id, schemaVersion: row.schema_version } : null;
}

/** Creates the schema in one transaction (all or nothing); returns the new server's info. */
export async function createTeamSchema(client: pg.Client): Promise<TeamServerInfo> {
  const info = { id: randomUUID(), schemaVersion: TEAM_SCHEMA_VERSION };
  await client.query('BEGIN');
  try {
    await client.query(DDL);
    await client.query('INSERT INTO grove.server (id, schema_version) VALUES ($1, $2)', [info.id, info.schemaVersion]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return info;
}
