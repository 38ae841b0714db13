// Table 1 and the risk-of-bias judgements of the seed review, for the example review.
// Values are the paper's; "N/R" in the paper is recorded as not reported; what the
// paper does not state (follow-up for two studies, "other bias" for six) stays empty /
// not judged rather than invented.

import type { SEED_FORM_IDS as F, CharacteristicContent } from '@grove/shared';
import type { Rob1Judgement } from '@grove/shared/rob/judgements';
import type { Rob1DomainId } from '@grove/shared/rob/rob1-domains';

type Value = string | number | 'N/R' | string[];

interface ExampleStudyFacts {
  studyId: string;
  table1: Partial<Record<keyof typeof F, Value>>;
  rob: Partial<Record<Rob1DomainId, Rob1Judgement>>;
  robSupport: Partial<Record<Rob1DomainId, string>>;
}

const SELF = 'category-self-management';
const STIGMA = 'category-anti-stigma';
const MUTUAL = 'category-mutual-support';
const allLow = (): Partial<Record<Rob1DomainId, Rob1Judgement>> => ({
  sequenceGeneration: 'low',
  allocationConcealment: 'low',
  blindingParticipantsPersonnel: 'low',
  blindingOutcomeAssessment: 'low',
  incompleteOutcomeData: 'low',
  selectiveReporting: 'low',
  otherBias: 'low',
});

