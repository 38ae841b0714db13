import type { ModelName } from '@grove/shared/screening/models';

// The messages between the backend and its ranking worker (db/src/screening/ranking-worker.ts).

export interface WorkerData {
  /** The file SQLite reads and the addon to read it with (ReviewFile['reader']). */
  file: string;
  nativeBinding: string | undefined;
  model: ModelName;
  /** Retrain once this many decisions differ from what the model last learnt. */
  retrainEvery: number;
}

export type ToWorker =
  /** Decisions or records may have changed: read them again (bursts coalesce into one read). */
  { type: 'nudge' } | { type: 'configure'; retrainEvery: number };

export type WorkerPhase = 'reading' | 'building features' | 'training';

export type FromWorker =
  | { type: 'busy'; phase: WorkerPhase }
  /** A new ranking. `ids` is the record list when it changed since the last message. */
  | {
      type: 'ranking';
      ids: string[] | null;
      order: Int32Array;
      includes: number;
      excludes: number;
      trainedAt: string;
      seconds: number;
    }
  /** Nothing to rank by yet (no include or no exclude among the final decisions), or nothing changed enough. */
  | { type: 'idle'; ids: string[] | null; includes: number; excludes: number; pending: number }
  | { type: 'failed'; message: string };
