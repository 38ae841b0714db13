import type { ApiClient, CharacteristicContent, ExtractionForm } from '@grove/shared';
import { realBackend, type RealBackend } from './real-backend.ts';
import { judgedAll, judgeRob1 } from './seed.ts';

// The bundled Fleiss (1993) example (db/src/example/fleiss-example.ts): five trials with
// arm-level continuous data on medical utilisation → one MD meta-analysis (random DL:
// −0.74 [−1.46, −0.02]; fixed: −0.71 [−1.26, −0.16]), on the real backend. On top of it,
// through the client: a form with a country, the number randomised and two choice fields
// (the first three trials compared with treatment as usual), a citation per trial, and
// the protocol's planned sensitivity and subgroup analyses. Used by the Analyses, GRADE and
// Reports renderer tests.

export const FLEISS_STUDIES = ['Davis', 'Florell', 'Gruen', 'Hart', 'Wilson'] as const;
type FleissStudy = (typeof FLEISS_STUDIES)[number];

/** Randomised per trial (both arms), as published. */
const RANDOMISED: Record<FleissStudy, number> = { Davis: 26, Florell: 80, Gruen: 70, Hart: 40, Wilson: 16 };

/** The example's ids (fleiss-example.ts): `study-davis`, its outcome, timepoint and arms. */
export const fleissIds = (label: FleissStudy) => {
  const study = `study-${label.toLowerCase()}`;
  return {
    study,
    outcome: `${study}-utilisation`,
    timepoint: `${study}-post`,
    treatment: `${study}-treatment`,
    control: `${study}-control`,
  };
};

/** The analysis of the one planned outcome at the one timepoint category. */
export const FLEISS_ANALYSIS = 'outcome-utilisation@timepoint-post';

/** The id the analysis model gives that outcome (RevMan's, e.g. CMP-001.01), as the outline says. */
export async function fleissOutcomeId(client: ApiClient): Promise<string> {
  const [comparison] = await client.call('outcomes.outline', {});
  const outcome = comparison?.outcomes[0];
  if (!outcome) throw new Error('the Fleiss review has no outcome in its outline');
  return outcome.id;
}

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

/**
 * Fleiss data on the real backend; `lowRob` trials are judged low on every domain; the
 * first three have treatment-as-usual comparators. `withData: false` removes every
 * trial's arms, outcome and timepoint (nothing to pool).
 */
export async function fleissReview(opts: { lowRob?: readonly FleissStudy[]; withData?: boolean } = {}): Promise<RealBackend> {
  const open = realBackend('fleiss1993');
  const { client } = open;
  await client.call('form.update', { form: ANALYSIS_FORM });
  const set = (studyId: string, fieldId: string, value: string | number) =>
    client.call('characteristics.set', { studyId, fieldId, content: { status: 'value', value } as CharacteristicContent });
  for (const [i, label] of FLEISS_STUDIES.entries()) {
    const ids = fleissIds(label);
    await set(ids.study, 'field-country', i % 2 ? 'USA' : 'UK');
    await set(ids.study, 'field-randomised', RANDOMISED[label]);
    await set(ids.study, 'field-structured', i % 2 ? 'structured' : 'unstructured');
    await set(ids.study, COMPARATOR_FIELD, i < 3 ? 'comparator-tau' : 'comparator-waiting-list');
    await client.call('reports.create', {
      studyId: ids.study,
      report: {
        title: '',
        authors: '',
        journal: '',
        year: null,
        doi: '',
        pmid: '',
        citation: `${label} et al. 19${80 + i}`,
        isPrimary: true,
        notes: '',
      },
    });
    if (opts.lowRob?.includes(label)) await judgeRob1(client, ids.study, judgedAll('low'));
    if (opts.withData === false) {
      await client.call('studyOutcomes.delete', { id: ids.outcome });
      await client.call('timepoints.delete', { id: ids.timepoint });
      await client.call('arms.delete', { id: ids.treatment });
      await client.call('arms.delete', { id: ids.control });
    }
  }
  await client.call('protocol.update', {
    patch: {
      plannedAnalyses: [
        { id: 'pa-rob', kind: 'sensitivity', name: 'Low overall risk of bias only', description: '' },
        { id: 'pa-tau', kind: 'sensitivity', name: 'Treatment-as-usual comparators only', description: '' },
        { id: 'pa-structured', kind: 'subgroup', name: 'Structured vs unstructured interventions', description: '' },
      ],
    },
  });
  open.forget();
  return open;
}
