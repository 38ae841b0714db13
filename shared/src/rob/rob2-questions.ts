import * as z from 'zod';
import {
  ALWAYS_ASKED_OPTIONS,
  CONDITIONAL_NO_NI_OPTIONS,
  CONDITIONAL_OPTIONS,
  isNoOrNi,
  isYes,
  isYesOrNi,
  type Rob2Answer,
} from './rob2-answers.ts';

// RoB 2 domains and signalling questions for individually randomized parallel-group trials
// (reference rob2-algorithms.md §A.3). The question texts are the official template wording,
// reproduced verbatim as the CC BY-NC-ND 4.0 licence requires (no paraphrase): Higgins JPT,
// Savović J, Page MJ, Sterne JAC (eds), RoB 2 template, 22 August 2019, riskofbias.info.

export const ROB2_DOMAIN_IDS = ['D1', 'D2', 'D3', 'D4', 'D5'] as const;
export type Rob2DomainId = (typeof ROB2_DOMAIN_IDS)[number];
export const rob2DomainIdSchema = z.enum(ROB2_DOMAIN_IDS);

export const ROB2_QUESTION_IDS = [
  '1.1',
  '1.2',
  '1.3',
  '2.1',
  '2.2',
  '2.3',
  '2.4',
  '2.5',
  '2.6',
  '2.7',
  '3.1',
  '3.2',
  '3.3',
  '3.4',
  '4.1',
  '4.2',
  '4.3',
  '4.4',
  '4.5',
  '5.1',
  '5.2',
  '5.3',
] as const;
export type Rob2QuestionId = (typeof ROB2_QUESTION_IDS)[number];
export const rob2QuestionIdSchema = z.enum(ROB2_QUESTION_IDS);

/** The review team's aim for the result; selects the Domain 2 variant (§A.1). */
export const ROB2_AIMS = ['assignment', 'adhering'] as const;
export type Rob2Aim = (typeof ROB2_AIMS)[number];

export const ROB2_AIM_LABELS: Readonly<Record<Rob2Aim, string>> = {
  assignment: 'to assess the effect of assignment to intervention (the \u2018intention-to-treat\u2019 effect)',
  adhering: 'to assess the effect of adhering to intervention (the \u2018per-protocol\u2019 effect)',
};

/** Deviations to address under the adhering aim (§A.1; tick at least one). */
export interface Rob2Deviations {
  nonProtocolInterventions: boolean;
  implementationFailures: boolean;
  nonAdherence: boolean;
}

export const ROB2_DEVIATION_LABELS: Readonly<Record<keyof Rob2Deviations, string>> = {
  nonProtocolInterventions: 'occurrence of non-protocol interventions',
  implementationFailures: 'failures in implementing the intervention that could have affected the outcome',
  nonAdherence: 'non-adherence to their assigned intervention by trial participants',
};

export interface Rob2Context {
  aim: Rob2Aim;
  deviations: Rob2Deviations;
}

export type Rob2Answers = Partial<Record<Rob2QuestionId, Rob2Answer>>;

/**
 * Three-valued: true (asked), false (not asked: answered NA automatically), or null when it
 * depends on a question not answered yet.
 */
export type Shown = boolean | null;

export interface Rob2Question {
  id: Rob2QuestionId;
  domain: Rob2DomainId;
  text: string;
  options: readonly Rob2Answer[];
  /** The template's condition, as printed in the reference table; null = always asked. */
  shownWhenText: string | null;
  shownWhen: ((answers: Rob2Answers, context: Rob2Context) => Shown) | null;
  /**
   * How an NA that arrives on a reachable path (e.g. through an import) is read (§A.4 "Handling
   * of NA"): the algorithm has an explicit reading for these questions; for others NA on a
   * reachable question is treated as unanswered.
   */
  naOnReachablePath: boolean;
}

export interface Rob2DomainDefinition {
  id: Rob2DomainId;
  /** Template / robvis name. */
  label: string;
  /** robvis's plot caption (singular "intervention" in D2, §A.3). */
  robvisCaption: string;
}

