import * as z from 'zod';
import { mutation, query } from './method.ts';
import type { AssembledAnalysis } from '../analysis/assemble.ts';
import type { DataRow } from '../outcomes/data-rows.ts';
import { rowValuesSchema } from '../outcomes/data-rows.ts';
import type { OutlineComparison, OutlineOutcome } from '../outcomes/outline.ts';
import { ANALYSIS_DATA_TYPES, outcomeSettingsSchema } from '../outcomes/outline.ts';

// The one analysis model over the API (issue 10): the outline of comparisons and outcomes
// with their ids and RevMan numbers, an outcome's settings, its rows (direct, derived,
// detached) and its analysis. Outcome ids are the stable "CMP-001.01" ids.

export interface OutcomeDetail {
  outcome: OutlineOutcome;
  /** Every row; `subgroupId` is the subgroup's public id, as in `outcome.subgroups`. */
  rows: DataRow[];
  analysis: AssembledAnalysis;
  /** Why the outcome is not pooled, when it is not (e.g. “other data”). */
  skipped: string | null;
}

const outcomeId = z.string().min(1).max(100);
const rowId = z.string().min(1).max(200);
const isObject = (v: unknown) => typeof v === 'object' && v !== null;
const detail = z.custom<OutcomeDetail>((v) => isObject(v) && 'outcome' in v && 'rows' in v && 'analysis' in v);

export const OUTCOMES_API = {
  'outcomes.outline': query(
    z.object({}).strict(),
    z.array(z.custom<OutlineComparison>((v) => isObject(v) && 'outcomes' in v)),
    'Every comparison and its outcomes, with ids, RevMan numbers (1, 1.1, 1.1.1), settings and study counts.',
  ),
  'outcomes.get': query(
    z.object({ id: outcomeId }).strict(),
    detail,
    'One outcome: its settings, every row (direct, derived with provenance, detached with reason) and its analysis.',
  ),
  'outcomes.update': mutation(
    z
      .object({
        id: outcomeId,
        name: z.string().trim().min(1).max(500).optional(),
        settings: outcomeSettingsSchema.partial().strict().optional(),
      })
      .strict(),
    detail,
    'Renames an outcome or changes its settings; a planned outcome stops following the review’s conventions.',
  ),
  'outcomes.setDataType': mutation(
    z
      .object({
        id: outcomeId,
        dataType: z.enum(ANALYSIS_DATA_TYPES),
        /** The reviewer confirmed that the outcome's data rows are deleted (needed when it has any). */
        clearRows: z.boolean().optional(),
      })
      .strict(),
    detail,
    'Changes an entered outcome’s data type, as RevMan does: while it has no data rows, or deleting them when clearRows confirms it; the type-specific settings start afresh. A derived outcome’s type is its planned outcome’s.',
  ),
  'outcomes.rows.create': mutation(
    z
      .object({
        outcomeId,
        studyId: z.string().min(1),
        subgroupId: z.string().min(1).nullable().optional(),
        values: rowValuesSchema,
        footnote: z.string().max(5000).nullable().optional(),
      })
      .strict(),
    detail,
    'Adds a direct row (events/total, mean/SD/N, estimate/SE or O−E/variance) for a study.',
  ),
  'outcomes.rows.update': mutation(
    z.object({ outcomeId, rowId, values: rowValuesSchema.optional(), footnote: z.string().max(5000).nullable().optional() }).strict(),
    detail,
    'Changes a direct or detached row’s numbers or footnote.',
  ),
  'outcomes.rows.updateMany': mutation(
    z
      .object({
        outcomeId,
        rows: z
          .array(z.object({ rowId, values: rowValuesSchema }).strict())
          .min(1)
          .max(10_000)
          .refine((rows) => new Set(rows.map((r) => r.rowId)).size === rows.length, 'a row is given twice'),
      })
      .strict(),
    detail,
    'Changes several direct or detached rows’ numbers as one change (a pasted block): all or none, one undo step.',
  ),
  'outcomes.rows.delete': mutation(
    z.object({ outcomeId, rowId }).strict(),
    detail,
    'Deletes a direct row; deleting a detached row lets the derived row return.',
  ),
  'outcomes.rows.detach': mutation(
    z
      .object({
        outcomeId,
        studyId: z.string().min(1),
        reason: z.string().trim().min(1, 'say why the row is overridden').max(2000),
        values: rowValuesSchema.optional(),
      })
      .strict(),
    detail,
    'Overrides a derived row with the reviewer’s numbers (default: the derived ones), keeping its provenance; the reason goes to the audit log.',
  ),
} as const;
