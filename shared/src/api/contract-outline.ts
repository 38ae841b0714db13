import * as z from 'zod';
import { mutation } from './method.ts';
import type { OutlineComparison } from '../outcomes/outline.ts';
import { ANALYSIS_DATA_TYPES } from '../outcomes/outline.ts';

// Editing the outline of the one analysis model (issue 10): add, rename, move and delete
// comparisons, outcomes and subgroups, RevMan-style. Items are named by their stable ids
// ("CMP-001", "CMP-001.01", "CMP-001.01.02"), which never change when items move; RevMan's
// display numbers follow the new order. Every reply is the whole outline after the change.

export interface OutlineEdit {
  /** The id of the item added (or the one edited). */
  id: string;
  outline: OutlineComparison[];
}

const itemId = z.string().min(1).max(100);
const name = z.string().trim().min(1, 'a name is needed').max(500);
const isObject = (v: unknown) => typeof v === 'object' && v !== null;
const edit = z.custom<OutlineEdit>((v) => isObject(v) && 'id' in v && 'outline' in v);

export const OUTLINE_API = {
  'outline.add': mutation(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('comparison'), name }).strict(),
      z.object({ kind: z.literal('outcome'), comparisonId: itemId, name, dataType: z.enum(ANALYSIS_DATA_TYPES) }).strict(),
      z.object({ kind: z.literal('subgroup'), outcomeId: itemId, name }).strict(),
    ]),
    edit,
    'Adds a comparison, an outcome to a comparison (with RevMan’s default settings for its data type) or a subgroup to an outcome, last in its list.',
  ),
  'outline.rename': mutation(z.object({ id: itemId, name }).strict(), edit, 'Renames a comparison, outcome or subgroup.'),
  'outline.move': mutation(
    z.object({ id: itemId, direction: z.enum(['up', 'down']) }).strict(),
    edit,
    'Moves a comparison, outcome or subgroup one place up or down among its siblings; ids stay, numbers follow.',
  ),
  'outline.delete': mutation(
    z.object({ id: itemId }).strict(),
    edit,
    'Deletes a comparison, outcome or subgroup with everything in it (outcomes, subgroups, data rows, GRADE ratings); undoable.',
  ),
  'outline.linkPlanned': mutation(
    z
      .object({
        id: itemId,
        /** The planned outcome × timepoint category whose arm-level data join the outcome, or null to stop. */
        planned: z.object({ plannedOutcomeId: z.string().min(1).max(100), categoryId: z.string().min(1).max(100) }).strict().nullable(),
      })
      .strict(),
    edit,
    'Lets an entered or imported outcome take rows derived from the extraction of a planned outcome at a timepoint category; its own rows stay direct rows (a study with one keeps it) and its settings stay its own. null ends the link.',
  ),
} as const;
