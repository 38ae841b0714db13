import type { StudyData } from '../api/contract-extraction.ts';
import type { ExtractionForm } from '../model/extraction-form.ts';
import type { Protocol } from '../model/protocol.ts';

// What the analysis stage needs to know about a review, gathered by the backend in one
// read and handed to pure functions: the protocol's outcomes, timepoint rules and
// conventions, and per study its outcome data, its choice-field values (for subgroups
// and filters) and its overall risk of bias.

export interface StudyForAnalysis {
  readonly id: string;
  readonly label: string;
  readonly data: StudyData;
  /** Choice-field values by field id: an option id, or several for multiple choice. */
  readonly choices: Readonly<Record<string, string | readonly string[]>>;
  readonly robOverall: 'low' | 'high' | 'unclear' | 'pending';
}

export interface ReviewForAnalysis {
  readonly protocol: Pick<Protocol, 'plannedOutcomes' | 'outcomeDomains' | 'timepointCategories' | 'conventions' | 'plannedAnalyses'>;
  readonly form: ExtractionForm;
  readonly studies: readonly StudyForAnalysis[];
}
