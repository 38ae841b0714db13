import type { FullTextTarget, PdfAttachment } from '@grove/shared';
import type { AppClient } from '../../../api/client.ts';
import type { AppStore } from '../../../store/app.ts';
import { bytesToBase64 } from '../../records/bytes.ts';

// The full-text pane's and the linking view's changes, each one store.mutate (the status
// bar says "Saving…"; the reply's touched tables refresh the queries that read them).

/** Above this a PDF goes through the browser host's streamed upload path, never as base64 in a call. */
const STREAM_FROM_BYTES = 4 * 1024 * 1024;

/**
 * Attaches a PDF the reviewer chose or dropped. In the browser host a large file is
 * streamed to POST /upload first and attached by its token; otherwise (Electron, small
 * files) its bytes go in the call. The backend checks that it is a PDF and names it if not.
 */
export async function attachPdfFile(store: AppStore, client: AppClient, target: FullTextTarget, file: File): Promise<PdfAttachment> {
  if (client.upload && file.size > STREAM_FROM_BYTES) {
    const { uploadToken } = await client.upload(file, file.name);
    return store.getState().mutate((c) => c.call('fullText.attach', { target, fileName: file.name, uploadToken }));
  }
  const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
  return store.getState().mutate((c) => c.call('fullText.attach', { target, fileName: file.name, contentBase64 }));
}

export function detachPdf(store: AppStore, id: string) {
  return store.getState().mutate((c) => c.call('fullText.detach', { id }));
}

export function createStudy(store: AppStore, recordIds: readonly string[]) {
  return store.getState().mutate((c) => c.call('studyLinks.createStudy', { recordIds: [...recordIds] }));
}

export function linkRecords(store: AppStore, recordIds: readonly string[], studyId: string) {
  return store.getState().mutate((c) => c.call('studyLinks.link', { recordIds: [...recordIds], studyId }));
}

export function unlinkRecord(store: AppStore, recordId: string) {
  return store.getState().mutate((c) => c.call('studyLinks.unlink', { recordId }));
}

export function rejectLink(store: AppStore, recordIds: readonly string[]) {
  return store.getState().mutate((c) => c.call('studyLinks.reject', { recordIds: [...recordIds] }));
}

export function addIncludedAsStudies(store: AppStore) {
  return store.getState().mutate((c) => c.call('studyLinks.addIncluded', {}));
}
