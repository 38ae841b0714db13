import type { RefObject } from 'react';

// The note and labels that go with the decision on the record on screen: typed before the
// decision key and sent with it (one change). Esc leaves the field, so the keys decide again.

export interface Draft {
  readonly note: string;
  readonly labels: string;
}

/** Labels as typed ("rct, pilot") to the list sent. */
export function parseLabels(text: string): string[] {
  return [...new Set(text.split(',').map((l) => l.trim()).filter((l) => l.length > 0))];
}

export function NoteLabels(props: { draft: Draft; onChange: (d: Draft) => void; noteRef: RefObject<HTMLTextAreaElement | null> }) {
  const leave = (e: React.KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      (e.target as HTMLElement).blur();
    }
  };
  return (
    <section className="screen-notes" aria-labelledby="screen-notes-h">
      <h2 id="screen-notes-h" className="screen-side__heading">
        Note and labels
      </h2>
      <div className="field">
        <label className="field__label" htmlFor="screen-note">
          Note <kbd>N</kbd>
        </label>
        <textarea
          id="screen-note"
          ref={props.noteRef}
          rows={3}
          value={props.draft.note}
          onChange={(e) => props.onChange({ ...props.draft, note: e.target.value })}
          onKeyDown={leave}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="screen-labels">
          Labels
        </label>
        <input
          id="screen-labels"
          type="text"
          value={props.draft.labels}
          aria-describedby="screen-labels-hint"
          onChange={(e) => props.onChange({ ...props.draft, labels: e.target.value })}
          onKeyDown={leave}
        />
        <p id="screen-labels-hint" className="field__hint">
          Separated by commas. Saved with the decision.
        </p>
      </div>
    </section>
  );
}
