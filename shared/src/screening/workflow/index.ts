// The pure rules of screening (issue 14; docs/screening.md): dual-screening samples, who
// must decide, blinding, conflicts, the final decision, agreement per stage, and reports
// not retrieved at full text.

export { sampleHash, inSeededFraction } from './sample-hash.ts';
export { firstPercentCount, inDualSample, needsPosition, requiredReviewers, type SampleFacts } from './sample.ts';
export {
  finalDecision,
  firstDecision,
  goesToFullText,
  inDecisionOrder,
  isComplete,
  isConflict,
  mayShowOthers,
  type ReviewerDecision,
} from './decisions.ts';
export {
  decisionPair,
  sampleAgreements,
  screeningAgreement,
  SCREENING_CATEGORIES,
  type RecordForAgreement,
  type SamplePart,
} from './agreement.ts';
export { fullTextOutcome, mayMarkNotRetrieved, type FullTextOutcome } from './retrieval.ts';
