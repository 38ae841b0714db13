import type { ExportPreview, ImportSummary, QueueState, SearchDetails } from '@grove/shared';
import type { AppClient } from '../../api/client.ts';
import type { AppStore } from '../../store/app.ts';

// The Records stage's changes, each one store.mutate (the status bar says "Saving…", the
// reply's touched tables refresh the queries that read them). Reading an export for its
// preview writes nothing and goes through the client directly.

export interface ExportFile {
  readonly fileName: string;
  readonly contentBase64: string;
}

export function previewExport(client: AppClient, file: ExportFile): Promise<ExportPreview> {
  return client.call('records.preview', file);
}

export function importExport(store: AppStore, file: ExportFile, search: SearchDetails): Promise<ImportSummary> {
  return store.getState().mutate((c) => c.call('records.import', { ...file, search }));
}

export function runDedupe(store: AppStore) {
  return store.getState().mutate((c) => c.call('records.dedupe', {}));
}

export type Decision = 'duplicate' | 'not-duplicate' | 'skip';

export function decidePair(store: AppStore, pairId: string, decision: Decision): Promise<QueueState> {
  return store.getState().mutate((c) => c.call('records.decide', { pairId, decision }));
}

/** Reverts the decision made last (with the merge it made). */
export function undoLastDecision(store: AppStore): Promise<QueueState> {
  return store.getState().mutate((c) => c.call('records.undoDecision', {}));
}

export function unmergeRecord(store: AppStore, recordId: string) {
  return store.getState().mutate((c) => c.call('records.unmerge', { recordId }));
}
