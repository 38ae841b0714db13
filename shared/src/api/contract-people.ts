import * as z from 'zod';
import { idSchema } from '../model/ids.ts';
import { reviewerFieldsSchema, reviewerSchema } from '../model/reviewer.ts';
import { mutation, query } from './method.ts';

// The review team and who is working in this session (db/src/service/people-handlers.ts).

const none = z.object({}).strict();

export const sessionSchema = z.object({
  reviewerId: idSchema.nullable(),
});

export const PEOPLE_API = {
  'reviewers.list': query(none, z.array(reviewerSchema), 'Reviewers, in the order they were added.'),
  'reviewers.create': mutation(z.object({ reviewer: reviewerFieldsSchema }).strict(), reviewerSchema, 'Add a reviewer.'),
  'reviewers.update': mutation(
    z.object({ id: idSchema, patch: reviewerFieldsSchema.partial() }).strict(),
    reviewerSchema,
    'Rename a reviewer.',
  ),
  'session.get': query(none, sessionSchema, 'Who is making changes in this session.'),
  'session.setReviewer': mutation(
    z.object({ reviewerId: idSchema.nullable() }).strict(),
    sessionSchema,
    'Choose the reviewer recorded in the audit log.',
  ),
} as const;
