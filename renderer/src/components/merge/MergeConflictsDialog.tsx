import { useEffect, useId, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { ConflictChoiceKind, QueuedConflictView } from '@grove/shared';
import { errorMessage } from '../../api/client.ts';
import { useAppStore } from '../../store/app.ts';
import { Dialog } from '../Dialog.tsx';
import { conflictKeyAction, moveIndex, showValue } from './conflict-keys.ts';
import { resolveConflict } from './mutations.ts';
import { useMergeConflicts } from './queries.ts';

// File › Merge conflicts…: the fields merges could not apply, one at a time, each in words
// (study or record, the field's label, whose slot) with the value both copies started from,
// this review's and the merged copy's. 1 keeps mine, 2 takes theirs, ↑/↓ move; another value
// can be typed. Each decision is one undoable change (Ctrl+Z reopens it).

export function MergeConflictsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const store = useAppStore();
  const conflicts = useMergeConflicts(open);
  const list = conflicts.data?.conflicts ?? [];
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [other, setOther] = useState('');
  const otherId = useId();
  const at = Math.min(index, Math.max(0, list.length - 1));
  const current = list[at];

  useEffect(() => {
    setOther('');
    setError(null);
  }, [current?.id]);

  const decide = async (c: QueuedConflictView, choice: ConflictChoiceKind, value?: string) => {
    if (choice === 'incoming' && !c.canTakeTheirs) return;
    setError(null);
    try {
      await resolveConflict(store, c.id, choice, value);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const onKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const action = conflictKeyAction(e.key, target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');
    if (!action || !current) return;
    e.preventDefault();
    if (action.kind === 'move') setIndex(moveIndex(at, action.by, list.length));
    else void decide(current, action.choice);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      wide
      title="Merge conflicts"
      description="Fields a merge could not apply: this review kept its value until you decide. 1 keeps mine, 2 takes theirs, ↑ ↓ move."
      footer={
        <button type="button" className="button" onClick={() => onOpenChange(false)}>
          Close
        </button>
      }
    >
      <div className="merge-conflicts" data-testid="merge-conflicts" tabIndex={0} onKeyDown={onKey} aria-label="Conflicts queue">
        {conflicts.isPending ? (
          <p className="muted">Loading the conflicts…</p>
        ) : list.length === 0 ? (
          <p data-testid="merge-conflicts-empty">No conflicts are waiting.</p>
        ) : current ? (
          <>
            <p className="muted" aria-live="polite">
              Conflict {at + 1} of {list.length}
            </p>
            <h3 className="merge-conflicts__title">
              {current.fieldLabel} — {current.what}
              {current.study ? ` of ${current.study}` : ''}
              {current.record ? ` of “${current.record}”` : ''}
            </h3>
            {current.slotReviewer ? (
              <p className="muted">
                {current.slotReviewer}’s own {current.what}.
              </p>
            ) : null}
            <table className="import-report__counts merge-conflicts__values" aria-label="Values">
              <tbody>
                <tr>
                  <th scope="row">Before either change</th>
                  <td>{showValue(current.base)}</td>
                </tr>
                <tr>
                  <th scope="row">Mine (this review)</th>
                  <td data-testid="conflict-local">{showValue(current.current)}</td>
                </tr>
                <tr>
                  <th scope="row">Theirs ({current.reviewer})</th>
                  <td data-testid="conflict-incoming">{showValue(current.incoming)}</td>
                </tr>
              </tbody>
            </table>
            <p className="muted">
              From {current.mergeLabel}, {current.mergedAt.slice(0, 16).replace('T', ' ')}
            </p>
            {error ? (
              <div className="notice notice--error" role="alert">
                {error}
              </div>
            ) : null}
            <div className="merge-conflicts__actions">
              <button type="button" className="button" aria-keyshortcuts="1" onClick={() => void decide(current, 'local')}>
                Keep mine (1)
              </button>
              <button
                type="button"
                className="button button--primary"
                aria-keyshortcuts="2"
                disabled={!current.canTakeTheirs}
                onClick={() => void decide(current, 'incoming')}
              >
                Take theirs (2)
              </button>
            </div>
            {current.canEnterValue ? (
              <form
                className="merge-conflicts__other"
                onSubmit={(e) => {
                  e.preventDefault();
                  void decide(current, 'other', other);
                }}
              >
                <label htmlFor={otherId}>Another value</label>
                <input id={otherId} value={other} onChange={(e) => setOther(e.currentTarget.value)} />
                <button type="submit" className="button">
                  Use this value
                </button>
              </form>
            ) : null}
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
