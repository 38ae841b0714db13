// The seed review's RoB 1 judgements (Lyons, Cooper, Lloyd-Evans, BMC Psychiatry 2021, Table 1 /
// Figure 1, as arranged in example-review-facts.json `studies[].rob`), copied here so the tests
// do not read ../shared at run time. `null` is the facts file's "notStated" (not judged).
import { emptyRob1Assessment, type Rob1Assessment, type Rob1DomainId, type Rob1Judgement } from '../../../shared/src/rob/index.ts';

type Row = Record<Rob1DomainId, Rob1Judgement | null>;

const L = 'low' as const;
const U = 'unclear' as const;
const H = 'high' as const;

export const SEED_STUDIES: Array<{ id: string; rob: Row; overallInPaper: Rob1Judgement }> = [
  {
    id: 'Ben-Zeev 2018',
    rob: {
      sequenceGeneration: L,
      allocationConcealment: L,
      blindingParticipantsPersonnel: L,
      blindingOutcomeAssessment: L,
      incompleteOutcomeData: L,
      selectiveReporting: L,
      otherBias: L,
    },
    overallInPaper: 'low',
  },
  {
    id: 'Cook 2012a',
    rob: {
      sequenceGeneration: L,
      allocationConcealment: L,
      blindingParticipantsPersonnel: L,
      blindingOutcomeAssessment: L,
      incompleteOutcomeData: L,
      selectiveReporting: L,
      otherBias: L,
    },
    overallInPaper: 'low',
  },
  {
    id: 'Cook 2012b',
    rob: {
      sequenceGeneration: L,
      allocationConcealment: L,
      blindingParticipantsPersonnel: L,
      blindingOutcomeAssessment: L,
      incompleteOutcomeData: U,
      selectiveReporting: L,
      otherBias: null,
    },
    overallInPaper: 'unclear',
  },
  {
    id: 'Eisen 2012',
    rob: {
      sequenceGeneration: U,
      allocationConcealment: L,
      blindingParticipantsPersonnel: U,
      blindingOutcomeAssessment: U,
      incompleteOutcomeData: L,
      selectiveReporting: L,
      otherBias: null,
    },
    overallInPaper: 'unclear',
  },
  {
    id: 'Kaplan 2011',
    rob: {
      sequenceGeneration: L,
      allocationConcealment: U,
      blindingParticipantsPersonnel: U,
      blindingOutcomeAssessment: L,
      incompleteOutcomeData: L,
      selectiveReporting: U,
      otherBias: null,
    },
    overallInPaper: 'unclear',
  },
  {
    id: 'Corrigan 2015',
    rob: {
      sequenceGeneration: U,
      allocationConcealment: U,
      blindingParticipantsPersonnel: U,
      blindingOutcomeAssessment: U,
      incompleteOutcomeData: H,
      selectiveReporting: U,
      otherBias: null,
    },
    overallInPaper: 'high',
  },
  {
    id: 'R\u00fcsch 2014',
    rob: {
      sequenceGeneration: L,
      allocationConcealment: L,
      blindingParticipantsPersonnel: U,
      blindingOutcomeAssessment: U,
      incompleteOutcomeData: L,
      selectiveReporting: H,
      otherBias: null,
    },
    overallInPaper: 'high',
  },
  {
    id: 'Russinova 2014',
    rob: {
      sequenceGeneration: L,
      allocationConcealment: U,
      blindingParticipantsPersonnel: U,
      blindingOutcomeAssessment: U,
      incompleteOutcomeData: L,
      selectiveReporting: U,
      otherBias: null,
    },
    overallInPaper: 'unclear',
  },
];

/** A stored assessment with every domain at study level. */
export function assessmentOf(rob: Row, support = ''): Rob1Assessment {
  const a = emptyRob1Assessment();
  for (const [domain, judgement] of Object.entries(rob) as Array<[Rob1DomainId, Rob1Judgement | null]>)
    a[domain] = { level: 'study', judgement, support };
  return a;
}
