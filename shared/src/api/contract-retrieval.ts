import * as z from 'zod';
import { idSchema } from '../model/ids.ts';
import { mutation, query } from './method.ts';

// Reports sought but not retrieved (issue 14; db/src/service/retrieval-handlers.ts,
// docs/screening.md). At full text a reviewer who could not obtain a record's report marks
// it "Full text could not be obtained", with an optional note of what was tried. It is not
// a screening decision: a marked record is neither included nor excluded at full text, is
// not offered for a decision and is not counted as assessed for eligibility; PRISMA 2020
// counts it under "Reports not retrieved" (shared/src/prisma/flow.ts).

/** A record whose report could not be obtained, as the full-text screen lists it. */
export const notRetrievedSchema = z.object({
  recordId: idSchema,
  title: z.string().nullable(),
  authors: z.array(z.string()),
  year: z.int().nullable(),
  /** What was tried to obtain the report (may be empty). */
  note: z.string(),
  /** Who marked it, and when. */
  reviewerName: z.string(),
  markedAt: z.string(),
});
export type NotRetrieved = z.infer<typeof notRetrievedSchema>;

export const RETRIEVAL_API = {
  'retrieval.list': query(
    z.object({}).strict(),
    z.array(notRetrievedSchema),
    'The records at full text whose report could not be obtained, in file order.',
  ),
  'retrieval.mark': mutation(
    z.object({ recordId: idSchema, note: z.string().trim().max(2000).default('') }).strict(),
    notRetrievedSchema,
    'Marks a full-text record "Full text could not be obtained" (with what was tried; marking again changes the note); one undoable change.',
  ),
  'retrieval.unmark': mutation(
    z.object({ recordId: idSchema }).strict(),
    z.object({ ok: z.literal(true) }),
    'The record’s report was obtained after all: it is back in the full-text queue.',
  ),
} as const;
