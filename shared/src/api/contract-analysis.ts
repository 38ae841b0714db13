import * as z from 'zod';
import { analysisSpecSchema } from '../analysis/analysis-spec.ts';
import type { AssembledAnalysis } from '../analysis/assemble.ts';
import type { DashboardEntry } from '../analysis/dashboard-entry.ts';
import type { Table2 } from '../analysis/table2.ts';
import { query } from './method.ts';

// The analysis part of the API contract. Results are computed on demand from the
// extracted data by the statistical core; nothing is cached in the file, so every
// number shown always reflects the data as they are now.

export interface AnalysisSummary {
  id: string;
  analysis: AssembledAnalysis;
  /** The seed-style draft sentence for the results section. */
  sentence: string;
  /** Planned subgroup/sensitivity analyses that could not be run, with why. */
  notPossible: { name: string; reason: string }[];
}

export const ANALYSIS_API = {
  'analyses.list': query(
    z.object({ model: z.enum(['fixed', 'random']).optional(), preset: z.enum(['revman5', 'cochrane2025']).optional() }).strict(),
    z.array(z.custom<AnalysisSummary>((v) => typeof v === 'object' && v !== null && 'analysis' in v)),
    'Every outcome × timepoint with data, analysed with the review’s conventions.',
  ),
  'analyses.dashboard': query(
    z.object({}).strict(),
    z.array(z.custom<DashboardEntry>((v) => typeof v === 'object' && v !== null && 'pooled' in v && 'spark' in v)),
    'The dashboard: one short row per outcome × timepoint with data (k, N, pooled estimate, P, I², study CIs, sentence), analysed with each outcome’s own settings.',
  ),
  'analyses.run': query(
    analysisSpecSchema.strict(),
    z.custom<AnalysisSummary>((v) => typeof v === 'object' && v !== null && 'analysis' in v),
    'One analysis, optionally with another model/preset, a subgroup field or a sensitivity restriction.',
  ),
  'outputs.table2': query(
    z.object({}).strict(),
    z.custom<Table2>((v) => typeof v === 'object' && v !== null && 'groups' in v),
    'Table 2 as data.',
  ),
} as const;
