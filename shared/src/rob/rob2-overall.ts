import * as z from 'zod';
import { ROB2_JUDGEMENTS, type Rob2Judgement } from './judgements.ts';
import { decideDespiteUnknowns } from './determined.ts';
import { ROB2_DOMAIN_IDS, type Rob2DomainId } from './rob2-questions.ts';

// Overall RoB 2 judgement for a result (reference rob2-algorithms.md §A.6). The guidance's
// criteria: Low if all domains are Low; High if any domain is High; otherwise Some concerns —
// plus a High for "some concerns in multiple domains in a way that substantially lowers
// confidence", which is a judgement, not a count. Following the [rec] there, the proposal is
// the base rule; with two or more Some concerns and no High we raise a prompt and the
// reviewer may escalate to High as an override with a reason. A review protocol may instead
// set an automatic threshold (off by default; Flemyng et al. 2023 ask for it to be stated).
//
// Domains not judged yet: as everywhere in this module, the overall is proposed as soon as
// the judged domains decide it (one High decides High) and is null while they do not.

export const rob2OverallConfigSchema = z.object({
  /** Escalate to High automatically at this many Some-concerns domains; null = never (default). */
  someConcernsEscalationThreshold: z.int().min(2).max(5).nullable(),
});
export type Rob2OverallConfig = z.infer<typeof rob2OverallConfigSchema>;

export const DEFAULT_ROB2_OVERALL_CONFIG: Readonly<Rob2OverallConfig> = Object.freeze({ someConcernsEscalationThreshold: null });

export type Rob2DomainJudgements = Record<Rob2DomainId, Rob2Judgement | null>;

export interface Rob2OverallProposal {
  proposed: Rob2Judgement | null;
  someConcernsCount: number;
  /** Show "Multiple domains raise some concerns. Do they substantially lower confidence in this result?" */
  promptMultipleSomeConcerns: boolean;
  /** Domains still to judge when `proposed` is null. */
  waitingFor: Rob2DomainId[];
}

export const MULTIPLE_SOME_CONCERNS_PROMPT = 'Multiple domains raise some concerns. Do they substantially lower confidence in this result?';

export function proposeRob2Overall(
  domains: Rob2DomainJudgements,
  config: Rob2OverallConfig = DEFAULT_ROB2_OVERALL_CONFIG,
): Rob2OverallProposal {
  const threshold = config.someConcernsEscalationThreshold;
  const outcome = decideDespiteUnknowns<Rob2DomainId, Rob2Judgement, Rob2Judgement>(
    (d) => domains[d],
    () => ROB2_JUDGEMENTS,
    (get) => {
      const all = ROB2_DOMAIN_IDS.map(get);
      if (all.includes('high')) return 'high';
      const concerns = all.filter((j) => j === 'some-concerns').length;
      if (threshold !== null && concerns >= threshold) return 'high';
      return concerns > 0 ? 'some-concerns' : 'low';
    },
  );
  const judged = ROB2_DOMAIN_IDS.map((d) => domains[d]);
  const someConcernsCount = judged.filter((j) => j === 'some-concerns').length;
  const proposed = outcome.determined ? outcome.value : null;
  return {
    proposed,
    someConcernsCount,
    promptMultipleSomeConcerns: proposed === 'some-concerns' && someConcernsCount >= 2,
    waitingFor: outcome.determined ? [] : ROB2_DOMAIN_IDS.filter((d) => domains[d] === null),
  };
}
