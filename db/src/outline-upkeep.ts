import { addChangeHook } from './changes.ts';
import type { Db } from './connection.ts';
import { plainInsert, syncPlannedOutline } from './repositories/outline-repo.ts';
import { TABLES } from './tables.ts';

// Keeps a native review's analyses outline in step with its protocol and extraction: when
// an edit gives a planned outcome × timepoint category its first data, the outcome joins
// the outline in the same change (so one undo reverts both). Files written by paths that
// bypass the change log (document import, the example, older files) are brought up to
// date when opened; that adds structure only, never data.

/** Tables whose edits can make a planned outcome × timepoint category need an outcome. */
const DERIVATION_TABLES = new Set([
  'protocol',
  'planned_outcome',
  'timepoint_category',
  'study',
  'arm',
  'study_outcome',
  'timepoint',
  'arm_result',
  'grade_assessment',
]);

const SPECS = { comparison: TABLES.comparison, stored_analysis: TABLES.outcome } as const;

export function keepOutlineUpToDate(db: Db): void {
  addChangeHook(db, (w) => {
    if (![...w.touchedTables].some((t) => DERIVATION_TABLES.has(t))) return;
    syncPlannedOutline(db, (table, row, summary) => w.insert(SPECS[table], row, summary));
  });
  db.transaction(() => syncPlannedOutline(db, plainInsert(db)))();
}
