import type { ApiErrorCode, ApiIssue, ChangeSummary, ProgressEvent } from '@grove/shared';
import type { Actor } from '../changes.ts';
import type { MergeReport } from './merge-files.ts';

// The messages between the backend and a merge worker (db/src/merge/merge-worker.ts).

export interface MergeWorkerData {
  /** The open review the copy is merged into, and the addon to open it with. */
  target: string;
  nativeBinding: string | undefined;
  /** The copy's file (a temporary name for an upload) and the name messages give it. */
  other: string;
  otherName: string;
  actor: Actor;
}

/** Why a merge failed, as a thread can send it: enough to rebuild the error the handler expects. */
export type MergeFailure =
  /** Refused, nothing written: not a review, another review, another schema version (ReviewFileError). */
  | { kind: 'file'; file: string; message: string }
  /** An ApiError raised by the merge (a change hook's refusal). */
  | { kind: 'api'; code: ApiErrorCode; message: string; issues: readonly ApiIssue[] | undefined }
  /** Anything else; `code` is SQLite's (SQLITE_FULL, …) when it was SQLite's error. */
  | { kind: 'other'; message: string; code: string | undefined };

export type FromMergeWorker =
  | { type: 'progress'; event: ProgressEvent }
  /** Committed (or nothing to bring in): the report and the change the merge recorded. */
  | { type: 'done'; report: MergeReport; change: ChangeSummary | null }
  | { type: 'failed'; failure: MergeFailure };
