import type Database from 'better-sqlite3';

// Rolling a file written by this Grove back to what an older one wrote, for the migration
// tests: each function undoes one migration's schema (and the data only it makes).

/**
 * Undoes 0006: the records tables and the report's link; the search log's totals entered by
 * hand go back to search_counts, as a v5 Grove kept them. (0007 is undone first.)
 */
export function rollBack0006(db: Database.Database): void {
  rollBack0007(db);
  db.exec(`
    UPDATE search_counts SET
      database_records = (SELECT hits_reported FROM search_log WHERE id = 'entered-database'),
      other_source_records = (SELECT hits_reported FROM search_log WHERE id = 'entered-other');
    ALTER TABLE report DROP COLUMN record_id;
    DROP TABLE dedup_pair;
    DROP TABLE record_merge;
    DROP TABLE record;
    DROP TABLE search_log;
    PRAGMA user_version = 5;
  `);
}

/** Undoes 0005 (and 0006 first): its columns, indexes and a native review's outline. */
export function rollBack0005(db: Database.Database): void {
  rollBack0006(db);
  db.exec(`
    DELETE FROM stored_analysis WHERE planned_outcome_id IS NOT NULL;
    DELETE FROM comparison WHERE origin = 'protocol';
    DROP INDEX stored_analysis_planned;
    DROP INDEX stored_analysis_rm5_id;
    ALTER TABLE comparison DROP COLUMN origin;
    ALTER TABLE stored_analysis DROP COLUMN planned_outcome_id;
    ALTER TABLE stored_analysis DROP COLUMN timepoint_category_id;
    ALTER TABLE stored_analysis DROP COLUMN follows_conventions;
    ALTER TABLE stored_data_row DROP COLUMN origin;
    ALTER TABLE stored_data_row DROP COLUMN detach_reason;
    ALTER TABLE stored_data_row DROP COLUMN provenance;
    PRAGMA user_version = 4;
  `);
}

/** Undoes 0016: the decisions' clock readings (a v15 Grove orders them by timestamp). */
export function rollBack0016(db: Database.Database): void {
  db.exec(`
    DROP INDEX screening_decision_slot;
    ALTER TABLE screening_decision DROP COLUMN decided_hlc;
    CREATE INDEX screening_decision_slot ON screening_decision (stage, slot, decided_at);
    PRAGMA user_version = 15;
  `);
}

/** Undoes 0015 (and 0016 first): the reports marked not retrieved (a v14 Grove counts none). */
export function rollBack0015(db: Database.Database): void {
  rollBack0016(db);
  db.exec(`
    DROP TABLE report_not_retrieved;
    PRAGMA user_version = 14;
  `);
}

/** Undoes 0014 (and 0015 first): the conflicts' resolutions (a v13 Grove keeps every conflict open). */
export function rollBack0014(db: Database.Database): void {
  rollBack0015(db);
  db.exec(`
    DROP INDEX merge_conflict_open;
    ALTER TABLE merge_conflict DROP COLUMN resolved_by;
    ALTER TABLE merge_conflict DROP COLUMN resolved_at;
    ALTER TABLE merge_conflict DROP COLUMN resolved_value;
    ALTER TABLE merge_conflict DROP COLUMN resolution;
    PRAGMA user_version = 13;
  `);
}

/** Undoes 0013: the review's stopping rule. */
export function rollBack0013(db: Database.Database): void {
  rollBack0014(db);
  db.exec(`
    ALTER TABLE screening_settings DROP COLUMN stopping_rule;
    PRAGMA user_version = 12;
  `);
}

/** Undoes 0012 (and 0013 first): the change table's index by reviewer. */
export function rollBack0012(db: Database.Database): void {
  rollBack0013(db);
  db.exec(`
    DROP INDEX change_reviewer;
    PRAGMA user_version = 11;
  `);
}

/** Undoes 0011 (and 0012 first): the sync state. */
export function rollBack0011(db: Database.Database): void {
  rollBack0012(db);
  db.exec(`
    DROP TABLE sync_state;
    PRAGMA user_version = 10;
  `);
}

/** Undoes 0010 (and 0011 first): full texts and study links. */
export function rollBack0010(db: Database.Database): void {
  rollBack0011(db);
  db.exec(`
    DROP INDEX report_record;
    DROP TABLE study_link_rejection;
    DROP TABLE pdf_attachment;
    DROP TABLE pdf_blob_chunk;
    DROP TABLE pdf_blob;
    PRAGMA user_version = 9;
  `);
}

/** Undoes 0009 (and 0010 first): the screening tables. */
export function rollBack0009(db: Database.Database): void {
  rollBack0010(db);
  db.exec(`
    DROP TABLE screening_decision;
    DROP TABLE screening_reason;
    DROP TABLE screening_settings;
    DROP TABLE screening_stage;
    PRAGMA user_version = 8;
  `);
}

/** Undoes 0008 (and 0009 first): the planned outcomes' scales. */
export function rollBack0008(db: Database.Database): void {
  rollBack0009(db);
  db.exec(`
    DROP TABLE outcome_scale;
    PRAGMA user_version = 7;
  `);
}

/** Undoes 0007 (and 0008 first). */
export function rollBack0007(db: Database.Database): void {
  rollBack0008(db);
  db.exec(`
    DROP TABLE site;
    DROP TABLE merged_event;
    DROP TABLE merge_alias;
    DROP TABLE merge_conflict;
    DROP INDEX change_site;
    DROP INDEX audit_entry_origin;
    ALTER TABLE change DROP COLUMN site_id;
    ALTER TABLE change DROP COLUMN hlc;
    ALTER TABLE audit_entry DROP COLUMN origin_site;
    ALTER TABLE audit_entry DROP COLUMN origin_seq;
    ALTER TABLE audit_entry DROP COLUMN origin_hlc;
    ALTER TABLE audit_entry DROP COLUMN origin_reviewer;
    ALTER TABLE audit_entry DROP COLUMN origin_label;
    PRAGMA user_version = 6;
  `);
}
