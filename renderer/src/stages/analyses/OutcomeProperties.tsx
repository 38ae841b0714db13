import { useEffect, useState } from 'react';
import type { OutcomeDetail, OutcomeSettings } from '@grove/shared';
import { DataTypeField, type SetDataType } from './DataTypeField.tsx';
import { MEASURE_NAMES, MODEL_LABELS, PRESET_LABELS } from './format.ts';
import { Select } from '../../components/fields.tsx';

// An outcome's properties as RevMan keeps them: effect measure, method, model, the study
// and total confidence levels, totals (yes / subtotals only / none), the subgroup test,
// swap events, sort order, log data for generic inverse variance, the group and graph
// labels and the scale. Each is saved as it is changed (text when its field is left),
// undoable. The methods preset is how the results are computed on screen (RevMan 5 or
// Cochrane 2025), with the other shown beside when asked.

export type Preset = 'revman5' | 'cochrane2025';

const MEASURES: Readonly<Record<string, readonly string[]>> = {
  dichotomous: ['RR', 'OR', 'RD', 'PETO_OR'],
  continuous: ['MD', 'SMD'],
};
const METHOD_LABELS: Readonly<Record<string, string>> = {
  MH: 'Mantel-Haenszel',
  IV: 'Inverse variance',
  PETO: 'Peto',
  EXP_O_E_VAR: 'Exp[(O − E) / V] (Peto)',
};
const CI_LEVELS = [90, 95, 99];
const TOTALS = { YES: 'Totals and subtotals', SUB: 'Subtotals only', NO: 'No totals' } as const;
const SORTS: Readonly<Record<string, string>> = {
  STUDY: 'Study ID',
  YEAR: 'Year of study',
  WEIGHT: 'Weight',
  EFFECT_SIZE: 'Effect size',
  USER: 'User defined order',
};
const TEXTS = [
  ['groupLabel1', 'Group label 1 (experimental)'],
  ['groupLabel2', 'Group label 2 (control)'],
  ['graphLabel1', 'Left graph label (“Favours …”)'],
  ['graphLabel2', 'Right graph label'],
] as const;

