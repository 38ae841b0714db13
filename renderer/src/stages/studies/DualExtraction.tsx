import { useId } from 'react';
import { errorMessage } from '../../api/client.ts';
import { useApp, useAppStore } from '../../store/app.ts';
import { useReviewerList } from '../../data/queries.ts';
import { dualPair, useDualExtraction } from '../../store/review-prefs.ts';
import { ReviewerSelect } from '../../components/ReviewerSelect.tsx';

// Dual extraction: two reviewers extract each study's characteristics independently, each
// into their own slot (their reviewer id); the Compare view sets their values side by side,
// field by field, and records the consensus in the 'final' slot — the value the review
// uses — with who decided. The setting (on/off, who A and B are) belongs to the review.

/** The on/off switch, who A and B are, and who is working now. */
export function DualExtractionBar() {
  const store = useAppStore();
  const reviewers = useReviewerList();
  const me = useApp((s) => s.reviewerId);
  const [prefs, setPrefs] = useDualExtraction();
  const id = `dx${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const pair = dualPair(prefs);
  const choose = (which: 'first' | 'second', value: string) => setPrefs({ [which]: value || null });
  const role = pair ? (me === pair.first ? 'A' : me === pair.second ? 'B' : null) : null;

  return (
    <section className={`dual-bar${prefs.enabled ? ' is-on' : ''}`} aria-label="Dual extraction">
      <label className="dual-bar__toggle">
        <input type="checkbox" checked={prefs.enabled} onChange={(e) => setPrefs({ enabled: e.target.checked })} />
        <strong>Dual extraction</strong>
        <span className="muted">two reviewers extract independently, then agree</span>
      </label>
      {prefs.enabled ? (
        reviewers.length < 2 ? (
          <p className="dual-bar__note">
            Dual extraction needs two reviewers.{' '}
            <button type="button" className="button button--small" onClick={() => store.getState().setReviewerDialogOpen(true)}>
              Add a reviewer…
            </button>
          </p>
        ) : (
          <div className="dual-bar__pick">
            <ReviewerSelect
              id={`${id}-a`}
              label="Reviewer A"
              reviewers={reviewers}
              value={prefs.first ?? ''}
              onChange={(v) => choose('first', v)}
              empty="— choose —"
              disabledId={prefs.second}
            />
            <ReviewerSelect
              id={`${id}-b`}
              label="Reviewer B"
              reviewers={reviewers}
              value={prefs.second ?? ''}
              onChange={(v) => choose('second', v)}
              empty="— choose —"
              disabledId={prefs.first}
            />
            <ReviewerSelect
              id={`${id}-me`}
              label="Working as"
              reviewers={reviewers}
              value={me ?? ''}
              onChange={(v) =>
                void store
                  .getState()
                  .setReviewer(v || null)
                  .catch((err: unknown) =>
                    store.getState().pushToast({ title: 'The reviewer was not changed', description: errorMessage(err), tone: 'error' }),
                  )
              }
              empty="— nobody —"
              nameOf={(r) => `${r.name}${pair && r.id === pair.first ? ' (A)' : pair && r.id === pair.second ? ' (B)' : ''}`}
            />
            <p className="dual-bar__note" role="status">
              {!pair
                ? 'Choose two different reviewers as A and B.'
                : role
                  ? `You extract as reviewer ${role}: your values are yours alone until Compare records the consensus.`
                  : 'You are neither A nor B: the Characteristics tab edits the consensus values; use Compare to settle disagreements.'}
            </p>
          </div>
        )
      ) : null}
    </section>
  );
}
