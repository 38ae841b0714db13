export { dedupeRecords, type DedupeResult, type ComparedPair } from './dedupe.ts';
export { compareRecords, type PairDecision, type FieldEvidence, type Outcome } from './compare.ts';
export { normaliseRecord, type NormalisedRecord } from './normalise.ts';
export { doiRelation, isPreprintDoi } from './doi-versions.ts';
