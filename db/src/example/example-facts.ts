// The bundled example review, built from the seed paper: Lyons N, Cooper C,
// Lloyd-Evans B. "A systematic review and meta-analysis of group peer support
// interventions for people experiencing mental health conditions." BMC Psychiatry 2021.
//
// Only facts the paper states. Where it is silent (report titles: its reference list
// is not part of our source) the field stays empty rather than invented; each report
// carries the paper's reference number as its citation.

import type { Protocol, SearchCounts, StudyFields } from '@grove/shared';

export const EXAMPLE_REVIEW_ID = 'example-group-peer-support-2021';
export const EXAMPLE_SOURCE =
  'Lyons N, Cooper C, Lloyd-Evans B. A systematic review and meta-analysis of group peer support interventions for people experiencing mental health conditions. BMC Psychiatry. 2021.';

const domain = (id: string, name: string, description: string, includes: string[]) => ({ id, name, description, includes });
const outcome = (id: string, domainId: string, name: string, description = '') => ({ id, domainId, name, description });

export const EXAMPLE_PROTOCOL: Protocol = {
  title: 'Group peer support interventions for people experiencing mental health conditions',
  registration: 'PROSPERO CRD42019145217',
  question:
    'How effective are group peer support interventions, delivered by and to people with mental health conditions, at improving outcomes for people with lived experience of mental health conditions, compared with any comparator, in randomised controlled trials?',
  pico: {
    population: 'Adults aged 18 and over with mental health conditions.',
    intervention:
      'Intentional group peer support delivered solely by and to people with mental health conditions, with a primary focus on recovery.',
    comparator: 'Any: treatment as usual, waiting list, or any active control.',
    outcomes: 'Personal recovery, clinical recovery, acute mental health service use and social outcomes, however measured.',
  },
  eligibility: {
    studyDesign:
      'Completed, individually randomised controlled trials, published or unpublished. Excluded: cluster RCTs, incomplete RCTs, non-randomised, partially randomised and quasi-experimental designs.',
    participants:
      'Adults aged 18 and over with mental health conditions, identified by (1) use of mental health services, (2) a clinical diagnosis of an ICD axis 1 psychiatric disorder, or (3) psychiatric symptoms reaching a clinical threshold on a validated tool. Excluded: only organic neurological conditions, disorders typically diagnosed in childhood, developmental disorders, or alcohol or substance misuse disorders.',
    interventions:
      'Intentional group peer support (mutual support groups, or peer-facilitated peer support services in group format for more than two participants) delivered solely by and to people with mental health conditions, with a primary focus on recovery. Excluded: one-to-one or mixed group and individual peer support; interventions co-facilitated or guided by health professionals; groups focused on other topics (e.g. bereavement, physical health) or on recovery from addiction.',
    comparators: 'Any: treatment as usual (however defined), waiting list, or any active control.',
    outcomes:
      'Studies reporting any of the four outcome groups (personal recovery, clinical recovery, acute mental health service use, social outcomes), however measured.',
    other: '',
  },
  searches: {
    databases: ['MEDLINE (Ovid)', 'PsycINFO (Ovid)', 'Embase (Ovid)', 'Cochrane CENTRAL (Wiley)'],
    otherMethods: [
      'ClinicalTrials.gov',
      'WHO International Clinical Trials Registry Platform',
      'Forward citation searching (Web of Science)',
      'Backward citation chasing',
      'Reference lists of systematic reviews',
      'Contacting authors of protocols and ongoing trials',
    ],
    searchedFrom: 'Inception',
    searchDate: '2019-07-13',
  },
  outcomeDomains: [
    domain(
      'domain-personal-recovery',
      'Personal recovery',
      'Any measure of recovery, or any component of recovery in the CHIME framework.',
      [
        'Recovery',
        'CHIME components: connectedness, hope, identity, meaning, empowerment',
        'Self-esteem',
        'Personal confidence',
        'Self-efficacy',
        'Quality of life',
      ],
    ),
    domain('domain-clinical-recovery', 'Clinical recovery', 'Clinical outcomes.', [
      'Psychiatric symptoms (symptom scale ratings, clinical recovery rates)',
      'Clinical measures of social functioning',
    ]),
    domain('domain-acute-service-use', 'Acute mental health service use', 'Any measure of acute mental health service use.', [
      'Hospital admissions',
      'Crisis care admissions',
      'Inpatient bed days',
    ]),
    domain('domain-social-outcomes', 'Social outcomes', '', [
      'Employment (voluntary or paid)',
      'Independent living (supported or independent accommodation type)',
      'Social support (social network or other social support within the community)',
    ]),
  ],
  plannedOutcomes: [
    outcome('outcome-recovery', 'domain-personal-recovery', 'Recovery'),
    outcome('outcome-connectedness', 'domain-personal-recovery', 'Connectedness'),
    outcome('outcome-hope', 'domain-personal-recovery', 'Hope'),
    outcome('outcome-identity', 'domain-personal-recovery', 'Identity'),
    outcome('outcome-meaning', 'domain-personal-recovery', 'Meaning'),
    outcome('outcome-empowerment', 'domain-personal-recovery', 'Empowerment'),
    outcome('outcome-self-esteem', 'domain-personal-recovery', 'Self-esteem'),
    outcome('outcome-personal-confidence', 'domain-personal-recovery', 'Personal confidence'),
    outcome('outcome-self-efficacy', 'domain-personal-recovery', 'Self-efficacy'),
    outcome('outcome-quality-of-life', 'domain-personal-recovery', 'Quality of life'),
    outcome('outcome-global-symptoms', 'domain-clinical-recovery', 'Global symptoms', 'Psychiatric symptoms: global symptom severity'),
    outcome('outcome-depression', 'domain-clinical-recovery', 'Depression', 'Psychiatric symptoms: depression'),
    outcome('outcome-clinical-recovery-rates', 'domain-clinical-recovery', 'Clinical recovery rates'),
    outcome('outcome-social-functioning', 'domain-clinical-recovery', 'Social functioning (clinical measures)'),
    outcome('outcome-hospital-admissions', 'domain-acute-service-use', 'Hospital admissions'),
    outcome('outcome-crisis-care-admissions', 'domain-acute-service-use', 'Crisis care admissions'),
    outcome('outcome-inpatient-bed-days', 'domain-acute-service-use', 'Inpatient bed days'),
    outcome('outcome-employment', 'domain-social-outcomes', 'Employment'),
    outcome('outcome-independent-living', 'domain-social-outcomes', 'Independent living'),
    outcome('outcome-social-support', 'domain-social-outcomes', 'Social support'),
  ],
  timepointCategories: [
    {
      id: 'timepoint-post-intervention',
      name: 'Post-intervention',
      definition: 'Recorded at the end of treatment.',
      afterWeeksMin: null,
      afterWeeksMax: 0,
      selection: 'end-of-treatment',
    },
    {
      id: 'timepoint-short-term',
      name: 'Short-term follow-up',
      definition: 'Up to 1 year after the end of treatment; if several, the timepoint nearest to but not exceeding one year.',
      afterWeeksMin: 0,
      afterWeeksMax: 52,
      selection: 'nearest-not-exceeding-bound',
    },
    {
      id: 'timepoint-long-term',
      name: 'Long-term follow-up',
      definition: 'More than 1 year after the end of treatment; if several, the longest.',
      afterWeeksMin: 52,
      afterWeeksMax: null,
      selection: 'longest',
    },
  ],
  plannedAnalyses: [
    {
      id: 'analysis-sensitivity-low-rob',
      kind: 'sensitivity',
      name: 'Low overall risk of bias only',
      description: 'Studies with low overall risk of bias analysed separately from those with unclear and high risk of bias.',
    },
    {
      id: 'analysis-sensitivity-tau',
      kind: 'sensitivity',
      name: 'Treatment-as-usual comparators only',
      description: 'Studies using TAU comparators analysed separately from those using waiting list or active comparators.',
    },
    {
      id: 'analysis-subgroup-severe',
      kind: 'subgroup',
      name: 'Severe mental health conditions vs other mental health conditions',
      description: '',
    },
    {
      id: 'analysis-subgroup-structured',
      kind: 'subgroup',
      name: 'Structured vs unstructured interventions',
      description: '',
    },
  ],
  conventions: {
    preset: 'revman5',
    model: 'random',
    minStudiesForMetaAnalysis: 3,
    continuousMeasureRule:
      'Inverse variance; SMD when studies used different outcome measures, MD when they used the same measure. TAU and active comparator arms combined with the Cochrane Handbook formula for the main analysis.',
    smdSmall: 0.2,
    smdMedium: 0.5,
    smdLarge: 0.8,
    substantialHeterogeneityI2: 50,
    funnelPlotMinStudies: 10,
  },
  methods: {
    screening:
      'Titles and abstracts: the first 10% of records screened independently by two reviewers (agreement 100%), the rest by one. Full texts: one reviewer; a second reviewer, blind to the first, screened all included studies and 10% of excluded ones; a third resolved disagreements.',
    dataExtraction:
      'The Cochrane data collection form for RCTs, adapted and piloted with three of the included records. Raw means, standard deviations and numbers of participants providing data for each outcome were extracted for the quantitative synthesis.',
    riskOfBias:
      'Cochrane risk of bias tool (RoB 1). Low overall if low in every domain. Selection bias (random sequence generation, allocation concealment), attrition bias and reporting bias are key domains: a study that is high or unclear in a key domain takes that rating overall. A random 10% sample of studies assessed by a second reviewer; disagreements resolved with a third.',
    synthesis:
      'Random-effects meta-analyses (RevMan 5.3), separately for each outcome within the outcome groups and for each timepoint, with at least three studies; otherwise narrative synthesis. Heterogeneity by Chi² and I² (I² > 50% substantial). Funnel plot tests only with ten or more studies.',
  },
};

