import { FINAL_SLOT, type FinalDecision, type ScreeningStage, type StageSettings } from '@grove/shared';
import {
  finalDecision,
  firstDecision,
  goesToFullText,
  needsPosition,
  requiredReviewers,
  type ReviewerDecision,
} from '@grove/shared/screening/workflow/index';
import { addChangeObserver } from '../changes.ts';
import type { Db } from '../connection.ts';
import { decisionStages, readStageDecisions, type DecisionRow } from '../repositories/screening-decision-repo.ts';
import { readTitleAbstractIds } from '../repositories/screening-records-repo.ts';
import { readStageSettings } from '../repositories/screening-settings-repo.ts';

// Which records are in a stage, and what a record's decisions there add up to. The rules
// are shared/src/screening/workflow; this module feeds them the stored rows.
//
// A stage's record list is kept in memory per open file: building it reads every record
// (title/abstract) or every title/abstract decision (full text), and the screening view
// asks for it after every key press. A change observer drops it when a change writes a table
// it depends on (every write goes through recordChange: edits, imports, undo, merges).

export interface StageList {
  /** The stage's record ids in file order. */
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

interface Cache {
  titleAbstract?: StageList;
  fullText?: StageList;
}
const caches = new WeakMap<Db, Cache>();
const TITLE_ABSTRACT_INPUTS = ['record', 'record_merge', 'search_log'];
const FULL_TEXT_INPUTS = [...TITLE_ABSTRACT_INPUTS, 'screening_stage'];

function cacheOf(db: Db): Cache {
  let cache = caches.get(db);
  if (!cache) {
    const fresh: Cache = {};
    cache = fresh;
    caches.set(db, fresh);
    addChangeObserver(db, (rows) => {
      const touched = new Set(rows.map((t) => t.table));
      if (TITLE_ABSTRACT_INPUTS.some((t) => touched.has(t))) delete fresh.titleAbstract;
      if (FULL_TEXT_INPUTS.some((t) => touched.has(t))) delete fresh.fullText;
      // A full-text decision leaves the full-text stage's records as they were, so screening
      // at full text does not rebuild the list after every key press. A row no longer there
      // (undo of a decision) might have been a title/abstract one: rebuild then.
      else if (touched.has('screening_decision')) {
        const ids = rows.find((t) => t.table === 'screening_decision')?.ids ?? [];
        const stages = ids.length > 100 ? null : decisionStages(db, ids);
        if (stages === null || ids.some((id) => stages.get(id) !== 'full-text')) delete fresh.fullText;
      }
    });
  }
  return cache;
}

const listOf = (ids: string[]): StageList => ({ ids, index: new Map(ids.map((id, i) => [id, i])) });

export function stageList(db: Db, stage: ScreeningStage): StageList {
  const cache = cacheOf(db);
  if (stage === 'title-abstract') return (cache.titleAbstract ??= listOf(readTitleAbstractIds(db)));
  if (!cache.fullText) {
    const ta = stageList(db, 'title-abstract');
    const settings = readStageSettings(db, 'title-abstract');
    const decisions = readStageDecisions(db, 'title-abstract');
    cache.fullText = listOf(ta.ids.filter((id) => goesToFullText(recordState(settings, ta, id, decisions.get(id) ?? []).final)));
  }
  return cache.fullText;
}

export interface RecordState {
  readonly required: 1 | 2;
  /** The reviewers' own decisions (not the resolution), in the order made. */
  readonly reviewers: readonly DecisionRow[];
  readonly resolution: DecisionRow | null;
  readonly final: FinalDecision | null;
}

const asReviewerDecision = (r: DecisionRow): ReviewerDecision => ({
  reviewerId: r.slot,
  decision: r.decision,
  reasonId: r.reason_id,
  decidedAt: r.decided_at,
});

/** What a record's decision rows at a stage add up to under the stage's settings. */
export function recordState(settings: StageSettings, list: StageList, recordId: string, rows: readonly DecisionRow[]): RecordState {
  const reviewers = rows
    .filter((r) => r.slot !== FINAL_SLOT)
    .sort((a, b) => (a.decided_at < b.decided_at ? -1 : a.decided_at > b.decided_at ? 1 : a.slot < b.slot ? -1 : 1));
  const resolution = rows.find((r) => r.slot === FINAL_SLOT) ?? null;
  const decisions = reviewers.map(asReviewerDecision);
  const index = needsPosition(settings) ? list.index.get(recordId) : undefined;
  const required = requiredReviewers(settings, {
    recordId,
    firstDecision: firstDecision(decisions),
    ...(index === undefined ? {} : { position: { index, size: list.ids.length } }),
  });
  return { required, reviewers, resolution, final: finalDecision(required, decisions, resolution?.decision ?? null) };
}

/** Every record of a stage with its state, in file order (status, conflicts, counts). */
export function stageStates(db: Db, stage: ScreeningStage): Array<{ id: string; state: RecordState }> {
  const settings = readStageSettings(db, stage);
  const list = stageList(db, stage);
  const decisions = readStageDecisions(db, stage);
  return list.ids.map((id) => ({ id, state: recordState(settings, list, id, decisions.get(id) ?? []) }));
}

/** The reason of a final full-text exclusion: the resolution's, else the reviewers' agreed one. */
export function finalReason(state: RecordState): string | null {
  if (state.final?.decision !== 'exclude') return null;
  return (state.final.source === 'resolution' ? state.resolution?.reason_id : state.reviewers[0]?.reason_id) ?? null;
}
