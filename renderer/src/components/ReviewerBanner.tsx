import { useState } from 'react';
import { useApp } from '../store/app.ts';

// "Choose who you are…": shown until a reviewer is chosen, or until it is dismissed, which
// lasts for the browser session (sessionStorage), so it does not come back on every
// reload or stage change (issue 12 item 9). Changes are still recorded without a name.

const DISMISSED_KEY = 'grove.reviewerBanner.dismissed';

function dismissedThisSession(): boolean {
  try {
    return window.sessionStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

export function ReviewerBanner() {
  const reviewerId = useApp((s) => s.reviewerId);
  const open = useApp((s) => s.setReviewerDialogOpen);
  const [dismissed, setDismissed] = useState(dismissedThisSession);
  if (reviewerId || dismissed) return null;
  const dismiss = () => {
    try {
      window.sessionStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // storage disabled: dismissed for this page only
    }
    setDismissed(true);
  };
  return (
    <div className="banner" role="note">
      <span>Choose who you are, so that your changes are recorded under your name in the activity log.</span>
      <span className="button-row">
        <button type="button" className="button button--small" onClick={() => open(true)}>
          Choose reviewer
        </button>
        <button type="button" className="button button--small button--ghost" onClick={dismiss}>
          Not now
        </button>
      </span>
    </div>
  );
}
