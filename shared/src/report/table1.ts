import type { CharacteristicValue } from '../model/characteristic.ts';
import type { ExtractionForm, FormField } from '../model/extraction-form.ts';
import { RCT_FORM_IDS } from '../model/rct-form.ts';
import { SEED_FORM_IDS } from '../model/seed-form.ts';
import { CHAR_FIELD_SECTION_ID, charFieldId } from '../rm5/to-review-document.ts';
import type { ReportTable } from './report-table.ts';

// Table 1, characteristics of included studies: one row per study, one column per
// chosen form field. The default columns follow the review's form: the seed's Table 1 for
// the seed example's form, an imported RevMan review's own characteristics columns, the
// neutral RCT essentials for any other review, and every field when it has none of them.

export type Table1Column = { fieldId: string; heading?: string };

/** The seed review's Table 1 (its published columns and headings); only its form has these fields. */
export const SEED_TABLE1_FIELDS: readonly { fieldId: string; heading: string }[] = [
  { fieldId: SEED_FORM_IDS.category, heading: 'Intervention category' },
  { fieldId: SEED_FORM_IDS.country, heading: 'Country' },
  { fieldId: SEED_FORM_IDS.randomised, heading: 'N' },
  { fieldId: SEED_FORM_IDS.diagnoses, heading: 'Diagnoses' },
  { fieldId: SEED_FORM_IDS.female, heading: 'Sex % F' },
  { fieldId: SEED_FORM_IDS.bame, heading: 'Ethnicity, % BAME' },
  { fieldId: SEED_FORM_IDS.age, heading: 'Age' },
  { fieldId: SEED_FORM_IDS.employed, heading: 'Employed %' },
];
/** A neutral Table 1: the structured essentials every RCT review records. */
export const NEUTRAL_TABLE1_FIELDS: readonly { fieldId: string; heading: string }[] = [
  { fieldId: RCT_FORM_IDS.country, heading: 'Country' },
  { fieldId: RCT_FORM_IDS.randomised, heading: 'N' },
  { fieldId: RCT_FORM_IDS.age, heading: 'Age' },
  { fieldId: RCT_FORM_IDS.female, heading: 'Female %' },
];

/** The default columns for a review's form (see the note at the top). */
export function table1DefaultColumns(form: ExtractionForm): Table1Column[] {
  const has = (id: string) => form.fields.some((f) => f.id === id);
  if ([SEED_FORM_IDS.category, SEED_FORM_IDS.diagnoses, SEED_FORM_IDS.bame, SEED_FORM_IDS.employed].every(has))
    return SEED_TABLE1_FIELDS.map((c) => ({ ...c }));
  // An imported RevMan review: its own "Characteristics of included studies" columns (not
  // the excluded studies' reason, which is no characteristic of an included study).
  const revman = form.fields.filter((f) => f.sectionId === CHAR_FIELD_SECTION_ID && f.id !== charFieldId('CHAR_REASON_FOR_EXCLUSION'));
  if (revman.length > 0) return revman.map((f) => ({ fieldId: f.id }));
  const neutral = NEUTRAL_TABLE1_FIELDS.filter((c) => has(c.fieldId));
  return neutral.length > 0 ? neutral.map((c) => ({ ...c })) : form.fields.map((f) => ({ fieldId: f.id }));
}

export interface Table1Study {
  id: string;
  label: string;
  /** e.g. the reports' citations, shown under the study name. */
  references: string;
}

export function displayValue(field: FormField, value: CharacteristicValue | undefined): string {
  if (!value) return '';
  if (value.content.status === 'not-reported') return 'N/R';
  const v = value.content.value;
  const label = (id: string) => field.options.find((o) => o.id === id)?.label ?? id;
  if (Array.isArray(v)) return v.map(label).join(', ');
  if (field.type === 'singleChoice') return label(String(v));
  if (field.type === 'yesNoUnclear') return String(v).charAt(0).toUpperCase() + String(v).slice(1);
  if (field.type === 'number' && field.unit) return `${v} ${field.unit}`;
  return String(v);
}

export function buildTable1(
  form: ExtractionForm,
  studies: readonly Table1Study[],
  values: readonly CharacteristicValue[],
  columns: readonly Table1Column[] = table1DefaultColumns(form),
): ReportTable {
  const fields = columns.flatMap((c) => {
    const f = form.fields.find((x) => x.id === c.fieldId);
    return f ? [{ field: f, heading: c.heading ?? f.label }] : [];
  });
  const byKey = new Map(values.filter((v) => v.slot === 'final').map((v) => [`${v.studyId}|${v.fieldId}`, v]));
  const rows = studies.map((s) => [
    s.references ? `${s.label}\n${s.references}` : s.label,
    ...fields.map(({ field }) => displayValue(field, byKey.get(`${s.id}|${field.id}`))),
  ]);
  const anyNr = rows.some((r) => r.includes('N/R'));
  return {
    title: 'Table 1 Characteristics of included studies',
    columns: ['Study ID', ...fields.map((f) => f.heading)],
    groups: [{ rows }],
    footnotes: [
      [fields.some((f) => f.heading === 'N') ? 'N total number of participants randomised' : '', anyNr ? 'N/R not reported' : '']
        .filter(Boolean)
        .join(', '),
    ].filter(Boolean),
    orientation: 'landscape',
  };
}
