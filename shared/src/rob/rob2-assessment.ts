import * as z from 'zod';
import { biasDirectionSchema, rob2JudgementSchema, type Rob2Judgement } from './judgements.ts';
import { rob2AnswerSchema } from './rob2-answers.ts';
import { ROB2_AIMS, ROB2_DOMAIN_IDS, rob2Question, rob2QuestionIdSchema, type Rob2Context, type Rob2QuestionId } from './rob2-questions.ts';
import { proposeRob2DomainJudgement } from './rob2-domain-algorithms.ts';
import { DEFAULT_ROB2_OVERALL_CONFIG, proposeRob2Overall, type Rob2DomainJudgements, type Rob2OverallConfig } from './rob2-overall.ts';

// The stored RoB 2 assessment of ONE numerical result (reference §A.1: RoB 2 assesses a
// result, not a trial; the backend keys it by study, outcome, time point and result).
//
// Proposed versus final (§A.5 [rec]): every domain and the overall carry the algorithm's
// `proposed` judgement (recomputed whenever answers change) and the reviewer's `final`
// decision, which records the proposal it was made against. A final that differs from that
// proposal is an override and needs a reason. When answers later change the proposal, the
// final is kept — never silently overwritten — and the status turns 'needs-review'.

const longText = z.string().max(20000, 'must be at most 20000 characters');

export const ROB2_SOURCES = [
  'journal-article',
  'trial-protocol',
  'statistical-analysis-plan',
  'non-commercial-registry',
  'company-registry',
  'grey-literature',
  'conference-abstract',
  'regulatory-document',
  'ethics-application',
  'grant-database',
  'communication-trialist',
  'communication-sponsor',
] as const;
export type Rob2Source = (typeof ROB2_SOURCES)[number];

export const ROB2_SOURCE_LABELS: Readonly<Record<Rob2Source, string>> = {
  'journal-article': 'Journal article(s)',
  'trial-protocol': 'Trial protocol',
  'statistical-analysis-plan': 'Statistical analysis plan (SAP)',
  'non-commercial-registry': 'Non-commercial trial registry record',
  'company-registry': 'Company-owned trial registry record',
  'grey-literature': 'Grey literature',
  'conference-abstract': 'Conference abstract(s)',
  'regulatory-document': 'Regulatory document',
  'ethics-application': 'Research ethics application',
  'grant-database': 'Grant database summary',
  'communication-trialist': 'Personal communication with trialist',
  'communication-sponsor': 'Personal communication with the sponsor',
};

export const rob2FinalJudgementSchema = z
  .object({
    judgement: rob2JudgementSchema,
    /** The proposal on screen when the reviewer decided (null: the algorithm had none). */
    basedOnProposal: rob2JudgementSchema.nullable(),
    /** Required when `judgement` differs from `basedOnProposal`. */
    overrideReason: longText.nullable(),
  })
  .superRefine((f, ctx) => {
    if (f.judgement !== f.basedOnProposal && !f.overrideReason?.trim())
      ctx.addIssue({ code: 'custom', path: ['overrideReason'], message: 'give a reason for overriding the proposed judgement' });
  });
export type Rob2FinalJudgement = z.infer<typeof rob2FinalJudgementSchema>;

export const rob2JudgementRecordSchema = z.object({
  proposed: rob2JudgementSchema.nullable(),
  final: rob2FinalJudgementSchema.nullable(),
  direction: biasDirectionSchema.nullable(),
  /** Free-text support for the judgement. */
  support: longText,
});
export type Rob2JudgementRecord = z.infer<typeof rob2JudgementRecordSchema>;

export const rob2DomainAssessmentSchema = z.object({
  answers: z.partialRecord(rob2QuestionIdSchema, rob2AnswerSchema),
  /** Free-text justification per answer (quotes from the report). */
  comments: z.partialRecord(rob2QuestionIdSchema, longText),
  judgement: rob2JudgementRecordSchema,
});
export type Rob2DomainAssessment = z.infer<typeof rob2DomainAssessmentSchema>;

export const rob2DeviationsSchema = z.object({
  nonProtocolInterventions: z.boolean(),
  implementationFailures: z.boolean(),
  nonAdherence: z.boolean(),
});

