import * as z from 'zod';
import { idSchema } from '../model/ids.ts';
import { reportFieldsSchema, reportSchema, studyFieldsSchema, studySchema } from '../model/study.ts';
import { mutation, query } from './method.ts';

// Studies and their reports (the papers, registrations and abstracts a study was
// published in) (db/src/service/study-handlers.ts).

const none = z.object({}).strict();
const byId = z.object({ id: idSchema }).strict();
const ok = z.object({ ok: z.literal(true) });
const count = z.int().min(0);

/** Counts of what hangs off a study, as the delete-study dialog names them. */
export const studyDependentsSchema = z.object({
  reports: count,
  characteristics: count,
  /** The outcomes it measured and their result cells. */
  outcomes: count,
  results: count,
  /** RoB 1 judgements and RoB 2 assessments, every reviewer's slot included. */
  judgements: count,
});
export type StudyDependents = z.infer<typeof studyDependentsSchema>;

export const STUDY_API = {
  'studies.list': query(none, z.array(studySchema), 'Studies with their reports, by label.'),
  'studies.get': query(byId, studySchema, 'One study with its reports.'),
  'studies.create': mutation(
    z.object({ study: studyFieldsSchema, reports: z.array(reportFieldsSchema).max(200).optional() }).strict(),
    studySchema,
    'Add a study, optionally with its reports, in one change.',
  ),
  'studies.update': mutation(z.object({ id: idSchema, patch: studyFieldsSchema.partial() }).strict(), studySchema, 'Edit a study.'),
  'studies.delete': mutation(byId, ok, 'Delete a study and its reports (undoable).'),
  'studies.dependents': query(
    byId,
    studyDependentsSchema,
    'What deleting a study deletes with it: its reports, extracted characteristics, outcome data and risk-of-bias judgements.',
  ),
  'reports.create': mutation(
    z.object({ studyId: idSchema, report: reportFieldsSchema }).strict(),
    reportSchema,
    'Add a report to a study.',
  ),
  'reports.update': mutation(z.object({ id: idSchema, patch: reportFieldsSchema.partial() }).strict(), reportSchema, 'Edit a report.'),
  'reports.delete': mutation(byId, ok, 'Delete a report (undoable).'),
} as const;
