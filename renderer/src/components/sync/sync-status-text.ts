import { describeProgress, type ProgressEvent, type SyncStatus } from '@grove/shared';
import { whenText } from '../time.ts';

// The status bar's words for the team sync (docs/team-server.md): not set up, syncing,
// synced with what was pushed and pulled, offline (nothing lost), or the server's message.
// While a long sync runs, the backend's progress says how far it is: receiving, bringing in,
// sending ("Syncing… Sending changes to the server 40% (4,000 of 10,000)").

export type SyncTone = 'idle' | 'busy' | 'ok' | 'warn' | 'error';

export interface SyncStatusWords {
  readonly text: string;
  readonly tone: SyncTone;
  /** Conflicts the last sync queued: they wait in File › Merge conflicts…. */
  readonly conflicts: number;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function syncStatusText(
  status: SyncStatus | undefined,
  syncing: boolean,
  now: number = Date.now(),
  progress: ProgressEvent | null = null,
): SyncStatusWords {
  if (syncing) return { text: progress ? `Syncing… ${describeProgress(progress)}` : 'Syncing…', tone: 'busy', conflicts: 0 };
  const last = status?.last ?? null;
  if (last?.outcome === 'offline')
    return { text: 'Offline: the server cannot be reached; nothing is lost, your changes wait', tone: 'warn', conflicts: 0 };
  if (last?.outcome === 'error') return { text: `Sync failed: ${last.message}`, tone: 'error', conflicts: 0 };
  if (last?.outcome === 'synced')
    return {
      text: `Synced ${whenText(last.at, now)}: ${last.pushed} pushed, ${last.pulled} pulled`,
      tone: 'ok',
      conflicts: last.conflicts,
    };
  if (status?.server) {
    const when = status.server.syncedAt ? `last synced ${whenText(status.server.syncedAt, now)}` : 'not synced yet';
    return { text: `Team server: ${when}`, tone: 'idle', conflicts: 0 };
  }
  return { text: 'Team sync not set up', tone: 'idle', conflicts: 0 };
}

/** "2 conflicts: File › Merge conflicts…", for the status bar's pointer to the queue. */
export function conflictPointer(conflicts: number): string | null {
  return conflicts > 0 ? `${plural(conflicts, 'conflict')} to resolve: File › Merge conflicts…` : null;
}
