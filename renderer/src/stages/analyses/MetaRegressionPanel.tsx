import { useMemo } from 'react';
import type { FormField } from '@grove/shared';
import { moderatorKind, type OutcomeMetaRegression } from '@grove/shared/analysis/outcome-meta-regression';
import { bubblePlotSvg } from '@grove/shared/plots/bubble-plot-svg';
import { formatFixed, formatP } from '@grove/shared/stats/index';
import { downloadBlob, fileSlug, svgDataUrl } from '../../components/exporting.tsx';
import { SelectField } from '../../components/fields.tsx';
import { MEASURE_NAMES } from './format.ts';
import type { MetaRegressionChoice } from './queries.ts';

// Meta-regression of the outcome on the review's extraction fields (issue 17): number fields
// as continuous moderators, single-choice and yes/no/unclear fields as categorical ones; the
// coefficients table, τ², QM, QE and R², and for one continuous moderator the bubble plot
// (the pure SVG builder, shown as an image and exported as SVG). Props in, JSX out.

export function MetaRegressionPanel(props: {
  title: string;
  fields: readonly FormField[];
  /** The outcome's subgroups: the model may be run on one of them. */
  subgroups: readonly { id: string; number: string; name: string }[];
  choice: MetaRegressionChoice;
  onChoice: (choice: MetaRegressionChoice) => void;
  result: OutcomeMetaRegression | undefined;
  error: string | null;
  loading: boolean;
}) {
  const { choice, onChoice } = props;
  const eligible = props.fields.filter((f) => moderatorKind(f) !== null);
  const toggle = (id: string, on: boolean) =>
    onChoice({ ...choice, moderators: on ? [...choice.moderators, id] : choice.moderators.filter((m) => m !== id) });
  // The answer on screen belongs to the moderators chosen (a stale one is not shown beside a new choice).
  const result =
    props.result &&
    sameSet(
      props.result.moderators.map((m) => m.fieldId),
      choice.moderators,
    )
      ? props.result
      : undefined;
  return (
    <section className="card an-metareg" aria-labelledby="an-metareg-h">
      <h2 id="an-metareg-h" className="card__title">
        Meta-regression
      </h2>
      <p className="card__intro">
        Whether a study characteristic from the extraction form explains the differences between the studies’ results: number fields as
        continuous moderators, choice fields as categorical ones (REML; a fixed-effect outcome stays fixed-effect).
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--small"
          aria-pressed={choice.shown}
          onClick={() => onChoice({ ...choice, shown: !choice.shown })}
        >
          {choice.shown ? 'Hide meta-regression' : 'Show meta-regression'}
        </button>
      </div>
      {choice.shown ? (
        <div className="an-metareg__controls">
          <fieldset className="reports-fieldset">
            <legend>Moderators (extraction fields)</legend>
            {eligible.length === 0 ? (
              <p className="muted">The extraction form has no number or single-choice field: add one in the Extraction stage’s form.</p>
            ) : (
              eligible.map((f) => (
                <label key={f.id} className="radio">
                  <input type="checkbox" checked={choice.moderators.includes(f.id)} onChange={(e) => toggle(f.id, e.target.checked)} />
                  {f.label}
                  <span className="muted"> ({moderatorKind(f) === 'continuous' ? 'continuous' : 'categorical'})</span>
                </label>
              ))
            )}
          </fieldset>
          <fieldset className="reports-fieldset">
            <legend>Test of the coefficients</legend>
            <label className="radio">
              <input
                type="radio"
                name="an-metareg-test"
                checked={choice.test === 'z'}
                onChange={() => onChoice({ ...choice, test: 'z' })}
              />
              z test
            </label>
            <label className="radio">
              <input
                type="radio"
                name="an-metareg-test"
                checked={choice.test === 'knha'}
                onChange={() => onChoice({ ...choice, test: 'knha' })}
              />
              Knapp–Hartung
            </label>
          </fieldset>
          {props.subgroups.length > 0 ? (
            <SelectField
              label="Studies"
              value={choice.subgroupId}
              options={[
                { value: '', label: 'All rows of the outcome' },
                ...props.subgroups.map((g) => ({ value: g.id, label: `${g.number} ${g.name}` })),
              ]}
              onChange={(subgroupId) => onChoice({ ...choice, subgroupId })}
            />
          ) : null}
        </div>
      ) : null}
      {choice.shown && choice.moderators.length > 0 && props.loading && !result ? (
        <p className="muted" role="status">
          Computing the meta-regression…
        </p>
      ) : null}
      {choice.shown && choice.moderators.length > 0 && props.error ? (
        <p className="field__error" role="alert">
          {props.error}
        </p>
      ) : null}
      {choice.shown && result && !props.error ? <MetaRegressionResult title={props.title} result={result} /> : null}
    </section>
  );
}

