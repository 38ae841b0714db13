import * as z from 'zod';
import { mutation, query } from './method.ts';
import { uploadTokenSchema } from './contract-files.ts';

// Merging a co-reviewer's copy into the open review and deciding the conflicts a merge
// queued (docs/merging.md; db/src/service/merge-handlers.ts). The copy's bytes travel as
// base64, or (browser host, large files) as the token of a streamed upload, as in
// File › Open.

/** A field's value as a review row holds it. */
export const sqlValueSchema = z.union([z.string(), z.number(), z.null()]);

export const conflictChoiceSchema = z.enum(['local', 'incoming', 'other']);
export type ConflictChoiceKind = z.infer<typeof conflictChoiceSchema>;

export const queuedConflictSchema = z.object({
  id: z.int(),
  /** The row in words: its kind ("screening decision"), study or record, whose slot, the field's label. */
  what: z.string(),
  study: z.string().nullable(),
  record: z.string().nullable(),
  slotReviewer: z.string().nullable(),
  fieldLabel: z.string(),
  /** Where it is stored: SQL table, row key, column ('*' for the whole row). */
  table: z.string(),
  key: z.string(),
  field: z.string(),
  base: sqlValueSchema,
  /** This copy's value when the merge ran, and now (someone may have changed it since). */
  local: sqlValueSchema,
  current: sqlValueSchema,
  incoming: sqlValueSchema,
  /** The reviewer whose change brought the incoming value. */
  reviewer: z.string(),
  mergeLabel: z.string(),
  mergedAt: z.string(),
  /** Whether "take theirs" and "other value" apply (not when the row is gone, or for a whole-row conflict they cannot rebuild). */
  canTakeTheirs: z.boolean(),
  canEnterValue: z.boolean(),
});
export type QueuedConflictView = z.infer<typeof queuedConflictSchema>;

export const mergeReportSchema = z.object({
  /** Changes of the copy taken in (already-seen ones are not counted). */
  events: z.int(),
  applied: z.int(),
  skipped: z.int(),
  conflicts: z.int(),
  byReviewer: z.array(z.object({ reviewer: z.string(), applied: z.int(), conflicts: z.int() })),
  /** The review as it was before the merge; null when there was nothing to bring in. */
  backup: z.string().nullable(),
  /** The copy was made outside Grove (cp, e-mail): its changes were re-identified. */
  reidentified: z.boolean(),
  reportText: z.string(),
});
export type MergeReportView = z.infer<typeof mergeReportSchema>;

export const MERGE_API = {
  'merge.conflicts': query(
    z.object({}).strict(),
    z.object({ conflicts: z.array(queuedConflictSchema) }),
    'The conflicts queue: fields merges could not apply and no one has decided yet, oldest first, each described in words.',
  ),
  'merge.resolve': mutation(
    z
      .object({ conflictId: z.int().positive(), choice: conflictChoiceSchema, value: sqlValueSchema.optional() })
      .strict()
      .refine((a) => (a.choice === 'other') === (a.value !== undefined), {
        message: 'give a value with "other", and only then',
        path: ['value'],
      }),
    z.object({ conflictId: z.int(), value: sqlValueSchema }),
    'Decide one queued conflict: keep this copy’s value, take the merged one, or enter another; one undoable change.',
  ),
  'merge.fromUpload': mutation(
    z
      .object({
        fileName: z
          .string()
          .min(1)
          .max(255)
          .regex(/\.grove$/i, 'choose a Grove review file (.grove): a co-reviewer’s copy of this review'),
        contentBase64: z.string().min(1).max(700_000_000).optional(),
        uploadToken: uploadTokenSchema.optional(),
      })
      .strict()
      .refine((a) => (a.contentBase64 === undefined) !== (a.uploadToken === undefined), {
        message: 'give either contentBase64 or uploadToken, not both',
        path: ['contentBase64'],
      }),
    mergeReportSchema,
    'Merge a co-reviewer’s copy of this review into it, as `grove merge` does: a backup first, then every change it has not seen, as one undoable change; conflicts wait in the queue.',
  ),
} as const;
