import { useEffect, useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { describeProgress, type MergeReportView } from '@grove/shared';
import { errorMessage, useClient } from '../../api/client.ts';
import { useBackendProgress } from '../../api/use-backend-progress.ts';
import { useAppStore } from '../../store/app.ts';
import { Dialog } from '../Dialog.tsx';
import { mergeCopy } from './mutations.ts';

// File › Merge a reviewer's copy…: the co-reviewer's .grove copy is chosen (or dropped), sent
// (streamed to the upload path when large, in the browser host) and merged into the open
// review by the same code as `grove merge`: a backup first, then one undoable change. The
// report says what came in per reviewer and leads to the conflicts queue when there is one.
// While the backend merges (on a thread of its own), its progress events drive the bar.

type Phase =
  | { readonly kind: 'choose' }
  | { readonly kind: 'merging'; readonly name: string; readonly percent: number | null }
  | { readonly kind: 'done'; readonly report: MergeReportView }
  | { readonly kind: 'error'; readonly name: string; readonly message: string };

export function MergeCopyDialog({
  open,
  onOpenChange,
  onShowConflicts,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onShowConflicts: () => void;
}) {
  const client = useClient();
  const store = useAppStore();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const inputId = useId();
  const doneRef = useRef<HTMLButtonElement>(null);
  // The backend's progress once the file has been sent (reading the copy, then its changes brought in).
  const backend = useBackendProgress(phase.kind === 'merging');

  useEffect(() => {
    if (open) setPhase({ kind: 'choose' });
  }, [open]);
  useEffect(() => {
    if (phase.kind === 'done') doneRef.current?.focus();
  }, [phase.kind]);

  const start = async (file: File) => {
    if (!/\.grove$/i.test(file.name)) {
      setPhase({
        kind: 'error',
        name: file.name,
        message: `${file.name} is not a Grove review file: choose a co-reviewer’s copy (.grove).`,
      });
      return;
    }
    setPhase({ kind: 'merging', name: file.name, percent: null });
    try {
      // Edits still waiting for their autosave belong in the review before it is backed up.
      await store.getState().flushAll();
      const report = await mergeCopy(store, client, queryClient, file, (percent) =>
        setPhase({ kind: 'merging', name: file.name, percent }),
      );
      setPhase({ kind: 'done', report });
    } catch (err) {
      setPhase({ kind: 'error', name: file.name, message: errorMessage(err) });
    }
  };

  const report = phase.kind === 'done' ? phase.report : null;
  const footer =
    phase.kind === 'merging' ? null : report ? (
      <>
        {report.conflicts > 0 ? (
          <button
            ref={doneRef}
            type="button"
            className="button button--primary"
            onClick={() => {
              onOpenChange(false);
              onShowConflicts();
            }}
          >
            Resolve {report.conflicts} conflict{report.conflicts === 1 ? '' : 's'}…
          </button>
        ) : null}
        <button ref={report.conflicts > 0 ? undefined : doneRef} type="button" className="button" onClick={() => onOpenChange(false)}>
          Close
        </button>
      </>
    ) : (
      <button type="button" className="button" onClick={() => onOpenChange(false)}>
        Cancel
      </button>
    );

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => phase.kind !== 'merging' && onOpenChange(next)}
      title={report ? 'Copy merged' : 'Merge a reviewer’s copy'}
      description={
        report
          ? null
          : 'Brings in every change of a co-reviewer’s copy of this review (made with `grove fork`) that this review has not seen. The review is backed up first; one undo takes the merge back. Conflicting fields keep this review’s value and wait in the conflicts queue.'
      }
      footer={footer}
    >
      <div className="merge-copy" data-testid="merge-copy">
        {phase.kind === 'choose' || phase.kind === 'error' ? (
          <>
            {phase.kind === 'error' ? (
              <div className="notice notice--error" role="alert">
                <p className="import-rm5__error-title">Nothing was merged</p>
                <p>{phase.message}</p>
              </div>
            ) : null}
            <label className="import-rm5__label" htmlFor={inputId}>
              Co-reviewer’s copy (.grove)
            </label>
            <input
              id={inputId}
              type="file"
              accept=".grove"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (file) void start(file);
              }}
            />
          </>
        ) : phase.kind === 'merging' && backend ? (
          <div className="import-rm5__progress">
            <p className="import-rm5__file">{phase.name}</p>
            <div
              className="progress"
              role="progressbar"
              aria-label={backend.operation}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={progressPercent(backend.done, backend.total)}
            >
              <div className="progress__bar" style={{ width: `${progressPercent(backend.done, backend.total)}%` }} />
            </div>
            <p className="import-rm5__step" aria-live="polite">
              {describeProgress(backend)}
            </p>
          </div>
        ) : phase.kind === 'merging' ? (
          <div className="import-rm5__progress">
            <p className="import-rm5__file">{phase.name}</p>
            <div
              className={`progress${phase.percent === null ? ' progress--indeterminate' : ''}`}
              role="progressbar"
              aria-label={phase.percent === null ? 'Merging' : 'Sending file'}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={phase.percent ?? undefined}
            >
              <div className="progress__bar" style={phase.percent === null ? undefined : { width: `${phase.percent}%` }} />
            </div>
            <p className="import-rm5__step" aria-live="polite">
              {phase.percent === null ? 'Backing up and merging… This cannot be stopped.' : `Sending file to Grove… ${phase.percent}%`}
            </p>
          </div>
        ) : report ? (
          <MergeReport report={report} />
        ) : null}
      </div>
    </Dialog>
  );
}

function progressPercent(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done / total) * 100);
}

function MergeReport({ report }: { report: MergeReportView }) {
  if (report.events === 0) return <p data-testid="merge-report">Nothing new: this review has already seen every change of that copy.</p>;
  return (
    <div className="import-report" data-testid="merge-report">
      <p>
        {report.events} change{report.events === 1 ? '' : 's'} brought in: {report.applied} row{report.applied === 1 ? '' : 's'} applied,{' '}
        {report.skipped} already held, <strong>{report.conflicts}</strong> conflict{report.conflicts === 1 ? '' : 's'}.
      </p>
      <table className="import-report__counts" aria-label="By reviewer">
        <caption>By reviewer</caption>
        <thead>
          <tr>
            <th scope="col">Reviewer</th>
            <th scope="col">Applied</th>
            <th scope="col">Conflicts</th>
          </tr>
        </thead>
        <tbody>
          {report.byReviewer.map((r) => (
            <tr key={r.reviewer}>
              <th scope="row">{r.reviewer || '(no reviewer)'}</th>
              <td>{r.applied}</td>
              <td>{r.conflicts}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.backup ? (
        <p className="muted">
          The review as it was before: <span className="import-report__path">{report.backup}</span>
        </p>
      ) : null}
      {report.reidentified ? (
        <p className="muted">That file was copied outside Grove; its changes were told apart from this review’s and nothing was lost.</p>
      ) : null}
    </div>
  );
}
