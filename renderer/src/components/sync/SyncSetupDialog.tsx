import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { useBackendProgress } from '../../api/use-backend-progress.ts';
import { useApp } from '../../store/app.ts';
import { Dialog } from '../Dialog.tsx';
import { TextField } from '../fields.tsx';
import { useSyncStatus } from './queries.ts';
import { conflictPointer, syncStatusText } from './sync-status-text.ts';

// File › Team server…: the review's team server, set once by syncing with it (the first
// sync registers the review on the server, with the syncing role as its owner). The URL
// names a PostgreSQL role and never a password, which comes from PGPASSWORD or ~/.pgpass
// where Grove runs (docs/team-server.md).

export function SyncSetupDialog() {
  const open = useApp((s) => s.syncSetupOpen);
  const setOpen = useApp((s) => s.setSyncSetupOpen);
  const sync = useApp((s) => s.sync);
  const syncing = useApp((s) => s.syncing);
  const status = useSyncStatus().data;
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setUrl(status?.server?.url ?? (status?.last ? status.last.url : ''));
      setError(null);
    }
    // Filled in once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const run = async () => {
    setError(null);
    try {
      await sync(url.trim());
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  // While it syncs, how far it is (receiving, bringing in, sending), as in the status bar.
  const progress = useBackendProgress(open && syncing);
  const words = syncStatusText(status, syncing, Date.now(), progress);
  const pointer = conflictPointer(words.conflicts);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !syncing && setOpen(next)}
      title="Team server"
      description="Sync this review through your review group’s PostgreSQL server: Sync sends the changes the server lacks and brings in the rest, as one change one undo takes back (after a backup); conflicts wait in File › Merge conflicts… The first sync registers the review on the server, with your role as its owner."
      footer={
        <button type="button" className="button button--primary" disabled={syncing || url.trim() === ''} onClick={() => void run()}>
          {syncing ? 'Syncing…' : 'Sync now'}
        </button>
      }
    >
      <form
        className="sync-setup"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <TextField
          label="Server URL"
          value={url}
          onChange={setUrl}
          placeholder="postgres://ROLE@HOST:5432/DATABASE"
          hint="Your PostgreSQL role, the server and the database, never a password: Grove takes it from PGPASSWORD or ~/.pgpass, as psql does. Add ?sslmode=verify-full outside a private network."
          error={error ?? undefined}
          autoFocus
        />
      </form>
      <p className="sync-setup__status" role="status" data-testid="sync-setup-status">
        {words.text}
        {pointer ? ` · ${pointer}` : ''}
      </p>
    </Dialog>
  );
}
