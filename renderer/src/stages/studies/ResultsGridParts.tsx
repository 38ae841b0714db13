import type { Arm } from '@grove/shared';
import { FIELD_LABELS, formatNumber, type CellField } from './grid-logic.ts';
import { Formula } from '../../components/Formula.tsx';
import type { DerivState } from './grid-state.ts';

// The results grid's static views: the help line, each outcome table's head, and the
// details of the active cell (how its number was obtained).

export function GridHelp() {
  return (
    <p className="results-grid__help muted">
      <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Enter</kbd> move down and up, <kbd>←</kbd> <kbd>→</kbd> at the edge of a number and <kbd>Tab</kbd> move
      across, <kbd>Esc</kbd> undoes the edit of a cell, <kbd>=</kbd> opens the calculators. Paste a block copied from a spreadsheet or a PDF
      table into the first cell it should fill.
      <span className="legend">
        <span className="legend__item">
          <span className="swatch swatch--reported" aria-hidden="true" /> reported
        </span>
        <span className="legend__item">
          <span className="swatch swatch--derived" aria-hidden="true" /> derived (calculated)
        </span>
      </span>
    </p>
  );
}

export function GridHead({ arms, fields }: { arms: readonly Arm[]; fields: readonly CellField[] }) {
  return (
    <thead>
      <tr>
        <th scope="col" rowSpan={2} className="grid-table__tp">
          Timepoint
        </th>
        {arms.map((a) => (
          <th key={a.id} scope="colgroup" colSpan={fields.length + 1} className="grid-table__arm">
            {a.label}
            <span className="muted">
              {' '}
              {a.role}
              {a.randomised !== null ? `, ${a.randomised} randomised` : ''}
            </span>
          </th>
        ))}
      </tr>
      <tr>
        {arms.map((a) => [
          ...fields.map((f) => (
            <th key={`${a.id}-${f}`} scope="col" className="grid-table__field">
              {FIELD_LABELS[f]}
            </th>
          )),
          <th key={`${a.id}-calc`} className="grid-table__calc">
            <span className="visually-hidden">Calculate</span>
          </th>,
        ])}
      </tr>
    </thead>
  );
}

/** The active cell: its derivation when it still holds the derived number, else whether it was entered. */
export function CellDetails(props: { title: string | null; field: CellField | null; deriv: DerivState | null; entered: boolean }) {
  const { title, field, deriv } = props;
  return (
    <div className="cell-details" aria-live="polite">
      {title && field ? (
        <>
          <h4 className="cell-details__title">{title}</h4>
          {deriv ? (
            <dl className="facts facts--tight">
              <dt>Derived by</dt>
              <dd>
                <Formula text={deriv.derivation.formula} />
              </dd>
              <dt>From</dt>
              <dd>
                {Object.entries(deriv.derivation.inputs)
                  .map(([k, v]) => `${k} = ${typeof v === 'number' ? formatNumber(v) : String(v)}`)
                  .join(', ')}
              </dd>
              <dt>Reference</dt>
              <dd>{deriv.derivation.reference}</dd>
              <dt>Stored value</dt>
              <dd>{String(deriv.values[field] ?? '')}</dd>
            </dl>
          ) : (
            <p className="muted">{props.entered ? 'Reported as entered.' : 'Empty.'} Press = for the calculators.</p>
          )}
        </>
      ) : (
        <p className="muted">Select a cell to see how its number was obtained.</p>
      )}
    </div>
  );
}
