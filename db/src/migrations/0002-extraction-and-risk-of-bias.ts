import type { Db } from '../connection.ts';

// Schema v2: what reviewers extract from each study and how they judge its risk of bias.
//   - the review's extraction form (sections and typed fields) and each study's values,
//     per reviewer slot ('final' is the value the review uses);
//   - arms, the measure each study used for each planned outcome, timepoints, and the
//     results grid (one row per arm × study outcome × timepoint);
//   - risk-of-bias settings, RoB 1 judgements (study level or per outcome group) and
//     RoB 2 assessments per result.

export const version = 2;
export const name = 'extraction-and-risk-of-bias';

export function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE form_section (
      id TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      title TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT ''
    ) STRICT;

    CREATE TABLE form_field (
      id TEXT PRIMARY KEY,
      section_id TEXT NOT NULL REFERENCES form_section (id) DEFERRABLE INITIALLY DEFERRED,
      position INTEGER NOT NULL,
      label TEXT NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('text', 'longText', 'number', 'percentage', 'integer', 'date', 'singleChoice', 'multiChoice', 'yesNoUnclear')),
      unit TEXT NOT NULL DEFAULT '',
      -- [{id, label}] for choice fields
      options TEXT NOT NULL DEFAULT '[]' CHECK (json_type(options) = 'array'),
      help TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX form_field_section ON form_field (section_id, position);

    CREATE TABLE characteristic_value (
      id TEXT PRIMARY KEY,
      study_id TEXT NOT NULL REFERENCES study (id) ON DELETE CASCADE,
      field_id TEXT NOT NULL REFERENCES form_field (id) ON DELETE CASCADE,
      slot TEXT NOT NULL DEFAULT 'final',
      status TEXT NOT NULL CHECK (status IN ('value', 'not-reported')),
      -- JSON: a string, a number or an array of option ids; NULL when not reported
      value TEXT CHECK ((status = 'value') = (value IS NOT NULL)),
      source_note TEXT NOT NULL DEFAULT '',
      comment TEXT NOT NULL DEFAULT '',
      decided_by TEXT,
      updated_at TEXT NOT NULL,
      UNIQUE (study_id, field_id, slot)
    ) STRICT;

    CREATE TABLE arm (
      id TEXT PRIMARY KEY,
      study_id TEXT NOT NULL REFERENCES study (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      label TEXT NOT NULL CHECK (length(trim(label)) > 0),
      role TEXT NOT NULL CHECK (role IN ('intervention', 'control')),
      description TEXT NOT NULL DEFAULT '',
      randomised INTEGER CHECK (randomised >= 1)
    ) STRICT;
    CREATE INDEX arm_study ON arm (study_id, position);

    CREATE TABLE study_outcome (
      id TEXT PRIMARY KEY,
      study_id TEXT NOT NULL REFERENCES study (id) ON DELETE CASCADE,
      outcome_id TEXT NOT NULL REFERENCES planned_outcome (id) DEFERRABLE INITIALLY DEFERRED,
      position INTEGER NOT NULL,
      measure TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('higher-better', 'lower-better')),
      data_type TEXT NOT NULL CHECK (data_type IN ('continuous', 'dichotomous', 'contrast')),
      notes TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX study_outcome_study ON study_outcome (study_id, position);
    CREATE INDEX study_outcome_outcome ON study_outcome (outcome_id);

    CREATE TABLE timepoint (
      id TEXT PRIMARY KEY,
      study_id TEXT NOT NULL REFERENCES study (id) ON DELETE CASCADE,
      label TEXT NOT NULL,
      weeks_after_treatment REAL NOT NULL CHECK (weeks_after_treatment >= 0),
      category_override TEXT REFERENCES timepoint_category (id) ON DELETE SET NULL
    ) STRICT;
    CREATE INDEX timepoint_study ON timepoint (study_id);

    -- One arm's numbers for one study outcome at one timepoint. Reported and derived
    -- numbers live side by side: derivation says how a derived one came about.
    CREATE TABLE arm_result (
      id TEXT PRIMARY KEY,
      study_outcome_id TEXT NOT NULL REFERENCES study_outcome (id) ON DELETE CASCADE,
      timepoint_id TEXT NOT NULL REFERENCES timepoint (id) ON DELETE CASCADE,
      arm_id TEXT NOT NULL REFERENCES arm (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('continuous', 'dichotomous')),
      mean REAL,
      sd REAL CHECK (sd > 0),
      events INTEGER CHECK (events >= 0),
      n INTEGER CHECK (n >= 1),
      derivation TEXT CHECK (derivation IS NULL OR json_type(derivation) = 'object'),
      CHECK (kind = 'continuous' OR (mean IS NULL AND sd IS NULL)),
      CHECK (kind = 'dichotomous' OR events IS NULL),
      CHECK (events IS NULL OR n IS NULL OR events <= n),
      UNIQUE (study_outcome_id, timepoint_id, arm_id)
    ) STRICT;

    CREATE TABLE rob_settings (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      tool TEXT NOT NULL DEFAULT 'rob1' CHECK (tool IN ('rob1', 'rob2')),
      -- RoB 1 domain keys whose judgement decides the overall judgement
      key_domains TEXT NOT NULL DEFAULT '[]' CHECK (json_type(key_domains) = 'array'),
      -- overall judgement when every key domain is low but another domain is not
      fallback TEXT NOT NULL DEFAULT 'unclear' CHECK (fallback IN ('low', 'unclear', 'high')),
      -- outcome groups for domains judged per outcome group (blinding, attrition)
      outcome_groups TEXT NOT NULL DEFAULT '[]' CHECK (json_type(outcome_groups) = 'array'),
      second_reviewer_fraction REAL NOT NULL DEFAULT 0.1 CHECK (second_reviewer_fraction > 0 AND second_reviewer_fraction <= 1),
      sample_seed INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    INSERT INTO rob_settings (singleton, key_domains) VALUES (1, '["sequenceGeneration","allocationConcealment","incompleteOutcomeData","selectiveReporting"]');

    CREATE TABLE rob1_judgement (
      id TEXT PRIMARY KEY,
      study_id TEXT NOT NULL REFERENCES study (id) ON DELETE CASCADE,
      domain TEXT NOT NULL,
      -- '' for a study-level judgement, otherwise the outcome group's name
      outcome_group TEXT NOT NULL DEFAULT '',
      slot TEXT NOT NULL DEFAULT 'final',
      -- NULL while only the support text has been written
      judgement TEXT CHECK (judgement IN ('low', 'high', 'unclear')),
      support TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL,
      UNIQUE (study_id, domain, outcome_group, slot)
    ) STRICT;

    CREATE TABLE rob2_assessment (
      id TEXT PRIMARY KEY,
      study_id TEXT NOT NULL REFERENCES study (id) ON DELETE CASCADE,
      study_outcome_id TEXT REFERENCES study_outcome (id) ON DELETE CASCADE,
      result_label TEXT NOT NULL,
      slot TEXT NOT NULL DEFAULT 'final',
      -- validated by shared/src/rob: answers per signalling question, overrides with reasons
      assessment TEXT NOT NULL CHECK (json_type(assessment) = 'object'),
      updated_at TEXT NOT NULL,
      UNIQUE (study_id, result_label, slot)
    ) STRICT;
  `);
}
