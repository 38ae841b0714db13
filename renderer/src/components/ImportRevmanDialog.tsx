import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, type ResultOf } from '@grove/shared';
import { errorMessage, useClient } from '../api/client.ts';
import { useAppInfo } from '../data/queries.ts';
import { useAppStore } from '../store/app.ts';
import { Dialog } from './Dialog.tsx';

// File › Import RevMan file…: the .rm5 file is read in the page (FileReader, with a
// determinate progress bar, since large reviews take a moment), sent as base64 to
// files.importRevman, which makes a new review beside the open one and OPENS it. In the
// browser a large file is instead streamed to the host's upload path (a JSON call could
// not carry it) and its token is passed to files.importRevman. From
// then on the page's data belongs to the old review, so the report's only way out is a
// reload of the page, which shows the imported review. On an error nothing was created
// and nothing is reloaded: the message is shown and another file can be chosen.

type ImportResult = ResultOf<'files.importRevman'>;

type Phase =
  | { readonly kind: 'choose' }
  | { readonly kind: 'reading'; readonly name: string; readonly percent: number }
  | { readonly kind: 'uploading'; readonly name: string; readonly percent: number }
  | { readonly kind: 'importing'; readonly name: string }
  | { readonly kind: 'done'; readonly result: ImportResult }
  | { readonly kind: 'error'; readonly message: string };

/** The contract takes at most 56,000,000 base64 characters: about 42 MB of file. */
const MAX_FILE_BYTES = Math.floor((56_000_000 / 4) * 3);

/**
 * `grove serve` takes API calls of up to 20 MiB (MAX_BODY_BYTES in cli/src/http/server.ts):
 * a file whose base64 would not fit is refused here when the host offers no upload path.
 */
const HTTP_MAX_FILE_BYTES = Math.floor(((20 * 1024 * 1024 - 4096) / 4) * 3);
/** Files above this go through the streamed upload path where there is one (with its own progress). */
export const STREAM_FROM_BYTES = 4 * 1024 * 1024;
/** The largest RevMan file the backend reads from an upload (MAX_IMPORT_BYTES in files-handlers.ts). */
const MAX_UPLOADED_BYTES = 512 * 1024 * 1024;

/** Reloads the page (tests replace `reload`: jsdom cannot navigate). */
export const page = {
  reload: (): void => window.location.reload(),
};

/** What the import brought in, in the order RevMan users think of it. */
const COUNT_LABELS: readonly [key: string, label: string][] = [
  ['studies', 'Studies'],
  ['references', 'References'],
  ['characteristics', 'Characteristics'],
  ['riskOfBiasJudgements', 'Risk-of-bias judgements'],
  ['riskOfBiasItemsAdded', 'Risk-of-bias items added to the tool'],
  ['comparisons', 'Comparisons'],
  ['analyses', 'Outcomes'],
  ['subgroups', 'Subgroups'],
  ['dataRows', 'Data rows'],
];
/** Shown even when zero, so "0 subgroups" is said rather than left out. */
const ALWAYS_SHOWN = new Set([
  'studies',
  'references',
  'characteristics',
  'riskOfBiasJudgements',
  'comparisons',
  'analyses',
  'subgroups',
  'dataRows',
]);

