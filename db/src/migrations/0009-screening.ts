import type { Db } from '../connection.ts';

// Schema v9: screening (issue 14, docs/screening.md).
//   - screening_stage: one row per stage ('title-abstract', 'full-text'): single or dual
//     screening, and for dual the sample (JSON, validated by the contract's schema). Both
//     rows exist from the start, so two copies of a review edit the same rows;
//   - screening_settings: the review's include and exclude highlight terms (one row);
//   - screening_reason: the full-text exclusion reasons, in order. Ids derive from the label
//     a reason was created with (db/src/merge/row-identity.ts), so two copies adding the
//     same reason meet;
//   - screening_decision: one row per (record, stage, slot). The slot is the reviewer's id
//     for a reviewer's own decision and 'final' for the resolution of a conflict (the
//     resolver in reviewer_id), the slot pattern of characteristic values and risk-of-bias
//     judgements; the id derives from (record, stage, slot), so the same reviewer's decision
//     in two forks meets instead of colliding.
// The stage's records are not stored: they follow from deduplication and the title/abstract
// decisions.

export const version = 9;
export const name = 'screening';

export function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE screening_stage (
      stage TEXT PRIMARY KEY CHECK (stage IN ('title-abstract', 'full-text')),
      mode TEXT NOT NULL DEFAULT 'single' CHECK (mode IN ('single', 'dual')),
      -- for dual screening: {"kind": "all"} | {"kind": "random-fraction", ...} | ...
      sample TEXT CHECK (sample IS NULL OR json_valid(sample)),
      CHECK ((mode = 'dual') = (sample IS NOT NULL))
    ) STRICT;
    INSERT INTO screening_stage (stage, mode) VALUES ('title-abstract', 'single'), ('full-text', 'single');

    CREATE TABLE screening_settings (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      include_terms TEXT NOT NULL DEFAULT '[]' CHECK (json_type(include_terms) = 'array'),
      exclude_terms TEXT NOT NULL DEFAULT '[]' CHECK (json_type(exclude_terms) = 'array')
    ) STRICT;
    INSERT INTO screening_settings (singleton) VALUES (1);

    CREATE TABLE screening_reason (
      id TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      label TEXT NOT NULL CHECK (length(trim(label)) > 0)
    ) STRICT;

    CREATE TABLE screening_decision (
      id TEXT PRIMARY KEY,
      record_id TEXT NOT NULL REFERENCES record (id),
      stage TEXT NOT NULL CHECK (stage IN ('title-abstract', 'full-text')),
      -- the reviewer's id, or 'final' for the resolution of a conflict
      slot TEXT NOT NULL CHECK (length(slot) > 0),
      -- who decided: the reviewer, or for 'final' the person who resolved the conflict
      reviewer_id TEXT NOT NULL,
      reviewer_name TEXT NOT NULL DEFAULT '',
      decision TEXT NOT NULL CHECK (decision IN ('include', 'exclude', 'maybe')),
      reason_id TEXT REFERENCES screening_reason (id),
      note TEXT NOT NULL DEFAULT '',
      labels TEXT NOT NULL DEFAULT '[]' CHECK (json_type(labels) = 'array'),
      decided_at TEXT NOT NULL,
      UNIQUE (record_id, stage, slot),
      CHECK (reason_id IS NULL OR (stage = 'full-text' AND decision = 'exclude'))
    ) STRICT;
    -- a reviewer's decisions at a stage, latest first ("back"), and counts per reviewer
    CREATE INDEX screening_decision_slot ON screening_decision (stage, slot, decided_at);
  `);
}
