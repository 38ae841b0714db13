import type { ColumnChoices, ExportPreview, ImportSummary, QueueState, SearchDetails } from '@grove/shared';
import type { AppClient } from '../../api/client.ts';
import type { AppStore } from '../../store/app.ts';

// The Records stage's changes, each one store.mutate (the status bar says "Saving…", the
// reply's touched tables refresh the queries that read them). Reading an export for its
// preview writes nothing and goes through the client directly.

/** An export as the wizard holds it: its bytes (small files) or its streamed upload (large ones). */
export type ExportFile =
  { readonly fileName: string; readonly contentBase64: string } | { readonly fileName: string; readonly uploadToken: string };

/** Reads the export for its preview; a streamed upload stays usable for the import. */
export function previewExport(client: AppClient, file: ExportFile, columns?: ColumnChoices): Promise<ExportPreview> {
  return client.call('records.preview', { ...file, ...(columns ? { columns } : {}) });
}

export function importExport(store: AppStore, file: ExportFile, search: SearchDetails, columns?: ColumnChoices): Promise<ImportSummary> {
  return store.getState().mutate((c) => c.call('records.import', { ...file, ...(columns ? { columns } : {}), search }));
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