export const rob2ResultAssessmentSchema = z
  .object({
    /** Only the individually randomized parallel-group template is specified (§A.1). */
    design: z.literal('individually-randomized-parallel-group'),
    aim: z.enum(ROB2_AIMS),
    deviations: rob2DeviationsSchema,
    experimental: longText,
    comparator: longText,
    numericalResult: longText,
    sources: z.array(z.enum(ROB2_SOURCES)),
    domains: z.object({
      D1: rob2DomainAssessmentSchema,
      D2: rob2DomainAssessmentSchema,
      D3: rob2DomainAssessmentSchema,
      D4: rob2DomainAssessmentSchema,
      D5: rob2DomainAssessmentSchema,
    }),
    overall: rob2JudgementRecordSchema,
  })
  .superRefine((a, ctx) => {
    const d = a.deviations;
    if (a.aim === 'adhering' && !d.nonProtocolInterventions && !d.implementationFailures && !d.nonAdherence)
      ctx.addIssue({ code: 'custom', path: ['deviations'], message: 'tick at least one deviation to address for the adhering aim' });
    for (const domain of ROB2_DOMAIN_IDS) {
      const { answers, comments } = a.domains[domain];
      for (const [id, answer] of Object.entries(answers)) {
        const question = rob2Question(domain, id as Rob2QuestionId, a.aim);
        if (!question) {
          ctx.addIssue({
            code: 'custom',
            path: ['domains', domain, 'answers', id],
            message: `${id} is not a question of ${domain} for this aim`,
          });
        } else if (answer !== undefined && !question.options.includes(answer)) {
          ctx.addIssue({
            code: 'custom',
            path: ['domains', domain, 'answers', id],
            message: `${id} accepts ${question.options.join('/')}, not ${answer}`,
          });
        }
      }
      for (const id of Object.keys(comments))
        if (!rob2Question(domain, id as Rob2QuestionId, a.aim))
          ctx.addIssue({
            code: 'custom',
            path: ['domains', domain, 'comments', id],
            message: `${id} is not a question of ${domain} for this aim`,
          });
    }
  });
export type Rob2ResultAssessment = z.infer<typeof rob2ResultAssessmentSchema>;

const emptyRecord = (): Rob2JudgementRecord => ({ proposed: null, final: null, direction: null, support: '' });
const emptyDomain = (): Rob2DomainAssessment => ({ answers: {}, comments: {}, judgement: emptyRecord() });

export function emptyRob2Assessment(aim: Rob2ResultAssessment['aim'] = 'assignment'): Rob2ResultAssessment {
  return {
    design: 'individually-randomized-parallel-group',
    aim,
    deviations: { nonProtocolInterventions: false, implementationFailures: false, nonAdherence: false },
    experimental: '',
    comparator: '',
    numericalResult: '',
    sources: [],
    domains: { D1: emptyDomain(), D2: emptyDomain(), D3: emptyDomain(), D4: emptyDomain(), D5: emptyDomain() },
    overall: emptyRecord(),
  };
}

/** The judgement that counts: the reviewer's final, else the proposal (§A.5 "defaults to proposed"). */
export function effectiveRob2Judgement(record: Rob2JudgementRecord): Rob2Judgement | null {
  return record.final?.judgement ?? record.proposed;
}

export type Rob2JudgementStatus =
  /** No proposal and no decision yet. */
  | 'incomplete'
  /** A proposal the reviewer has not confirmed. */
  | 'awaiting-confirmation'
  /** Final equals the current proposal. */
  | 'confirmed'
  /** Final differs from the proposal it was made against, with a reason. */
  | 'overridden'
  /** The proposal changed after the reviewer decided: look again. */
  | 'needs-review';

export function rob2JudgementStatus(record: Rob2JudgementRecord): Rob2JudgementStatus {
  const { proposed, final } = record;
  if (!final) return proposed === null ? 'incomplete' : 'awaiting-confirmation';
  if (final.basedOnProposal !== proposed) return 'needs-review';
  return final.judgement === proposed ? 'confirmed' : 'overridden';
}

export type ConfirmResult = { ok: true; record: Rob2JudgementRecord } | { ok: false; error: string };

/** Record the reviewer's decision against the current proposal; an override needs a reason. */
export function confirmRob2Judgement(record: Rob2JudgementRecord, judgement: Rob2Judgement, overrideReason?: string): ConfirmResult {
  const reason = overrideReason?.trim() ? overrideReason.trim() : null;
  if (judgement !== record.proposed && reason === null)
    return {
      ok: false,
      error:
        record.proposed === null
          ? 'the answers do not yet propose a judgement; give a reason for judging this without one'
          : 'give a reason for overriding the proposed judgement',
    };
  return { ok: true, record: { ...record, final: { judgement, basedOnProposal: record.proposed, overrideReason: reason } } };
}

/**
 * Recompute every proposal from the answers (domains first, then the overall from the
 * domains' effective judgements). Finals are kept as they are.
 */
export function recomputeRob2Assessment(
  assessment: Rob2ResultAssessment,
  config: Rob2OverallConfig = DEFAULT_ROB2_OVERALL_CONFIG,
): Rob2ResultAssessment {
  const context: Rob2Context = { aim: assessment.aim, deviations: assessment.deviations };
  const domains = { ...assessment.domains };
  const effective = {} as Rob2DomainJudgements;
  for (const id of ROB2_DOMAIN_IDS) {
    const current = domains[id];
    const { proposed } = proposeRob2DomainJudgement(id, current.answers, context);
    const next = { ...current, judgement: { ...current.judgement, proposed } };
    domains[id] = next;
    effective[id] = effectiveRob2Judgement(next.judgement);
  }
  const overall = { ...assessment.overall, proposed: proposeRob2Overall(effective, config).proposed };
  return { ...assessment, domains, overall };
}

/** The effective judgement of each domain (what the overall and the figures use). */
export function rob2EffectiveDomainJudgements(assessment: Rob2ResultAssessment): Rob2DomainJudgements {
  const out = {} as Rob2DomainJudgements;
  for (const id of ROB2_DOMAIN_IDS) out[id] = effectiveRob2Judgement(assessment.domains[id].judgement);
  return out;
}