export const ROB2_DOMAINS: readonly Rob2DomainDefinition[] = [
  { id: 'D1', label: 'Bias arising from the randomization process', robvisCaption: 'Bias arising from the randomization process.' },
  {
    id: 'D2',
    label: 'Bias due to deviations from intended interventions',
    robvisCaption: 'Bias due to deviations from intended intervention.',
  },
  { id: 'D3', label: 'Bias due to missing outcome data', robvisCaption: 'Bias due to missing outcome data.' },
  { id: 'D4', label: 'Bias in measurement of the outcome', robvisCaption: 'Bias in measurement of the outcome.' },
  { id: 'D5', label: 'Bias in selection of the reported result', robvisCaption: 'Bias in selection of the reported result.' },
];

export function rob2Domain(id: Rob2DomainId): Rob2DomainDefinition {
  const d = ROB2_DOMAINS.find((x) => x.id === id);
  if (!d) throw new Error(`unknown RoB 2 domain ${id}`);
  return d;
}

// ---- three-valued helpers for the "shown when" conditions --------------------------------
const test = (answers: Rob2Answers, q: Rob2QuestionId, p: (a: Rob2Answer) => boolean): Shown => {
  const a = answers[q];
  return a === undefined ? null : p(a);
};
const or = (...xs: Shown[]): Shown => (xs.includes(true) ? true : xs.includes(null) ? null : false);
const and = (...xs: Shown[]): Shown => (xs.includes(false) ? false : xs.includes(null) ? null : true);

type QuestionSpec = Omit<Rob2Question, 'domain' | 'options' | 'naOnReachablePath'> & {
  options?: readonly Rob2Answer[];
  naOnReachablePath?: boolean;
};

const q = (domain: Rob2DomainId, spec: QuestionSpec): Rob2Question => ({
  domain,
  options: spec.options ?? (spec.shownWhen ? CONDITIONAL_OPTIONS : ALWAYS_ASKED_OPTIONS),
  naOnReachablePath: spec.naOnReachablePath ?? false,
  ...spec,
});

const ARMS_AWARE = '2.1 \u2208 {Y,PY,NI} or 2.2 \u2208 {Y,PY,NI}';
const armsAware = (a: Rob2Answers): Shown => or(test(a, '2.1', isYesOrNi), test(a, '2.2', isYesOrNi));

const D1_QUESTIONS: readonly Rob2Question[] = [
  q('D1', { id: '1.1', text: 'Was the allocation sequence random?', shownWhenText: null, shownWhen: null }),
  q('D1', {
    id: '1.2',
    text: 'Was the allocation sequence concealed until participants were enrolled and assigned to interventions?',
    shownWhenText: null,
    shownWhen: null,
  }),
  q('D1', {
    id: '1.3',
    text: 'Did baseline differences between intervention groups suggest a problem with the randomization process?',
    shownWhenText: null,
    shownWhen: null,
  }),
];

const D2_AWARENESS: readonly Rob2Question[] = [
  q('D2', {
    id: '2.1',
    text: 'Were participants aware of their assigned intervention during the trial?',
    shownWhenText: null,
    shownWhen: null,
  }),
  q('D2', {
    id: '2.2',
    text: "Were carers and people delivering the interventions aware of participants' assigned intervention during the trial?",
    shownWhenText: null,
    shownWhen: null,
  }),
];

const D2_ASSIGNMENT_QUESTIONS: readonly Rob2Question[] = [
  ...D2_AWARENESS,
  q('D2', {
    id: '2.3',
    text: 'Were there deviations from the intended intervention that arose because of the trial context?',
    shownWhenText: ARMS_AWARE,
    shownWhen: armsAware,
    naOnReachablePath: true,
  }),
  q('D2', {
    id: '2.4',
    text: 'Were these deviations likely to have affected the outcome?',
    shownWhenText: '2.3 \u2208 {Y,PY}',
    shownWhen: (a) => test(a, '2.3', isYes),
    naOnReachablePath: true,
  }),
  q('D2', {
    id: '2.5',
    text: 'Were these deviations from intended intervention balanced between groups?',
    shownWhenText: '2.4 \u2208 {Y,PY,NI}',
    shownWhen: (a) => test(a, '2.4', isYesOrNi),
    naOnReachablePath: true,
  }),
  q('D2', {
    id: '2.6',
    text: 'Was an appropriate analysis used to estimate the effect of assignment to intervention?',
    shownWhenText: null,
    shownWhen: null,
  }),
  q('D2', {
    id: '2.7',
    text: 'Was there potential for a substantial impact (on the result) of the failure to analyse participants in the group to which they were randomized?',
    shownWhenText: '2.6 \u2208 {N,PN,NI}',
    shownWhen: (a) => test(a, '2.6', isNoOrNi),
    naOnReachablePath: true,
  }),
];

