import type { CharacteristicValue } from '../model/characteristic.ts';
import type { ExtractionForm, FormField } from '../model/extraction-form.ts';
import { DEFAULT_FORM_IDS } from '../model/default-form.ts';
import type { ReportTable } from './report-table.ts';

// Table 1, characteristics of included studies: one row per study, one column per
// chosen form field. The default selection and order are the seed's Table 1.

export const DEFAULT_TABLE1_FIELDS: readonly { fieldId: string; heading: string }[] = [
  { fieldId: DEFAULT_FORM_IDS.category, heading: 'Intervention category' },
  { fieldId: DEFAULT_FORM_IDS.country, heading: 'Country' },
  { fieldId: DEFAULT_FORM_IDS.randomised, heading: 'N' },
  { fieldId: DEFAULT_FORM_IDS.diagnoses, heading: 'Diagnoses' },
  { fieldId: DEFAULT_FORM_IDS.female, heading: 'Sex % F' },
  { fieldId: DEFAULT_FORM_IDS.bame, heading: 'Ethnicity, % BAME' },
  { fieldId: DEFAULT_FORM_IDS.age, heading: 'Age' },
  { fieldId: DEFAULT_FORM_IDS.employed, heading: 'Employed %' },
];

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
  columns: readonly { fieldId: string; heading?: string }[] = DEFAULT_TABLE1_FIELDS,
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
