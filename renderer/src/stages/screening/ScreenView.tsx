import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ScreeningSettings, ScreeningStage, Eligibility } from '@grove/shared';
import { createHighlighter } from './highlight.ts';
import { screenKey, screenKeyHelp } from './keys.ts';
import { KeysHelp } from './KeysHelp.tsx';
import { NoteLabels, parseLabels, type Draft } from './NoteLabels.tsx';
import { NotRetrievedControl } from './NotRetrievedControl.tsx';
import { markKey } from './paint-marks.ts';
import { current, sending, type Decision } from './queue.ts';
import { ReasonList } from './ReasonList.tsx';
import { RecordPanel } from './RecordPanel.tsx';
import { CriteriaPanel } from './CriteriaPanel.tsx';
import { keyIsForView } from './screen-keys.ts';
import type { ScreeningQueue } from './useScreeningQueue.ts';

// The screening view: one record at a time, decided by keyboard (keys.ts), with the
// criteria, the note and labels (and at full text the reasons) beside it. The queue
// (useScreeningQueue) already holds the next record, so a key shows it at once.

const EMPTY_DRAFT: Draft = { note: '', labels: '' };

export function ScreenView(props: {
  stage: ScreeningStage;
  settings: ScreeningSettings;
  eligibility: Eligibility | null;
  queue: ScreeningQueue;
  /** Shown once the reviewer has nothing left to screen (the conflicts they can resolve). */
  whenDone?: ReactNode;
  /** The full-text pane (the PDF), when the fulltext feature provides one. */
  fulltextPane?: (recordId: string) => ReactNode;
  /** Full text: marks the record's report as one that could not be obtained; true once stored. */
  onMarkNotRetrieved?: (recordId: string, note: string) => Promise<boolean>;
  /** Full text: reports marked as not obtained. They are in the stage but nobody decides them. */
  notRetrieved?: number;
}) {
  const { stage, settings, queue } = props;
  const { state } = queue;
  const item = current(state);
  const reasons = settings.exclusionReasons;
  const needsReason = stage === 'full-text';
  const [choosing, setChoosing] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [marking, setMarking] = useState(false);
  const canMark = props.onMarkNotRetrieved !== undefined;
  const [draftFor, setDraftFor] = useState<{ recordId: string; draft: Draft } | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const highlighter = useMemo(() => createHighlighter(settings.highlight), [settings.highlight]);

  const recordId = item?.record.recordId ?? null;
  const made = item?.made ?? null;
  const draft: Draft =
    draftFor && draftFor.recordId === recordId
      ? draftFor.draft
      : made
        ? { note: made.input.note ?? '', labels: (made.input.labels ?? []).join(', ') }
        : EMPTY_DRAFT;

  const latest = useRef({ draft, item, choosing, reasons, queue });
  latest.current = { draft, item, choosing, reasons, queue };

  useEffect(() => {
    setChoosing(false);
    setMarking(false);
  }, [recordId]);

  useEffect(() => {
    const decideNow = (decision: Decision, reasonId: string | null) => {
      const { draft: d, item: it, queue: q } = latest.current;
      if (!it) return;
      markKey();
      q.decide({ decision, reasonId, note: d.note.trim(), labels: parseLabels(d.labels) });
      setDraftFor(null);
      setChoosing(false);
    };
    // Capture: the view's keys come before the app's (Ctrl+Z here undoes the last decision).
    const onKey = (e: KeyboardEvent) => {
      if (!keyIsForView(e)) return;
      const { reasons: rs, choosing: ch, queue: q } = latest.current;
      const action = screenKey(e, { needsReason, reasonCount: Math.min(9, rs.length), choosingReason: ch, canMarkNotRetrieved: canMark });
      if (!action) return;
      // Past the last record the conflicts may be on screen (whenDone): their keys (A, B,
      // I, E, M, ?) are theirs; undo and ← / Backspace stay this view's.
      const atEnd = !latest.current.item;
      if (atEnd && action.kind !== 'undo' && !(action.kind === 'back' && e.key.toLowerCase() !== 'b')) return;
      // With no decision of this session to take back, Ctrl+Z is the app's undo as anywhere else.
      if (action.kind === 'undo' && q.state.steps.length === 0 && (e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      switch (action.kind) {
        case 'decide':
          return decideNow(action.decision, null);
        case 'exclude-with-reason':
          return decideNow('exclude', rs[action.reason]!.id);
        case 'choose-reason':
          if (latest.current.item) setChoosing(true);
          return;
        case 'cancel':
          return setChoosing(false);
        case 'undo':
          return q.undo();
        case 'back':
          return q.back();
        case 'forward':
          return q.forward();
        case 'note':
          return noteRef.current?.focus();
        case 'not-retrieved':
          return setMarking(true);
        case 'help':
          return setHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [needsReason, canMark]);

  const decideByClick = (decision: Decision) => {
    if (decision === 'exclude' && needsReason) {
      setChoosing(true);
      return;
    }
    markKey();
    queue.decide({ decision, reasonId: null, note: draft.note.trim(), labels: parseLabels(draft.labels) });
    setDraftFor(null);
  };
  const chooseReason = (index: number) => {
    const reason = reasons[index];
    if (!reason || !item) return;
    markKey();
    queue.decide({ decision: 'exclude', reasonId: reason.id, note: draft.note.trim(), labels: parseLabels(draft.labels) });
    setDraftFor(null);
    setChoosing(false);
  };

  const counts = queue.counts;
  const decided = counts ? counts.include + counts.exclude + counts.maybe : null;
  // What there is to decide: a marked report is never decided (marking a decided one is refused).
  const total = queue.total === null ? null : Math.max(0, queue.total - (props.notRetrieved ?? 0));
  const inFlight = sending(state);
  const reasonLabel = made?.input.reasonId ? (reasons.find((r) => r.id === made.input.reasonId)?.label ?? null) : null;

  return (
    <div className="screen" aria-busy={state.fetching && !item}>
      <div className="screen__bar">
        <p className="screen__progress" role="status" data-testid="screen-progress">
          {decided !== null && total !== null ? (
            <>
              <strong>
                {item && !made ? `Record ${Math.min(decided + 1, total)} of ${total}` : `${decided} of ${total} decided`}
              </strong>
              <span className="screen__counts">
                {' '}
                · You: {counts!.include} included, {counts!.exclude} excluded, {counts!.maybe} maybe
              </span>
            </>
          ) : (
            'Counting…'
          )}
        </p>
        <span className="screen__sending muted" aria-live="off">
          {inFlight > 0 ? `Saving ${inFlight}…` : ''}
        </span>
        <KeysHelp rows={screenKeyHelp(needsReason)} open={helpOpen} onOpenChange={setHelpOpen} />
      </div>
      {state.error || queue.loadError ? (
        <div className="screen__error" role="alert">
          <span>{state.error ?? queue.loadError}</span>
          {queue.loadError ? (
            <button type="button" className="button button--small" onClick={queue.reload}>
              Try again
            </button>
          ) : (
            <button type="button" className="button button--small button--ghost" onClick={queue.dismissError}>
              Dismiss
            </button>
          )}
        </div>
      ) : null}
      {!item && state.exhausted ? (
        // Done: what follows (the conflicts to resolve) takes the whole width.
        <div className="screen__done">
          <p className="screen__done-title">Nothing left for you to screen at this stage.</p>
          {props.whenDone}
        </div>
      ) : (
        <div className={`screen__body${props.fulltextPane && item ? ' screen__body--with-pane' : ''}`}>
          <div className="screen__main">
            {item ? (
              <RecordPanel record={item.record} made={made} highlighter={highlighter} reasonLabel={reasonLabel} />
            ) : (
              <p className="muted" role="status">
                Loading the next records…
              </p>
            )}
          </div>
          {props.fulltextPane && item ? <div className="screen__pane">{props.fulltextPane(item.record.recordId)}</div> : null}
          <aside className="screen__side" aria-label="Beside the record">
            {needsReason ? (
              <ReasonList reasons={reasons} choosing={choosing} chosenId={made?.input.reasonId ?? null} onChoose={chooseReason} />
            ) : null}
            {item && props.onMarkNotRetrieved ? (
              <NotRetrievedControl
                key={item.record.recordId}
                open={marking}
                onOpenChange={setMarking}
                onMark={async (note) => {
                  const id = item.record.recordId;
                  if (!(await props.onMarkNotRetrieved!(id, note))) return false;
                  queue.setAside(id);
                  return true;
                }}
              />
            ) : null}
            <CriteriaPanel eligibility={props.eligibility} />
            {item ? (
              <NoteLabels draft={draft} noteRef={noteRef} onChange={(d) => setDraftFor({ recordId: item.record.recordId, draft: d })} />
            ) : null}
          </aside>
        </div>
      )}
      <div className="screen__actions" role="group" aria-label={item ? 'Decision' : 'Your decisions'}>
        {item ? (
          <>
            <button type="button" className="button button--include" onClick={() => decideByClick('include')}>
              Include <kbd>I</kbd>
            </button>
            <button type="button" className="button button--exclude" onClick={() => decideByClick('exclude')}>
              Exclude <kbd>E</kbd>
            </button>
            <button type="button" className="button" onClick={() => decideByClick('maybe')}>
              Maybe <kbd>M</kbd>
            </button>
          </>
        ) : null}
        <span className="screen__actions-gap" />
        <button type="button" className="button" disabled={state.cursor === 0 && state.earlierAsked} onClick={queue.back}>
          Back {item ? <kbd>B</kbd> : <kbd>←</kbd>}
        </button>
        <button type="button" className="button" disabled={state.steps.length === 0} onClick={queue.undo}>
          Undo <kbd>U</kbd>
        </button>
      </div>
    </div>
  );
}
