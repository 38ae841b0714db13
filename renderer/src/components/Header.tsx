import { useAppInfo, useReviewerList, useReviewSummary } from '../data/queries.ts';
import { useApp } from '../store/app.ts';
import { FileMenu } from './FileMenu.tsx';

/** The review's title and its file, and the session's reviewer. */
export function Header() {
  const summary = useReviewSummary().data;
  const info = useAppInfo().data;
  const reviewers = useReviewerList();
  const reviewerId = useApp((s) => s.reviewerId);
  const openReviewer = useApp((s) => s.setReviewerDialogOpen);
  const openShortcuts = useApp((s) => s.setShortcutsOpen);
  const me = reviewers.find((r) => r.id === reviewerId);
  const file = summary?.file ?? info?.file ?? null;
  return (
    <header className="app-header">
      <div className="app-header__brand" aria-hidden="true">
        Grove
      </div>
      <FileMenu />
      <div className="app-header__review">
        <p className="app-header__title" title={summary?.title}>
          {summary?.title ?? 'No review open'}
        </p>
        {file ? (
          <p className="app-header__file" title={file.path}>
            {file.name}
          </p>
        ) : null}
      </div>
      <div className="app-header__tools">
        <button type="button" className="button button--ghost" onClick={() => openReviewer(true)}>
          {me ? (
            <>
              Reviewer: <strong>{me.name}</strong>
            </>
          ) : (
            'Who is reviewing?'
          )}
        </button>
        <button type="button" className="button button--ghost" onClick={() => openShortcuts(true)} aria-keyshortcuts="Shift+?">
          Shortcuts
        </button>
      </div>
    </header>
  );
}
