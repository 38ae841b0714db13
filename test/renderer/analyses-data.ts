import type { ArmResultRow, CharacteristicValue, ExtractionForm, Study, StudyOutcome, Timepoint, Arm } from '@grove/shared';
import { emptyRob1Assessment, type Rob1Assessment } from '@grove/shared/rob/index';
import { makeStudy, type FakeInit } from './fake-api.ts';

// The Fleiss (1993) data set as fake-API state: five trials with arm-level continuous data
// on medical utilisation → one MD meta-analysis (random DL: −0.74 [−1.46, −0.02]; fixed:
// −0.71 [−1.26, −0.16]). Used by the Analyses and Reports renderer tests.

export const FLEISS: readonly [string, [number, number, number], [number, number, number]][] = [
  ['Davis', [13, 5.0, 4.7], [13, 6.5, 3.8]],
  ['Florell', [30, 4.9, 1.71], [50, 6.1, 2.3]],
  ['Gruen', [35, 22.5, 3.44], [35, 24.9, 10.65]],
  ['Hart', [20, 12.5, 1.47], [20, 12.3, 1.66]],
  ['Wilson', [8, 6.5, 0.76], [8, 7.38, 1.41]],
];

export const COMPARATOR_FIELD = 'field-comparator-type';

export const ANALYSIS_FORM: ExtractionForm = {
  sections: [{ id: 'sec-study', title: 'Study', description: '' }],
  fields: [
    { id: 'field-country', sectionId: 'sec-study', label: 'Country', type: 'text', unit: '', options: [], help: '' },
    { id: 'field-randomised', sectionId: 'sec-study', label: 'Number randomised', type: 'integer', unit: '', options: [], help: '' },
    {
      id: 'field-structured',
      sectionId: 'sec-study',
      label: 'Structured or unstructured',
      type: 'singleChoice',
      unit: '',
      options: [
        { id: 'structured', label: 'Structured' },
        { id: 'unstructured', label: 'Unstructured' },
      ],
      help: '',
    },
    {
      id: COMPARATOR_FIELD,
      sectionId: 'sec-study',
      label: 'Comparator type',
      type: 'singleChoice',
      unit: '',
      options: [
        { id: 'comparator-tau', label: 'Treatment as usual' },
        { id: 'comparator-waiting-list', label: 'Waiting list' },
        { id: 'comparator-tau-and-active', label: 'Treatment as usual and active (multi-arm)' },
      ],
      help: '',
    },
  ],
} as ExtractionForm;

export function allLow(): Rob1Assessment {
  const a = emptyRob1Assessment() as unknown as Record<string, unknown>;
  for (const k of Object.keys(a)) a[k] = { level: 'study', judgement: 'low', support: '' };
  return a as unknown as Rob1Assessment;
}

const value = (studyId: string, fieldId: string, v: string | number): CharacteristicValue => ({
  studyId,
  fieldId,
  slot: 'final',
  content: { status: 'value', value: v },
  sourceNote: '',
  comment: '',
  decidedBy: null,
  updatedAt: '2024-01-01T00:00:00.000Z',
});

/** Fleiss data; `lowRob` studies are judged low on every domain; the first three have TAU comparators. */
export function fleissInit(opts: { lowRob?: readonly string[]; withData?: boolean } = {}): FakeInit {
  const studies: Study[] = [];
  const arms: Arm[] = [];
  const outcomes: StudyOutcome[] = [];
  const timepoints: Timepoint[] = [];
  const results: ArmResultRow[] = [];
  const characteristics: CharacteristicValue[] = [];
  const rob: Record<string, Rob1Assessment> = {};
  FLEISS.forEach(([label, e, c], i) => {
    const s = makeStudy(label, [{ citation: `${label} et al. 19${80 + i}` }]);
    studies.push(s);
    const id = s.id;
    characteristics.push(value(id, 'field-country', i % 2 ? 'USA' : 'UK'));
    characteristics.push(value(id, 'field-randomised', e[0] + c[0]));
    characteristics.push(value(id, 'field-structured', i % 2 ? 'structured' : 'unstructured'));
    characteristics.push(value(id, COMPARATOR_FIELD, i < 3 ? 'comparator-tau' : 'comparator-waiting-list'));
    if (opts.lowRob?.includes(label)) rob[id] = allLow();
    if (opts.withData === false) return;
    arms.push(
      { id: `${id}-t`, studyId: id, label: 'Treatment', role: 'intervention', description: '', randomised: null },
      { id: `${id}-c`, studyId: id, label: 'Control', role: 'control', description: '', randomised: null },
    );
    outcomes.push({
      id: `${id}-o`,
      studyId: id,
      outcomeId: 'outcome-utilisation',
      measure: 'Medical utilisation',
      direction: 'lower-better',
      dataType: 'continuous',
      notes: '',
    });
    timepoints.push({ id: `${id}-p`, studyId: id, label: 'End of treatment', weeksAfterTreatment: 0, categoryOverride: null });
    for (const [arm, [n, mean, sd]] of [
      [`${id}-t`, e],
      [`${id}-c`, c],
    ] as const)
      results.push({
        id: `${arm}-r`,
        studyOutcomeId: `${id}-o`,
        timepointId: `${id}-p`,
        armId: arm,
        result: { kind: 'continuous', mean, sd, n, derivation: null },
      });
  });
  return {
    studies,
    arms,
    outcomes,
    timepoints,
    results,
    characteristics,
    rob,
    form: ANALYSIS_FORM,
    protocol: {
      outcomeDomains: [{ id: 'domain-use', name: 'Medical service use', description: '', includes: [] }],
      plannedOutcomes: [{ id: 'outcome-utilisation', domainId: 'domain-use', name: 'Medical utilisation', description: '' }],
      timepointCategories: [
        {
          id: 'timepoint-post',
          name: 'Post-intervention',
          definition: '',
          afterWeeksMin: null,
          afterWeeksMax: 0,
          selection: 'end-of-treatment',
        },
      ],
      plannedAnalyses: [
        { id: 'pa-rob', kind: 'sensitivity', name: 'Low overall risk of bias only', description: '' },
        { id: 'pa-tau', kind: 'sensitivity', name: 'Treatment-as-usual comparators only', description: '' },
        { id: 'pa-structured', kind: 'subgroup', name: 'Structured vs unstructured interventions', description: '' },
      ],
    },
  };
}
