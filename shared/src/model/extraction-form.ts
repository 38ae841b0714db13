import * as z from 'zod';
import { idSchema } from './ids.ts';

// The extraction form a review team designs: sections of typed fields. Values are
// validated against their field's type (see characteristic.ts). Choice fields can later
// define subgroups and sensitivity filters, so their options carry stable ids.

export const FIELD_TYPES = [
  'text',
  'longText',
  'number',
  'percentage',
  'integer',
  'date',
  'singleChoice',
  'multiChoice',
  'yesNoUnclear',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_TYPE_LABELS: Readonly<Record<FieldType, string>> = {
  text: 'Text',
  longText: 'Long text',
  number: 'Number (with unit)',
  percentage: 'Percentage',
  integer: 'Whole number',
  date: 'Date',
  singleChoice: 'Single choice',
  multiChoice: 'Multiple choice',
  yesNoUnclear: 'Yes / no / unclear',
};

export const choiceOptionSchema = z.object({
  id: idSchema,
  label: z.string().trim().min(1, 'an option needs a label').max(300),
});
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

export const formSectionSchema = z.object({
  id: idSchema,
  title: z.string().trim().min(1, 'a section needs a title').max(300),
  description: z.string().max(5000),
});
export type FormSection = z.infer<typeof formSectionSchema>;

export const formFieldSchema = z
  .object({
    id: idSchema,
    sectionId: idSchema,
    label: z.string().trim().min(1, 'a field needs a label').max(300),
    type: z.enum(FIELD_TYPES),
    /** Unit shown after a number, e.g. "years", "weeks". */
    unit: z.string().max(50),
    /** Options of a single or multiple choice field, in display order. */
    options: z.array(choiceOptionSchema).max(200),
    help: z.string().max(5000),
  })
  .superRefine((f, ctx) => {
    const isChoice = f.type === 'singleChoice' || f.type === 'multiChoice';
    if (isChoice && f.options.length < 2)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice field needs at least two options' });
    if (!isChoice && f.options.length > 0)
      ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${FIELD_TYPE_LABELS[f.type].toLowerCase()} field has no options` });
    const labels = new Set<string>();
    f.options.forEach((o, i) => {
      const key = o.label.toLowerCase();
      if (labels.has(key)) ctx.addIssue({ code: 'custom', path: ['options', i, 'label'], message: `"${o.label}" is already an option` });
      labels.add(key);
    });
  });
export type FormField = z.infer<typeof formFieldSchema>;

export const extractionFormSchema = z.object({
  sections: z.array(formSectionSchema).max(100),
  fields: z.array(formFieldSchema).max(1000),
});
export type ExtractionForm = z.infer<typeof extractionFormSchema>;

export function extractionFormIssues(form: ExtractionForm): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const sections = new Set(form.sections.map((s) => s.id));
  form.fields.forEach((f, i) => {
    if (!sections.has(f.sectionId)) issues.push({ path: `fields.${i}.sectionId`, message: 'choose one of the form’s sections' });
  });
  return issues;
}
