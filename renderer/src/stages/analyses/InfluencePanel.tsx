import type { BlockError, InfluenceRow } from '@grove/shared/stats/index';
import { formatFixed } from '@grove/shared/stats/index';
import { baujatLayout } from './baujat-plot.ts';

// Influence diagnostics of the outcome's analysis (issue 17; Viechtbauer & Cheung 2010, as
// metafor's influence()): per study the externally studentized residual, DFFITS, Cook's
// distance, the hat value and τ² without it, with metafor's flag for influential studies,
// and the Baujat plot (contribution to heterogeneity against influence on the result).

const W = 360;
const H = 220;
const LEFT = 48;
const BOTTOM = 40;

export function InfluencePanel(props: {
  shown: boolean;
  onToggle: (shown: boolean) => void;
  rows: InfluenceRow[] | BlockError | undefined;
  loading: boolean;
}) {
  const rows = props.rows && !('error' in props.rows) ? props.rows : null;
  return (
    <section className="card an-influence" aria-labelledby="an-influence-h">
      <h2 id="an-influence-h" className="card__title">
        Influence diagnostics
      </h2>
      <p className="card__intro">
        How much each study pulls the pooled result and the heterogeneity, with metafor’s rule for flagging influential studies, and the
        Baujat plot.
      </p>
      <div className="button-row">
        <button type="button" className="button button--small" aria-pressed={props.shown} onClick={() => props.onToggle(!props.shown)}>
          {props.shown ? 'Hide influence diagnostics' : 'Show influence diagnostics'}
        </button>
      </div>
      {props.shown && props.loading && !rows ? (
        <p className="muted" role="status">
          Computing the influence diagnostics…
        </p>
      ) : null}
      {props.shown && props.rows && 'error' in props.rows ? (
        <p className="field__error" role="alert">
          {props.rows.error}
        </p>
      ) : null}
      {props.shown && rows ? (
        <>
          <table className="an-table an-influence__table" data-testid="influence-table">
            <caption className="visually-hidden">Influence diagnostics per study</caption>
            <thead>
              <tr>
                <th scope="col">Study</th>
                <th scope="col" className="num">
                  Studentized residual
                </th>
                <th scope="col" className="num">
                  DFFITS
                </th>
                <th scope="col" className="num">
                  Cook’s distance
                </th>
                <th scope="col" className="num">
                  Hat
                </th>
                <th scope="col" className="num">
                  τ² without it
                </th>
                <th scope="col">Influential</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.study}>
                  <th scope="row">{r.study}</th>
                  <td className="num">{formatFixed(r.rstudent, 2)}</td>
                  <td className="num">{formatFixed(r.dffits, 2)}</td>
                  <td className="num">{formatFixed(r.cooksD, 2)}</td>
                  <td className="num">{formatFixed(r.hat, 2)}</td>
                  <td className="num">{formatFixed(r.tau2Deleted, 3)}</td>
                  <td>{r.influential ? 'Yes' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <BaujatPlot rows={rows} />
        </>
      ) : null}
    </section>
  );
}

function BaujatPlot({ rows }: { rows: InfluenceRow[] }) {
  const l = baujatLayout(
    rows.map((r) => r.baujat),
    W,
    H,
  );
  return (
    <figure className="an-influence__fig">
      <svg
        role="img"
        aria-label={`Baujat plot of ${rows.length} studies: contribution to heterogeneity against influence on the pooled result.`}
        data-testid="baujat-plot"
        viewBox={`0 0 ${LEFT + W + 90} ${H + BOTTOM + 10}`}
        width="100%"
        style={{ maxWidth: LEFT + W + 90 }}
        fontFamily="Arial, Helvetica, sans-serif"
        fontSize={11}
      >
        <g transform={`translate(${LEFT},10)`}>
          <line x1={0} x2={W} y1={H} y2={H} stroke="#000" />
          <line x1={0} x2={0} y1={0} y2={H} stroke="#000" />
          {l.xTicks.map((t) => (
            <g key={`x${t.value}`}>
              <line x1={t.at} x2={t.at} y1={H} y2={H + 4} stroke="#000" />
              <text x={t.at} y={H + 16} textAnchor="middle">
                {t.label}
              </text>
            </g>
          ))}
          {l.yTicks.map((t) => (
            <g key={`y${t.value}`}>
              <line x1={-4} x2={0} y1={t.at} y2={t.at} stroke="#000" />
              <text x={-7} y={t.at + 4} textAnchor="end">
                {t.label}
              </text>
            </g>
          ))}
          <text x={W / 2} y={H + 32} textAnchor="middle">
            Contribution to overall heterogeneity
          </text>
          <text transform={`translate(${-36},${H / 2}) rotate(-90)`} textAnchor="middle">
            Influence on overall result
          </text>
          {rows.map((r) => (
            <g key={r.study} data-testid="baujat-point">
              <circle cx={l.x(r.baujat.x)} cy={l.y(r.baujat.y)} r={3.5} fill={r.influential ? '#a33' : '#1f3d7a'} />
              <text x={l.x(r.baujat.x) + 6} y={l.y(r.baujat.y) + 4}>
                {r.study}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