export function OutcomeProperties(props: {
  detail: OutcomeDetail;
  preset: Preset;
  onPreset: (p: Preset) => void;
  compare: boolean;
  onCompare: (on: boolean) => void;
  /** Saves a change; false when it was refused (and said why). */
  save: (patch: Partial<OutcomeSettings>) => Promise<boolean>;
  setDataType: SetDataType;
}) {
  const o = props.detail.outcome;
  const t = o.dataType;
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [scaleError, setScaleError] = useState<string | null>(null);
  // A change shows at once; the outcome the reply brings replaces it.
  const [pending, setPending] = useState<Partial<OutcomeSettings>>({});
  const key = JSON.stringify(o.settings);
  useEffect(() => {
    setTexts({});
    setPending({});
  }, [key]);
  const s: OutcomeSettings = { ...o.settings, ...pending };
  // The effective measure and model, also for a planned outcome that follows the review's conventions.
  const measure = pending.effectMeasure ?? o.settings.effectMeasure ?? props.detail.analysis.effectMeasure;
  const model = pending.model ?? props.detail.analysis.result?.methods.model ?? o.settings.model;
  const save = (patch: Partial<OutcomeSettings>) => {
    setPending((p) => ({ ...p, ...patch }));
    void props.save(patch).then((ok) => {
      if (!ok) setPending({});
    });
  };
  const textOf = (k: (typeof TEXTS)[number][0] | 'scale' | 'effectMeasure'): string =>
    texts[k] ?? (k === 'scale' ? (s.scale === null ? '' : String(s.scale)) : (s[k] ?? ''));
  const saveText = (k: (typeof TEXTS)[number][0] | 'effectMeasure') => {
    const v = texts[k];
    if (v === undefined) return;
    save({ [k]: v.trim() === '' ? null : v.trim() });
  };

  return (
    <section className="card an-props" aria-labelledby="an-props-h">
      <h3 id="an-props-h" className="card__title">
        Properties
      </h3>
      {o.source.kind === 'planned' ? (
        <p className="muted">
          {o.source.followsConventions
            ? 'Follows the protocol’s conventions until a property is changed here.'
            : 'Own settings (no longer following the protocol’s conventions).'}
        </p>
      ) : null}
      <div className="an-props__grid">
        <DataTypeField detail={props.detail} setDataType={props.setDataType} />
        {MEASURES[t] ? (
          <div className="field">
            <label className="field__label" htmlFor="an-p-measure">
              Effect measure
            </label>
            <Select
              id="an-p-measure"
              value={measure}
              onChange={(effectMeasure) => save({ effectMeasure })}
              options={MEASURES[t].map((m) => ({ value: m, label: MEASURE_NAMES[m] ?? m }))}
            />
          </div>
        ) : t === 'generic' ? (
          <div className="field">
            <label className="field__label" htmlFor="an-p-measure">
              Effect measure (as the forest plot names it)
            </label>
            <input
              id="an-p-measure"
              value={textOf('effectMeasure')}
              onChange={(e) => setTexts({ ...texts, effectMeasure: e.target.value })}
              onBlur={() => saveText('effectMeasure')}
            />
          </div>
        ) : null}
        {t === 'dichotomous' ? (
          <div className="field">
            <label className="field__label" htmlFor="an-p-method">
              Statistical method
            </label>
            <Select
              id="an-p-method"
              value={s.method ?? 'MH'}
              onChange={(method) => save({ method: method as OutcomeSettings['method'] })}
              options={['MH', 'IV', 'PETO'].map((m) => ({ value: m, label: METHOD_LABELS[m] ?? m }))}
            />
          </div>
        ) : null}
        <fieldset className="an-props__group">
          <legend className="field__label">Analysis model</legend>
          {(['fixed', 'random'] as const).map((m) => (
            <label key={m} className="radio">
              <input type="radio" name="an-model" value={m} checked={model === m} onChange={() => save({ model: m })} />
              {MODEL_LABELS[m]}
            </label>
          ))}
        </fieldset>
        {(['ciStudy', 'ciTotal'] as const).map((k) => (
          <div key={k} className="field">
            <label className="field__label" htmlFor={`an-p-${k}`}>
              {k === 'ciStudy' ? 'Study confidence interval' : 'Total confidence interval'}
            </label>
            <Select
              id={`an-p-${k}`}
              value={String(s[k])}
              onChange={(v) => save({ [k]: Number(v) })}
              options={[...new Set([...CI_LEVELS, s[k]])].map((l) => ({ value: String(l), label: `${l}%` }))}
            />
          </div>
        ))}
        <div className="field">
          <label className="field__label" htmlFor="an-p-totals">
            Totals
          </label>
          <Select
            id="an-p-totals"
            value={s.totals}
            onChange={(totals) => save({ totals: totals as OutcomeSettings['totals'] })}
            options={Object.entries(TOTALS).map(([v, l]) => ({ value: v, label: l }))}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="an-p-sort">
            Sort by
          </label>
          <Select
            id="an-p-sort"
            value={s.sortBy ?? ''}
            onChange={(sortBy) => save({ sortBy: sortBy || null })}
            options={[{ value: '', label: 'As entered' }, ...Object.entries(SORTS).map(([v, l]) => ({ value: v, label: l }))]}
          />
        </div>
        <label className="radio">
          <input type="checkbox" checked={s.subgroupTest} onChange={(e) => save({ subgroupTest: e.target.checked })} />
          Test for subgroup differences
        </label>
        {t === 'dichotomous' ? (
          <label className="radio">
            <input type="checkbox" checked={s.swapEvents} onChange={(e) => save({ swapEvents: e.target.checked })} />
            Swap events and non-events
          </label>
        ) : null}
        {t === 'generic' ? (
          <label className="radio">
            <input type="checkbox" checked={s.logData} onChange={(e) => save({ logData: e.target.checked })} />
            Data entered on the log scale (ratio measure)
          </label>
        ) : null}
        {TEXTS.map(([k, l]) => (
          <div key={k} className="field">
            <label className="field__label" htmlFor={`an-p-${k}`}>
              {l}
            </label>
            <input
              id={`an-p-${k}`}
              value={textOf(k)}
              onChange={(e) => setTexts({ ...texts, [k]: e.target.value })}
              onBlur={() => saveText(k)}
            />
          </div>
        ))}
        <div className={`field${scaleError ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor="an-p-scale">
            Forest plot scale (blank: automatic)
          </label>
          <input
            id="an-p-scale"
            inputMode="decimal"
            value={textOf('scale')}
            onChange={(e) => setTexts({ ...texts, scale: e.target.value })}
            onBlur={() => {
              const v = texts.scale;
              if (v === undefined) return;
              const n = Number(v.replace(',', '.'));
              const ok = v.trim() === '' || (Number.isFinite(n) && n > 0);
              setScaleError(ok ? null : `“${v.trim()}” is not a positive number`);
              if (ok) save({ scale: v.trim() === '' ? null : n });
            }}
            aria-invalid={scaleError ? true : undefined}
            aria-describedby={scaleError ? 'an-p-scale-error' : undefined}
          />
          {scaleError ? (
            <p id="an-p-scale-error" className="field__error">
              {scaleError}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label className="field__label" htmlFor="an-preset">
            Methods preset
          </label>
          <Select<Preset>
            id="an-preset"
            value={props.preset}
            onChange={props.onPreset}
            options={(['revman5', 'cochrane2025'] as const).map((x) => ({ value: x, label: PRESET_LABELS[x] }))}
          />
        </div>
        <label className="radio">
          <input type="checkbox" checked={props.compare} onChange={(e) => props.onCompare(e.target.checked)} />
          Show {PRESET_LABELS[props.preset === 'revman5' ? 'cochrane2025' : 'revman5']} results beside
        </label>
      </div>
    </section>
  );
}
