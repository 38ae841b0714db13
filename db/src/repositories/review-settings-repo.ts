import type { ReviewSettings } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';

// Review-wide working settings (one row per file). Writes go through the service layer's
// ChangeWriter so that they are audited and undoable.

type DbRow = Record<string, string | number | null>;

/** What a new review starts with (the migration's column defaults). */
export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  dualExtraction: false,
  extractionFirst: null,
  extractionSecond: null,
  robFirst: null,
  robSecond: null,
  sofIntervention: '',
  sofComparator: '',
  sofPopulation: '',
  sofSetting: '',
};

export function readReviewSettings(db: Db): ReviewSettings {
  const r = cached(db, 'SELECT * FROM review_settings WHERE singleton = 1').get() as DbRow;
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));
  return {
    dualExtraction: r.dual_extraction === 1,
    extractionFirst: s(r.extraction_first),
    extractionSecond: s(r.extraction_second),
    robFirst: s(r.rob_first),
    robSecond: s(r.rob_second),
    sofIntervention: String(r.sof_intervention),
    sofComparator: String(r.sof_comparator),
    sofPopulation: String(r.sof_population),
    sofSetting: String(r.sof_setting),
  };
}

export function settingsRow(s: ReviewSettings): Row {
  return {
    dual_extraction: s.dualExtraction ? 1 : 0,
    extraction_first: s.extractionFirst,
    extraction_second: s.extractionSecond,
    rob_first: s.robFirst,
    rob_second: s.robSecond,
    sof_intervention: s.sofIntervention,
    sof_comparator: s.sofComparator,
    sof_population: s.sofPopulation,
    sof_setting: s.sofSetting,
  };
}
