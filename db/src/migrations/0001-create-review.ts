import type { Db } from '../connection.ts';

// Schema v1: the review, its protocol, reviewers, studies with their reports, PRISMA
// counts, and the change/audit log that also powers undo.
//
// Conventions: ids are TEXT (UUIDs); singletons (one row per file) use
// `singleton INTEGER PRIMARY KEY CHECK (singleton = 1)`; lists that the user orders keep
// a `position`; JSON columns hold arrays of strings only; CHECK constraints repeat the
// shared/ schemas' enums so that a file edited by hand cannot hold an impossible state.

export const version = 1;
export const name = 'create-review';

export function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE review (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE protocol (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      title TEXT NOT NULL,
      registration TEXT NOT NULL DEFAULT '',
      question TEXT NOT NULL DEFAULT '',
      pico_population TEXT NOT NULL DEFAULT '',
      pico_intervention TEXT NOT NULL DEFAULT '',
      pico_comparator TEXT NOT NULL DEFAULT '',
      pico_outcomes TEXT NOT NULL DEFAULT '',
      eligibility_study_design TEXT NOT NULL DEFAULT '',
      eligibility_participants TEXT NOT NULL DEFAULT '',
      eligibility_interventions TEXT NOT NULL DEFAULT '',
      eligibility_comparators TEXT NOT NULL DEFAULT '',
      eligibility_outcomes TEXT NOT NULL DEFAULT '',
      eligibility_other TEXT NOT NULL DEFAULT '',
      search_databases TEXT NOT NULL DEFAULT '[]' CHECK (json_type(search_databases) = 'array'),
      search_other_methods TEXT NOT NULL DEFAULT '[]' CHECK (json_type(search_other_methods) = 'array'),
      search_searched_from TEXT NOT NULL DEFAULT '',
      search_date TEXT NOT NULL DEFAULT '',
      methods_screening TEXT NOT NULL DEFAULT '',
      methods_data_extraction TEXT NOT NULL DEFAULT '',
      methods_risk_of_bias TEXT NOT NULL DEFAULT '',
      methods_synthesis TEXT NOT NULL DEFAULT '',
      conventions_preset TEXT NOT NULL DEFAULT 'revman5' CHECK (conventions_preset IN ('revman5', 'cochrane2025')),
      conventions_model TEXT NOT NULL DEFAULT 'random' CHECK (conventions_model IN ('random', 'fixed')),
      conventions_min_studies INTEGER NOT NULL DEFAULT 3 CHECK (conventions_min_studies >= 2),
      conventions_continuous_measure_rule TEXT NOT NULL DEFAULT '',
      conventions_smd_small REAL NOT NULL DEFAULT 0.2,
      conventions_smd_medium REAL NOT NULL DEFAULT 0.5,
      conventions_smd_large REAL NOT NULL DEFAULT 0.8,
      conventions_substantial_i2 REAL NOT NULL DEFAULT 50,
      conventions_funnel_min_studies INTEGER NOT NULL DEFAULT 10
    ) STRICT;

    CREATE TABLE outcome_domain (
      id TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      includes TEXT NOT NULL DEFAULT '[]' CHECK (json_type(includes) = 'array')
    ) STRICT;

    CREATE TABLE planned_outcome (
      id TEXT PRIMARY KEY,
      domain_id TEXT NOT NULL REFERENCES outcome_domain (id) DEFERRABLE INITIALLY DEFERRED,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX planned_outcome_domain ON planned_outcome (domain_id);

    CREATE TABLE timepoint_category (
      id TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      definition TEXT NOT NULL DEFAULT '',
      after_weeks_min REAL,
      after_weeks_max REAL,
      selection TEXT NOT NULL CHECK (selection IN ('end-of-treatment', 'nearest-not-exceeding-bound', 'longest', 'manual'))
    ) STRICT;

    CREATE TABLE planned_analysis (
      id TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('subgroup', 'sensitivity')),
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT ''
    ) STRICT;

    CREATE TABLE search_counts (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      database_records INTEGER CHECK (database_records >= 0),
      other_source_records INTEGER CHECK (other_source_records >= 0),
      records_after_deduplication INTEGER CHECK (records_after_deduplication >= 0),
      records_excluded_at_title_abstract INTEGER CHECK (records_excluded_at_title_abstract >= 0),
      full_text_reports_assessed INTEGER CHECK (full_text_reports_assessed >= 0),
      full_text_reports_excluded INTEGER CHECK (full_text_reports_excluded >= 0),
      studies_included INTEGER CHECK (studies_included >= 0),
      reports_of_included_studies INTEGER CHECK (reports_of_included_studies >= 0),
      studies_in_meta_analysis INTEGER CHECK (studies_in_meta_analysis >= 0),
      participants INTEGER CHECK (participants >= 0)
    ) STRICT;

    CREATE TABLE reviewer (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      initials TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE study (
      id TEXT PRIMARY KEY,
      label TEXT NOT NULL CHECK (length(trim(label)) > 0),
      status TEXT NOT NULL CHECK (status IN ('included', 'excluded', 'awaiting-classification', 'ongoing')),
      identifiers TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE report (
      id TEXT PRIMARY KEY,
      study_id TEXT NOT NULL REFERENCES study (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      title TEXT NOT NULL DEFAULT '',
      authors TEXT NOT NULL DEFAULT '',
      journal TEXT NOT NULL DEFAULT '',
      year INTEGER,
      doi TEXT NOT NULL DEFAULT '',
      pmid TEXT NOT NULL DEFAULT '',
      citation TEXT NOT NULL DEFAULT '',
      is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX report_study ON report (study_id, position);

    -- One row per user action (one transaction). Undo restores the row snapshots of a
    -- change's audit entries in reverse order and records that as a new change.
    CREATE TABLE change (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      reviewer_id TEXT,
      reviewer_name TEXT NOT NULL DEFAULT '',
      label TEXT NOT NULL,
      undoes INTEGER REFERENCES change (id),
      undone_by INTEGER REFERENCES change (id),
      -- 0 for history brought in by an import, which has no snapshots to restore.
      undoable INTEGER NOT NULL DEFAULT 1 CHECK (undoable IN (0, 1))
    ) STRICT;

    CREATE TABLE audit_entry (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      change_id INTEGER NOT NULL REFERENCES change (id),
      action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      fields TEXT NOT NULL DEFAULT '[]' CHECK (json_type(fields) = 'array'),
      summary TEXT NOT NULL,
      table_name TEXT,
      before_row TEXT,
      after_row TEXT
    ) STRICT;
    CREATE INDEX audit_entry_change ON audit_entry (change_id);
    CREATE INDEX audit_entry_entity ON audit_entry (entity, entity_id);
  `);
}
