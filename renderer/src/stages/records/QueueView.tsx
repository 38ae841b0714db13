import { useEffect, useRef } from 'react';
import type { QueueState } from '@grove/shared';
import { isTextEntry } from '../../keyboard.ts';
import { diffRows, VERDICT_LABELS } from './diff.ts';
import type { Decision } from './mutations.ts';

// The duplicate review queue, one pair at a time: the two records field by field with the
// engine's verdict on each, and the decision by keyboard — D duplicate, N not a duplicate,
// S skip (decide later), U undo the last decision.

const KEYS: Record<string, Decision | 'undo'> = { d: 'duplicate', n: 'not-duplicate', s: 'skip', u: 'undo' };

export function QueueView(props: {
  state: QueueState;
  busy: boolean;
  onDecide: (pairId: string, d: Decision) => void;
  onUndo: () => void;
}) {
  const { state, busy } = props;
  const item = state.next;
  const regionRef = useRef<HTMLElement>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTextEntry(e.target)) return;
      if (document.querySelector('[role="dialog"][data-state="open"]')) return;
      const action = KEYS[e.key.toLowerCase()];
      if (!action) return;
      const { state: s, busy: b, onDecide, onUndo } = latest.current;
      e.preventDefault();
      if (b) return;
      if (action === 'undo') {
        if (s.lastDecided) onUndo();
      } else if (s.next) onDecide(s.next.id, action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section ref={regionRef} className="records-queue" aria-label="Duplicate review queue" aria-busy={busy}>
      <p className="records-queue__counts" role="status" data-testid="queue-counts">
        {state.open} {state.open === 1 ? 'pair' : 'pairs'} to review
        {state.skipped > 0 ? `, ${state.skipped} skipped` : ''} · {state.decided} decided
      </p>
      {item ? (
        <>
          <p className="records-queue__reason">Why this pair: {item.reason}</p>
          <table className="records-queue__diff" aria-label="The two records, field by field">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Record A</th>
                <th scope="col">Record B</th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {diffRows(item).map((row) => (
                <tr key={row.field} className={`verdict--${row.verdict}`}>
                  <th scope="row">{row.label}</th>
                  <td>{row.a || '—'}</td>
                  <td>{row.b || '—'}</td>
                  <td>
                    {VERDICT_LABELS[row.verdict]}
                    {row.detail ? <span className="records-queue__detail"> ({row.detail})</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="records-queue__empty">No pair is waiting for a decision.</p>
      )}
      <div className="records-queue__actions" role="group" aria-label="Decision">
        <button
          type="button"
          className="button button--primary"
          disabled={!item || busy}
          onClick={() => item && props.onDecide(item.id, 'duplicate')}
        >
          Duplicate <kbd>D</kbd>
        </button>
        <button type="button" className="button" disabled={!item || busy} onClick={() => item && props.onDecide(item.id, 'not-duplicate')}>
          Not a duplicate <kbd>N</kbd>
        </button>
        <button type="button" className="button" disabled={!item || busy} onClick={() => item && props.onDecide(item.id, 'skip')}>
          Skip <kbd>S</kbd>
        </button>
        <button type="button" className="button" disabled={!state.lastDecided || busy} onClick={props.onUndo}>
          Undo last decision <kbd>U</kbd>
        </button>
      </div>
    </section>
  );
}
