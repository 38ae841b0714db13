import type { ScreeningDecision, StageSettings } from '../../api/contract-screening.ts';
import { inSeededFraction } from './sample-hash.ts';

// Who must decide a record at a stage: one reviewer, or two when the record is in the
// stage's dual-screening sample. The seed's review screened the first 10% of records in
// duplicate and the rest singly at title/abstract, and at full text had a second reviewer
// check every record the first included plus 10% of those they excluded.

/** How many records of a stage of `size` records (file order) "the first N %" covers: rounded up, so any N > 0 covers one. */
export function firstPercentCount(size: number, percent: number): number {
  // The small tolerance keeps 10 % of 200 at 20 where floating point gives 20.000000000000004.
  return Math.max(0, Math.min(size, Math.ceil((size * percent) / 100 - 1e-9)));
}

export interface SampleFacts {
  readonly recordId: string;
  /** The record's 0-based place among the stage's records in file order, and how many there are (first-percent only). */
  readonly position?: { readonly index: number; readonly size: number };
  /** The earliest reviewer decision on the record at this stage, if any (included-plus-excluded-fraction only). */
  readonly firstDecision: ScreeningDecision | null;
}

/** Whether a dual-screened stage's sample needs the record's file position (first-percent). */
export function needsPosition(settings: StageSettings): boolean {
  return settings.mode === 'dual' && settings.sample.kind === 'first-percent';
}

/** Whether the record is in the stage's dual-screening sample (never, under single screening). */
export function inDualSample(settings: StageSettings, facts: SampleFacts): boolean {
  if (settings.mode === 'single') return false;
  const sample = settings.sample;
  switch (sample.kind) {
    case 'all':
      return true;
    case 'random-fraction':
      return inSeededFraction(sample.seed, facts.recordId, sample.fraction);
    case 'first-percent': {
      if (!facts.position) throw new Error('first-percent sample needs the record position');
      return facts.position.index < firstPercentCount(facts.position.size, sample.percent);
    }
    case 'included-plus-excluded-fraction':
      // Before anyone has decided, one reviewer is needed; the first decision then says
      // whether a second must check it.
      if (facts.firstDecision === null) return false;
      if (facts.firstDecision !== 'exclude') return true;
      return inSeededFraction(sample.seed, facts.recordId, sample.fraction);
  }
}

/** How many reviewers must decide the record: two in the dual sample, else one. */
export function requiredReviewers(settings: StageSettings, facts: SampleFacts): 1 | 2 {
  return inDualSample(settings, facts) ? 2 : 1;
}
