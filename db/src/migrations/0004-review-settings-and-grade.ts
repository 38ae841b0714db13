import type { Db } from '../connection.ts';

// Schema v4: review-wide working settings that belong in the file (which two reviewers
// extract and assess in duplicate, the wording of the summary-of-findings header), and a
// GRADE certainty assessment per analysis (outcome × timepoint category).

export const version = 4;
export const name = 'review-settings-and-grade';

export function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE review_settings (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      dual_extraction INTEGER NOT NULL DEFAULT 0 CHECK (dual_extraction IN (0, 1)),
      -- reviewer ids (slots) of the two extractors and of the two RoB assessors
      extraction_first TEXT,
      extraction_second TEXT,
      rob_first TEXT,
      rob_second TEXT,
      sof_intervention TEXT NOT NULL DEFAULT '',
      sof_comparator TEXT NOT NULL DEFAULT '',
      sof_population TEXT NOT NULL DEFAULT '',
      sof_setting TEXT NOT NULL DEFAULT ''
    ) STRICT;
    INSERT INTO review_settings (singleton) VALUES (1);

    CREATE TABLE grade_assessment (
      -- "<planned outcome id>@<timepoint category id>", as analyses are identified
      analysis_id TEXT PRIMARY KEY,
      assessment TEXT NOT NULL CHECK (json_type(assessment) = 'object'),
      updated_at TEXT NOT NULL
    ) STRICT;
  `);
}
