import * as z from 'zod';
import { idSchema, timestampSchema } from './ids.ts';

// A study is the unit of analysis; a report is one publication (or register entry,
// thesis, dataset) about it. One study can have several reports (Cochrane Handbook 4.6.2).

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const year = z.int('must be a whole number').min(1800, 'must be a year from 1800').max(2100, 'must be a year before 2100').nullable();

export const STUDY_STATUSES = ['included', 'excluded', 'awaiting-classification', 'ongoing'] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];

export const studyFieldsSchema = z.object({
  /** The study's name as reviews cite it: first author and year, e.g. "Cook 2012a". */
  label: text(200).trim().min(1, 'a study needs a name, e.g. "Smith 2019"'),
  status: z.enum(STUDY_STATUSES),
  /** Trial registration numbers and other identifiers, free text. */
  identifiers: text(1000),
  notes: text(20000),
});

export const reportFieldsSchema = z.object({
  title: text(2000),
  authors: text(5000),
  journal: text(500),
  year,
  doi: text(300).refine((v) => v === '' || /^10\.\d{4,9}\/\S+$/.test(v), { message: 'a DOI looks like 10.1000/xyz123' }),
  pmid: text(20).refine((v) => v === '' || /^\d{1,9}$/.test(v), { message: 'a PubMed ID is digits only' }),
  /** Where the review cites it, e.g. the reference number in the published review ("52"). */
  citation: text(100),
  isPrimary: z.boolean(),
  notes: text(20000),
});

export type StudyFields = z.infer<typeof studyFieldsSchema>;
export type ReportFields = z.infer<typeof reportFieldsSchema>;

export const reportSchema = reportFieldsSchema.extend({
  id: idSchema,
  studyId: idSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const studySchema = studyFieldsSchema.extend({
  id: idSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  reports: z.array(reportSchema),
});

export type Report = z.infer<typeof reportSchema>;
export type Study = z.infer<typeof studySchema>;

export function emptyReportFields(): ReportFields {
  return { title: '', authors: '', journal: '', year: null, doi: '', pmid: '', citation: '', isPrimary: false, notes: '' };
}

export function emptyStudyFields(label: string): StudyFields {
  return { label, status: 'included', identifiers: '', notes: '' };
}
