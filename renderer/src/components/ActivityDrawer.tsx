import { errorMessage } from '../api/client.ts';
import { useApiQuery } from '../data/queries.ts';
import { queryKeys } from '../data/query-keys.ts';
import { useApp } from '../store/app.ts';
import { Dialog } from './Dialog.tsx';
import { whenText } from './time.ts';

/** Recent activity from the audit log: who changed what, when. */
export function ActivityDrawer() {
  const open = useApp((s) => s.activityOpen);
  const setOpen = useApp((s) => s.setActivityOpen);
  // Every change invalidates the activity log; it is read only while the drawer is open.
  const audit = useApiQuery(queryKeys.audit, 'audit.list', { limit: 100 }, { enabled: open });
  const entries = audit.data ?? null;
  const error = audit.error ? errorMessage(audit.error) : null;

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
