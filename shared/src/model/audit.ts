import * as z from 'zod';
import { idSchema, timestampSchema } from './ids.ts';

// The audit log answers "who changed what, when". Each user action is one *change*
// (one transaction), made of one or more row-level entries; undo works on whole changes.

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z.object({
  id: z.int(),
  changeId: z.int(),
  at: timestampSchema,
  reviewerId: idSchema.nullable(),
  /** The reviewer's name at the time, kept even if the reviewer is later renamed. */
  reviewerName: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  /** Table-level entity name: "study", "report", "protocol", "reviewer", "searchCounts". */
  entity: z.string(),
  entityId: z.string(),
  /** Fields whose value changed (empty for create/delete). */
  fields: z.array(z.string()),
  /** One human sentence, e.g. `Updated study "Cook 2012a": label`. */
  summary: z.string(),
  /** Set when the change was later undone; the undo itself is a new change. */
  undoneBy: z.int().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const historyStatusSchema = z.object({
  canUndo: z.boolean(),
  /** What undo would revert, e.g. `Delete study "Eisen 2012"`. */
  undoLabel: z.string().nullable(),
  /** Whether an undo can be redone: no new change since it (persists in the file, like undo). */
  canRedo: z.boolean(),
  /** What redo would apply again: the label of the change last undone. */
  redoLabel: z.string().nullable(),
});
export type HistoryStatus = z.infer<typeof historyStatusSchema>;