export const EXAMPLE_EXTRACTION: readonly ExampleStudyFacts[] = [
  {
    studyId: 'study-ben-zeev-2018',
    table1: {
      category: SELF,
      structured: 'structured',
      country: 'USA',
      randomised: 163,
      diagnoses: '49% SS, 28% BPD, 33% MDD',
      female: 40,
      bame: 72,
      age: '49 (mean)',
      employed: 'N/R',
      intervention:
        'Peer-facilitated Wellness Recovery Action Planning (WRAP) group (in the trial itself WRAP was the control arm against which FOCUS was assessed; the review analyses WRAP as the group peer support intervention)',
      comparator: 'FOCUS, a self-management mobile phone application delivered by mHealth specialists (active)',
      comparatorType: 'comparator-active',
      severe: 'yes',
      followUp: '3 months',
    },
    rob: allLow(),
    robSupport: {
      blindingParticipantsPersonnel:
        'Assessor-blind design; the two active conditions were delivered by separate personnel (peer facilitators and mHealth specialists)',
      blindingOutcomeAssessment: 'Outcome assessors blinded',
    },
  },
  {
    studyId: 'study-cook-2012a',
    table1: {
      category: SELF,
      structured: 'structured',
      country: 'USA',
      randomised: 555,
      diagnoses: '20% SS, 38% BPD, 25% DD, 15% other',
      female: 66,
      bame: 37,
      age: '46 (mean)',
      employed: 15,
      intervention: 'Wellness Recovery Action Planning (WRAP) peer-led group',
      comparator: 'Waiting list control',
      comparatorType: 'comparator-waiting-list',
      severe: 'yes',
      followUp: '6 months',
    },
    rob: allLow(),
    robSupport: {
      blindingParticipantsPersonnel:
        "'Single blind' referred to assessor blinding; peer facilitators delivered the intervention and were not involved in TAU",
      blindingOutcomeAssessment: 'Outcome assessors blinded',
    },
  },
  {
    studyId: 'study-cook-2012b',
    table1: {
      category: SELF,
      structured: 'structured',
      country: 'USA',
      randomised: 428,
      diagnoses: '21% SS, 40% BPD, 18% DD, 9% other',
      female: 56,
      bame: 46,
      age: '43 (mean)',
      employed: 9,
      intervention: 'Building Recovery of Individual Dreams and Goals (BRIDGES) educational course',
      comparator: 'Waiting list control',
      comparatorType: 'comparator-waiting-list',
      severe: 'yes',
      followUp: '6 months',
    },
    rob: {
      sequenceGeneration: 'low',
      allocationConcealment: 'low',
      blindingParticipantsPersonnel: 'low',
      blindingOutcomeAssessment: 'low',
      incompleteOutcomeData: 'unclear',
      selectiveReporting: 'low',
    },
    robSupport: {
      incompleteOutcomeData:
        'Overall attrition exceeded 20%; characteristics of those who dropped out not described and no reasons for attrition documented',
      blindingOutcomeAssessment: 'Outcome assessors blinded',
    },
  },
  {
    studyId: 'study-eisen-2012',
    table1: {
      category: SELF,
      structured: 'structured',
      country: 'USA',
      randomised: 298,
      diagnoses: 'Psychotic disorders, DD, alcohol/substance misuse disorders (% N/R)',
      female: 8,
      bame: 33,
      age: '72% were 36-60 years',
      employed: 'N/R',
      intervention: 'Vet-to-vet peer-led groups using recovery workbooks, for veterans',
      comparator:
        'Treatment as usual; clinician-led group of the same intervention (active). Three-arm trial: the two comparator arms were combined for the main analysis, TAU alone for the TAU-only sensitivity analysis.',
      comparatorType: 'comparator-tau-and-active',
      severe: 'yes',
    },
    rob: {
      sequenceGeneration: 'unclear',
      allocationConcealment: 'low',
      blindingParticipantsPersonnel: 'unclear',
      blindingOutcomeAssessment: 'unclear',
      incompleteOutcomeData: 'low',
      selectiveReporting: 'low',
    },
    robSupport: {
      sequenceGeneration: 'Details of random sequence generation not reported',
      blindingParticipantsPersonnel: 'No information on blinding procedures',
      blindingOutcomeAssessment: 'No details of blinding of outcome assessment',
    },
  },
  {
    studyId: 'study-kaplan-2011',
    table1: {
      category: MUTUAL,
      structured: 'unstructured',
      country: 'USA',
      randomised: 300,
      diagnoses: '22% SS, 78% affective disorders',
      female: 66,
      bame: 8,
      age: '47 (mean)',
      employed: 63,
      intervention:
        'Two unmoderated online peer support groups (an email listserv and an online bulletin board), combined for the analyses',
      comparator: 'Treatment as usual',
      comparatorType: 'comparator-tau',
      severe: 'no',
    },
    rob: {
      sequenceGeneration: 'low',
      allocationConcealment: 'unclear',
      blindingParticipantsPersonnel: 'unclear',
      blindingOutcomeAssessment: 'low',
      incompleteOutcomeData: 'low',
      selectiveReporting: 'unclear',
    },
    robSupport: {
      allocationConcealment: 'Details of allocation concealment not reported',
      blindingOutcomeAssessment: 'Participants returned outcomes online',
      selectiveReporting: 'Protocol not available',
    },
  },
  {
    studyId: 'study-corrigan-2015',
    table1: {
      category: STIGMA,
      structured: 'structured',
      country: 'USA',
      randomised: 205,
      diagnoses: 'N/R (all participants were using mental health services)',
      female: 64,
      bame: 64,
      age: '46 (mean)',
      employed: 24,
      intervention: 'Coming Out Proud (three sessions)',
      comparator: 'Waiting list control',
      comparatorType: 'comparator-waiting-list',
      severe: 'no',
      followUp: '1 month',
    },
    rob: {
      sequenceGeneration: 'unclear',
      allocationConcealment: 'unclear',
      blindingParticipantsPersonnel: 'unclear',
      blindingOutcomeAssessment: 'unclear',
      incompleteOutcomeData: 'high',
      selectiveReporting: 'unclear',
    },
    robSupport: {
      incompleteOutcomeData:
        'Overall attrition exceeded 20%, imbalance between groups, characteristics of drop-outs and reasons not documented',
      selectiveReporting: 'Protocol not available',
      sequenceGeneration: 'Not reported',
      allocationConcealment: 'Not reported',
    },
  },
  {
    studyId: 'study-rusch-2014',
    table1: {
      category: STIGMA,
      structured: 'structured',
      country: 'Switzerland',
      randomised: 100,
      diagnoses: '27% SS, 20% BPD, 60% DD',
      female: 59,
      bame: 2,
      age: '42 (mean)',
      employed: 19,
      intervention: 'Coming Out Proud (three sessions)',
      comparator: 'Treatment as usual',
      comparatorType: 'comparator-tau',
      severe: 'no',
      followUp: '3 weeks',
    },
    rob: {
      sequenceGeneration: 'low',
      allocationConcealment: 'low',
      blindingParticipantsPersonnel: 'unclear',
      blindingOutcomeAssessment: 'unclear',
      incompleteOutcomeData: 'low',
      selectiveReporting: 'high',
    },
    robSupport: { selectiveReporting: 'Not all outcomes in the protocol were reported' },
  },
  {
    studyId: 'study-russinova-2014',
    table1: {
      category: STIGMA,
      structured: 'structured',
      country: 'USA',
      randomised: 82,
      diagnoses: '34% SS, 33% BPD, 26% DD, 7% other',
      female: 68,
      bame: 31,
      age: '68% were > 40 years',
      employed: 16,
      intervention: 'Photovoice (ten sessions)',
      comparator: 'Waiting list control',
      comparatorType: 'comparator-waiting-list',
      severe: 'yes',
      followUp: '3 months',
    },
    rob: {
      sequenceGeneration: 'low',
      allocationConcealment: 'unclear',
      blindingParticipantsPersonnel: 'unclear',
      blindingOutcomeAssessment: 'unclear',
      incompleteOutcomeData: 'low',
      selectiveReporting: 'unclear',
    },
    robSupport: {
      allocationConcealment: 'Details of allocation concealment not reported',
      selectiveReporting: 'Protocol not available',
    },
  },
];

export function toContent(v: Value): CharacteristicContent {
  return v === 'N/R' ? { status: 'not-reported' } : { status: 'value', value: v };
}