function humanise(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function importedRows(imported: Readonly<Record<string, number>>): [label: string, count: number][] {
  const known = new Set(COUNT_LABELS.map(([k]) => k));
  const rows: [string, number][] = [];
  for (const [key, label] of COUNT_LABELS) {
    const n = imported[key];
    if (n === undefined) continue;
    if (n === 0 && !ALWAYS_SHOWN.has(key)) continue;
    rows.push([label, n]);
  }
  for (const [key, n] of Object.entries(imported)) if (!known.has(key)) rows.push([humanise(key), n]);
  return rows;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why a file cannot be imported before reading it, or null. */
function fileProblem(file: File, host: string | undefined, canUpload: boolean): string | null {
  if (!/\.(rm5|zip)$/i.test(file.name))
    return `${file.name} is not a RevMan file: choose a RevMan 5 file (.rm5) or a RevMan Web data package (.zip).`;
  if (file.size === 0) return `${file.name} is empty.`;
  if (canUpload)
    return file.size > MAX_UPLOADED_BYTES
      ? `${file.name} is ${formatSize(file.size)}; Grove imports RevMan files of up to ${formatSize(MAX_UPLOADED_BYTES)}.`
      : null;
  if (file.size > MAX_FILE_BYTES)
    return `${file.name} is ${formatSize(file.size)}; Grove imports RevMan files of up to ${formatSize(MAX_FILE_BYTES)}.`;
  if (host === 'http' && file.size > HTTP_MAX_FILE_BYTES)
    return `${file.name} is ${formatSize(file.size)}; in the browser Grove takes RevMan files of up to ${formatSize(HTTP_MAX_FILE_BYTES)}. Import it in the desktop app, or with \`grove new OUT.grove --from FILE.rm5\`.`;
  return null;
}

export function ImportRevmanDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const client = useClient();
  const store = useAppStore();
  const info = useAppInfo().data;
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const [dragging, setDragging] = useState(false);
  const reader = useRef<FileReader | null>(null);
  const uploading = useRef<AbortController | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  // Each opening starts afresh.
  useEffect(() => {
    if (open) setPhase({ kind: 'choose' });
  }, [open]);

  // Focus: the way on after the report; the file input again after an error.
  useEffect(() => {
    if (phase.kind === 'done') openRef.current?.focus();
    if (phase.kind === 'error') inputRef.current?.focus();
  }, [phase.kind]);

  const busy = phase.kind === 'reading' || phase.kind === 'uploading' || phase.kind === 'importing';

  const start = (file: File) => {
    const problem = fileProblem(file, info?.host, client.upload !== undefined);
    if (problem) {
      setPhase({ kind: 'error', message: problem });
      return;
    }
    if (client.upload && file.size > STREAM_FROM_BYTES) {
      void streamThenImport(client.upload, file);
      return;
    }
    setPhase({ kind: 'reading', name: file.name, percent: 0 });
    const r = new FileReader();
    reader.current = r;
    r.onprogress = (e) => {
      if (reader.current !== r) return;
      const total = e.lengthComputable && e.total > 0 ? e.total : file.size;
      setPhase({ kind: 'reading', name: file.name, percent: Math.min(100, Math.floor((e.loaded / total) * 100)) });
    };
    r.onerror = () => {
      if (reader.current !== r) return;
      reader.current = null;
      setPhase({ kind: 'error', message: `${file.name} could not be read: ${r.error?.message ?? 'the file is not readable'}.` });
    };
    r.onload = () => {
      if (reader.current !== r) return;
      reader.current = null;
      const url = typeof r.result === 'string' ? r.result : '';
      const comma = url.indexOf(',');
      void send(file.name, comma >= 0 ? url.slice(comma + 1) : '');
    };
    r.readAsDataURL(file);
  };

  const streamThenImport = async (upload: NonNullable<typeof client.upload>, file: File) => {
    const controller = new AbortController();
    uploading.current = controller;
    setPhase({ kind: 'uploading', name: file.name, percent: 0 });
    let uploadToken: string;
    try {
      ({ uploadToken } = await upload(
        file,
        file.name,
        (percent) => {
          if (uploading.current === controller) setPhase({ kind: 'uploading', name: file.name, percent });
        },
        controller.signal,
      ));
    } catch (err) {
      if (uploading.current !== controller) return; // cancelled: already back to choosing
      uploading.current = null;
      setPhase({ kind: 'error', message: errorMessage(err) });
      return;
    }
    if (uploading.current !== controller) return;
    uploading.current = null;
    await send(file.name, { uploadToken });
  };

  const send = async (fileName: string, content: string | { uploadToken: string }) => {
    setPhase({ kind: 'importing', name: fileName });
    try {
      // Edits still waiting for their autosave go to the review they were made in.
      await store.getState().flushAll();
      const result = await client.call(
        'files.importRevman',
        typeof content === 'string' ? { fileName, contentBase64: content } : { fileName, uploadToken: content.uploadToken },
      );
      setPhase({ kind: 'done', result });
    } catch (err) {
      // The backend names the file and what is wrong with it; nothing was created.
      const message = err instanceof ApiError ? err.message : errorMessage(err);
      setPhase({ kind: 'error', message });
    }
  };

  const cancelReading = () => {
    const r = reader.current;
    reader.current = null;
    r?.abort();
    const u = uploading.current;
    uploading.current = null;
    u?.abort();
    setPhase({ kind: 'choose' });
  };

  const handleOpenChange = (next: boolean) => {
    if (next) return onOpenChange(true);
    // The backend is already switching reviews: the dialog stays until it has.
    if (phase.kind === 'importing') return;
    if (phase.kind === 'reading' || phase.kind === 'uploading') cancelReading();
    // The imported review is open in the backend: the page must show it, not the old one.
    if (phase.kind === 'done') return page.reload();
    onOpenChange(false);
  };

  // Drag and drop: a file dropped anywhere on the dialog is taken; one dropped beside it is
  // ignored (rather than the browser leaving the app to show the file).
  const zoneRef = useRef<HTMLDivElement>(null);
  const startRef = useRef(start);
  startRef.current = start;
  const accepting = open && !busy && phase.kind !== 'done';
  useEffect(() => {
    if (!open) return;
    const onDialog = (e: Event) => {
      const dialog = zoneRef.current?.closest('[role="dialog"]');
      return !!dialog && e.target instanceof Node && dialog.contains(e.target);
    };
    const onDragOver = (e: DragEvent) => {
      e.preventDefault();
      const here = accepting && onDialog(e);
      if (e.dataTransfer) e.dataTransfer.dropEffect = here ? 'copy' : 'none';
      setDragging(here);
    };
    const onDragLeave = (e: DragEvent) => {
      if (!e.relatedTarget) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file && accepting && onDialog(e)) startRef.current(file);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragenter', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragenter', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
      setDragging(false);
    };
  }, [open, accepting]);

  const footer =
    phase.kind === 'done' ? (
      <button ref={openRef} type="button" className="button button--primary" onClick={() => page.reload()}>
        Open the imported review
      </button>
    ) : phase.kind === 'reading' || phase.kind === 'uploading' ? (
      <button type="button" className="button" onClick={cancelReading}>
        Cancel
      </button>
    ) : phase.kind === 'importing' ? null : (
      <button type="button" className="button" onClick={() => handleOpenChange(false)}>
        Cancel
      </button>
    );

  return (
    <Dialog
      open={open}
      onOpenChange={handleOpenChange}
      title={phase.kind === 'done' ? 'RevMan file imported' : 'Import RevMan file'}
      description={
        phase.kind === 'done'
          ? null
          : 'Grove makes a new review from a RevMan 5 file (.rm5) or a RevMan Web data package (.zip), saves it next to the open review and opens it. The open review is not changed.'
      }
      footer={footer}
    >
      <div className={`import-rm5${dragging ? ' is-dragging' : ''}`} data-testid="import-rm5" ref={zoneRef}>
        {phase.kind === 'choose' || phase.kind === 'error' ? (
          <>
            {phase.kind === 'error' ? (
              <div className="notice notice--error import-rm5__error" role="alert" id={errorId}>
                <p className="import-rm5__error-title">Nothing was imported</p>
                <p>{phase.message}</p>
              </div>
            ) : null}
            <div className="import-rm5__drop">
              <label className="import-rm5__label" htmlFor={inputId}>
                RevMan 5 file (.rm5) or RevMan Web package (.zip)
              </label>
              <input
                ref={inputRef}
                id={inputId}
                className="import-rm5__input"
                type="file"
                accept=".rm5,.zip"
                aria-describedby={phase.kind === 'error' ? `${hintId} ${errorId}` : hintId}
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  e.currentTarget.value = '';
                  if (file) start(file);
                }}
              />
              <p className="muted import-rm5__hint" id={hintId}>
                or drop the file here.
              </p>
            </div>
          </>
        ) : phase.kind === 'reading' || phase.kind === 'uploading' ? (
          <div className="import-rm5__progress">
            <p className="import-rm5__file">{phase.name}</p>
            <div
              className="progress"
              role="progressbar"
              aria-label={phase.kind === 'reading' ? 'Reading file' : 'Sending file'}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={phase.percent}
            >
              <div className="progress__bar" style={{ width: `${phase.percent}%` }} />
            </div>
            <p className="import-rm5__step" aria-live="polite">
              {phase.kind === 'reading' ? 'Reading file…' : 'Sending file to Grove…'} {phase.percent}%
            </p>
          </div>
        ) : phase.kind === 'importing' ? (
          <div className="import-rm5__progress">
            <p className="import-rm5__file">{phase.name}</p>
            <div className="progress progress--indeterminate" role="progressbar" aria-label="Importing and checking" aria-busy="true">
              <div className="progress__bar" />
            </div>
            <p className="import-rm5__step" aria-live="polite">
              Importing and checking… This cannot be stopped; large reviews take a little while.
            </p>
          </div>
        ) : (
          <ImportReport result={phase.result} />
        )}
      </div>
    </Dialog>
  );
}

function ImportReport({ result }: { result: ImportResult }) {
  const rows = importedRows(result.report.imported);
  const skipped = result.report.skipped;
  return (
    <div className="import-report" data-testid="import-report">
      <p>
        Saved as <strong className="import-report__name">{result.file.name}</strong>
        <br />
        <span className="import-report__path" title={result.file.path}>
          {result.file.path}
        </span>
      </p>
      <table className="import-report__counts" aria-label="Brought in">
        <caption>Brought in</caption>
        <tbody>
          {rows.map(([label, n]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{n.toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="import-report__skipped" aria-labelledby="import-report-skipped">
        <h3 id="import-report-skipped" className="import-report__heading">
          {skipped.length ? `Not brought in (${skipped.length})` : 'Nothing was skipped'}
        </h3>
        {skipped.length ? (
          <ul>
            {skipped.map((s, i) => (
              <li key={`${i}-${s.what}`}>
                <span className="import-report__what">{s.what}</span>: {s.reason}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <p className="muted">The imported review is already open in Grove; this window shows the old one until you continue.</p>
    </div>
  );
}
