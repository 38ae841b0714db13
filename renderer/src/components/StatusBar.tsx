import { useAppInfo, useReviewerList, useReviewSummary } from '../data/queries.ts';
import { useApp } from '../store/app.ts';
import { SyncStatusItem } from './sync/SyncStatusItem.tsx';

export function saveStatusText(save: {
  pending: number;
  error: string | null;
  savedAt: number | null;
  invalid: Readonly<Record<string, string>>;
}): {
  text: string;
  tone: 'idle' | 'busy' | 'ok' | 'error';
} {
  if (save.pending > 0) return { text: 'Saving…', tone: 'busy' };
  const invalid = Object.values(save.invalid)[0];
  if (invalid) return { text: `Not saved: ${invalid}`, tone: 'error' };
  if (save.error) return { text: `Not saved: ${save.error}`, tone: 'error' };
  if (save.savedAt) return { text: 'Saved', tone: 'ok' };
  return { text: 'All changes saved', tone: 'idle' };
}

/** File, schema version, reviewer, save status, team sync with Sync, last change with Undo, and the Activity panel. */
export function StatusBar() {
  const summary = useReviewSummary().data;
  const info = useAppInfo().data;
  const save = useApp((s) => s.save);
  const history = useApp((s) => s.history);
  const reviewers = useReviewerList();
  const reviewerId = useApp((s) => s.reviewerId);
  const undo = useApp((s) => s.undo);
  const redo = useApp((s) => s.redo);
  const openActivity = useApp((s) => s.setActivityOpen);
  const openReviewer = useApp((s) => s.setReviewerDialogOpen);
  const me = reviewers.find((r) => r.id === reviewerId);
  const status = saveStatusText(save);
  const file = summary?.file ?? info?.file;
  const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  const mod = mac ? '⌘Z' : 'Ctrl+Z';
  const redoKeys = mac ? '⌘⇧Z' : 'Ctrl+Shift+Z or Ctrl+Y';
  return (
    <footer className="status-bar" aria-label="Status">
      <span className="status-bar__item" title={file?.path}>
        <span className="status-bar__key">File</span> {file?.name ?? '—'}
      </span>
      <span className="status-bar__item">
        <span className="status-bar__key">Schema</span> v{summary?.schemaVersion ?? info?.schemaVersion ?? '—'}
      </span>
      <button type="button" className="status-bar__item status-bar__link" onClick={() => openReviewer(true)}>
        <span className="status-bar__key">Reviewer</span> {me ? me.name : 'not chosen'}
      </button>
      <span
        className={`status-bar__item status-bar__save status-bar__save--${status.tone}`}
        role="status"
        aria-live="polite"
        data-testid="save-status"
      >
        {status.text}
      </span>
      <SyncStatusItem />
      <span className="status-bar__spacer" />
      <span className="status-bar__item status-bar__last">
        <span className="status-bar__key">Last change</span>{' '}
        <span className="status-bar__last-label" title={history?.undoLabel ?? undefined}>
          {history?.undoLabel ?? 'none'}
        </span>
      </span>
      <button
        type="button"
        className="button button--small"
        disabled={!history?.canUndo}
        onClick={() => void undo()}
        aria-keyshortcuts="Control+Z Meta+Z"
        title={`Undo the last change (${mod} outside text fields)`}
      >
        Undo
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={!history?.canRedo}
        onClick={() => void redo()}
        aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
        title={
          history?.redoLabel ? `Redo: ${history.redoLabel} (${redoKeys} outside text fields)` : `Redo the change last undone (${redoKeys})`
        }
      >
        Redo
      </button>
      <button type="button" className="button button--small" onClick={() => openActivity(true)}>
        Activity
      </button>
    </footer>
  );
}
