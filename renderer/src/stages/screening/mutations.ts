import type { ScreeningConflict, ScreeningDecision, ScreeningRecord, ScreeningSettingsPatch, ScreeningStage } from '@grove/shared';
import type { AppStore } from '../../store/app.ts';
import type { DecisionInput } from './queue.ts';

// The Screening stage's changes, each one store.mutate (the status bar says "Saving…", the
// reply's touched tables refresh the queries that read them).

export function sendDecision(store: AppStore, stage: ScreeningStage, recordId: string, input: DecisionInput): Promise<ScreeningRecord> {
  return store.getState().mutate((c) =>
    c.call('screening.decide', {
      stage,
      recordId,
      decision: input.decision,
      reasonId: input.reasonId ?? null,
      note: input.note ?? '',
      labels: [...(input.labels ?? [])],
    }),
  );
}

export interface Resolution {
  readonly decision: ScreeningDecision;
  readonly reasonId: string | null;
  readonly note: string;
}

export function resolveConflict(store: AppStore, stage: ScreeningStage, recordId: string, r: Resolution): Promise<ScreeningConflict> {
  return store.getState().mutate((c) => c.call('screening.resolve', { stage, recordId, ...r }));
}

export function updateSettings(store: AppStore, patch: ScreeningSettingsPatch) {
  return store.getState().mutate((c) => c.call('screening.settings.update', { patch }));
}

/**
 * Takes back the reviewer's last change (their last decision): the history's undo. Run in
 * the queue's own order after the decisions sent before it (so not through flushAll, which
 * waits for that queue and so for itself).
 */
export async function undoLast(store: AppStore): Promise<string | null> {
  const { undone, ...history } = await store.getState().mutate((c) => c.call('history.undo', {}));
  store.setState({ history });
  return undone;
}

/** The record's full text could not be obtained (with what was tried): one change, undoable. */
export function markNotRetrieved(store: AppStore, recordId: string, note: string) {
  return store.getState().mutate((c) => c.call('retrieval.mark', { recordId, note }));
}

/** The report was obtained after all: the record is back in the full-text queue. */
export function unmarkNotRetrieved(store: AppStore, recordId: string) {
  return store.getState().mutate((c) => c.call('retrieval.unmark', { recordId }));
}
