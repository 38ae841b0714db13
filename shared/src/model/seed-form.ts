import type { ExtractionForm, FormField } from './extraction-form.ts';
import { RCT_FORM_IDS, RCT_SECTION_IDS, formField, formOptions, neutralRctForm } from './rct-form.ts';

// The seed example's extraction form (peer support for people with mental health
// conditions): the neutral RCT form plus the seed review's own baseline characteristics
// (ethnicity, diagnoses, employment) and classifiers (intervention category, structure,
// comparator type, severe-condition population), which define its subgroups and
// sensitivity analyses. Only the seed example uses it; a new review never inherits it.

export const SEED_FORM_IDS = {
  ...RCT_FORM_IDS,
  bame: 'field-bame-pct',
  diagnoses: 'field-diagnoses',
  employed: 'field-employed-pct',
  category: 'field-intervention-category',
  structured: 'field-structured',
  comparatorType: 'field-comparator-type',
  severe: 'field-severe-population',
} as const;

function seedParticipantFields(): FormField[] {
  const s = RCT_SECTION_IDS.participants;
  return [
    formField(SEED_FORM_IDS.bame, s, 'Black, Asian and minority ethnicities', 'percentage'),
    formField(SEED_FORM_IDS.diagnoses, s, 'Diagnoses', 'longText', { help: 'As reported, with percentages' }),
    formField('field-diagnosis-categories', s, 'Diagnosis categories', 'multiChoice', {
      options: formOptions(
        ['dx-schizophrenia', 'Schizophrenia spectrum disorders'],
        ['dx-bipolar', 'Bipolar disorder'],
        ['dx-depression', 'Depressive disorders'],
        ['dx-psychotic', 'Other psychotic disorders'],
        ['dx-other', 'Other'],
      ),
    }),
    formField(SEED_FORM_IDS.employed, s, 'Employed', 'percentage'),
  ];
}

function seedClassifierFields(): FormField[] {
  const s = RCT_SECTION_IDS.interventions;
  return [
    formField(SEED_FORM_IDS.category, s, 'Intervention category', 'singleChoice', {
      options: formOptions(
        ['category-mutual-support', 'Mutual support'],
        ['category-self-management', 'Peer support group: self-management'],
        ['category-anti-stigma', 'Peer support group: anti-stigma'],
      ),
    }),
    formField(SEED_FORM_IDS.structured, s, 'Structured or unstructured', 'singleChoice', {
      options: formOptions(['structured', 'Structured'], ['unstructured', 'Unstructured']),
    }),
    formField(SEED_FORM_IDS.comparatorType, s, 'Comparator type', 'singleChoice', {
      options: formOptions(
        ['comparator-tau', 'Treatment as usual'],
        ['comparator-waiting-list', 'Waiting list'],
        ['comparator-active', 'Active'],
        ['comparator-tau-and-active', 'Treatment as usual and active (multi-arm)'],
      ),
    }),
    formField(SEED_FORM_IDS.severe, s, 'Severe mental health condition population', 'yesNoUnclear'),
  ];
}

export function seedExtractionForm(): ExtractionForm {
  const base = neutralRctForm();
  const fields = base.fields.flatMap((f) => {
    if (f.id === RCT_FORM_IDS.female) return [f, ...seedParticipantFields()];
    if (f.id === RCT_FORM_IDS.comparator) return [f, ...seedClassifierFields()];
    if (f.id === 'field-setting') return [{ ...f, help: 'e.g. community mental health services, online' }];
    return [f];
  });
  const sections = base.sections.map((s) =>
    s.id === RCT_SECTION_IDS.interventions ? { ...s, description: 'What each arm received, and the review’s classifiers.' } : s,
  );
  return { sections, fields };
}
