import * as z from 'zod';
import { rob1JudgementSchema } from './judgements.ts';
import type { Rob1DomainId } from './rob1-domains.ts';

// The stored RoB 1 assessment of one study by one reviewer: per domain a judgement and the
// "support for judgement" text (quotes from the report; reference §B.1). A judgement of
// `null` means "not judged yet" — the support text may already hold quotes.
//
// Blinding (both domains) and incomplete outcome data may instead be judged per outcome
// group, as RevMan 5 allows (`LEVEL="GROUP"`, §B.2). The schema only offers the grouped
// shape for those three domains, so a per-group "selective reporting" cannot be stored.

const supportText = z.string().max(20000, 'must be at most 20000 characters');
const outcomeGroupName = z.string().trim().min(1, 'an outcome group needs a name').max(200);

export const rob1DomainEntrySchema = z.object({
  level: z.literal('study'),
  judgement: rob1JudgementSchema.nullable(),
  support: supportText,
});
export type Rob1DomainEntry = z.infer<typeof rob1DomainEntrySchema>;

export const rob1OutcomeGroupEntrySchema = z.object({
  /** The outcome group as the review names it (e.g. "Self-reported outcomes"); the backend stores the name. */
  outcomeGroup: outcomeGroupName,
  judgement: rob1JudgementSchema.nullable(),
  support: supportText,
});
export type Rob1OutcomeGroupEntry = z.infer<typeof rob1OutcomeGroupEntrySchema>;

export const rob1GroupedDomainEntrySchema = z
  .object({
    level: z.literal('outcome-group'),
    groups: z.array(rob1OutcomeGroupEntrySchema).min(1, 'judge at least one outcome group, or judge at study level'),
  })
  .superRefine((entry, ctx) => {
    const seen = new Set<string>();
    entry.groups.forEach((g, i) => {
      if (seen.has(g.outcomeGroup))
        ctx.addIssue({ code: 'custom', path: ['groups', i, 'outcomeGroup'], message: 'outcome group is judged twice' });
      seen.add(g.outcomeGroup);
    });
  });
export type Rob1GroupedDomainEntry = z.infer<typeof rob1GroupedDomainEntrySchema>;

export const rob1GroupableDomainEntrySchema = z.union([rob1DomainEntrySchema, rob1GroupedDomainEntrySchema]);
export type Rob1GroupableDomainEntry = Rob1DomainEntry | Rob1GroupedDomainEntry;

export const rob1AssessmentSchema = z.object({
  sequenceGeneration: rob1DomainEntrySchema,
  allocationConcealment: rob1DomainEntrySchema,
  blindingParticipantsPersonnel: rob1GroupableDomainEntrySchema,
  blindingOutcomeAssessment: rob1GroupableDomainEntrySchema,
  incompleteOutcomeData: rob1GroupableDomainEntrySchema,
  selectiveReporting: rob1DomainEntrySchema,
  otherBias: rob1DomainEntrySchema,
});
export type Rob1Assessment = z.infer<typeof rob1AssessmentSchema>;

/** An assessment with nothing judged: every domain at study level, judgement null. */
export function emptyRob1Assessment(): Rob1Assessment {
  const blank = (): Rob1DomainEntry => ({ level: 'study', judgement: null, support: '' });
  return {
    sequenceGeneration: blank(),
    allocationConcealment: blank(),
    blindingParticipantsPersonnel: blank(),
    blindingOutcomeAssessment: blank(),
    incompleteOutcomeData: blank(),
    selectiveReporting: blank(),
    otherBias: blank(),
  };
}

/** The entry of one domain, typed loosely enough to iterate over all seven. */
export function rob1Entry(assessment: Rob1Assessment, domain: Rob1DomainId): Rob1GroupableDomainEntry {
  return assessment[domain];
}
