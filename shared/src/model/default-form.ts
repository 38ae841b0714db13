import type { ExtractionForm, FormField } from './extraction-form.ts';

// The default extraction form of a new review: the Cochrane data collection form for
// RCTs as the seed review adapted it (study aims, setting, participants, interventions,
// outcomes), plus the seed's classifiers, which later define subgroups and sensitivity
// analyses. Ids are stable so that reviews made from the template can be compared.

const section = (id: string, title: string, description = '') => ({ id, title, description });
const field = (
  id: string,
  sectionId: string,
  label: string,
  type: FormField['type'],
  extra: Partial<Pick<FormField, 'unit' | 'options' | 'help'>> = {},
): FormField => ({ id, sectionId, label, type, unit: extra.unit ?? '', options: extra.options ?? [], help: extra.help ?? '' });
const options = (...pairs: [string, string][]) => pairs.map(([id, label]) => ({ id, label }));

export const DEFAULT_FORM_IDS = {
  country: 'field-country',
  randomised: 'field-randomised',
  age: 'field-age',
  female: 'field-female-pct',
  bame: 'field-bame-pct',
  diagnoses: 'field-diagnoses',
  employed: 'field-employed-pct',
  intervention: 'field-intervention',
  comparator: 'field-comparator',
  category: 'field-intervention-category',
  structured: 'field-structured',
  comparatorType: 'field-comparator-type',
  severe: 'field-severe-population',
  followUp: 'field-follow-up',
} as const;

export function defaultExtractionForm(): ExtractionForm {
  return {
    sections: [
      section('section-study', 'Study', 'Aims, setting and duration.'),
      section('section-participants', 'Participants', 'Who took part: eligibility and baseline characteristics (Table 1).'),
      section('section-interventions', 'Interventions and comparators', 'What each arm received, and the review’s classifiers.'),
      section('section-outcomes', 'Outcomes and follow-up', 'Follow-up, attrition and missing outcome data.'),
    ],
    fields: [
      field('field-aims', 'section-study', 'Study aims', 'longText'),
      field('field-setting', 'section-study', 'Setting', 'text', { help: 'e.g. community mental health services, online' }),
      field(DEFAULT_FORM_IDS.country, 'section-study', 'Country', 'text'),
      field('field-duration', 'section-study', 'Study duration', 'text', { help: 'Length of the intervention and of follow-up' }),
      field('field-eligibility', 'section-participants', 'Participant eligibility criteria', 'longText'),
      field(DEFAULT_FORM_IDS.randomised, 'section-participants', 'Number randomised', 'integer', { unit: 'participants' }),
      field(DEFAULT_FORM_IDS.age, 'section-participants', 'Age', 'text', { help: 'Mean, or the range as the report states it' }),
      field(DEFAULT_FORM_IDS.female, 'section-participants', 'Female', 'percentage'),
      field(DEFAULT_FORM_IDS.bame, 'section-participants', 'Black, Asian and minority ethnicities', 'percentage'),
      field(DEFAULT_FORM_IDS.diagnoses, 'section-participants', 'Diagnoses', 'longText', { help: 'As reported, with percentages' }),
      field('field-diagnosis-categories', 'section-participants', 'Diagnosis categories', 'multiChoice', {
        options: options(
          ['dx-schizophrenia', 'Schizophrenia spectrum disorders'],
          ['dx-bipolar', 'Bipolar disorder'],
          ['dx-depression', 'Depressive disorders'],
          ['dx-psychotic', 'Other psychotic disorders'],
          ['dx-other', 'Other'],
        ),
      }),
      field(DEFAULT_FORM_IDS.employed, 'section-participants', 'Employed', 'percentage'),
      field('field-baseline-imbalances', 'section-participants', 'Baseline imbalances', 'longText'),
      field(DEFAULT_FORM_IDS.intervention, 'section-interventions', 'Intervention', 'longText'),
      field(DEFAULT_FORM_IDS.comparator, 'section-interventions', 'Comparator', 'longText'),
      field(DEFAULT_FORM_IDS.category, 'section-interventions', 'Intervention category', 'singleChoice', {
        options: options(
          ['category-mutual-support', 'Mutual support'],
          ['category-self-management', 'Peer support group: self-management'],
          ['category-anti-stigma', 'Peer support group: anti-stigma'],
        ),
      }),
      field(DEFAULT_FORM_IDS.structured, 'section-interventions', 'Structured or unstructured', 'singleChoice', {
        options: options(['structured', 'Structured'], ['unstructured', 'Unstructured']),
      }),
      field(DEFAULT_FORM_IDS.comparatorType, 'section-interventions', 'Comparator type', 'singleChoice', {
        options: options(
          ['comparator-tau', 'Treatment as usual'],
          ['comparator-waiting-list', 'Waiting list'],
          ['comparator-active', 'Active'],
          ['comparator-tau-and-active', 'Treatment as usual and active (multi-arm)'],
        ),
      }),
      field(DEFAULT_FORM_IDS.severe, 'section-interventions', 'Severe mental health condition population', 'yesNoUnclear'),
      field(DEFAULT_FORM_IDS.followUp, 'section-outcomes', 'Follow-up', 'text', { help: 'Longest follow-up after the end of treatment' }),
      field('field-attrition', 'section-outcomes', 'Attrition', 'longText'),
      field('field-missing-data', 'section-outcomes', 'Missing outcome data', 'longText'),
    ],
  };
}
