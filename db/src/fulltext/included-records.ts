import type { Db } from '../connection.ts';
import { readStageDecisions } from '../repositories/screening-decision-repo.ts';
import { readStageSettings } from '../repositories/screening-settings-repo.ts';
import { recordState, stageList } from '../service/screening-state.ts';

// Which records study linking works on, read through screening's own rules (scr-core's
// screening-state.ts): the records at the full-text stage, and of those the ones whose final
// full-text decision includes them, which flow into the Studies stage as reports of studies.

/** Records at the full-text stage, in file order. */
export function fullTextRecordIds(db: Db): readonly string[] {
  return stageList(db, 'full-text').ids;
}

/** Records whose final full-text decision is include (agreed, single or resolved), in file order. */
export function fullTextIncludedIds(db: Db): string[] {
  const list = stageList(db, 'full-text');
  const settings = readStageSettings(db, 'full-text');
  const decisions = readStageDecisions(db, 'full-text');
  return list.ids.filter((id) => recordState(settings, list, id, decisions.get(id) ?? []).final?.decision === 'include');
}