const D2_ADHERING_QUESTIONS: readonly Rob2Question[] = [
  ...D2_AWARENESS,
  q('D2', {
    id: '2.3',
    text: '[If applicable:] Were important non-protocol interventions balanced across intervention groups?',
    shownWhenText: `"non-protocol interventions" ticked and (${ARMS_AWARE})`,
    shownWhen: (a, ctx) => and(ctx.deviations.nonProtocolInterventions, armsAware(a)),
    naOnReachablePath: true,
  }),
  q('D2', {
    id: '2.4',
    text: '[If applicable:] Were there failures in implementing the intervention that could have affected the outcome?',
    shownWhenText: '"failures in implementing" ticked',
    shownWhen: (_a, ctx) => ctx.deviations.implementationFailures,
    naOnReachablePath: true,
  }),
  q('D2', {
    id: '2.5',
    text: "[If applicable:] Was there non-adherence to the assigned intervention regimen that could have affected participants' outcomes?",
    shownWhenText: '"non-adherence" ticked',
    shownWhen: (_a, ctx) => ctx.deviations.nonAdherence,
    naOnReachablePath: true,
  }),
  q('D2', {
    id: '2.6',
    text: 'Was an appropriate analysis used to estimate the effect of adhering to the intervention?',
    shownWhenText: '2.3 \u2208 {N,PN,NI} or 2.4 \u2208 {Y,PY,NI} or 2.5 \u2208 {Y,PY,NI}',
    shownWhen: (a) => or(test(a, '2.3', isNoOrNi), test(a, '2.4', isYesOrNi), test(a, '2.5', isYesOrNi)),
    naOnReachablePath: true,
  }),
];

const D3_QUESTIONS: readonly Rob2Question[] = [
  q('D3', {
    id: '3.1',
    text: 'Were data for this outcome available for all, or nearly all, participants randomized?',
    shownWhenText: null,
    shownWhen: null,
  }),
  q('D3', {
    id: '3.2',
    text: 'Is there evidence that the result was not biased by missing outcome data?',
    shownWhenText: '3.1 \u2208 {N,PN,NI}',
    shownWhen: (a) => test(a, '3.1', isNoOrNi),
    options: CONDITIONAL_NO_NI_OPTIONS,
  }),
  q('D3', {
    id: '3.3',
    text: 'Could missingness in the outcome depend on its true value?',
    shownWhenText: '3.2 \u2208 {N,PN}',
    shownWhen: (a) => test(a, '3.2', (x) => x === 'N' || x === 'PN'),
    naOnReachablePath: true,
  }),
  q('D3', {
    id: '3.4',
    text: 'Is it likely that missingness in the outcome depended on its true value?',
    shownWhenText: '3.3 \u2208 {Y,PY,NI}',
    shownWhen: (a) => test(a, '3.3', isYesOrNi),
    naOnReachablePath: true,
  }),
];

const D4_QUESTIONS: readonly Rob2Question[] = [
  q('D4', { id: '4.1', text: 'Was the method of measuring the outcome inappropriate?', shownWhenText: null, shownWhen: null }),
  q('D4', {
    id: '4.2',
    text: 'Could measurement or ascertainment of the outcome have differed between intervention groups?',
    shownWhenText: null,
    shownWhen: null,
  }),
  q('D4', {
    id: '4.3',
    text: 'Were outcome assessors aware of the intervention received by study participants?',
    shownWhenText: '4.1 \u2208 {N,PN,NI} and 4.2 \u2208 {N,PN,NI}',
    shownWhen: (a) => and(test(a, '4.1', isNoOrNi), test(a, '4.2', isNoOrNi)),
    naOnReachablePath: true,
  }),
  q('D4', {
    id: '4.4',
    text: 'Could assessment of the outcome have been influenced by knowledge of intervention received?',
    shownWhenText: '4.3 \u2208 {Y,PY,NI}',
    shownWhen: (a) => test(a, '4.3', isYesOrNi),
    naOnReachablePath: true,
  }),
  q('D4', {
    id: '4.5',
    text: 'Is it likely that assessment of the outcome was influenced by knowledge of intervention received?',
    shownWhenText: '4.4 \u2208 {Y,PY,NI}',
    shownWhen: (a) => test(a, '4.4', isYesOrNi),
    naOnReachablePath: true,
  }),
];

