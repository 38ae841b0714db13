import { useEffect, useMemo, useRef, useState } from 'react';
import type { DecisionEntry, ScreeningConflict, ScreeningSettings, ScreeningStage } from '@grove/shared';
import { Highlighted } from './Highlighted.tsx';
import { createHighlighter } from './highlight.ts';
import { conflictKey, conflictKeyHelp, type Decision } from './keys.ts';
import { KeysHelp } from './KeysHelp.tsx';
import type { Resolution } from './mutations.ts';
import { ReasonList } from './ReasonList.tsx';
import { keyIsForView } from './screen-keys.ts';

// The conflicts queue, for the person resolving them: one record at a time with every
// reviewer's decision, reason, note and labels side by side; resolved by keyboard
// (keys.ts: A / B take a reviewer's decision, I / E / M decide otherwise).

const LABEL = { include: 'Include', exclude: 'Exclude', maybe: 'Maybe' } as const;

export function ConflictsView(props: {
  stage: ScreeningStage;
  settings: ScreeningSettings;
  conflicts: readonly ScreeningConflict[];
  /** Resolves true once saved; false (the conflict comes back on screen) when refused. */
  onResolve: (c: ScreeningConflict, r: Resolution) => Promise<boolean>;
}) {
  const { stage, settings } = props;
  // A resolution moves on at once, as a decision does: the conflict is hidden while it is
  // saved, and comes back if the backend refuses it.
  const [resolving, setResolving] = useState<ReadonlySet<string>>(() => new Set());
  const conflicts = useMemo(() => props.conflicts.filter((c) => !resolving.has(c.recordId)), [props.conflicts, resolving]);
  const submit = (c: ScreeningConflict, r: Resolution) => {
    setResolving((s) => new Set(s).add(c.recordId));
    void props.onResolve(c, r).then((saved) => {
      if (saved) return; // hidden until the refetched list drops it (below)
      setResolving((s) => {
        const next = new Set(s);
        next.delete(c.recordId);
        return next;
      });
    });
  };
  // Once the list no longer holds a resolved conflict, forget it: should it open again
  // (its resolution undone), it shows.
  useEffect(() => {
    setResolving((s) => {
      const open = new Set(props.conflicts.map((c) => c.recordId));
      const kept = [...s].filter((id) => open.has(id));
      return kept.length === s.size ? s : new Set(kept);
    });
  }, [props.conflicts]);
  const [index, setIndex] = useState(0);
  const [choosing, setChoosing] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [note, setNote] = useState('');
  const at = Math.min(index, Math.max(0, conflicts.length - 1));
  const conflict = conflicts[at] ?? null;
  const needsReason = stage === 'full-text';
  const reasons = settings.exclusionReasons;
  const highlighter = useMemo(() => createHighlighter(settings.highlight), [settings.highlight]);
  const latest = useRef({ conflict, choosing, props, note, at, count: conflicts.length, submit });
  latest.current = { conflict, choosing, props, note, at, count: conflicts.length, submit };

  useEffect(() => {
    setChoosing(false);
    setNote('');
  }, [conflict?.recordId]);

  useEffect(() => {
    const resolve = (decision: Decision, reasonId: string | null) => {
      const { conflict: c, note: n, submit: send } = latest.current;
      if (!c) return;
      send(c, { decision, reasonId, note: n.trim() });
      setChoosing(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (!keyIsForView(e)) return;
      const { conflict: c, choosing: ch, props: p, at: i, count } = latest.current;
      const rs = p.settings.exclusionReasons;
      const action = conflictKey(e, { needsReason, reasonCount: Math.min(9, rs.length), choosingReason: ch });
      if (!action) return;
      e.preventDefault();
      switch (action.kind) {
        case 'take': {
          const entry = c?.decisions[action.side === 'first' ? 0 : 1];
          if (entry) resolve(entry.decision, entry.reasonId);
          return;
        }
        case 'decide':
          return resolve(action.decision, null);
        case 'exclude-with-reason':
          return resolve('exclude', rs[action.reason]!.id);
        case 'choose-reason':
          return setChoosing(true);
        case 'cancel':
          return setChoosing(false);
        case 'next':
          return setIndex(Math.min(i + 1, count - 1));
        case 'previous':
          return setIndex(Math.max(i - 1, 0));
        case 'help':
          return setHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [needsReason]);

  if (!conflict)
    return (
      <p className="screen-conflicts__empty" data-testid="conflicts-empty">
        No open conflicts at this stage.
      </p>
    );

  return (
    <section className="screen-conflicts" aria-labelledby="screen-conflict-title">
      <div className="screen__bar">
        <p role="status" data-testid="conflicts-progress">
          <strong>
            Conflict {at + 1} of {conflicts.length}
          </strong>{' '}
          · resolve with A or B (take that reviewer’s decision), or I / E / M
        </p>
        <KeysHelp rows={conflictKeyHelp(needsReason)} open={helpOpen} onOpenChange={setHelpOpen} />
      </div>
      <div className="screen__body">
        <div className="screen__main">
          <article className="screen-record" data-record-id={conflict.recordId}>
            <h2 id="screen-conflict-title" className="screen-record__title">
              {conflict.title ? <Highlighted text={conflict.title} highlighter={highlighter} /> : 'No title'}
            </h2>
            <p className="screen-record__authors">{conflict.authors.join('; ') || 'No authors'}</p>
            <p className="screen-record__source">{[conflict.journal, conflict.year].filter((x) => x !== null && x !== '').join(' · ')}</p>
            <table className="screen-conflicts__table" aria-label="The reviewers’ decisions side by side">
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Reviewer</th>
                  <th scope="col">Decision</th>
                  {needsReason ? <th scope="col">Reason</th> : null}
                  <th scope="col">Note</th>
                  <th scope="col">Labels</th>
                </tr>
              </thead>
              <tbody>
                {conflict.decisions.map((d: DecisionEntry, i) => (
                  <tr key={d.reviewerId} className={`screen-conflicts__row--${d.decision}`}>
                    <td>{i < 2 ? <kbd>{i === 0 ? 'A' : 'B'}</kbd> : null}</td>
                    <th scope="row">{d.reviewerName}</th>
                    <td>{LABEL[d.decision]}</td>
                    {needsReason ? <td>{d.reason ?? '—'}</td> : null}
                    <td>{d.note || '—'}</td>
                    <td>{d.labels.join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="screen-record__abstract" role="region" aria-label="Abstract">
              {conflict.abstract ? <Highlighted text={conflict.abstract} highlighter={highlighter} /> : <p className="muted">No abstract.</p>}
            </div>
          </article>
        </div>
        <aside className="screen__side" aria-label="Resolution">
          {needsReason ? (
            <ReasonList
              reasons={reasons}
              choosing={choosing}
              chosenId={null}
              onChoose={(i) => submit(conflict, { decision: 'exclude', reasonId: reasons[i]!.id, note: note.trim() })}
            />
          ) : null}
          <div className="field">
            <label className="field__label" htmlFor="conflict-note">
              Note on the resolution
            </label>
            <textarea
              id="conflict-note"
              rows={3}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), e.currentTarget.blur())}
            />
          </div>
        </aside>
      </div>
      <div className="screen__actions" role="group" aria-label="Resolution">
        {conflict.decisions.slice(0, 2).map((d, i) => (
          <button
            key={d.reviewerId}
            type="button"
            className="button"
            onClick={() => submit(conflict, { decision: d.decision, reasonId: d.reasonId, note: note.trim() })}
          >
            Take {d.reviewerName}’s: {LABEL[d.decision]} <kbd>{i === 0 ? 'A' : 'B'}</kbd>
          </button>
        ))}
        <span className="screen__actions-gap" />
        <button type="button" className="button button--include" onClick={() => submit(conflict, { decision: 'include', reasonId: null, note: note.trim() })}>
          Include <kbd>I</kbd>
        </button>
        <button type="button" className="button" onClick={() => submit(conflict, { decision: 'maybe', reasonId: null, note: note.trim() })}>
          Maybe <kbd>M</kbd>
        </button>
        <button
          type="button"
          className="button button--exclude"
          onClick={() => (needsReason ? setChoosing(true) : submit(conflict, { decision: 'exclude', reasonId: null, note: note.trim() }))}
        >
          Exclude <kbd>E</kbd>
        </button>
      </div>
    </section>
  );
}
