import { useRef, useState } from 'react';
import type { DataRow, OutcomeDetail, RowProvenance, RowValues } from '@grove/shared';
import { isBlock, parseBlock, placeBlock } from './paste-block.ts';
import { columnsFor, readRow, textsOfValues, type EnterableType, type RowTexts } from './row-entry.ts';
import { Select } from '../../components/fields.tsx';

// An outcome's data table, one row per study (and subgroup), laid out as RevMan lays it
// out for the data type. Direct and detached rows are typed into: Enter and ↑/↓ move down
// and up a column, ←/→ at the ends of a cell move across, Esc puts the row back; a row is
// saved when a cell is left, if every cell reads (the message is at the cell otherwise).
// Derived rows are computed from the arm-level extraction: they say where they come from
// and are read-only until detached with a reason. A tab-separated block pasted into a cell
// (from Excel or RevMan) fills the cells from there right and down, each read as if typed,
// and is saved as one change (one undo) only when every cell reads.

export interface DataTableActions {
  update(rowId: string, values: RowValues): Promise<void>;
  /** Several rows as one change: all or none. */
  updateMany(rows: readonly { rowId: string; values: RowValues }[]): Promise<void>;
  remove(row: DataRow): Promise<void>;
  detach(studyId: string, reason: string): Promise<void>;
  create(studyId: string, subgroupId: string | null, values: RowValues): Promise<void>;
}

const ORIGIN_LABELS = { direct: 'Entered', derived: 'Derived', detached: 'Detached' } as const;

export function provenanceText(p: RowProvenance): string {
  const arms = (list: { label: string }[]) => list.map((a) => a.label).join(' + ');
  return [
    `${p.measure} at ${p.timepointLabel}`,
    `${arms(p.interventionArms)} vs ${arms(p.controlArms)}`,
    p.derivations.length ? 'arms combined (Handbook formula)' : '',
    p.flipped ? 'scale reversed to align its direction' : '',
  ]
    .filter(Boolean)
    .join('; ');
}

function cellId(r: number, c: number): string {
  return `an-cell-${r}-${c}`;
}

