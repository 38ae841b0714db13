import type { Db } from '../connection.ts';
import { plainInsert } from '../repositories/outline-repo.ts';
import { syncPlannedOutline } from '../repositories/outline-repo.ts';

// Schema v5: one analysis model (issue 10). RevMan's comparison → outcome → subgroup →
// data-row tree (the tables of 0003) becomes the model of every analysis:
//   - comparison.origin: 'protocol' for the comparison holding a native review's question;
//   - stored_analysis (an outcome): a native outcome names its planned outcome and timepoint
//     category, and whether its settings still follow the review's conventions;
//   - stored_data_row.origin: 'direct' (entered or imported) or 'detached' (a derived row
//     the reviewer overrode, with the reason and the provenance it had). Derived rows are
//     computed from the extraction on every read and never stored, so they cannot go stale;
//   - a v4 native review gets its outline now, and its GRADE ratings, keyed until now by
//     "<planned outcome>@<timepoint category>", move to the ids of those outcomes.

export const version = 5;
export const name = 'one-analysis-model';

export function migrate(db: Db): void {
  db.exec(`
    ALTER TABLE comparison ADD COLUMN origin TEXT NOT NULL DEFAULT 'entered' CHECK (origin IN ('entered', 'protocol'));

    ALTER TABLE stored_analysis ADD COLUMN planned_outcome_id TEXT;
    ALTER TABLE stored_analysis ADD COLUMN timepoint_category_id TEXT;
    ALTER TABLE stored_analysis ADD COLUMN follows_conventions INTEGER NOT NULL DEFAULT 0 CHECK (follows_conventions IN (0, 1));
    CREATE UNIQUE INDEX stored_analysis_planned ON stored_analysis (planned_outcome_id, timepoint_category_id)
      WHERE planned_outcome_id IS NOT NULL;
    CREATE INDEX stored_analysis_rm5_id ON stored_analysis (rm5_id);

    ALTER TABLE stored_data_row ADD COLUMN origin TEXT NOT NULL DEFAULT 'direct' CHECK (origin IN ('direct', 'detached'));
    ALTER TABLE stored_data_row ADD COLUMN detach_reason TEXT;
    ALTER TABLE stored_data_row ADD COLUMN provenance TEXT CHECK (provenance IS NULL OR json_type(provenance) = 'object');
  `);
  // A brand-new file has no protocol yet: there is nothing to outline.
  const hasProtocol = (db.prepare('SELECT count(*) AS n FROM protocol').get() as { n: number }).n > 0;
  if (hasProtocol) syncPlannedOutline(db, plainInsert(db));
  db.exec(`
    UPDATE grade_assessment SET analysis_id = (
      SELECT a.rm5_id FROM stored_analysis a
      WHERE a.planned_outcome_id || '@' || a.timepoint_category_id = grade_assessment.analysis_id
    )
    WHERE analysis_id IN (SELECT planned_outcome_id || '@' || timepoint_category_id FROM stored_analysis WHERE planned_outcome_id IS NOT NULL);
  `);
}
