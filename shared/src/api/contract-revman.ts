import * as z from 'zod';
import type { AnalysisResult } from '../stats/types.ts';
import type { RevmanAnalysis } from '../rm5/document-section.ts';
import { query } from './method.ts';

// The RevMan part of the API contract (issue 6): the analyses a review brought in from a
// RevMan 5 file, recomputed on demand with their own settings (nothing computed is stored).

export interface StoredAnalysisSummary {
  /** Grove's id of the stored analysis. */
  id: string;
  /** RevMan's id, e.g. CMP-001.02. */
  rm5Id: string;
  comparisonId: string;
  comparisonName: string;
  name: string;
  settings: Omit<RevmanAnalysis, 'id' | 'comparisonId' | 'position' | 'rm5Id' | 'name' | 'attributes' | 'extraXml'>;
  /** Rows in analysis order: Grove study id, subgroup name, and RevMan's footnote. */
  rows: Array<{ id: string; studyId: string; studyLabel: string; subgroup: string | null; footnote: string | null }>;
  /** The statistical core's result, as analyses.run gives it; null when not computed. */
  result: AnalysisResult | null;
  /** Why there is no result (O−E and variance or "other data" outcomes). */
  skipped: string | null;
}

const summary = z.custom<StoredAnalysisSummary>((v) => typeof v === 'object' && v !== null && 'rm5Id' in v && 'result' in v);

export const REVMAN_API = {
  'storedAnalyses.list': query(
    z.object({}).strict(),
    z.array(summary),
    'The analyses brought in from a RevMan file, recomputed with their own settings.',
  ),
  'storedAnalyses.get': query(z.object({ id: z.string().min(1).max(64) }).strict(), summary, 'One stored analysis, recomputed.'),
} as const;
