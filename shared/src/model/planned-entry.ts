import * as z from 'zod';
import { idSchema } from './ids.ts';
import type { Protocol, TimepointCategory } from './protocol.ts';
import { armResultSchema, DIRECTIONS, type ArmRole, type StudyOutcomeFields } from './study-data.ts';
import { categoryOf } from './timepoint-rules.ts';

// Entering one study's data in one step (issue 12): for the common trial (two arms, the
// review's planned outcomes, their usual timepoint) the results grid offers a row per
// planned outcome, ready to type into. What is not there yet (the two arms, how the study
// measured the outcome, the timepoint) is made with the result, from defaults the review
// already holds. These are the rules for those defaults, used by the backend that writes
// them and the renderer that shows them.

export type Direction = (typeof DIRECTIONS)[number];
export type EntryDataType = 'continuous' | 'dichotomous';

/** What the review already says about a planned outcome, from the studies that measured it. */
export interface PlannedOutcomeDefaults {
  readonly outcomeId: string;
  /**
   * The direction most studies gave it (ties: the first study's); before any study measured
   * it, the direction of its first scale in the protocol; null when there is neither.
   */
  readonly direction: Direction | null;
  /** Where the direction came from: the studies that measured it, or the protocol's scale. */
  readonly directionFrom: 'studies' | 'scale' | null;
  /** The measure a new study's row starts from: the outcome's first scale, when it has one. */
  readonly scale: string | null;
  /** The data type most studies entered (ties: continuous); null when no study measured it yet. */
  readonly dataType: EntryDataType | null;
  /** How many studies' measures decided it. */
  readonly studies: number;
}

/** A planned outcome's scale, as far as the defaults need it. */
export interface PlannedScale {
  readonly outcomeId: string;
  readonly name: string;
  readonly direction: Direction;
}

export interface MeasuredOutcome {
  readonly studyId: string;
  readonly outcomeId: string;
  readonly direction: Direction;
  readonly dataType: 'continuous' | 'dichotomous' | 'contrast';
}

function majority<T>(values: readonly T[], tieBreak: T): T | null {
  if (values.length === 0) return null;
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const best = Math.max(...counts.values());
  const leaders = [...counts].filter(([, n]) => n === best).map(([v]) => v);
  return leaders.length === 1 ? leaders[0]! : leaders.includes(tieBreak) ? tieBreak : leaders[0]!;
}

/**
 * The defaults of each planned outcome, as the review's analysis of it would decide them
 * (shared/src/analysis/assemble.ts takes the majority direction and data type of the
 * studies in it). `exceptStudy` leaves out the study being entered.
 */
export function plannedOutcomeDefaults(
  protocol: Pick<Protocol, 'plannedOutcomes'>,
  measured: readonly MeasuredOutcome[],
  exceptStudy: string | null = null,
  /** The outcomes' scales in their own order (outcome_scale); the first one of an outcome is its usual measure. */
  scales: readonly PlannedScale[] = [],
): PlannedOutcomeDefaults[] {
  return protocol.plannedOutcomes.map((p) => {
    // One vote per study: a study with two measures of the outcome counts once, by its first.
    const byStudy = new Map<string, MeasuredOutcome>();
    for (const m of measured) if (m.outcomeId === p.id && m.studyId !== exceptStudy && !byStudy.has(m.studyId)) byStudy.set(m.studyId, m);
    const votes = [...byStudy.values()];
    const first = votes[0];
    const typed = votes.filter((v) => v.dataType !== 'contrast').map((v) => v.dataType as EntryDataType);
    const scale = scales.find((s) => s.outcomeId === p.id) ?? null;
    const direction = first
      ? majority(
          votes.map((v) => v.direction),
          first.direction,
        )
      : (scale?.direction ?? null);
    return {
      outcomeId: p.id,
      direction,
      directionFrom: first ? 'studies' : scale ? 'scale' : null,
      scale: scale?.name ?? null,
      dataType: majority(typed, 'continuous'),
      studies: votes.length,
    };
  });
}