/** RevMan's P value without its "P = ": the column says P. */
const pCell = (p: number): string => formatP(p).replace(/^P = /, '').replace(/^P < /, '< ');

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function MetaRegressionResult({ title, result }: { title: string; result: OutcomeMetaRegression }) {
  const measure = MEASURE_NAMES[result.effectMeasure] ?? result.effectMeasure;
  const scale = result.ratio ? ` (log ${measure.toLowerCase()})` : '';
  const knha = result.test === 'knha';
  const qm = knha ? `F(${result.qmDf}, ${result.df}) = ${formatFixed(result.qm, 2)}` : `QM(${result.qmDf}) = ${formatFixed(result.qm, 2)}`;
  return (
    <>
      <table className="an-table an-metareg__table" data-testid="meta-regression-table">
        <caption className="visually-hidden">Meta-regression coefficients</caption>
        <thead>
          <tr>
            <th scope="col">Coefficient{scale}</th>
            <th scope="col" className="num">
              Estimate
            </th>
            <th scope="col" className="num">
              SE
            </th>
            <th scope="col" className="num">
              95% CI
            </th>
            <th scope="col" className="num">
              P
            </th>
          </tr>
        </thead>
        <tbody>
          {result.coefficients.map((c) => (
            <tr key={c.term}>
              <th scope="row">{c.term}</th>
              <td className="num">{formatFixed(c.estimate, 4)}</td>
              <td className="num">{formatFixed(c.se, 4)}</td>
              <td className="num">
                [{formatFixed(c.ciLower, 4)}, {formatFixed(c.ciUpper, 4)}]
              </td>
              <td className="num">{pCell(c.p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="meta-regression-summary">
        k = {result.k}; τ² = {formatFixed(result.tau2, 4)} ({result.tau2Estimator}); test of moderators {qm} ({formatP(result.pQm)});
        residual heterogeneity QE({result.df}) = {formatFixed(result.qe, 2)} ({formatP(result.pQe)}); R² = {formatFixed(result.r2, 1)}%.
      </p>
      {result.moderators
        .filter((m) => m.reference !== null)
        .map((m) => (
          <p key={m.fieldId} className="muted">
            {m.label}: compared with “{m.reference}”.
          </p>
        ))}
      {result.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      {result.bubble ? <BubblePlot title={title} result={result} bubble={result.bubble} measure={measure} /> : null}
    </>
  );
}

function BubblePlot(props: {
  title: string;
  result: OutcomeMetaRegression;
  bubble: NonNullable<OutcomeMetaRegression['bubble']>;
  measure: string;
}) {
  const { bubble, result } = props;
  const svg = useMemo(
    () => bubblePlotSvg(bubble.studies, bubble.fit, { ratio: result.ratio, xLabel: bubble.xLabel, yLabel: props.measure }),
    [bubble, result.ratio, props.measure],
  );
  const slope = result.coefficients[1];
  const alt = `Bubble plot of ${bubble.studies.length} studies: ${props.measure} against ${bubble.xLabel}, bubbles sized by weight, with the fitted line${
    slope ? ` (slope ${formatFixed(slope.estimate, 4)})` : ''
  } and its confidence band.`;
  return (
    <figure className="an-metareg__fig">
      <img src={svgDataUrl(svg)} alt={alt} data-testid="bubble-plot" data-studies={bubble.studies.length} width={480} height={360} />
      <div className="button-row">
        <button
          type="button"
          className="button button--small"
          onClick={() => downloadBlob(`${fileSlug(`${props.title} bubble plot`)}.svg`, new Blob([svg], { type: 'image/svg+xml' }))}
        >
          Export bubble plot (SVG)
        </button>
      </div>
    </figure>
  );
}
