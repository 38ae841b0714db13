import * as z from 'zod';
import type { Derivation } from '../model/study-data.ts';

// One study's numbers in an outcome. A row is direct (entered, or imported from RevMan),
// derived (computed from the arm-level extraction by the review's rules, never stored, so
// it cannot go stale) or detached (a derived row the reviewer overrode, with a reason; it
// keeps the provenance it had when detached).

const num = z.number().finite();
const count = z.number().finite().min(0, 'cannot be negative');

export const rowValuesSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dichotomous'), events1: count, total1: count, events2: count, total2: count }),
  z.object({
    kind: z.literal('continuous'),
    mean1: num,
    sd1: count,
    total1: count,
    mean2: num,
    sd2: count,
    total2: count,
  }),
  z.object({ kind: z.literal('generic'), estimate: num, se: count }),
  z.object({ kind: z.literal('oe-variance'), oMinusE: num, variance: count }),
]);
export type RowValues = z.infer<typeof rowValuesSchema>;

/** Cross-field rules zod's shapes cannot say: events within totals. */
export function rowValueIssues(v: RowValues): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (v.kind === 'dichotomous') {
    if (v.events1 > v.total1) issues.push({ path: 'values.events1', message: 'events cannot exceed the total' });
    if (v.events2 > v.total2) issues.push({ path: 'values.events2', message: 'events cannot exceed the total' });
  }
  return issues;
}

/** Where a derived row came from: the study's outcome, its timepoint, the arms combined. */
export interface RowProvenance {
  studyOutcomeId: string;
  measure: string;
  timepointId: string;
  timepointLabel: string;
  interventionArms: { id: string; label: string }[];
  controlArms: { id: string; label: string }[];
  /** Means multiplied by −1 to align the scale's direction. */
  flipped: boolean;
  /** Arms combined on the way (Handbook formulae). */
  derivations: Derivation[];
}

interface RowBase {
  /** Stable: a stored row's id, or "derived:<study id>" for a derived one. */
  id: string;
  studyId: string;
  studyLabel: string;
  subgroupId: string | null;
  footnote: string | null;
}

export type DataRow =
  | (RowBase & { origin: 'direct'; values: RowValues })
  | (RowBase & { origin: 'derived'; values: RowValues; provenance: RowProvenance })
  | (RowBase & { origin: 'detached'; values: RowValues; provenance: RowProvenance | null; reason: string });

export const derivedRowId = (studyId: string): string => `derived:${studyId}`;
