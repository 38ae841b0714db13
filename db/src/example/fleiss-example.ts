import {
  REVIEW_DOCUMENT_FORMAT,
  REVIEW_DOCUMENT_VERSION,
  neutralRctForm,
  emptyProtocol,
  emptySearchCounts,
  type ReviewDocument,
} from '@grove/shared';
import { DEFAULT_ROB_SETTINGS } from '../repositories/rob-repo.ts';

// A second bundled example with outcome data, for trying the analysis stage: Fleiss'
// classic data set of five RCTs of mental health treatment and later medical utilisation
// (Fleiss JL. The statistical basis of meta-analysis. Stat Methods Med Res 1993;2:121–45;
// also in RevMan's own Fleiss1993 example and R's `meta`). Arm-level numbers as published;
// nothing else (years, risk of bias) is stated there, so nothing else is filled in.

export const FLEISS_SOURCE = 'Fleiss JL. The statistical basis of meta-analysis. Stat Methods Med Res 1993;2:121–45.';

const DATA: readonly [string, [number, number, number], [number, number, number]][] = [
  ['Davis', [13, 5.0, 4.7], [13, 6.5, 3.8]],
  ['Florell', [30, 4.9, 1.71], [50, 6.1, 2.3]],
  ['Gruen', [35, 22.5, 3.44], [35, 24.9, 10.65]],
  ['Hart', [20, 12.5, 1.47], [20, 12.3, 1.66]],
  ['Wilson', [8, 6.5, 0.76], [8, 7.38, 1.41]],
];

export function fleissReviewDocument(now = new Date().toISOString()): ReviewDocument {
  const protocol = {
    ...emptyProtocol('Mental health treatment and medical utilisation (Fleiss 1993 data set)'),
    question: 'Does mental health treatment reduce later use of medical services?',
    outcomeDomains: [{ id: 'domain-service-use', name: 'Medical service use', description: '', includes: [] }],
    plannedOutcomes: [
      { id: 'outcome-utilisation', domainId: 'domain-service-use', name: 'Medical utilisation', description: 'As reported by each trial' },
    ],
    timepointCategories: [
      {
        id: 'timepoint-post',
        name: 'Post-intervention',
        definition: 'At the end of treatment.',
        afterWeeksMin: null,
        afterWeeksMax: 0,
        selection: 'end-of-treatment' as const,
      },
    ],
    plannedAnalyses: [{ id: 'analysis-low-rob', kind: 'sensitivity' as const, name: 'Low overall risk of bias only', description: '' }],
  };
  const doc: ReviewDocument = {
    format: REVIEW_DOCUMENT_FORMAT,
    formatVersion: REVIEW_DOCUMENT_VERSION,
    review: { id: 'example-fleiss-1993', createdAt: now, updatedAt: now },
    protocol,
    searchCounts: emptySearchCounts(),
    reviewers: [],
    studies: [],
    auditLog: [],
    extractionForm: neutralRctForm(),
    characteristics: [],
    studyData: { arms: [], outcomes: [], timepoints: [], results: [] },
    riskOfBias: { settings: { ...DEFAULT_ROB_SETTINGS }, assessments: [], rob2: [] },
  };
  for (const [label, e, c] of DATA) {
    const id = `study-${label.toLowerCase()}`;
    doc.studies.push({
      id,
      label,
      status: 'included',
      identifiers: '',
      notes: `Data as published in ${FLEISS_SOURCE}`,
      createdAt: now,
      updatedAt: now,
      reports: [],
    });
    doc.studyData.arms.push(
      { id: `${id}-treatment`, studyId: id, label: 'Mental health treatment', role: 'intervention', description: '', randomised: null },
      { id: `${id}-control`, studyId: id, label: 'Control', role: 'control', description: '', randomised: null },
    );
    doc.studyData.outcomes.push({
      id: `${id}-utilisation`,
      studyId: id,
      outcomeId: 'outcome-utilisation',
      measure: 'Medical utilisation',
      direction: 'lower-better',
      dataType: 'continuous',
      notes: '',
    });
    doc.studyData.timepoints.push({
      id: `${id}-post`,
      studyId: id,
      label: 'End of treatment',
      weeksAfterTreatment: 0,
      categoryOverride: null,
    });
    for (const [arm, [n, mean, sd]] of [
      [`${id}-treatment`, e],
      [`${id}-control`, c],
    ] as const) {
      doc.studyData.results.push({
        id: `${arm}-post`,
        studyOutcomeId: `${id}-utilisation`,
        timepointId: `${id}-post`,
        armId: arm,
        result: { kind: 'continuous', mean, sd, n, derivation: null },
      });
    }
  }
  return doc;
}
