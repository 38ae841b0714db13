// Rows that two copies may each create for the same thing, and the columns that say what
// that thing is. An incoming row whose id the target lacks but whose natural key matches a
// target row meets that row (its id is then an alias of the target's). Reviewer slot rows
// also take ids derived from these keys (row-identity.ts), so new ones meet by id.
// docs/merging.md gives the reasons per table.

export const NATURAL_KEYS: Readonly<Record<string, readonly string[]>> = {
  characteristic_value: ['study_id', 'field_id', 'slot'],
  arm_result: ['study_outcome_id', 'timepoint_id', 'arm_id'],
  rob1_judgement: ['study_id', 'domain', 'outcome_group', 'slot'],
  rob2_assessment: ['study_id', 'result_label', 'slot'],
  reviewer: ['name'],
  study: ['label'],
  // Two copies confirming the same new scale of an outcome meet on its name.
  outcome_scale: ['outcome_id', 'name'],
  // One screening decision per record, stage and reviewer slot (or the resolution, 'final').
  screening_decision: ['record_id', 'stage', 'slot'],
  // Two copies adding the same full-text exclusion reason.
  screening_reason: ['label'],
  // One mark per record: two copies marking the same report not retrieved.
  report_not_retrieved: ['record_id'],
};
