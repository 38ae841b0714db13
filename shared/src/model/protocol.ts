import * as z from 'zod';
import { idSchema } from './ids.ts';

// The protocol: everything a review team fixes before looking at results
// (PRISMA-P items, the seed's Methods section). Lists carry stable ids so that
// later stages (outcomes, analyses) can refer to their entries.

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

export const picoSchema = z.object({
  population: text(5000),
  intervention: text(5000),
  comparator: text(5000),
  outcomes: text(5000),
});

export const eligibilitySchema = z.object({
  studyDesign: text(10000),
  participants: text(10000),
  interventions: text(10000),
  comparators: text(10000),
  outcomes: text(10000),
  other: text(10000),
});

export const searchPlanSchema = z.object({
  databases: z.array(text(300)).max(100),
  otherMethods: z.array(text(500)).max(100),
  searchedFrom: text(100),
  /** ISO date (YYYY-MM-DD) of the last search, or '' while not yet run. */
  searchDate: z.union([z.literal(''), z.iso.date('must be a date (YYYY-MM-DD)')]),
});

export const outcomeDomainSchema = z.object({
  id: idSchema,
  name: text(200).trim().min(1, 'a domain needs a name'),
  description: text(5000),
  /** What the domain includes, e.g. "self-esteem", "quality of life". */
  includes: z.array(text(300)).max(100),
});

export const plannedOutcomeSchema = z.object({
  id: idSchema,
  domainId: idSchema,
  name: text(200).trim().min(1, 'an outcome needs a name'),
  description: text(5000),
});

/** Which timepoint a category selects when a study reports several (the seed's rules). */
export const TIMEPOINT_SELECTIONS = ['end-of-treatment', 'nearest-not-exceeding-bound', 'longest', 'manual'] as const;

export const timepointCategorySchema = z
  .object({
    id: idSchema,
    name: text(200).trim().min(1, 'a timepoint category needs a name'),
    definition: text(2000),
    /** Weeks after the end of treatment: lower bound (exclusive) and upper bound (inclusive); null = open. */
    afterWeeksMin: z.number().min(0).nullable(),
    afterWeeksMax: z.number().min(0).nullable(),
    selection: z.enum(TIMEPOINT_SELECTIONS),
  })
  .refine((t) => t.afterWeeksMin === null || t.afterWeeksMax === null || t.afterWeeksMin <= t.afterWeeksMax, {
    message: 'the lower bound must not exceed the upper bound',
    path: ['afterWeeksMax'],
  });

export const PLANNED_ANALYSIS_KINDS = ['subgroup', 'sensitivity'] as const;

export const plannedAnalysisSchema = z.object({
  id: idSchema,
  kind: z.enum(PLANNED_ANALYSIS_KINDS),
  name: text(300).trim().min(1, 'a planned analysis needs a name'),
  description: text(5000),
});

export const MODELS = ['random', 'fixed'] as const;
export const PRESETS = ['revman5', 'cochrane2025'] as const;

export const analysisConventionsSchema = z
  .object({
    preset: z.enum(PRESETS),
    model: z.enum(MODELS),
    /** Below this many studies an analysis is a narrative synthesis (the seed: 3). */
    minStudiesForMetaAnalysis: z.int('must be a whole number').min(2, 'must be at least 2').max(100, 'must be at most 100'),
    continuousMeasureRule: text(2000),
    smdSmall: z.number().positive('must be positive'),
    smdMedium: z.number().positive('must be positive'),
    smdLarge: z.number().positive('must be positive'),
    /** I² (percent) from which heterogeneity is called substantial. */
    substantialHeterogeneityI2: z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100'),
    /** Funnel plots and small-study tests are offered from this many studies (Handbook: 10). */
    funnelPlotMinStudies: z.int('must be a whole number').min(3, 'must be at least 3'),
  })
  .refine((c) => c.smdSmall < c.smdMedium && c.smdMedium < c.smdLarge, {
    message: 'small < medium < large is required',
    path: ['smdMedium'],
  });

export const methodsTextSchema = z.object({
  screening: text(10000),
  dataExtraction: text(10000),
  riskOfBias: text(10000),
  synthesis: text(10000),
});