export function DataTable(props: { detail: OutcomeDetail; studies: readonly { id: string; label: string }[]; actions: DataTableActions }) {
  const { detail, actions } = props;
  const type = detail.outcome.dataType as EnterableType;
  const columns = columnsFor(type);
  const subgroups = detail.outcome.subgroups;
  const subgroupName = new Map(subgroups.map((s) => [s.id, `${s.number} ${s.name}`]));
  const [drafts, setDrafts] = useState<Record<string, RowTexts>>({});
  const [errors, setErrors] = useState<Record<string, Record<string, string>>>({});
  const [detaching, setDetaching] = useState<{ studyId: string; reason: string } | null>(null);
  const [adding, setAdding] = useState<{ studyId: string; subgroupId: string; texts: RowTexts } | null>(null);
  const [addErrors, setAddErrors] = useState<Record<string, string>>({});
  const [pasteError, setPasteError] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const sending = useRef(new Map<string, string>());
  const rows = detail.rows;

  const textsOf = (row: DataRow): RowTexts => drafts[row.id] ?? textsOfValues(row.values);
  const editable = (row: DataRow) => row.origin !== 'derived';

  const commit = async (row: DataRow) => {
    const texts = drafts[row.id];
    if (!texts) return;
    const read = readRow(type, texts);
    if (!read.ok) {
      setErrors((e) => ({ ...e, [row.id]: { ...read.errors } }));
      return;
    }
    setErrors((e) => ({ ...e, [row.id]: {} }));
    const json = JSON.stringify(read.values);
    // Unchanged, or already on its way (Enter saves, and the blur that follows would again).
    if (json === JSON.stringify(row.values) || sending.current.get(row.id) === json) {
      if (json === JSON.stringify(row.values)) setDrafts(({ [row.id]: _, ...rest }) => rest);
      return;
    }
    sending.current.set(row.id, json);
    try {
      await actions.update(row.id, read.values);
      setDrafts(({ [row.id]: _, ...rest }) => rest);
    } catch (err) {
      setErrors((e) => ({ ...e, [row.id]: { [columns[0]!.field]: err instanceof Error ? err.message : String(err) } }));
    } finally {
      sending.current.delete(row.id);
    }
  };

  const onPaste = (e: React.ClipboardEvent<HTMLInputElement>, r: number, c: number) => {
    const text = e.clipboardData.getData('text/plain');
    if (!isBlock(text)) return; // one value: the input takes it as typed
    e.preventDefault();
    const targets = rows.map((row) => ({ id: row.id, studyLabel: row.studyLabel, editable: editable(row), texts: textsOf(row) }));
    const placed = placeBlock(targets, columns, { row: r, col: c }, parseBlock(text));
    if (!placed.ok) {
      setPasteError(placed.message);
      return;
    }
    const read = placed.rows.map((p) => ({ row: rows[p.index]!, texts: p.texts, read: readRow(type, p.texts) }));
    // The pasted texts stay in the cells, so a cell that does not read is corrected where it is.
    setDrafts((d) => ({ ...d, ...Object.fromEntries(read.map((x) => [x.row.id, x.texts])) }));
    setErrors((x) => ({ ...x, ...Object.fromEntries(read.map((p) => [p.row.id, p.read.ok ? {} : { ...p.read.errors }])) }));
    const wrong = read.filter((p) => !p.read.ok).length;
    if (wrong > 0) {
      setPasteError(
        `${wrong === 1 ? 'One row' : `${wrong} rows`} of the pasted block ${wrong === 1 ? 'has' : 'have'} cells that do not read: nothing was saved. Correct them at the cells.`,
      );
      return;
    }
    setPasteError(null);
    const changed = read.flatMap((p) =>
      p.read.ok && JSON.stringify(p.read.values) !== JSON.stringify(p.row.values) ? [{ rowId: p.row.id, values: p.read.values }] : [],
    );
    const done = () => setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([id]) => !read.some((p) => p.row.id === id))));
    if (changed.length === 0) return done();
    // On its way: leaving the cell meanwhile must not send the focused row again on its own.
    for (const c of changed) sending.current.set(c.rowId, JSON.stringify(c.values));
    actions
      .updateMany(changed)
      .then(done, (err: unknown) => setPasteError(`The pasted block was not saved: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        for (const c of changed) sending.current.delete(c.rowId);
      });
  };

  const focusCell = (r: number, c: number) => {
    const el = tableRef.current?.querySelector<HTMLInputElement>(`#${cellId(r, c)}`);
    if (el) {
      el.focus();
      el.select();
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>, r: number, c: number, row: DataRow) => {
    const input = e.currentTarget;
    // Enter saves the row even where there is no cell below to move to.
    if (e.key === 'Enter') void commit(row);
    if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.shiftKey)) focusCell(r + 1, c);
    else if (e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey)) focusCell(r - 1, c);
    else if (e.key === 'ArrowLeft' && input.selectionStart === 0 && input.selectionEnd === 0) focusCell(r, c - 1);
    else if (e.key === 'ArrowRight' && input.selectionEnd === input.value.length) focusCell(r, c + 1);
    else if (e.key === 'Escape') {
      setDrafts(({ [row.id]: _, ...rest }) => rest);
      setErrors((x) => ({ ...x, [row.id]: {} }));
    } else return;
    e.preventDefault();
  };

  const addRow = async () => {
    if (!adding) return;
    const read = readRow(type, adding.texts);
    if (!adding.studyId) {
      setAddErrors({ study: 'Choose a study' });
      return;
    }
    if (!read.ok) {
      setAddErrors(read.errors);
      return;
    }
    try {
      await actions.create(adding.studyId, adding.subgroupId || null, read.values);
      setAdding(null);
      setAddErrors({});
    } catch (err) {
      setAddErrors({ study: err instanceof Error ? err.message : String(err) });
    }
  };

  const label = (row: DataRow, c: number) =>
    `${columns[c]!.label}${columns[c]!.group ? ` (${columns[c]!.group === 1 ? 'experimental' : 'control'})` : ''} for ${row.studyLabel}`;
  const hasGroups = columns.some((c) => c.group);

  return (
    <section className="card an-data" aria-labelledby="an-data-h">
      <h3 id="an-data-h" className="card__title">
        Data
      </h3>
      {pasteError ? (
        <p className="notice notice--error" role="alert" data-testid="paste-error">
          {pasteError}
        </p>
      ) : null}
      <div className="an-data__scroll">
        <table className="an-table an-data__table" ref={tableRef} data-testid="data-rows">
          <thead>
            {hasGroups ? (
              <tr>
                <th scope="col" colSpan={subgroups.length ? 2 : 1} />
                <th scope="colgroup" colSpan={columns.length / 2}>
                  {detail.outcome.settings.groupLabel1 || 'Experimental'}
                </th>
                <th scope="colgroup" colSpan={columns.length / 2}>
                  {detail.outcome.settings.groupLabel2 || 'Control'}
                </th>
                <th scope="col" colSpan={2} />
              </tr>
            ) : null}
            <tr>
              <th scope="col">Study</th>
              {subgroups.length ? <th scope="col">Subgroup</th> : null}
              {columns.map((c) => (
                <th key={c.field} scope="col" className="num">
                  {c.label}
                </th>
              ))}
              <th scope="col">Source</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length + 3} className="muted">
                  No study has data for this outcome yet.
                </td>
              </tr>
            ) : null}
            {rows.map((row, r) => {
              const texts = textsOf(row);
              const errs = errors[row.id] ?? {};
              return (
                <tr key={row.id} data-row={row.id} className={`an-data__row an-data__row--${row.origin}`}>
                  <th scope="row">{row.studyLabel}</th>
                  {subgroups.length ? <td>{row.subgroupId ? subgroupName.get(row.subgroupId) : '–'}</td> : null}
                  {columns.map((c, ci) => {
                    const err = errs[c.field];
                    return (
                      <td key={c.field} className={`num${err ? ' is-invalid' : ''}`}>
                        {editable(row) ? (
                          <>
                            <input
                              id={cellId(r, ci)}
                              className="an-data__cell"
                              inputMode="decimal"
                              aria-label={label(row, ci)}
                              aria-invalid={err ? true : undefined}
                              aria-describedby={err ? `${cellId(r, ci)}-err` : undefined}
                              value={texts[c.field] ?? ''}
                              onChange={(e) => setDrafts((d) => ({ ...d, [row.id]: { ...textsOf(row), [c.field]: e.target.value } }))}
                              onBlur={() => void commit(row)}
                              onKeyDown={(e) => onKeyDown(e, r, ci, row)}
                              onPaste={(e) => onPaste(e, r, ci)}
                            />
                            {err ? (
                              <span id={`${cellId(r, ci)}-err`} className="cell__error">
                                {err}
                              </span>
                            ) : null}
                          </>
                        ) : (
                          <span aria-label={label(row, ci)}>{texts[c.field]}</span>
                        )}
                      </td>
                    );
                  })}
                  <td className="an-data__source">
                    <span className={`an-origin an-origin--${row.origin}`}>{ORIGIN_LABELS[row.origin]}</span>
                    {row.origin === 'derived' ? <span className="an-data__prov">{provenanceText(row.provenance)}</span> : null}
                    {row.origin === 'detached' ? (
                      <span className="an-data__prov">
                        Overridden: {row.reason}
                        {row.provenance ? ` (was ${provenanceText(row.provenance)})` : ''}
                      </span>
                    ) : null}
                    {row.footnote ? <span className="an-data__prov">Footnote: {row.footnote}</span> : null}
                  </td>
                  <td className="an-data__actions">
                    {row.origin === 'derived' ? (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => setDetaching({ studyId: row.studyId, reason: '' })}
                      >
                        Detach…
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button button--small button--ghost"
                        aria-label={
                          row.origin === 'detached'
                            ? `Reattach the derived row of ${row.studyLabel}`
                            : `Delete the row of ${row.studyLabel}`
                        }
                        onClick={() => void actions.remove(row)}
                      >
                        {row.origin === 'detached' ? 'Reattach' : 'Delete'}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {detaching ? (
        <form
          className="an-data__detach"
          aria-label="Detach the derived row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!detaching.reason.trim()) return;
            void actions.detach(detaching.studyId, detaching.reason.trim()).then(() => setDetaching(null));
          }}
        >
          <p>
            Detaching keeps this row’s numbers in the outcome as the reviewer’s own: it stops following the extraction and can then be
            edited. The reason goes to the audit log.
          </p>
          <div className="field">
            <label className="field__label" htmlFor="an-detach-reason">
              Why is the derived row overridden? <span className="grade-required">required</span>
            </label>
            <input
              id="an-detach-reason"
              autoFocus
              value={detaching.reason}
              onChange={(e) => setDetaching({ ...detaching, reason: e.target.value })}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary button--small" disabled={!detaching.reason.trim()}>
              Detach and override
            </button>
            <button type="button" className="button button--small" onClick={() => setDetaching(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}

      {adding ? (
        <form
          className="an-data__add"
          aria-label="Add a row"
          onSubmit={(e) => {
            e.preventDefault();
            void addRow();
          }}
        >
          <div className={`field${addErrors.study ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor="an-add-study">
              Study
            </label>
            <Select
              id="an-add-study"
              value={adding.studyId}
              onChange={(studyId) => setAdding({ ...adding, studyId })}
              options={[{ value: '', label: '— choose —' }, ...props.studies.map((s) => ({ value: s.id, label: s.label }))]}
            />
            {addErrors.study ? <p className="field__error">{addErrors.study}</p> : null}
          </div>
          {subgroups.length ? (
            <div className="field">
              <label className="field__label" htmlFor="an-add-subgroup">
                Subgroup
              </label>
              <Select
                id="an-add-subgroup"
                value={adding.subgroupId}
                onChange={(subgroupId) => setAdding({ ...adding, subgroupId })}
                options={subgroups.map((s) => ({ value: s.id, label: `${s.number} ${s.name}` }))}
              />
            </div>
          ) : null}
          {columns.map((c) => (
            <div key={c.field} className={`field an-data__addcell${addErrors[c.field] ? ' field--invalid' : ''}`}>
              <label className="field__label" htmlFor={`an-add-${c.field}`}>
                {c.label}
                {c.group ? ` (${c.group === 1 ? 'exp.' : 'ctrl'})` : ''}
              </label>
              <input
                id={`an-add-${c.field}`}
                inputMode="decimal"
                value={adding.texts[c.field] ?? ''}
                aria-invalid={addErrors[c.field] ? true : undefined}
                onChange={(e) => setAdding({ ...adding, texts: { ...adding.texts, [c.field]: e.target.value } })}
              />
              {addErrors[c.field] ? <p className="field__error">{addErrors[c.field]}</p> : null}
            </div>
          ))}
          <div className="button-row">
            <button type="submit" className="button button--primary button--small">
              Add row
            </button>
            <button type="button" className="button button--small" onClick={() => setAdding(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="button button--small"
          onClick={() => setAdding({ studyId: '', subgroupId: subgroups[0]?.id ?? '', texts: {} })}
        >
          Add a study’s row
        </button>
      )}
    </section>
  );
}
