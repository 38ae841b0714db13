import type { ExtractionForm, FormField } from './extraction-form.ts';

// The neutral extraction form every new review starts from: the Cochrane data collection
// form for randomised trials (methods, participants, interventions, outcomes, funding),
// with nothing of any one review in it. A review adds its own classifiers (which later
// define subgroups) itself; the seed example's are in seed-form.ts. Ids are stable so that
// reviews made from the template can be compared and the seed form can extend it.

export const formSection = (id: string, title: string, description = '') => ({ id, title, description });
export const formField = (
  id: string,
  sectionId: string,
  label: string,
  type: FormField['type'],
  extra: Partial<Pick<FormField, 'unit' | 'options' | 'help'>> = {},
): FormField => ({ id, sectionId, label, type, unit: extra.unit ?? '', options: extra.options ?? [], help: extra.help ?? '' });
export const formOptions = (...pairs: [string, string][]) => pairs.map(([id, label]) => ({ id, label }));

export const RCT_FORM_IDS = {
  design: 'field-design',
  country: 'field-country',
  randomised: 'field-randomised',
  age: 'field-age',
  female: 'field-female-pct',
  intervention: 'field-intervention',
  comparator: 'field-comparator',
  followUp: 'field-follow-up',
  funding: 'field-funding',
} as const;

export const RCT_SECTION_IDS = {
  study: 'section-study',
  participants: 'section-participants',
  interventions: 'section-interventions',
  outcomes: 'section-outcomes',
} as const;

export function neutralRctForm(): ExtractionForm {
  const S = RCT_SECTION_IDS;
  return {
    sections: [
      formSection(S.study, 'Study', 'Aims, design, setting, duration and funding.'),
      formSection(S.participants, 'Participants', 'Who took part: eligibility and baseline characteristics (Table 1).'),
      formSection(S.interventions, 'Interventions and comparators', 'What each arm received.'),
      formSection(S.outcomes, 'Outcomes and follow-up', 'Follow-up, attrition and missing outcome data.'),
    ],
    fields: [
      formField('field-aims', S.study, 'Study aims', 'longText'),
      formField(RCT_FORM_IDS.design, S.study, 'Design', 'singleChoice', {
        options: formOptions(
          ['design-parallel', 'Parallel-group'],
          ['design-cluster', 'Cluster-randomised'],
          ['design-crossover', 'Cross-over'],
          ['design-other', 'Other'],
        ),
      }),
      formField('field-setting', S.study, 'Setting', 'text', { help: 'e.g. hospital outpatients, primary care, community' }),
      formField(RCT_FORM_IDS.country, S.study, 'Country', 'text'),
      formField('field-duration', S.study, 'Study duration', 'text', { help: 'Length of the intervention and of follow-up' }),
      formField(RCT_FORM_IDS.funding, S.study, 'Funding and declarations of interest', 'longText'),
      formField('field-eligibility', S.participants, 'Participant eligibility criteria', 'longText'),
      formField(RCT_FORM_IDS.randomised, S.participants, 'Number randomised', 'integer', { unit: 'participants' }),
      formField(RCT_FORM_IDS.age, S.participants, 'Age', 'text', { help: 'Mean, or the range as the report states it' }),
      formField(RCT_FORM_IDS.female, S.participants, 'Female', 'percentage'),
      formField('field-baseline-imbalances', S.participants, 'Baseline imbalances', 'longText'),
      formField(RCT_FORM_IDS.intervention, S.interventions, 'Intervention', 'longText'),
      formField(RCT_FORM_IDS.comparator, S.interventions, 'Comparator', 'longText'),
      formField(RCT_FORM_IDS.followUp, S.outcomes, 'Follow-up', 'text', { help: 'Longest follow-up after the end of treatment' }),
      formField('field-attrition', S.outcomes, 'Attrition', 'longText'),
      formField('field-missing-data', S.outcomes, 'Missing outcome data', 'longText'),
    ],
  };
}
