import type { AnalysisSummary } from '@grove/shared';
import { formatEstimateWithCi } from '@grove/shared/stats/index';
import {
  estimateText,
  i2Text,
  MEASURE_NAMES,
  methodLine,
  PRESET_LABELS,
  pText,
  studyCount,
  tau2Text,
  pooled,
  type Pooled,
} from './format.ts';
import type { Preset } from './OutcomeProperties.tsx';

// The outcome's pooled result as the statistical core computed it with the outcome's own
// settings and the chosen methods preset, with the other preset's result beside it when
// the reviewer asks; fewer studies than the review's minimum give each study's own result.

function Facts(props: { s: AnalysisSummary; p: Pooled; testIds: boolean }) {
  const { s, p } = props;
  const a = s.analysis;
  const id = (x: string) => (props.testIds ? x : undefined);
  const level = Math.round((a.result?.methods.ciLevel ?? 0.95) * 100);
  return (
    <dl className="an-facts" data-testid={id('pooled')}>
      <div>
        <dt>Studies</dt>
        <dd>{studyCount(s)}</dd>
      </div>
      <div>
        <dt>Participants</dt>
        <dd>{a.participants}</dd>
      </div>
      <div className="an-facts__wide">
        <dt>
          {MEASURE_NAMES[a.effectMeasure] ?? a.effectMeasure} [{level}% CI]
        </dt>
        <dd data-testid={id('pooled-estimate')}>{estimateText(p)}</dd>
      </div>
      <div>
        <dt>P</dt>
        <dd>{pText(p.p)}</dd>
      </div>
      <div>
        <dt>I²</dt>
        <dd>{i2Text(p)}</dd>
      </div>
      {a.result?.methods.model === 'random' ? (
        <div>
          <dt>τ²</dt>
          <dd>{tau2Text(p)}</dd>
        </div>
      ) : null}
      <div className="an-facts__method">
        <dt>Method</dt>
        <dd data-testid={id('method')}>{methodLine(s)}</dd>
      </div>
      {a.measureBasis ? (
        <div className="an-facts__method">
          <dt>Scales</dt>
          <dd data-testid={id('measure-basis')}>
            {a.measureBasis.text}
            {a.effectMeasure !== a.measureBasis.measure ? `; the outcome’s settings choose ${a.effectMeasure}` : ''}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

export function ResultPanel(props: {
  summary: AnalysisSummary;
  preset: Preset;
  /** The same analysis with the other preset, when asked for. */
  beside: AnalysisSummary | null;
  sensitivityLabel: string | null;
  skipped: string | null;
}) {
  const s = props.summary;
  const a = s.analysis;
  const p = pooled(s);
  const other = props.beside ? pooled(props.beside) : null;
  const studyLevel = Math.round((a.result?.methods.studyCiLevel ?? a.result?.methods.ciLevel ?? 0.95) * 100);
  const otherPreset: Preset = props.preset === 'revman5' ? 'cochrane2025' : 'revman5';
  return (
    <section className="card an-results" aria-labelledby="an-res-h">
      <h3 id="an-res-h" className="card__title">
        {p ? 'Pooled result' : a.synthesis === 'narrative synthesis' ? 'Narrative summary' : 'No usable data'}
      </h3>
      {props.sensitivityLabel ? (
        <p className="muted" data-testid="sensitivity-label">
          Sensitivity analysis: {props.sensitivityLabel}
        </p>
      ) : null}
      {p ? (
        props.beside ? (
          <div className="an-results__beside">
            <div>
              <h4 className="an-results__preset">{PRESET_LABELS[props.preset]}</h4>
              <Facts s={s} p={p} testIds />
            </div>
            <div data-testid="beside">
              <h4 className="an-results__preset">{PRESET_LABELS[otherPreset]}</h4>
              {other ? <Facts s={props.beside} p={other} testIds={false} /> : <p className="muted">Not estimable with these methods.</p>}
            </div>
          </div>
        ) : (
          <Facts s={s} p={p} testIds />
        )
      ) : a.synthesis === 'narrative synthesis' && a.result ? (
        <>
          <p>
            Fewer than {a.minStudies} studies have usable data, so no pooled estimate is given. Each study’s own result (
            {MEASURE_NAMES[a.effectMeasure] ?? a.effectMeasure}, {studyLevel}% CI):
          </p>
          <table className="an-table" data-testid="narrative">
            <thead>
              <tr>
                <th scope="col">Study</th>
                <th scope="col">
                  {a.effectMeasure} [{studyLevel}% CI]
                </th>
              </tr>
            </thead>
            <tbody>
              {a.result.rows.map((r, i) => (
                <tr key={`${r.study}-${i}`}>
                  <th scope="row">{r.study}</th>
                  <td>
                    {r.estimable && r.estimate !== null && r.ciLower !== null && r.ciUpper !== null
                      ? formatEstimateWithCi(r.estimate, r.ciLower, r.ciUpper)
                      : 'Not estimable'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>{props.skipped ? `Not pooled: ${props.skipped}.` : 'No study has usable data for this analysis.'}</p>
      )}
      <p className="an-sentence">
        <span className="an-sentence__label">Draft results text: </span>
        {s.sentence}
      </p>
    </section>
  );
}
