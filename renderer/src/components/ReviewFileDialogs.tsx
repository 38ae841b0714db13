import { useEffect, useId, useState, type FormEvent } from 'react';
import { errorMessage, useClient } from '../api/client.ts';
import { useWorkspace } from '../data/queries.ts';
import { useAppStore } from '../store/app.ts';
import { Dialog } from './Dialog.tsx';
import { page } from './ImportRevmanDialog.tsx';

// The browser host's File › New review…, Open review… and Save a copy as… (issue 12 item 7),
// over the workspace.* methods. New and Open make the backend open another review (closing
// the open one, which releases its lock); the page then reloads, as after an import, since
// everything it holds belongs to the old review. Edits waiting for their autosave are saved
// to the review they were made in first.

type Busy = { readonly busy: boolean; readonly error: string | null };
const IDLE: Busy = { busy: false, error: null };

/** Runs a file switch: flush pending edits, call, reload on success, or show the error. */
function useSwitch() {
  const store = useAppStore();
  const [state, setState] = useState<Busy>(IDLE);
  const run = async (call: () => Promise<unknown>) => {
    setState({ busy: true, error: null });
    try {
      await store.getState().flushAll();
      await call();
      page.reload();
    } catch (err) {
      setState({ busy: false, error: errorMessage(err) });
    }
  };
  return { state, run, reset: () => setState(IDLE) };
}

function ErrorNotice({ message, title }: { message: string | null; title: string }) {
  if (!message) return null;
  return (
    <div className="notice notice--error" role="alert">
      <p className="import-rm5__error-title">{title}</p>
      <p>{message}</p>
    </div>
  );
}

export function NewReviewDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const client = useClient();
  const { state, run, reset } = useSwitch();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const nameId = useId();
  const titleId = useId();
  useEffect(() => {
    if (open) {
      reset();
      setName('');
      setTitle('');
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => client.call('workspace.new', { name, ...(title.trim() ? { title } : {}) }));
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !state.busy && onOpenChange(next)}
      title="New review"
      description="Grove creates an empty review in your Grove data folder and opens it. The open review is saved and closed."
      footer={
        <>
          <button type="button" className="button" onClick={() => onOpenChange(false)} disabled={state.busy}>
            Cancel
          </button>
          <button type="submit" form="new-review-form" className="button button--primary" disabled={state.busy || name.trim() === ''}>
            {state.busy ? 'Creating…' : 'Create and open'}
          </button>
        </>
      }
    >
      <form id="new-review-form" className="file-dialog" onSubmit={submit}>
        <ErrorNotice title="No review was created" message={state.error} />
        <label htmlFor={nameId}>File name</label>
        <input
          id={nameId}
          className="input"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          placeholder="My review"
          autoFocus
        />
        <label htmlFor={titleId}>Review title (optional)</label>
        <input id={titleId} className="input" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
      </form>
    </Dialog>
  );
}

export function OpenReviewDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const client = useClient();
  const workspace = useWorkspace(open);
  const { state, run, reset } = useSwitch();
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const inputId = useId();
  useEffect(() => {
    if (open) {
      reset();
      setUploadPercent(null);
      void workspace.refetch();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const upload = (file: File) => {
    const send = client.upload;
    if (!send) return;
    void run(async () => {
      setUploadPercent(0);
      const { uploadToken } = await send(file, file.name, setUploadPercent);
      setUploadPercent(null);
      await client.call('workspace.open', { fileName: file.name, uploadToken });
    }).finally(() => setUploadPercent(null));
  };

  const files = workspace.data?.files ?? [];
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !state.busy && onOpenChange(next)}
      title="Open review"
      description={
        workspace.data ? (
          <>
            Reviews in your Grove data folder, <code>{workspace.data.folder}</code>. The open review is saved and closed.
          </>
        ) : (
          'Reviews in your Grove data folder.'
        )
      }
      footer={
        <button type="button" className="button" onClick={() => onOpenChange(false)} disabled={state.busy}>
          Cancel
        </button>
      }
    >
      <div className="file-dialog">
        <ErrorNotice title="The review was not opened" message={state.error ?? (workspace.error ? errorMessage(workspace.error) : null)} />
        {files.length === 0 && workspace.data ? <p className="muted">There are no reviews in the data folder yet.</p> : null}
        <ul className="file-dialog__list" aria-label="Reviews in the data folder">
          {files.map((f) => (
            <li key={f.path}>
              <button
                type="button"
                className="button button--ghost file-dialog__file"
                disabled={state.busy || f.open}
                title={f.path}
                onClick={() => void run(() => client.call('workspace.open', { path: f.path }))}
              >
                <span className="file-dialog__name">{f.name}</span>
                <span className="muted">{f.open ? 'open now' : f.modifiedAt ? new Date(f.modifiedAt).toLocaleString() : ''}</span>
              </button>
            </li>
          ))}
        </ul>
        {client.upload ? (
          <div className="import-rm5__drop">
            <label className="import-rm5__label" htmlFor={inputId}>
              Or open a review file from elsewhere (.grove)
            </label>
            <input
              id={inputId}
              type="file"
              accept=".grove"
              disabled={state.busy}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (file) upload(file);
              }}
            />
            <p className="muted">It is copied into the data folder and opened there.</p>
            {uploadPercent !== null ? (
              <div
                className="progress"
                role="progressbar"
                aria-label="Sending file"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={uploadPercent}
              >
                <div className="progress__bar" style={{ width: `${uploadPercent}%` }} />
              </div>
            ) : null}
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}

export function SaveCopyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const client = useClient();
  const store = useAppStore();
  const [name, setName] = useState('');
  const [state, setState] = useState<Busy>(IDLE);
  const nameId = useId();
  useEffect(() => {
    if (open) {
      setState(IDLE);
      setName('');
    }
  }, [open]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ busy: true, error: null });
    try {
      await store.getState().flushAll();
      const { file } = await client.call('workspace.saveCopy', { name });
      store.getState().pushToast({ title: `Saved a copy as ${file.name}`, description: file.path });
      onOpenChange(false);
    } catch (err) {
      setState({ busy: false, error: errorMessage(err) });
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !state.busy && onOpenChange(next)}
      title="Save a copy as"
      description="A copy of the review as it is now goes into your Grove data folder. You keep working on the open review."
      footer={
        <>
          <button type="button" className="button" onClick={() => onOpenChange(false)} disabled={state.busy}>
            Cancel
          </button>
          <button type="submit" form="save-copy-form" className="button button--primary" disabled={state.busy || name.trim() === ''}>
            {state.busy ? 'Saving…' : 'Save copy'}
          </button>
        </>
      }
    >
      <form id="save-copy-form" className="file-dialog" onSubmit={(e) => void submit(e)}>
        <ErrorNotice title="No copy was saved" message={state.error} />
        <label htmlFor={nameId}>File name of the copy</label>
        <input id={nameId} className="input" value={name} onChange={(e) => setName(e.currentTarget.value)} autoFocus />
      </form>
    </Dialog>
  );
}
