import type Database from 'better-sqlite3';

// Rolling a file written by this Grove back to what an older one wrote, for the migration
// tests: each function undoes one migration's schema (and the data only it makes).

/** Undoes 0005: its columns, indexes and a native review's outline. */
export function rollBack0005(db: Database.Database): void {
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

/** Undoes 0007: the site, the changes' identities and the merge tables. */
export function rollBack0007(db: Database.Database): void {
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
    PRAGMA user_version = 5;
  `);
}
