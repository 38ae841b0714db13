import { useRef, useState } from 'react';
import { describeProgress, type ColumnChoices, type ExportPreview, type ImportSummary } from '@grove/shared';
import { errorMessage, useClient } from '../../api/client.ts';
import { useBackendProgress } from '../../api/use-backend-progress.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { NumberField, SelectField, TextField } from '../../components/fields.tsx';
import { useAppStore } from '../../store/app.ts';
import { STREAM_FROM_BYTES } from '../../components/ImportRevmanDialog.tsx';
import { bytesToBase64 } from './bytes.ts';
import { ColumnMapping } from './ColumnMapping.tsx';
import { chooseColumn } from './column-mapping.ts';
import { importExport, previewExport, runDedupe, type ExportFile } from './mutations.ts';

// Importing one database export: choose the file → see the format Grove detected and its
// first records (for a CSV, which column each field is read from, to correct) → say which
// search it is → import it (one transaction) and remove
// duplicates against the records already in the review, with a progress bar through
// reading, importing and deduplicating.

type Step =
  | { kind: 'file' }
  | { kind: 'preview'; file: ExportFile; preview: ExportPreview; columns: ColumnChoices }
  | { kind: 'details'; file: ExportFile; preview: ExportPreview; columns: ColumnChoices }
  | { kind: 'running'; phase: 'import' | 'dedupe' }
  | { kind: 'done'; summary: ImportSummary; merged: number; queued: number };

const FORMAT_LABELS: Record<string, string> = {
  ris: 'RIS',
  medline: 'PubMed / MEDLINE',
  wos: 'Web of Science',
  'endnote-xml': 'EndNote XML',
  bibtex: 'BibTeX',
  csv: 'CSV',
};

const today = () => new Date().toISOString().slice(0, 10);

