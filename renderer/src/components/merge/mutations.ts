import type { QueryClient } from '@tanstack/react-query';
import type { ConflictChoiceKind, MergeReportView } from '@grove/shared';
import type { AppClient } from '../../api/client.ts';
import type { AppStore } from '../../store/app.ts';
import { queryKeys } from '../../data/query-keys.ts';

// File › Merge a reviewer's copy… and the queue's decisions, each one store.mutate (the
// status bar says "Saving…"; the reply's touched tables refresh what reads them).

/** A file's bytes as base64, encoded by the browser off this thread (a data URL), not in a loop here. */
function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(new Error(`${file.name} could not be read: ${r.error?.message ?? 'the file is not readable'}.`));
    r.onload = () => {
      const url = typeof r.result === 'string' ? r.result : '';
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    r.readAsDataURL(file);
  });
}

/**
 * Merges a co-reviewer's copy: in the browser host the file is streamed to POST /upload
 * first and merged by its token (a copy is megabytes, and a body of base64 to parse would
 * hold up the backend's thread, which answers the page's reads while the merge runs);
 * otherwise its bytes go in the call.
 */
export async function mergeCopy(
  store: AppStore,
  client: AppClient,
  queryClient: QueryClient,
  file: File,
  onUpload?: (percent: number) => void,
): Promise<MergeReportView> {
  let report: MergeReportView;
  if (client.upload) {
    const { uploadToken } = await client.upload(file, file.name, onUpload);
    report = await store.getState().mutate((c) => c.call('merge.fromUpload', { fileName: file.name, uploadToken }));
  } else {
    const contentBase64 = await fileToBase64(file);
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
