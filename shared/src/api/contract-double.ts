import * as z from 'zod';
import type { CharacteristicContent } from '../model/characteristic.ts';
import type { AssessmentComparison } from '../rob/compare-assessments.ts';
import type { Rob1Judgement } from '../rob/judgements.ts';
import type { Rob1DomainId } from '../rob/rob1-domains.ts';
import { query } from './method.ts';

// Double extraction and double risk-of-bias assessment: two reviewers work in their own
// slots (their reviewer ids); these methods compare them and pick the studies a second
// reviewer assesses. Consensus is recorded with characteristics.set / rob.setDomain in the
// 'final' slot, which records who decided.

export interface CharacteristicComparisonRow {
  studyId: string;
  fieldId: string;
  first: CharacteristicContent | null;
  second: CharacteristicContent | null;
  final: CharacteristicContent | null;
  /** Both extracted and the values are identical. */
  agree: boolean;
}

export interface RobDoubleAssessment {
  /** Studies drawn for the second reviewer with the review's fraction and seed. */
  sample: string[];
  comparison: AssessmentComparison<Rob1DomainId, Rob1Judgement>;
}

const slot = z.string().min(1).max(64);

export const DOUBLE_API = {
  'characteristics.compare': query(
    z.object({ firstSlot: slot, secondSlot: slot, studyId: z.string().optional() }).strict(),
    z.array(z.custom<CharacteristicComparisonRow>((v) => typeof v === 'object' && v !== null && 'fieldId' in v)),
    'Field by field: two reviewers’ extractions and the consensus value.',
  ),
  'rob.double': query(
    z.object({ firstSlot: slot, secondSlot: slot }).strict(),
    z.custom<RobDoubleAssessment>((v) => typeof v === 'object' && v !== null && 'sample' in v),
    'The second reviewer’s sample, disagreements and agreement (% and Cohen’s κ).',
  ),
} as const;
