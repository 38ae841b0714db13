import type { Db } from '../connection.ts';
import { ENTERED_IDS, ENTERED_SOURCES } from '../repositories/records-search-log-repo.ts';

// Schema v6: records in the review (issue 13).
//   - search_log: one entry per search, i.e. per imported export file (database, interface,
//     date searched, strategy, the hits the database reported next to the records parsed,
//     the lines that could not be read), or a total entered by hand (origin 'entered');
//   - record: every record imported, with its raw text and every identifier. Its id is
//     deterministic (the export's SHA-256 and the record's ordinal in it), so two copies of a
//     review importing the same export hold the same ids;
//   - record_merge: deduplication, non-destructive: a row says that a record was merged into
//     another (kept) one, automatically or by a reviewer; deleting the row undoes the merge.
//     The kept record may itself be merged later (a chain); a record without a row remains;
//   - dedup_pair: the review queue, a pair with its field-level evidence and the decision;
//   - report.record_id: a study's report may name the record it came from.
// The hand-entered "records identified from databases / other sources" move from
// search_counts to search-log entries (their columns stay, no longer read, so that undoing
// an old edit of them still has somewhere to write).

export const version = 6;
export const name = 'records-and-search-log';

export function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE search_log (
      id TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('database', 'other')),
      origin TEXT NOT NULL CHECK (origin IN ('entered', 'imported')),
      source TEXT NOT NULL CHECK (length(trim(source)) > 0),
      interface TEXT NOT NULL DEFAULT '',
      searched_on TEXT CHECK (searched_on IS NULL OR searched_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      strategy TEXT NOT NULL DEFAULT '',
      hits_reported INTEGER CHECK (hits_reported IS NULL OR hits_reported >= 0),
      records_parsed INTEGER NOT NULL DEFAULT 0 CHECK (records_parsed >= 0),
      file_name TEXT,
      file_sha256 TEXT,
      format TEXT,
      -- [{line, message}]: records that could not be read, and what was accepted with a warning
      skipped TEXT NOT NULL DEFAULT '[]' CHECK (json_type(skipped) = 'array'),
      warnings TEXT NOT NULL DEFAULT '[]' CHECK (json_type(warnings) = 'array'),
      created_at TEXT NOT NULL,
      CHECK ((origin = 'imported') = (file_sha256 IS NOT NULL))
    ) STRICT;
    CREATE UNIQUE INDEX search_log_file ON search_log (file_sha256) WHERE file_sha256 IS NOT NULL;

    CREATE TABLE record (
      id TEXT PRIMARY KEY,
      search_id TEXT NOT NULL REFERENCES search_log (id),
      -- 1-based ordinal of the record in its file, and the line it starts on
      ordinal INTEGER NOT NULL CHECK (ordinal >= 1),
      line INTEGER NOT NULL CHECK (line >= 1),
      -- the file's own id for the record (or "<file name>:<n>"), as grove records prints it
      source_id TEXT NOT NULL,
      kind TEXT,
      title TEXT,
      authors TEXT NOT NULL DEFAULT '[]' CHECK (json_type(authors) = 'array'),
      year INTEGER,
      journal TEXT,
      journal_abbrev TEXT,
      volume TEXT,
      issue TEXT,
      pages TEXT,
      doi TEXT,
      pmid TEXT,
      pmcid TEXT,
      embase_id TEXT,
      abstract TEXT,
      registry_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_type(registry_ids) = 'array'),
      raw TEXT NOT NULL,
      -- set when the record is removed from screening for a reason other than duplication
      removal_reason TEXT,
      UNIQUE (search_id, ordinal)
    ) STRICT;
    CREATE INDEX record_doi ON record (doi) WHERE doi IS NOT NULL;
    CREATE INDEX record_pmid ON record (pmid) WHERE pmid IS NOT NULL;
    CREATE INDEX record_year ON record (year);

    CREATE TABLE record_merge (
      record_id TEXT PRIMARY KEY REFERENCES record (id),
      kept_id TEXT NOT NULL REFERENCES record (id) CHECK (kept_id != record_id),
      method TEXT NOT NULL CHECK (method IN ('automatic', 'reviewer')),
      reviewer_id TEXT,
      reviewer_name TEXT NOT NULL DEFAULT '',
      reason TEXT NOT NULL DEFAULT '',
      -- the queue pair whose decision made this merge, if any
      pair_id TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX record_merge_kept ON record_merge (kept_id);

    CREATE TABLE dedup_pair (
      id TEXT PRIMARY KEY,
      record_a TEXT NOT NULL REFERENCES record (id),
      record_b TEXT NOT NULL REFERENCES record (id),
      confidence REAL NOT NULL,
      reason TEXT NOT NULL,
      evidence TEXT NOT NULL CHECK (json_type(evidence) = 'array'),
      decision TEXT CHECK (decision IS NULL OR decision IN ('duplicate', 'not-duplicate', 'skip')),
      reviewer_id TEXT,
      reviewer_name TEXT NOT NULL DEFAULT '',
      decided_at TEXT,
      -- the change that made the decision: orders decisions (the last one is what "undo" reverts)
      decided_change INTEGER,
      created_at TEXT NOT NULL,
      CHECK (record_a < record_b)
    ) STRICT;
    CREATE INDEX dedup_pair_open ON dedup_pair (decision, confidence);

    ALTER TABLE report ADD COLUMN record_id TEXT REFERENCES record (id);
  `);
  // The totals entered by hand become search-log entries; nothing is lost.
  const counts = db.prepare('SELECT database_records, other_source_records FROM search_counts WHERE singleton = 1').get() as
    { database_records: number | null; other_source_records: number | null } | undefined;
  const now = new Date().toISOString();
  const insert = db.prepare(
    `INSERT INTO search_log (id, position, kind, origin, source, hits_reported, created_at) VALUES (?, ?, ?, 'entered', ?, ?, ?)`,
  );
  if (counts?.database_records != null)
    insert.run(ENTERED_IDS.database, 0, 'database', ENTERED_SOURCES.database, counts.database_records, now);
  if (counts?.other_source_records != null)
    insert.run(ENTERED_IDS.other, 1, 'other', ENTERED_SOURCES.other, counts.other_source_records, now);
  db.exec('UPDATE search_counts SET database_records = NULL, other_source_records = NULL');
}
