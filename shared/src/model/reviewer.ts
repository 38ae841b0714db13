import * as z from 'zod';
import { idSchema, timestampSchema } from './ids.ts';

export const reviewerFieldsSchema = z.object({
  name: z.string().trim().min(1, 'a reviewer needs a name').max(200),
  initials: z
    .string()
    .trim()
    .max(8, 'at most 8 characters')
    .regex(/^[\p{L}\p{N}.-]*$/u, 'letters, digits, dots and hyphens only'),
  email: z.union([z.literal(''), z.email('not an e-mail address')]),
});
export type ReviewerFields = z.infer<typeof reviewerFieldsSchema>;

export const reviewerSchema = reviewerFieldsSchema.extend({ id: idSchema, createdAt: timestampSchema });
export type Reviewer = z.infer<typeof reviewerSchema>;