export const protocolSchema = z.object({
  title: text(500).trim().min(1, 'the review needs a title'),
  /** Registration, e.g. "PROSPERO CRD42019145217". */
  registration: text(200).refine((v) => !/^\s*PROSPERO\b/i.test(v) || /CRD\d{11}\b/.test(v), {
    message: 'a PROSPERO ID has the form CRD followed by 11 digits, e.g. CRD42019145217',
  }),
  question: text(5000),
  pico: picoSchema,
  eligibility: eligibilitySchema,
  searches: searchPlanSchema,
  outcomeDomains: z.array(outcomeDomainSchema).max(50),
  plannedOutcomes: z.array(plannedOutcomeSchema).max(500),
  timepointCategories: z.array(timepointCategorySchema).max(20),
  plannedAnalyses: z.array(plannedAnalysisSchema).max(100),
  conventions: analysisConventionsSchema,
  methods: methodsTextSchema,
});

export type Pico = z.infer<typeof picoSchema>;
export type Eligibility = z.infer<typeof eligibilitySchema>;
export type SearchPlan = z.infer<typeof searchPlanSchema>;
export type OutcomeDomain = z.infer<typeof outcomeDomainSchema>;
export type PlannedOutcome = z.infer<typeof plannedOutcomeSchema>;
export type TimepointCategory = z.infer<typeof timepointCategorySchema>;
export type PlannedAnalysis = z.infer<typeof plannedAnalysisSchema>;
export type AnalysisConventions = z.infer<typeof analysisConventionsSchema>;
export type MethodsText = z.infer<typeof methodsTextSchema>;
export type Protocol = z.infer<typeof protocolSchema>;

/** A partial protocol update: any subset of top-level sections, each replaced whole. */
export const protocolPatchSchema = protocolSchema.partial();
export type ProtocolPatch = z.infer<typeof protocolPatchSchema>;

/** Cross-field rules that a single field's schema cannot see. Returns issues with dotted paths. */
export function protocolConsistencyIssues(p: Protocol): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const domainIds = new Set<string>();
  const domainNames = new Map<string, number>();
  p.outcomeDomains.forEach((d, i) => {
    domainIds.add(d.id);
    const key = d.name.trim().toLowerCase();
    if (domainNames.has(key)) issues.push({ path: `outcomeDomains.${i}.name`, message: `"${d.name}" is already a domain` });
    domainNames.set(key, i);
  });
  p.plannedOutcomes.forEach((o, i) => {
    if (!domainIds.has(o.domainId)) issues.push({ path: `plannedOutcomes.${i}.domainId`, message: 'choose one of the outcome domains' });
  });
  const tpNames = new Set<string>();
  p.timepointCategories.forEach((t, i) => {
    const key = t.name.trim().toLowerCase();
    if (tpNames.has(key)) issues.push({ path: `timepointCategories.${i}.name`, message: `"${t.name}" is already a timepoint category` });
    tpNames.add(key);
  });
  return issues;
}

export function emptyProtocol(title: string): Protocol {
  return {
    title,
    registration: '',
    question: '',
    pico: { population: '', intervention: '', comparator: '', outcomes: '' },
    eligibility: { studyDesign: '', participants: '', interventions: '', comparators: '', outcomes: '', other: '' },
    searches: { databases: [], otherMethods: [], searchedFrom: '', searchDate: '' },
    outcomeDomains: [],
    plannedOutcomes: [],
    timepointCategories: [],
    plannedAnalyses: [],
    conventions: defaultConventions(),
    methods: { screening: '', dataExtraction: '', riskOfBias: '', synthesis: '' },
  };
}

/** The seed's conventions, which are also the Cochrane Handbook's defaults. */
export function defaultConventions(): AnalysisConventions {
  return {
    preset: 'revman5',
    model: 'random',
    minStudiesForMetaAnalysis: 3,
    continuousMeasureRule: 'MD when every study used the same measure; SMD otherwise',
    smdSmall: 0.2,
    smdMedium: 0.5,
    smdLarge: 0.8,
    substantialHeterogeneityI2: 50,
    funnelPlotMinStudies: 10,
  };
}
