import { z } from 'zod';
import { idSchema } from '../model/ids.ts';
import { reportFieldsSchema, reportSchema, studyFieldsSchema, studySchema } from '../model/study.ts';
import { mutation, query } from './method.ts';

// Studies and their reports (the papers, registrations and abstracts a study was
// published in) (db/src/service/study-handlers.ts).

const none = z.object({}).strict();
const byId = z.object({ id: idSchema }).strict();
const ok = z.object({ ok: z.literal(true) });

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
  'reports.create': mutation(
    z.object({ studyId: idSchema, report: reportFieldsSchema }).strict(),
    reportSchema,
    'Add a report to a study.',
  ),
  'reports.update': mutation(z.object({ id: idSchema, patch: reportFieldsSchema.partial() }).strict(), reportSchema, 'Edit a report.'),
  'reports.delete': mutation(byId, ok, 'Delete a report (undoable).'),
} as const;
