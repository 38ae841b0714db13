import { useState } from 'react';
import { ANALYSIS_DATA_TYPES, DERIVED_TYPE_MESSAGE, dataTypeChange, type AnalysisDataType, type OutcomeDetail } from '@grove/shared';
import { Select } from '../../components/fields.tsx';
import { DATA_TYPE_LABELS } from './Outline.tsx';

// The outcome's data type in its properties, changeable as RevMan allows (the rule is
// shared/src/outcomes/data-type-change.ts): at once while the outcome has no rows, after a
// confirmation that deletes them otherwise. A derived outcome's type is its planned
// outcome's, so it is shown and not offered.

export type SetDataType = (to: AnalysisDataType, clearRows: boolean) => Promise<{ ok: true } | { ok: false; conflict: string | null }>;

export function DataTypeField(props: { detail: OutcomeDetail; setDataType: SetDataType }) {
  const o = props.detail.outcome;
  const [confirm, setConfirm] = useState<{ to: AnalysisDataType; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  if (o.source.kind === 'planned')
    return (
      <div className="field an-props__type">
        <span className="field__label">Data type</span>
        <p>{DATA_TYPE_LABELS[o.dataType]}</p>
        <p className="field__hint" role="note">
          {DERIVED_TYPE_MESSAGE}
        </p>
      </div>
    );

  const run = async (to: AnalysisDataType, clearRows: boolean) => {
    setBusy(true);
    try {
      const r = await props.setDataType(to, clearRows);
      // The server knows rows the table does not show (RevMan's "other data"): it asks too.
      setConfirm(!r.ok && r.conflict ? { to, message: r.conflict } : null);
    } finally {
      setBusy(false);
    }
  };

  const choose = (to: AnalysisDataType) => {
    const change = dataTypeChange({
      number: o.number,
      dataType: o.dataType,
      source: o.source,
      settings: o.settings,
      storedRows: props.detail.rows.length,
      to,
      clearRows: false,
    });
    if (change.kind === 'needs-clearing') setConfirm({ to, message: change.message });
    else if (change.kind === 'allowed') void run(to, false);
  };

  return (
    <div className={`field an-props__type${confirm ? ' an-props__type--confirming' : ''}`}>
      <label className="field__label" htmlFor="an-p-type">
        Data type
      </label>
      <Select
        id="an-p-type"
        value={confirm?.to ?? o.dataType}
        disabled={busy}
        options={ANALYSIS_DATA_TYPES.map((t) => ({ value: t, label: DATA_TYPE_LABELS[t] }))}
        onChange={choose}
      />
      {confirm ? (
        <div className="an-props__confirm">
          <p role="alert">{confirm.message}</p>
          <div className="button-row">
            <button
              type="button"
              className="button button--danger button--small"
              disabled={busy}
              onClick={() => void run(confirm.to, true)}
            >
              Delete the rows and change to {DATA_TYPE_LABELS[confirm.to].replace(/ \(.*\)$/, '').toLowerCase()}
            </button>
            <button type="button" className="button button--small" disabled={busy} onClick={() => setConfirm(null)}>
              Keep the rows
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
