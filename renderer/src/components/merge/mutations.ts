import type { QueryClient } from '@tanstack/react-query';
import type { ConflictChoiceKind, MergeReportView } from '@grove/shared';
import type { AppClient } from '../../api/client.ts';
import type { AppStore } from '../../store/app.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { bytesToBase64 } from '../../stages/records/bytes.ts';
import { STREAM_FROM_BYTES } from '../ImportRevmanDialog.tsx';

// File › Merge a reviewer's copy… and the queue's decisions, each one store.mutate (the
// status bar says "Saving…"; the reply's touched tables refresh what reads them).

/**
 * Merges a co-reviewer's copy: in the browser host a large file is streamed to POST /upload
 * first and merged by its token; otherwise its bytes go in the call.
 */
export async function mergeCopy(
  store: AppStore,
  client: AppClient,
  queryClient: QueryClient,
  file: File,
  onUpload?: (percent: number) => void,
): Promise<MergeReportView> {
  let report: MergeReportView;
  if (client.upload && file.size > STREAM_FROM_BYTES) {
    const { uploadToken } = await client.upload(file, file.name, onUpload);
    report = await store.getState().mutate((c) => c.call('merge.fromUpload', { fileName: file.name, uploadToken }));
  } else {
    const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    report = await store.getState().mutate((c) => c.call('merge.fromUpload', { fileName: file.name, contentBase64 }));
  }
  // The queue is read afresh: a merge by an older backend wrote it outside the change.
  await queryClient.invalidateQueries({ queryKey: queryKeys.mergeConflicts });
  return report;
}

export function resolveConflict(store: AppStore, conflictId: number, choice: ConflictChoiceKind, value?: string | number | null) {
  return store
    .getState()
    .mutate((c) => c.call('merge.resolve', choice === 'other' ? { conflictId, choice, value: value ?? null } : { conflictId, choice }));
}
