import { useEffect, useId, useRef, useState } from 'react';
import { NOT_RETRIEVED_KEY_HELP } from './keys.ts';

// Beside the record at full text: "Full text could not be obtained". It is not a decision:
// the record is set aside (PRISMA 2020's "Reports not retrieved") with an optional note of
// what was tried. R or the button opens the note; Enter marks, Esc (or Cancel) leaves it.

export function NotRetrievedControl(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Resolves true once stored (the record then leaves the queue). */
  onMark: (note: string) => Promise<boolean>;
}) {
  const { open, onOpenChange } = props;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  useEffect(() => {
    if (open) noteRef.current?.focus();
    else setNote('');
  }, [open]);

  const mark = async () => {
    if (busy) return;
    setBusy(true);
    try {
      if (await props.onMark(note.trim())) onOpenChange(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="screen-notret" aria-labelledby={`${id}-h`} data-testid="not-retrieved">
      <h2 id={`${id}-h`} className="screen-side__heading">
        Retrieval
      </h2>
      {open ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void mark();
          }}
        >
          <label htmlFor={`${id}-note`}>What was tried to obtain it (optional)</label>
          <textarea
            id={`${id}-note`}
            ref={noteRef}
            rows={2}
            value={note}
            maxLength={2000}
            placeholder="e.g. library, interlibrary loan, wrote to the authors"
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                onOpenChange(false);
              } else if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                void mark();
              }
            }}
          />
          <div className="screen-notret__actions">
            <button type="submit" className="button button--small" disabled={busy}>
              Mark as not retrieved <kbd>Enter</kbd>
            </button>
            <button type="button" className="button button--small button--ghost" onClick={() => onOpenChange(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button--small" onClick={() => onOpenChange(true)} title={NOT_RETRIEVED_KEY_HELP[1]}>
          Full text could not be obtained <kbd>{NOT_RETRIEVED_KEY_HELP[0]}</kbd>
        </button>
      )}
    </section>
  );
}