export function ImportWizard(props: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const client = useClient();
  const store = useAppStore();
  const [step, setStep] = useState<Step>({ kind: 'file' });
  const [reading, setReading] = useState<number | null>(null);
  const [remapping, setRemapping] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [source, setSource] = useState('');
  const [kind, setKind] = useState<'database' | 'other'>('database');
  const [iface, setIface] = useState('');
  const [searchedOn, setSearchedOn] = useState(today);
  const [hits, setHits] = useState<number | null>(null);
  const [strategy, setStrategy] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  const reset = () => {
    setStep({ kind: 'file' });
    setError(null);
    setReading(null);
    setSource('');
    setIface('');
    setHits(null);
    setStrategy('');
    setSearchedOn(today());
  };
  const close = (open: boolean) => {
    if (!open && step.kind === 'running') return;
    props.onOpenChange(open);
    if (!open) reset();
  };

  const previewFile = async (file: ExportFile) => {
    try {
      const preview = await previewExport(client, file);
      setStep({ kind: 'preview', file, preview, columns: {} });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setReading(null);
    }
  };

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setError(null);
    // A large export (hundreds of MB) streams to the host instead of travelling as base64 in a call.
    if (client.upload && chosen.size > STREAM_FROM_BYTES) {
      setReading(0);
      client
        .upload(chosen, chosen.name, (percent) => setReading(percent / 100))
        .then(({ uploadToken }) => previewFile({ fileName: chosen.name, uploadToken }))
        .catch((err: unknown) => {
          setError(errorMessage(err));
          setReading(null);
        });
      return;
    }
    const reader = new FileReader();
    reader.onprogress = (e) => setReading(e.lengthComputable && e.total > 0 ? e.loaded / e.total : null);
    reader.onerror = () => setError(`${chosen.name} could not be read.`);
    reader.onload = () => {
      setReading(1);
      const file = { fileName: chosen.name, contentBase64: bytesToBase64(new Uint8Array(reader.result as ArrayBuffer)) };
      if (file.contentBase64 === '') {
        setError(`${chosen.name} is empty; there is nothing to import.`);
        setReading(null);
        return;
      }
      void previewFile(file);
    };
    setReading(0);
    reader.readAsArrayBuffer(chosen);
  };

  /** A changed column: the preview is read again with every choice so far. */
  const remap = async (field: Parameters<typeof chooseColumn>[1], header: string | null) => {
    if (step.kind !== 'preview') return;
    const columns = chooseColumn(step.columns, field, header);
    setRemapping(true);
    setError(null);
    try {
      const preview = await previewExport(client, step.file, columns);
      setStep({ kind: 'preview', file: step.file, preview, columns });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRemapping(false);
    }
  };

  const run = async (file: ExportFile, columns: ColumnChoices) => {
    setError(null);
    setStep({ kind: 'running', phase: 'import' });
    try {
      const search = { source, kind, interface: iface, searchedOn, strategy, hitsReported: hits };
      const summary = await importExport(store, file, search, Object.keys(columns).length > 0 ? columns : undefined);
      setStep({ kind: 'running', phase: 'dedupe' });
      const dedupe = await runDedupe(store);
      setStep({ kind: 'done', summary, merged: dedupe.merged, queued: dedupe.queued });
    } catch (err) {
      setError(errorMessage(err));
      setStep({ kind: 'file' });
    }
  };

  const progress = step.kind === 'running' ? (step.phase === 'import' ? 1 : 2) : step.kind === 'done' ? 3 : 0;
  const backend = useBackendProgress(step.kind === 'running');
  const detailsError = step.kind === 'details' && source.trim() === '' ? 'Name the database or source searched.' : null;

  return (
    <Dialog
      open={props.open}
      onOpenChange={close}
      wide
      title="Import records"
      description="One export file is one search: its records are kept with their raw text, and duplicates are removed against the records already in the review."
      footer={
        step.kind === 'preview' ? (
          <>
            <button type="button" className="button" onClick={reset}>
              Choose another file
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={remapping || step.preview.unmapped !== undefined}
              onClick={() => setStep({ ...step, kind: 'details' })}
            >
              Next: search details
            </button>
          </>
        ) : step.kind === 'details' ? (
          <>
            <button type="button" className="button" onClick={() => setStep({ ...step, kind: 'preview' })}>
              Back
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={detailsError !== null}
              onClick={() => void run(step.file, step.columns)}
            >
              Import {step.preview.total} records
            </button>
          </>
        ) : step.kind === 'done' ? (
          <>
            <button type="button" className="button" onClick={reset}>
              Import another file
            </button>
            <button type="button" className="button button--primary" onClick={() => close(false)}>
              Done
            </button>
          </>
        ) : null
      }
    >
      <ol className="records-wizard__steps" aria-label="Steps">
        {['File', 'Preview', 'Search details', 'Import'].map((label, i) => {
          const at = { file: 0, preview: 1, details: 2, running: 3, done: 3 }[step.kind];
          return (
            <li key={label} aria-current={i === at ? 'step' : undefined} className={i < at ? 'is-done' : i === at ? 'is-current' : ''}>
              {label}
            </li>
          );
        })}
      </ol>
      {error ? (
        <p role="alert" className="records-wizard__error">
          {error}
        </p>
      ) : null}

      {step.kind === 'file' ? (
        <div className="field">
          <label htmlFor="records-import-file" className="field__label">
            Export file
          </label>
          <p className="field__hint" id="records-import-file-hint">
            RIS, PubMed/MEDLINE (.nbib, .txt), Web of Science (.ciw, .txt), EndNote XML, BibTeX or CSV. The format is detected from the
            content.
          </p>
          <input
            ref={inputRef}
            id="records-import-file"
            type="file"
            aria-describedby="records-import-file-hint"
            onChange={(e) => choose(e.target.files?.[0])}
          />
          {reading !== null ? (
            <progress className="records-wizard__progress" aria-label="Reading the file" value={reading} max={1} />
          ) : null}
        </div>
      ) : null}

      {step.kind === 'preview' ? (
        <>
          {step.preview.unmapped ? (
            <p role="alert" className="records-wizard__error" data-testid="unmapped">
              {step.preview.fileName}, {step.preview.unmapped}. Choose below which column holds the titles (or the DOIs).
            </p>
          ) : (
            <Preview preview={step.preview} />
          )}
          {step.preview.csv ? (
            <ColumnMapping csv={step.preview.csv} disabled={remapping} onChange={(field, header) => void remap(field, header)} />
          ) : null}
        </>
      ) : null}

      {step.kind === 'details' ? (
        <div className="records-wizard__details">
          <p>
            <strong>{step.preview.fileName}</strong>: {step.preview.total} records (
            {FORMAT_LABELS[step.preview.format] ?? step.preview.format})
          </p>
          <div className="field-row">
            <TextField label="Database or source" value={source} onChange={setSource} required autoFocus error={detailsError} />
            <SelectField
              label="Kind of source"
              value={kind}
              onChange={setKind}
              options={[
                { value: 'database', label: 'Database or register' },
                { value: 'other', label: 'Other method (citation search, websites, …)' },
              ]}
            />
          </div>
          <div className="field-row">
            <TextField label="Interface" hint="Ovid, EBSCOhost, PubMed, …" value={iface} onChange={setIface} />
            <TextField label="Date searched" type="date" value={searchedOn} onChange={setSearchedOn} required />
            <NumberField
              label="Records the database reported"
              hint="Leave empty if not known."
              value={hits}
              onChange={setHits}
              nullable
              integer
            />
          </div>
          <TextField label="Search strategy" multiline rows={5} value={strategy} onChange={setStrategy} />
        </div>
      ) : null}

      {step.kind === 'running' || step.kind === 'done' ? (
        <div className="records-wizard__run">
          <progress className="records-wizard__progress" aria-label="Import progress" value={progress} max={3} />
          <p aria-live="polite">
            {step.kind === 'running'
              ? step.phase === 'import'
                ? 'Importing the records…'
                : 'Removing duplicates against the records in the review…'
              : 'Imported.'}
          </p>
          {backend ? (
            <div className="records-wizard__phase">
              <progress
                className="records-wizard__progress"
                aria-label={backend.operation}
                value={backend.done}
                max={Math.max(1, backend.total)}
              />
              <p>{describeProgress(backend)}</p>
            </div>
          ) : null}
          {step.kind === 'done' ? <Done summary={step.summary} merged={step.merged} queued={step.queued} /> : null}
        </div>
      ) : null}
    </Dialog>
  );
}

