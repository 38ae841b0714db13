import { useState } from 'react';
import type { Arm, Derivation } from '@grove/shared';
import {
  combineDichotomousGroups,
  combineGroups,
  meanSdFromMedianIqr,
  meanSdFromMedianRange,
  sdFromCi,
  sdFromP,
  sdFromSe,
  sdFromT,
} from '@grove/shared/stats/calculators/index';
import { Dialog } from '../../components/Dialog.tsx';
import { Formula } from '../../components/Formula.tsx';
import { Select } from '../../components/fields.tsx';
import { formatNumber, parseCell, type CellField, type CellTexts, type ResultKind } from './grid-logic.ts';

// Calculators opened from a results cell (Cochrane Handbook v6 ch. 6): SD from SE, CI, t or
// P; mean and SD from a median with IQR or range; two arms combined into one. Each returns
// the value and its derivation record, which is stored with the result and shown in the grid.

export type CalcMethod = 'se' | 'ci' | 't' | 'p' | 'median-iqr' | 'median-range' | 'combine';

export const CALC_LABELS: Readonly<Record<CalcMethod, string>> = {
  se: 'SD from SE',
  ci: 'SD from a CI',
  t: 'SD from t',
  p: 'SD from P',
  'median-iqr': 'Mean & SD from median, IQR',
  'median-range': 'Mean & SD from median, range',
  combine: 'Combine two arms',
};

export interface CalcUpdate {
  readonly armId: string;
  /** Cell values to write (exact numbers). */
  readonly values: Partial<Record<CellField, number>>;
  readonly derivation: Derivation;
}

export interface CalculatorProps {
  readonly kind: ResultKind;
  /** The arm whose cell opened the calculator (the result goes there). */
  readonly arm: Arm;
  readonly arms: readonly Arm[];
  /** What each arm's cells hold now in this row, to prefill inputs. */
  readonly texts: ReadonlyMap<string, CellTexts>;
  readonly rowLabel: string;
  readonly onApply: (updates: CalcUpdate[]) => void;
  readonly onClose: () => void;
}

type Inputs = Record<string, string>;

function num(inputs: Inputs, key: string): number | null | 'bad' {
  const p = parseCell(inputs[key] ?? '');
  if (!p.ok) return 'bad';
  return p.value;
}

