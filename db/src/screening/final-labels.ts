import { goesToFullText } from '@grove/shared/screening/workflow/index';
import type { RankingLabel } from '@grove/shared/screening/live-ranking';
import type { Db } from '../connection.ts';
import { readStageDecisions } from '../repositories/screening-decision-repo.ts';
import { readStageSettings } from '../repositories/screening-settings-repo.ts';
import { recordState, type StageList } from '../service/screening-state.ts';

// What the relevance model learns from and the progress picture counts: the final
// title/abstract decisions (a single screener's, two reviewers' agreed decision, or the
// resolution of their conflict), in the order they became final. A decision waiting for a
// second reviewer, or an open conflict, is not final and teaches nothing yet. "Maybe"
// counts as an include, as it does for full text (goesToFullText): a record a screener was
// unsure of is relevant enough to read.

export interface FinalLabel extends RankingLabel {
  /** When the decision became final: the resolution's time, or the last reviewer's. */
  at: string;
}

export function readFinalLabels(db: Db, list: StageList): FinalLabel[] {
  const settings = readStageSettings(db, 'title-abstract');
  const labels: FinalLabel[] = [];
  for (const [recordId, rows] of readStageDecisions(db, 'title-abstract')) {
    if (!list.index.has(recordId)) continue;
    const state = recordState(settings, list, recordId, rows);
    if (!state.final) continue;
    const at =
      state.final.source === 'resolution' && state.resolution
        ? state.resolution.decided_at
        : state.reviewers.reduce((latest, r) => (r.decided_at > latest ? r.decided_at : latest), '');
    labels.push({ recordId, label: goesToFullText(state.final) ? 1 : 0, at });
  }
  // Ties (decisions within one clock tick) in file order, so the curve is the same on every read.
  return labels.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : list.index.get(a.recordId)! - list.index.get(b.recordId)!));
}
