import type { Db } from '../connection.ts';

// Schema v3: RevMan-style stored analyses and what an .rm5 round trip needs (issue 6).
//   - comparison → stored_analysis (an outcome with its settings and labels) → optional
//     stored_subgroup → stored_data_row (one study's numbers; a study may have several rows);
//   - revman_study / revman_report: a study's "year of study", data source and typed
//     identifiers, and a reference's type and bibliographic fields, beside Grove's study and
//     report rows (cascading with them);
//   - rob_item: the review's RoB tool as RevMan defines it (the 7 standard items map to
//     Grove's RoB 1 domains; added items have domain NULL) and rob_item_judgement for the
//     judgements Grove's rob1_judgement cannot hold;
//   - revman_part: root attributes, sections Grove does not model (kept verbatim so an
//     export writes them back) and the markup of rich text shown as plain text.
// Stored analyses keep only inputs and settings; every statistic is recomputed on demand.

export const version = 3;
export const name = 'revman-analyses';

export function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE comparison (
      id TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      rm5_id TEXT NOT NULL,
      no REAL,
      name TEXT NOT NULL,
      attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_type(attributes) = 'object'),
      extra_xml TEXT NOT NULL DEFAULT ''
    ) STRICT;

    CREATE TABLE stored_analysis (
      id TEXT PRIMARY KEY,
      comparison_id TEXT NOT NULL REFERENCES comparison (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      rm5_id TEXT NOT NULL,
      no REAL,
      kind TEXT NOT NULL CHECK (kind IN ('DICH', 'CONT', 'IV', 'IPD', 'OTHER')),
      name TEXT NOT NULL,
      effect_measure TEXT,
      method TEXT CHECK (method IS NULL OR method IN ('MH', 'IV', 'PETO', 'EXP_O_E_VAR')),
      random INTEGER NOT NULL CHECK (random IN (0, 1)),
      ci_study REAL NOT NULL CHECK (ci_study > 0 AND ci_study < 100),
      ci_total REAL NOT NULL CHECK (ci_total > 0 AND ci_total < 100),
      totals TEXT NOT NULL CHECK (totals IN ('YES', 'SUB', 'NO')),
      subgroups INTEGER NOT NULL CHECK (subgroups IN (0, 1)),
      subgroup_test INTEGER NOT NULL CHECK (subgroup_test IN (0, 1)),
      swap_events INTEGER NOT NULL CHECK (swap_events IN (0, 1)),
      log_data INTEGER NOT NULL CHECK (log_data IN (0, 1)),
      sort_by TEXT,
      units TEXT,
      scale REAL,
      show_participants INTEGER CHECK (show_participants IN (0, 1)),
      group_label_1 TEXT,
      group_label_2 TEXT,
      graph_label_1 TEXT,
      graph_label_2 TEXT,
      attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_type(attributes) = 'object'),
      extra_xml TEXT NOT NULL DEFAULT '',
      CHECK (kind = 'DICH' OR swap_events = 0),
      CHECK (kind = 'IV' OR log_data = 0)
    ) STRICT;
    CREATE INDEX stored_analysis_comparison ON stored_analysis (comparison_id, position);

    CREATE TABLE stored_subgroup (
      id TEXT PRIMARY KEY,
      analysis_id TEXT NOT NULL REFERENCES stored_analysis (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      rm5_id TEXT NOT NULL,
      no REAL,
      name TEXT NOT NULL,
      attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_type(attributes) = 'object')
    ) STRICT;
    CREATE INDEX stored_subgroup_analysis ON stored_subgroup (analysis_id, position);

    CREATE TABLE stored_data_row (
      id TEXT PRIMARY KEY,
      analysis_id TEXT NOT NULL REFERENCES stored_analysis (id) ON DELETE CASCADE,
      subgroup_id TEXT REFERENCES stored_subgroup (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      study_id TEXT NOT NULL REFERENCES study (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('DICH', 'CONT', 'IV', 'IPD', 'OTHER')),
      events_1 REAL CHECK (events_1 IS NULL OR events_1 >= 0),
      total_1 REAL CHECK (total_1 IS NULL OR total_1 >= 0),
      events_2 REAL CHECK (events_2 IS NULL OR events_2 >= 0),
      total_2 REAL CHECK (total_2 IS NULL OR total_2 >= 0),
      mean_1 REAL,
      sd_1 REAL CHECK (sd_1 IS NULL OR sd_1 >= 0),
      mean_2 REAL,
      sd_2 REAL CHECK (sd_2 IS NULL OR sd_2 >= 0),
      estimate REAL,
      se REAL CHECK (se IS NULL OR se >= 0),
      o_minus_e REAL,
      variance REAL CHECK (variance IS NULL OR variance >= 0),
      rm5_order REAL,
      footnote TEXT,
      attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_type(attributes) = 'object'),
      CHECK (kind = 'DICH' OR (events_1 IS NULL AND events_2 IS NULL)),
      CHECK (kind = 'CONT' OR (mean_1 IS NULL AND sd_1 IS NULL AND mean_2 IS NULL AND sd_2 IS NULL)),
      CHECK (kind = 'IV' OR (estimate IS NULL AND se IS NULL)),
      CHECK (kind = 'IPD' OR (o_minus_e IS NULL AND variance IS NULL))
    ) STRICT;
    CREATE INDEX stored_data_row_analysis ON stored_data_row (analysis_id, position);
    CREATE INDEX stored_data_row_study ON stored_data_row (study_id);

    CREATE TABLE revman_study (
      study_id TEXT PRIMARY KEY REFERENCES study (id) ON DELETE CASCADE,
      rm5_id TEXT NOT NULL UNIQUE,
      year TEXT,
      data_source TEXT,
      -- [{type, value, attributes}]
      identifiers TEXT NOT NULL DEFAULT '[]' CHECK (json_type(identifiers) = 'array'),
      attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_type(attributes) = 'object')
    ) STRICT;

    CREATE TABLE revman_report (
      report_id TEXT PRIMARY KEY REFERENCES report (id) ON DELETE CASCADE,
      type TEXT,
      -- [{name, xml}]: AU, TI, SO, YR, VL, NO, PG, … in file order
      fields TEXT NOT NULL DEFAULT '[]' CHECK (json_type(fields) = 'array'),
      attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_type(attributes) = 'object')
    ) STRICT;

    CREATE TABLE rob_item (
      id TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      rm5_id TEXT NOT NULL UNIQUE,
      no REAL,
      name TEXT NOT NULL,
      core_item INTEGER NOT NULL CHECK (core_item IN (0, 1)),
      level TEXT NOT NULL CHECK (level IN ('STUDY', 'GROUP')),
      description_xml TEXT NOT NULL DEFAULT '',
      domain TEXT CHECK (domain IS NULL OR domain IN ('sequenceGeneration', 'allocationConcealment', 'blindingParticipantsPersonnel', 'blindingOutcomeAssessment', 'incompleteOutcomeData', 'selectiveReporting', 'otherBias')),
      -- [{rm5Id, no, name, refIds, attributes}]
      groups TEXT NOT NULL DEFAULT '[]' CHECK (json_type(groups) = 'array'),
      attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_type(attributes) = 'object')
    ) STRICT;

    CREATE TABLE rob_item_judgement (
      item_id TEXT NOT NULL REFERENCES rob_item (id) ON DELETE CASCADE,
      study_id TEXT NOT NULL REFERENCES study (id) ON DELETE CASCADE,
      group_rm5_id TEXT NOT NULL DEFAULT '',
      result TEXT CHECK (result IN ('YES', 'NO', 'UNKNOWN')),
      support_xml TEXT NOT NULL DEFAULT '',
      attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_type(attributes) = 'object'),
      PRIMARY KEY (item_id, study_id, group_rm5_id)
    ) STRICT;

    CREATE TABLE revman_part (
      key TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      content TEXT NOT NULL
    ) STRICT;
  `);
}
