import { useBackendProgress } from '../../api/use-backend-progress.ts';
import { useApp } from '../../store/app.ts';
import { useSyncStatus } from './queries.ts';
import { conflictPointer, syncStatusText } from './sync-status-text.ts';

// The status bar's team sync: its state in words (not set up, syncing…, synced with counts,
// offline, the server's message), conflicts a sync queued pointing to File › Merge
// conflicts…, the Sync button (Alt+S) and the way to the team server dialog. While a sync
// runs, the backend's progress (receiving, bringing in, sending) is in the words.

export function SyncStatusItem() {
  const status = useSyncStatus().data;
  const syncing = useApp((s) => s.syncing);
  const sync = useApp((s) => s.sync);
  const openSetup = useApp((s) => s.setSyncSetupOpen);
  const progress = useBackendProgress(syncing);
  const words = syncStatusText(status, syncing, Date.now(), progress);
  const pointer = conflictPointer(words.conflicts);
  const setUp = status?.server != null;
  return (
    <>
      <button
        type="button"
        className={`status-bar__item status-bar__link status-bar__sync status-bar__sync--${words.tone}`}
        onClick={() => openSetup(true)}
        title={status?.server ? `Team server ${status.server.url}` : 'Set up the team server'}
        aria-live="polite"
        data-testid="sync-status"
      >
        <span className="status-bar__key">Team</span> {words.text}
        {pointer ? <span className="status-bar__sync-conflicts"> · {pointer}</span> : null}
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={syncing}
        onClick={() => void sync()}
        aria-keyshortcuts="Alt+S"
        data-testid="sync-button"
        title={setUp ? 'Sync with the team server (Alt+S)' : 'Set up the team server, then sync (Alt+S)'}
      >
        Sync
      </button>
    </>
  );
}