export function Calculator(props: CalculatorProps) {
  const { arm, arms, kind } = props;
  const others = arms.filter((a) => a.id !== arm.id);
  const own = props.texts.get(arm.id) ?? {};
  const nOf = (a: Arm | undefined) => (a ? props.texts.get(a.id)?.n || (a.randomised !== null ? String(a.randomised) : '') : '');
  const [method, setMethod] = useState<CalcMethod>(kind === 'dichotomous' ? 'combine' : 'ci');
  const [other, setOther] = useState(others[0]?.id ?? '');
  const [second, setSecond] = useState(others[1]?.id ?? '');
  const [alsoOther, setAlsoOther] = useState(true);
  const [inputs, setInputs] = useState<Inputs>(() => ({
    n: own.n || nOf(arm),
    level: '95',
    dist: (Number(own.n || nOf(arm)) || 0) < 60 ? 't' : 'normal',
  }));
  const set = (k: string, v: string) => setInputs((p) => ({ ...p, [k]: v }));
  const otherArm = arms.find((a) => a.id === other);

  const methods: CalcMethod[] = kind === 'dichotomous' ? ['combine'] : ['se', 'ci', 't', 'p', 'median-iqr', 'median-range', 'combine'];

  // Combining reads the two source arms' cells; t and P read the other arm's N.
  const field = (key: string, label: string, extra?: { hint?: string; fallback?: string }) => {
    const value = inputs[key] ?? extra?.fallback ?? '';
    const bad = value.trim() !== '' && !parseCell(value).ok;
    return (
      <label className="calc__input" key={key}>
        <span className="field__label">{label}</span>
        <input
          type="text"
          inputMode="decimal"
          value={value}
          aria-invalid={bad ? true : undefined}
          onChange={(e) => set(key, e.target.value)}
        />
        {bad ? <span className="field__error">not a number</span> : extra?.hint ? <span className="field__hint">{extra.hint}</span> : null}
      </label>
    );
  };

  // Inputs with prefilled defaults: the explicit input wins once typed.
  const v = (key: string, fallback = ''): number | null | 'bad' => num({ [key]: inputs[key] ?? fallback }, key);

  let outcome: { updates: CalcUpdate[]; summary: string } | { error: string } = { error: 'Fill in the inputs.' };
  let form: React.ReactNode = null;
  try {
    switch (method) {
      case 'se': {
        form = [field('se', 'SE of the mean'), field('n', `N (${arm.label})`)];
        const se = v('se');
        const n = v('n');
        if (typeof se === 'number' && typeof n === 'number') {
          if (se <= 0 || n < 1) outcome = { error: 'SE must be above 0 and N at least 1.' };
          else {
            const d = sdFromSe(se, n);
            outcome = {
              updates: [{ armId: arm.id, values: { sd: d.value }, derivation: d.derivation }],
              summary: `SD = ${formatNumber(d.value)}`,
            };
          }
        }
        break;
      }
      case 'ci': {
        form = [
          field('lower', 'Lower limit (of the mean)'),
          field('upper', 'Upper limit'),
          field('n', `N (${arm.label})`),
          field('level', 'Confidence level (%)'),
          <fieldset className="calc__dist" key="dist">
            <legend className="field__label">Distribution</legend>
            <label className="radio">
              <input type="radio" name="dist" checked={inputs.dist === 'normal'} onChange={() => set('dist', 'normal')} /> Normal (large
              groups)
            </label>
            <label className="radio">
              <input type="radio" name="dist" checked={inputs.dist === 't'} onChange={() => set('dist', 't')} /> t with N − 1 df (small
              groups, N &lt; 60)
            </label>
          </fieldset>,
        ];
        const lo = v('lower');
        const hi = v('upper');
        const n = v('n');
        const level = v('level');
        if (typeof lo === 'number' && typeof hi === 'number' && typeof n === 'number' && typeof level === 'number') {
          if (hi <= lo) outcome = { error: 'The upper limit must be above the lower limit.' };
          else if (n < 2) outcome = { error: 'N must be at least 2.' };
          else if (level <= 0 || level >= 100) outcome = { error: 'The level must be between 0 and 100 %.' };
          else {
            const d = sdFromCi(lo, hi, n, { level: level / 100, distribution: inputs.dist === 't' ? 't' : 'normal' });
            outcome = {
              updates: [{ armId: arm.id, values: { sd: d.value }, derivation: d.derivation }],
              summary: `SD = ${formatNumber(d.value)}`,
            };
          }
        }
        break;
      }
      case 't':
      case 'p': {
        form = [
          field('md', 'Mean difference between the arms'),
          method === 't' ? field('t', 't statistic') : field('p', 'Two-sided P value'),
          field('n', `N (${arm.label})`),
          <label className="calc__input" key="other">
            <span className="field__label">Compared with</span>
            <Select value={other} onChange={setOther} options={others.map((a) => ({ value: a.id, label: a.label }))} />
          </label>,
          field('n2', `N (${otherArm?.label ?? 'other arm'})`, { fallback: nOf(otherArm) }),
          <label className="radio calc__also" key="also">
            <input type="checkbox" checked={alsoOther} onChange={(e) => setAlsoOther(e.target.checked)} /> Use the same SD for{' '}
            {otherArm?.label ?? 'the other arm'}
          </label>,
        ];
        const md = v('md');
        const stat = method === 't' ? v('t') : v('p');
        const n1 = v('n');
        const n2 = v('n2', nOf(otherArm));
        if (!otherArm) outcome = { error: 'Add a second arm to compare with.' };
        else if (typeof md === 'number' && typeof stat === 'number' && typeof n1 === 'number' && typeof n2 === 'number') {
          if (method === 't' && stat === 0) outcome = { error: 't must not be 0.' };
          else if (method === 'p' && (stat <= 0 || stat >= 1)) outcome = { error: 'P must be between 0 and 1.' };
          else if (n1 < 2 || n2 < 2) outcome = { error: 'Both N must be at least 2.' };
          else {
            const d = method === 't' ? sdFromT(md, stat, n1, n2) : sdFromP(md, stat, n1, n2);
            const updates: CalcUpdate[] = [{ armId: arm.id, values: { sd: d.value }, derivation: d.derivation }];
            if (alsoOther) updates.push({ armId: otherArm.id, values: { sd: d.value }, derivation: d.derivation });
            outcome = { updates, summary: `SD = ${formatNumber(d.value)}` };
          }
        }
        break;
      }
      case 'median-iqr':
      case 'median-range': {
        const iqr = method === 'median-iqr';
        form = [
          field('a', iqr ? 'First quartile (Q1)' : 'Minimum'),
          field('median', 'Median'),
          field('b', iqr ? 'Third quartile (Q3)' : 'Maximum'),
          field('n', `N (${arm.label})`),
        ];
        const a = v('a');
        const m = v('median');
        const b = v('b');
        const n = v('n');
        if (typeof a === 'number' && typeof m === 'number' && typeof b === 'number' && typeof n === 'number') {
          if (!(a <= m && m <= b) || a === b)
            outcome = { error: iqr ? 'Need Q1 ≤ median ≤ Q3, with Q1 < Q3.' : 'Need minimum ≤ median ≤ maximum, with minimum < maximum.' };
          else if (n < 1) outcome = { error: 'N must be at least 1.' };
          else {
            const d = iqr ? meanSdFromMedianIqr(a, m, b, n) : meanSdFromMedianRange(a, m, b, n);
            outcome = {
              updates: [{ armId: arm.id, values: { mean: d.value.mean, sd: d.value.sd }, derivation: d.derivation }],
              summary: `Mean = ${formatNumber(d.value.mean)}, SD = ${formatNumber(d.value.sd)}`,
            };
          }
        }
        break;
      }
      case 'combine': {
        const pick = (value: string, onChange: (id: string) => void, label: string) => (
          <label className="calc__input" key={label}>
            <span className="field__label">{label}</span>
            <Select value={value} onChange={onChange} options={others.map((a) => ({ value: a.id, label: a.label }))} />
          </label>
        );
        form = [pick(other, setOther, 'First arm'), pick(second, setSecond, 'Second arm')];
        const t1 = props.texts.get(other) ?? {};
        const t2 = props.texts.get(second) ?? {};
        const read = (t: CellTexts, f: CellField) => {
          const p = parseCell(t[f] ?? '');
          return p.ok ? p.value : null;
        };
        if (others.length < 2) outcome = { error: `Combining needs two other arms; ${arm.label} receives the result.` };
        else if (other === second) outcome = { error: 'Choose two different arms.' };
        else if (kind === 'continuous') {
          const g = [t1, t2].map((t) => ({ n: read(t, 'n'), mean: read(t, 'mean'), sd: read(t, 'sd') }));
          if (g.some((x) => x.n === null || x.mean === null || x.sd === null))
            outcome = { error: 'Both arms need mean, SD and N in this row.' };
          else {
            const d = combineGroups(g[0] as { n: number; mean: number; sd: number }, g[1] as { n: number; mean: number; sd: number });
            outcome = {
              updates: [{ armId: arm.id, values: { n: d.value.n, mean: d.value.mean, sd: d.value.sd }, derivation: d.derivation }],
              summary: `Mean = ${formatNumber(d.value.mean)}, SD = ${formatNumber(d.value.sd)}, N = ${d.value.n}`,
            };
          }
        } else {
          const g = [t1, t2].map((t) => ({ events: read(t, 'events'), total: read(t, 'n') }));
          if (g.some((x) => x.events === null || x.total === null)) outcome = { error: 'Both arms need events and N in this row.' };
          else {
            const d = combineDichotomousGroups(g[0] as { events: number; total: number }, g[1] as { events: number; total: number });
            outcome = {
              updates: [{ armId: arm.id, values: { events: d.value.events, n: d.value.total }, derivation: d.derivation }],
              summary: `Events = ${d.value.events}, N = ${d.value.total}`,
            };
          }
        }
        break;
      }
    }
  } catch (err) {
    outcome = { error: err instanceof Error ? err.message : String(err) };
  }
  const ok = 'updates' in outcome && outcome.updates.every((u) => Object.values(u.values).every((x) => Number.isFinite(x)));
  const derivation = 'updates' in outcome ? outcome.updates[0]?.derivation : undefined;

  return (
    <Dialog
      open
      onOpenChange={(o) => (o ? undefined : props.onClose())}
      title={`Calculate for ${arm.label}`}
      description={props.rowLabel}
      wide
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!ok}
            onClick={() => 'updates' in outcome && props.onApply(outcome.updates)}
          >
            Use {'summary' in outcome ? outcome.summary : 'result'}
          </button>
        </>
      }
    >
      <div className="calc">
        <div className="calc__methods" role="radiogroup" aria-label="Calculation">
          {methods.map((m) => (
            <label key={m} className={`calc__method${m === method ? ' is-on' : ''}`}>
              <input type="radio" name="calc-method" checked={m === method} onChange={() => setMethod(m)} />
              {CALC_LABELS[m]}
            </label>
          ))}
        </div>
        <div className="calc__body">
          <div className="calc__inputs">{form}</div>
          <div className="calc__result" aria-live="polite">
            {'summary' in outcome ? (
              <>
                <p className="calc__value">{outcome.summary}</p>
                {derivation ? (
                  <>
                    <p className="calc__formula">
                      <Formula text={derivation.formula} />
                    </p>
                    <p className="muted">{derivation.reference}</p>
                  </>
                ) : null}
              </>
            ) : (
              <p className="muted">{outcome.error}</p>
            )}
          </div>
        </div>
      </div>
    </Dialog>
  );
}