export const EXAMPLE_SEARCH_COUNTS: SearchCounts = {
  databaseRecords: 7198,
  otherSourceRecords: 225,
  recordsAfterDeduplication: 4277,
  recordsExcludedAtTitleAbstract: 4179,
  fullTextReportsAssessed: 98,
  fullTextReportsExcluded: 87,
  studiesIncluded: 8,
  reportsOfIncludedStudies: 11,
  studiesInMetaAnalysis: 6,
  participants: 2131,
};

export interface ExampleStudy {
  readonly id: string;
  readonly fields: StudyFields;
  /** The published review's reference numbers for this study's reports. */
  readonly citations: readonly string[];
}

const study = (id: string, label: string, citations: string[], notes: string): ExampleStudy => ({
  id,
  fields: { label, status: 'included', identifiers: '', notes },
  citations,
});

export const EXAMPLE_STUDIES: readonly ExampleStudy[] = [
  study(
    'study-ben-zeev-2018',
    'Ben-Zeev 2018',
    ['52'],
    'Peer-facilitated WRAP group vs FOCUS mobile self-management application (active). USA, N = 163.',
  ),
  study(
    'study-cook-2012a',
    'Cook 2012a',
    ['53', '54', '55'],
    'Wellness Recovery Action Planning (WRAP) peer-led group vs waiting list. USA, N = 555.',
  ),
  study(
    'study-cook-2012b',
    'Cook 2012b',
    ['56', '57'],
    'Building Recovery of Individual Dreams and Goals (BRIDGES) vs waiting list. USA, N = 428.',
  ),
  study(
    'study-eisen-2012',
    'Eisen 2012',
    ['58'],
    'Vet-to-vet peer-led groups vs TAU and a clinician-led group (three-arm trial). USA, N = 298.',
  ),
  study('study-kaplan-2011', 'Kaplan 2011', ['59'], 'Two unmoderated online peer support groups vs TAU. USA, N = 300.'),
  study('study-corrigan-2015', 'Corrigan 2015', ['60'], 'Coming Out Proud vs waiting list. USA, N = 205.'),
  study('study-rusch-2014', 'Rüsch 2014', ['61'], 'Coming Out Proud vs TAU. Switzerland, N = 100.'),
  study('study-russinova-2014', 'Russinova 2014', ['62'], 'Photovoice vs waiting list. USA, N = 82.'),
];