const D5_QUESTIONS: readonly Rob2Question[] = [
  q('D5', {
    id: '5.1',
    text: 'Were the data that produced this result analysed in accordance with a pre-specified analysis plan that was finalized before unblinded outcome data were available for analysis?',
    shownWhenText: null,
    shownWhen: null,
  }),
  q('D5', {
    id: '5.2',
    text: 'Is the numerical result being assessed likely to have been selected, on the basis of the results, from multiple eligible outcome measurements (e.g. scales, definitions, time points) within the outcome domain?',
    shownWhenText: null,
    shownWhen: null,
  }),
  q('D5', {
    id: '5.3',
    text: 'Is the numerical result being assessed likely to have been selected, on the basis of the results, from multiple eligible analyses of the data?',
    shownWhenText: null,
    shownWhen: null,
  }),
];

/** The signalling questions of a domain, in template order (D2 depends on the aim). */
export function rob2Questions(domain: Rob2DomainId, aim: Rob2Aim): readonly Rob2Question[] {
  switch (domain) {
    case 'D1':
      return D1_QUESTIONS;
    case 'D2':
      return aim === 'assignment' ? D2_ASSIGNMENT_QUESTIONS : D2_ADHERING_QUESTIONS;
    case 'D3':
      return D3_QUESTIONS;
    case 'D4':
      return D4_QUESTIONS;
    case 'D5':
      return D5_QUESTIONS;
  }
}

/** All questions asked under an aim: 22 for assignment, 21 for adhering (§A.3). */
export function allRob2Questions(aim: Rob2Aim): readonly Rob2Question[] {
  return ROB2_DOMAIN_IDS.flatMap((d) => rob2Questions(d, aim));
}

export function rob2Question(domain: Rob2DomainId, id: Rob2QuestionId, aim: Rob2Aim): Rob2Question | undefined {
  return rob2Questions(domain, aim).find((x) => x.id === id);
}

/** Whether a question is asked given the answers so far (null: depends on an unanswered one). */
export function isRob2QuestionShown(question: Rob2Question, answers: Rob2Answers, context: Rob2Context): Shown {
  return question.shownWhen ? question.shownWhen(answers, context) : true;
}

/**
 * The answers the algorithm reads: a question that is certainly not asked is NA (the template
 * answers it NA automatically, whatever was stored before its condition changed); an answer
 * outside the question's options, or an NA on a question that is (or may be) asked where the
 * reference gives NA no reading, counts as unanswered.
 */
export function effectiveRob2Answers(domain: Rob2DomainId, answers: Rob2Answers, context: Rob2Context): Rob2Answers {
  // Template order: a condition only reads earlier questions, so each one sees the effective
  // answers before it (an auto-NA propagates; a dropped answer leaves later ones undecided).
  const out: Rob2Answers = {};
  for (const question of rob2Questions(domain, context.aim)) {
    const shown = isRob2QuestionShown(question, out, context);
    if (shown === false) {
      out[question.id] = 'NA';
      continue;
    }
    const a = answers[question.id];
    if (a === undefined || !question.options.includes(a) || (a === 'NA' && !question.naOnReachablePath)) continue;
    out[question.id] = a;
  }
  return out;
}

/** Questions that are asked (or may be) and still have no answer: what the UI should prompt for. */
export function unansweredRob2Questions(domain: Rob2DomainId, answers: Rob2Answers, context: Rob2Context): Rob2Question[] {
  const effective = effectiveRob2Answers(domain, answers, context);
  return rob2Questions(domain, context.aim).filter(
    (question) => effective[question.id] === undefined && isRob2QuestionShown(question, answers, context) === true,
  );
}
