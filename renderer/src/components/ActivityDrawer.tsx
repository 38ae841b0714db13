import { useEffect, useState } from 'react';
import type { AuditEntry } from '@grove/shared';
import { errorMessage, useClient } from '../api/client.ts';
import { useApp } from '../store/app.ts';
import { Dialog } from './Dialog.tsx';
import { whenText } from './time.ts';

/** Recent activity from the audit log: who changed what, when. */
export function ActivityDrawer() {
  const client = useClient();
  const open = useApp((s) => s.activityOpen);
  const setOpen = useApp((s) => s.setActivityOpen);
  const history = useApp((s) => s.history);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    client
      .call('audit.list', { limit: 100 })
      .then((e) => {
        if (!cancelled) {
          setEntries(e);
          setError(null);
        }
      })
      .catch((err) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [open, client, history]);

  return (
    <Dialog open={open} onOpenChange={setOpen} title="Activity" description="Changes to this review, newest first." side>
      {error ? <p className="notice notice--error">Could not load the activity: {error}</p> : null}
      {entries === null && !error ? <p className="muted">Loading…</p> : null}
      {entries?.length === 0 ? <p className="muted">No changes recorded yet.</p> : null}
      {entries && entries.length ? (
        <ol className="activity">
          {entries.map((e) => (
            <li key={e.id} className={`activity__entry${e.undoneBy !== null ? ' is-undone' : ''}`}>
              <p className="activity__summary">{e.summary}</p>
              <p className="activity__meta">
                <span>{e.reviewerName || 'Unknown reviewer'}</span> · <time dateTime={e.at}>{whenText(e.at)}</time>
                {e.undoneBy !== null ? <span className="badge">Undone</span> : null}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
    </Dialog>
  );
}
