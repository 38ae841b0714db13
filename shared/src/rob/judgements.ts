import * as z from 'zod';

// The judgement scales of the two tools. "Not judged yet" is never a judgement value:
// it is `null` in stored data, so a missing judgement can never be mistaken for "low"
// (reference rob2-algorithms.md §A.4 "never guess a judgement from a partial set of answers").

/** RoB 1 domain judgement (Handbook 5.1 Table 8.5.a): Low / High / Unclear risk. */
export const ROB1_JUDGEMENTS = ['low', 'unclear', 'high'] as const;
export type Rob1Judgement = (typeof ROB1_JUDGEMENTS)[number];
export const rob1JudgementSchema = z.enum(ROB1_JUDGEMENTS);

/**
 * The judgement a key gives in the RoB 1 grid: L, U or H, or the digits 1, 2, 3 in the
 * order the judgements are shown (Low, Unclear, High), so that the third choice on screen
 * is the third key.
 */
export function rob1JudgementOfKey(key: string): Rob1Judgement | null {
  const k = key.toLowerCase();
  const digit = /^[1-9]$/.test(k) ? ROB1_JUDGEMENTS[Number(k) - 1] : undefined;
  return digit ?? ROB1_JUDGEMENTS.find((j) => j.charAt(0) === k) ?? null;
}

/** RoB 2 domain and overall judgement (reference §A.2): Low / Some concerns / High. */
export const ROB2_JUDGEMENTS = ['low', 'some-concerns', 'high'] as const;
export type Rob2Judgement = (typeof ROB2_JUDGEMENTS)[number];
export const rob2JudgementSchema = z.enum(ROB2_JUDGEMENTS);

export const ROB1_JUDGEMENT_LABELS: Readonly<Record<Rob1Judgement, string>> = {
  low: 'Low risk',
  unclear: 'Unclear risk',
  high: 'High risk',
};

export const ROB2_JUDGEMENT_LABELS: Readonly<Record<Rob2Judgement, string>> = {
  low: 'Low',
  'some-concerns': 'Some concerns',
  high: 'High',
};

/** The predicted direction of bias offered on every RoB 2 domain and overall (§A.2, [rec]). */
export const BIAS_DIRECTIONS = [
  'not-applicable',
  'favours-experimental',
  'favours-comparator',
  'towards-null',
  'away-from-null',
  'unpredictable',
] as const;
export type BiasDirection = (typeof BIAS_DIRECTIONS)[number];
export const biasDirectionSchema = z.enum(BIAS_DIRECTIONS);

export const BIAS_DIRECTION_LABELS: Readonly<Record<BiasDirection, string>> = {
  'not-applicable': 'NA',
  'favours-experimental': 'Favours experimental',
  'favours-comparator': 'Favours comparator',
  'towards-null': 'Towards null',
  'away-from-null': 'Away from null',
  unpredictable: 'Unpredictable',
};

const ROB1_SEVERITY: Readonly<Record<Rob1Judgement, number>> = { low: 0, unclear: 1, high: 2 };
const ROB2_SEVERITY: Readonly<Record<Rob2Judgement, number>> = { low: 0, 'some-concerns': 1, high: 2 };

/** The worse of two RoB 1 judgements, ordered low < unclear < high. */
export function worseRob1(a: Rob1Judgement, b: Rob1Judgement): Rob1Judgement {
  return ROB1_SEVERITY[a] >= ROB1_SEVERITY[b] ? a : b;
}

/** The worse of two RoB 2 judgements, ordered low < some concerns < high (§A.4 D2(a)). */
export function worseRob2(a: Rob2Judgement, b: Rob2Judgement): Rob2Judgement {
  return ROB2_SEVERITY[a] >= ROB2_SEVERITY[b] ? a : b;
}