function Preview({ preview }: { preview: ExportPreview }) {
  return (
    <div className="records-wizard__preview">
      <p>
        <strong>{preview.fileName}</strong> reads as <strong>{FORMAT_LABELS[preview.format] ?? preview.format}</strong> ({preview.encoding}
        ): <strong data-testid="preview-total">{preview.total}</strong> records.
      </p>
      {preview.skipped.length > 0 ? (
        <div role="status" className="records-wizard__skipped">
          <p>{preview.skipped.length} record(s) cannot be read and will be skipped:</p>
          <ul>
            {preview.skipped.slice(0, 10).map((p) => (
              <li key={`${p.line}:${p.message}`}>
                line {p.line}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview.warnings.map((w) => (
        <p key={`${w.line}:${w.message}`} className="records-wizard__warning">
          Line {w.line}: {w.message}
        </p>
      ))}
      <table className="records-table records-table--static">
        <caption>The first records</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Authors</th>
            <th scope="col">Year</th>
            <th scope="col">Journal</th>
          </tr>
        </thead>
        <tbody>
          {preview.first.map((r) => (
            <tr key={r.sourceId}>
              <td>{r.title ?? '—'}</td>
              <td>{authorsShort(r.authors)}</td>
              <td>{r.year ?? '—'}</td>
              <td>{r.journal ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Done(props: { summary: ImportSummary; merged: number; queued: number }) {
  const { summary } = props;
  return (
    <dl className="records-wizard__summary" data-testid="import-summary">
      <dt>Records imported</dt>
      <dd>{summary.recordsParsed}</dd>
      <dt>Reported by the database</dt>
      <dd>{summary.hitsReported ?? 'not given'}</dd>
      <dt>Skipped</dt>
      <dd>
        {summary.skipped.length === 0
          ? 'none'
          : summary.skipped.map((p) => (
              <span key={p.line} className="records-wizard__skip">
                line {p.line}: {p.message}
              </span>
            ))}
      </dd>
      <dt>Duplicates merged</dt>
      <dd>{props.merged}</dd>
      <dt>Pairs for review</dt>
      <dd>{props.queued}</dd>
    </dl>
  );
}

export function authorsShort(authors: readonly string[]): string {
  if (authors.length === 0) return '—';
  return authors.length > 3 ? `${authors.slice(0, 3).join('; ')}; et al.` : authors.join('; ');
}
