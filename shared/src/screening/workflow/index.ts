// The pure rules of screening (issue 14; docs/screening.md): dual-screening samples, who
// must decide, blinding, conflicts, the final decision and agreement per stage.

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
export { decisionPair, screeningAgreement, SCREENING_CATEGORIES } from './agreement.ts';
