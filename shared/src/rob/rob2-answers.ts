import * as z from 'zod';

// RoB 2 signalling-question responses (reference rob2-algorithms.md §A.2). The algorithms
// only ever distinguish the groups YES = {Y, PY} and NO = {N, PN}, never Y from PY.

export const ROB2_ANSWERS = ['Y', 'PY', 'PN', 'N', 'NI', 'NA'] as const;
export type Rob2Answer = (typeof ROB2_ANSWERS)[number];
export const rob2AnswerSchema = z.enum(ROB2_ANSWERS);

export const ROB2_ANSWER_LABELS: Readonly<Record<Rob2Answer, string>> = {
  Y: 'Yes',
  PY: 'Probably yes',
  PN: 'Probably no',
  N: 'No',
  NI: 'No information',
  NA: 'Not applicable',
};

/** Y or PY. */
export const isYes = (a: Rob2Answer): boolean => a === 'Y' || a === 'PY';
/** N or PN. */
export const isNo = (a: Rob2Answer): boolean => a === 'N' || a === 'PN';
/** Y, PY or NI: the "shown when" conditions and several table rows use this set. */
export const isYesOrNi = (a: Rob2Answer): boolean => isYes(a) || a === 'NI';
/** N, PN or NI. */
export const isNoOrNi = (a: Rob2Answer): boolean => isNo(a) || a === 'NI';

/** Options of a question that is always asked (no NA). */
export const ALWAYS_ASKED_OPTIONS = ['Y', 'PY', 'PN', 'N', 'NI'] as const satisfies readonly Rob2Answer[];
/** Options of a conditional question. */
export const CONDITIONAL_OPTIONS = ['NA', 'Y', 'PY', 'PN', 'N', 'NI'] as const satisfies readonly Rob2Answer[];
/** Question 3.2 is the one conditional question without NI (§A.2). */
export const CONDITIONAL_NO_NI_OPTIONS = ['NA', 'Y', 'PY', 'PN', 'N'] as const satisfies readonly Rob2Answer[];