/**
 * The fields of a new study outcome for a planned outcome: the outcome's first scale as the
 * measure (its name when it has none), the review's direction and data type.
 */
export function newStudyOutcomeFields(
  planned: { id: string; name: string },
  defaults: PlannedOutcomeDefaults | undefined,
  chosen: { measure?: string | undefined; dataType?: EntryDataType | undefined; direction?: Direction | undefined } = {},
): StudyOutcomeFields {
  return {
    outcomeId: planned.id,
    measure: chosen.measure?.trim() || defaults?.scale || planned.name,
    direction: chosen.direction ?? defaults?.direction ?? 'higher-better',
    dataType: chosen.dataType ?? defaults?.dataType ?? 'continuous',
    notes: '',
  };
}

/**
 * Warns when a study's measure is entered with the other data type than the review's
 * analysis of the planned outcome uses: such a study would be left out of the analysis.
 */
export function dataTypeMismatch(
  plannedName: string,
  defaults: PlannedOutcomeDefaults | undefined,
  dataType: 'continuous' | 'dichotomous' | 'contrast',
): string | null {
  if (!defaults?.dataType || dataType === 'contrast' || dataType === defaults.dataType) return null;
  const n = defaults.studies;
  return (
    `${plannedName} is ${defaults.dataType} in this review (${n} ${n === 1 ? 'study' : 'studies'}); ` +
    `${dataType} data here would be left out of its analysis.`
  );
}

/** The timepoint a planned outcome is usually entered at: the protocol's first category. */
export interface UsualTimepoint {
  readonly categoryId: string;
  readonly label: string;
  readonly weeksAfterTreatment: number;
}

export function usualTimepoint(categories: readonly TimepointCategory[]): UsualTimepoint | null {
  const c = categories[0];
  if (!c) return null;
  // Weeks that fall in the category by its own bounds (lower exclusive, upper inclusive).
  const weeks = c.afterWeeksMax !== null ? c.afterWeeksMax : (c.afterWeeksMin ?? -1) + 1;
  return { categoryId: c.id, label: c.name, weeksAfterTreatment: Math.max(0, weeks) };
}

/** The study's timepoint in the usual category (the one analysed there), or null when it has none. */
export function timepointInCategory<T extends { id: string; weeksAfterTreatment: number; categoryOverride: string | null }>(
  timepoints: readonly T[],
  categories: readonly TimepointCategory[],
  categoryId: string,
): T | null {
  const members = timepoints.filter((t) => categoryOf(t, categories) === categoryId);
  return members.sort((a, b) => a.weeksAfterTreatment - b.weeksAfterTreatment)[0] ?? null;
}

const SHORT_LABEL = 60;

/** The two arms a new study gets, named by the protocol's intervention and comparator when they are short. */
export function protocolArms(pico: { intervention: string; comparator: string }): { label: string; role: ArmRole }[] {
  const name = (text: string, fallback: string) => {
    const t = text.trim();
    return t && t.length <= SHORT_LABEL && !t.includes('\n') ? t : fallback;
  };
  return [
    { label: name(pico.intervention, 'Intervention'), role: 'intervention' },
    { label: name(pico.comparator, 'Control'), role: 'control' },
  ];
}

/** An arm's N randomised after a result: the result's N fills it when it is empty. */
export function randomisedAfterResult(randomised: number | null, n: number | null): number | null {
  if (randomised !== null) return randomised;
  return n !== null && Number.isInteger(n) && n >= 1 ? n : null;
}

/** `results.enterPlanned`: one planned outcome's results of a study's two arms, in one change. */
export const enterPlannedArgsSchema = z
  .object({
    studyId: idSchema,
    outcomeId: idSchema,
    /** The measure or scale; the planned outcome's name when empty. */
    measure: z.string().max(300).optional(),
    dataType: z.enum(['continuous', 'dichotomous']),
    direction: z.enum(DIRECTIONS).optional(),
    intervention: armResultSchema.nullable(),
    control: armResultSchema.nullable(),
  })
  .strict();
export type EnterPlannedArgs = z.infer<typeof enterPlannedArgsSchema>;
