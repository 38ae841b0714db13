import { useState, type DragEvent } from 'react';
import type { FullTextTarget } from '@grove/shared';
import { errorMessage, useClient } from '../../../api/client.ts';
import { useAppStore } from '../../../store/app.ts';
import { attachPdfFile, detachPdf } from './mutations.ts';
import { PdfFrame } from './PdfFrame.tsx';
import { useFullTexts } from './queries.ts';
import './fulltext.css';

// The full-text pane the Screening stage mounts beside its form: `<FullTextPane recordId=… />`
// (or `studyId`). Attach the PDF with the file picker or by dropping it on the pane; it opens
// in the browser's own PDF viewer; detaching is undoable (Ctrl+Z, like every change).

export type FullTextPaneProps = { readonly recordId: string } | { readonly studyId: string };

function targetOf(props: FullTextPaneProps): FullTextTarget {
  return 'recordId' in props ? { recordId: props.recordId } : { studyId: props.studyId };
}

export function FullTextPane(props: FullTextPaneProps) {
  const target = targetOf(props);
  const client = useClient();
  const store = useAppStore();
  const list = useFullTexts(target);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const attachments = list.data ?? [];
  const shown = attachments.find((a) => a.id === chosen) ?? attachments[attachments.length - 1] ?? null;

  const attach = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setError(null);
    setBusy(`Attaching ${file.name}…`);
    try {
      const a = await attachPdfFile(store, client, target, file);
      setChosen(a.id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void attach(e.dataTransfer.files);
  };

  return (
    <section className="fulltext-pane" aria-label="Full text">
      <div className="fulltext-pane__bar">
        <label className="button">
          Attach PDF…
          <input
            type="file"
            accept="application/pdf,.pdf"
            className="visually-hidden"
            aria-label="Attach a PDF"
            onChange={(e) => {
              void attach(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
        </label>
        {attachments.length > 1 && (
          <div className="fulltext-pane__files" role="group" aria-label="Attached PDFs">
            {attachments.map((a) => (
              <button key={a.id} type="button" className="button" aria-pressed={a.id === shown?.id} onClick={() => setChosen(a.id)}>
                {a.fileName}
              </button>
            ))}
          </div>
        )}
        {shown && (
          <button
            type="button"
            className="button button--quiet-danger"
            onClick={() => {
              setError(null);
              detachPdf(store, shown.id).catch((err: unknown) => setError(errorMessage(err)));
            }}
          >
            Detach {shown.fileName}
          </button>
        )}
      </div>
      {busy && <p role="status">{busy}</p>}
      {error && (
        <p role="alert" className="fulltext-pane__error">
          {error}
        </p>
      )}
      {list.error && <p role="alert">{errorMessage(list.error)}</p>}
      <div
        className="fulltext-pane__view"
        data-dragging={dragging || undefined}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        {shown ? (
          <PdfFrame attachment={shown} />
        ) : (
          <p className="muted">No full text yet: drop the PDF here, or choose it with “Attach PDF…”.</p>
        )}
      </div>
    </section>
  );
}
