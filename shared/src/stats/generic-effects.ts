// Generic inverse variance: the user supplies the estimate and its SE (spec §1.4).
import type { GenericRow, StudyEffect } from './types.ts';

/** A row with SE = 0 is RevMan's "Not estimable" placeholder (no information). */
export function genericStudyEffect(row: GenericRow): StudyEffect {
  if (!(row.se > 0) || !Number.isFinite(row.se) || !Number.isFinite(row.estimate)) {
    return { estimable: false, reason: 'standard error is zero' };
  }
  return { estimable: true, y: row.estimate, se: row.se };
}
