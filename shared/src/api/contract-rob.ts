import * as z from 'zod';
import { idSchema } from '../model/ids.ts';
import { rob1AssessmentSchema, rob1GroupableDomainEntrySchema } from '../rob/rob1-assessment.ts';
import { rob1DomainIdSchema } from '../rob/rob1-domains.ts';
import { rob1OverallRuleSchema } from '../rob/rob1-overall.ts';
import { mutation, query } from './method.ts';

// Risk of bias with RoB 1: the review's RoB settings and each study's domain judgements
// (db/src/service/rob-handlers.ts). RoB 2 is in contract-rob2.ts.

const slotSchema = z.string().min(1).max(64);

export const robSettingsSchema = z.object({
  tool: z.enum(['rob1', 'rob2']),
  overallRule: rob1OverallRuleSchema,
  outcomeGroups: z.array(z.object({ id: z.string().min(1).max(64), name: z.string().trim().min(1).max(200) })).max(50),
  secondReviewerFraction: z.number().gt(0, 'must be more than 0').max(1, 'must be at most 1'),
  sampleSeed: z.int(),
});
export type RobSettings = z.infer<typeof robSettingsSchema>;

export const studyRobSchema = z.object({
  studyId: idSchema,
  label: z.string(),
  slot: slotSchema,
  assessment: rob1AssessmentSchema,
  overall: z.enum(['low', 'high', 'unclear', 'pending']),
  /** Why, in words, e.g. "key domain high: incomplete outcome data". */
  overallReason: z.string(),
});
export type StudyRob = z.infer<typeof studyRobSchema>;

export const ROB_API = {
  'rob.settings.get': query(z.object({}).strict(), robSettingsSchema, 'Risk-of-bias tool and overall rule.'),
  'rob.settings.update': mutation(z.object({ patch: robSettingsSchema.partial() }).strict(), robSettingsSchema, 'Change the RoB settings.'),
  'rob.list': query(
    z.object({ slot: slotSchema.optional() }).strict(),
    z.array(studyRobSchema),
    'Every included study’s RoB 1 judgements and computed overall judgement.',
  ),
  'rob.setDomain': mutation(
    z
      .object({ studyId: idSchema, domain: rob1DomainIdSchema, entry: rob1GroupableDomainEntrySchema, slot: slotSchema.optional() })
      .strict(),
    studyRobSchema,
    'Judge one RoB 1 domain of a study (with its support text).',
  ),
} as const;
