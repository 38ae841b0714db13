import type { ExclusionReason } from '@grove/shared';

// The review's full-text exclusion reasons, numbered for the keys 1–9, with how many records
// each has excluded so far. While choosing (after E) the list is the one thing the keys act on.

export function ReasonList(props: {
  reasons: readonly ExclusionReason[];
  choosing: boolean;
  /** The reason of the decision on screen, marked as chosen. */
  chosenId: string | null;
  onChoose: (index: number) => void;
}) {
  return (
    <section
      className={`screen-reasons${props.choosing ? ' screen-reasons--choosing' : ''}`}
      aria-labelledby="screen-reasons-h"
      data-testid="screen-reasons"
    >
      <h2 id="screen-reasons-h" className="screen-side__heading">
        {props.choosing ? 'Choose the reason (1–9, Esc cancels)' : 'Exclusion reasons'}
      </h2>
      {props.reasons.length === 0 ? (
        <p className="muted">The review lists no exclusion reasons yet: add them in Settings. A full-text exclusion needs one.</p>
      ) : (
        <ol className="screen-reasons__list">
          {props.reasons.map((r, i) => (
            <li key={r.id}>
              <button
                type="button"
                className={`screen-reasons__button${r.id === props.chosenId ? ' is-chosen' : ''}`}
                aria-pressed={r.id === props.chosenId}
                onClick={() => props.onChoose(i)}
              >
                {i < 9 ? <kbd>{i + 1}</kbd> : null}
                <span className="screen-reasons__label">{r.label}</span>
                <span className="screen-reasons__count" aria-label={`${r.count} excluded so far`}>
                  {r.count}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
