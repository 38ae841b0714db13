import type { CumulativeStep } from '@grove/shared/stats/index';
import { formatEstimateWithCi, formatI2 } from '@grove/shared/stats/index';
import { cumulativeLayout } from './cumulative-plot.ts';
import { MEASURE_NAMES } from './format.ts';

// The cumulative forest plot (issue 17; Lau et al. 1992, metafor's cumul()): the outcome's
// analysis repeated as each study is added in the outcome's row order, one line per step,
// with its pooled estimate, CI and I². Drawn as SVG from the numbers the core returned.

const ROW = 22;
const LABEL_W = 190;
const PLOT_W = 260;
const TEXT_W = 190;
const TOP = 28;

export function CumulativePanel(props: {
  shown: boolean;
  onToggle: (shown: boolean) => void;
  steps: CumulativeStep[] | { error: string } | undefined;
  ratio: boolean;
  measure: string;
  loading: boolean;
}) {
  const steps = props.steps && !('error' in props.steps) ? props.steps : null;
  return (
    <section className="card an-cumulative" aria-labelledby="an-cumulative-h">
      <h2 id="an-cumulative-h" className="card__title">
        Cumulative meta-analysis
      </h2>
      <p className="card__intro">
        The analysis repeated as each study is added, in the order of the outcome’s rows, with the outcome’s own model: how the evidence
        built up.
      </p>
      <div className="button-row">
        <button type="button" className="button button--small" aria-pressed={props.shown} onClick={() => props.onToggle(!props.shown)}>
          {props.shown ? 'Hide cumulative forest plot' : 'Show cumulative forest plot'}
        </button>
      </div>
      {props.shown && props.loading && !steps ? (
        <p className="muted" role="status">
          Computing the cumulative analysis…
        </p>
      ) : null}
      {props.shown && props.steps && 'error' in props.steps ? (
        <p className="field__error" role="alert">
          {props.steps.error}
        </p>
      ) : null}
      {props.shown && steps ? <CumulativePlot steps={steps} ratio={props.ratio} measure={props.measure} /> : null}
    </section>
  );
}

function CumulativePlot({ steps, ratio, measure }: { steps: CumulativeStep[]; ratio: boolean; measure: string }) {
  const layout = cumulativeLayout(steps, ratio, PLOT_W);
  const height = TOP + steps.length * ROW + 40;
  const width = LABEL_W + PLOT_W + TEXT_W;
  const name = MEASURE_NAMES[measure] ?? measure;
  return (
    <figure className="an-cumulative__fig">
      <svg
        role="img"
        aria-label={`Cumulative forest plot of ${steps.length} steps: ${name} as each study is added.`}
        data-testid="cumulative-forest"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width }}
        fontFamily="Arial, Helvetica, sans-serif"
        fontSize={11}
      >
        <text x={0} y={14} fontWeight="bold">
          Study added
        </text>
        <text x={LABEL_W + PLOT_W / 2} y={14} fontWeight="bold" textAnchor="middle">
          {name} (cumulative)
        </text>
        <text x={LABEL_W + PLOT_W + 8} y={14} fontWeight="bold">
          Estimate [CI], I²
        </text>
        <line x1={LABEL_W + layout.nullX} x2={LABEL_W + layout.nullX} y1={TOP - 6} y2={TOP + steps.length * ROW} stroke="#000" />
        {steps.map((s, i) => {
          const y = TOP + i * ROW + ROW / 2;
          const last = i === steps.length - 1;
          return (
            <g key={`${s.study}-${i}`} data-testid="cumulative-step">
              <text x={0} y={y + 4}>
                {i === 0 ? s.study : `+ ${s.study}`}
              </text>
              <line
                x1={LABEL_W + layout.x(s.ciLower)}
                x2={LABEL_W + layout.x(s.ciUpper)}
                y1={y}
                y2={y}
                stroke="#1f3d7a"
                strokeWidth={1.5}
              />
              {last ? (
                <polygon
                  points={`${LABEL_W + layout.x(s.ciLower)},${y} ${LABEL_W + layout.x(s.estimate)},${y - 6} ${LABEL_W + layout.x(s.ciUpper)},${y} ${LABEL_W + layout.x(s.estimate)},${y + 6}`}
                  fill="#000"
                />
              ) : (
                <rect x={LABEL_W + layout.x(s.estimate) - 3.5} y={y - 3.5} width={7} height={7} fill="#1f3d7a" />
              )}
              <text x={LABEL_W + PLOT_W + 8} y={y + 4}>
                {formatEstimateWithCi(s.estimate, s.ciLower, s.ciUpper)}, {formatI2(s.i2)}
              </text>
            </g>
          );
        })}
        <line x1={LABEL_W} x2={LABEL_W + PLOT_W} y1={TOP + steps.length * ROW + 4} y2={TOP + steps.length * ROW + 4} stroke="#000" />
        {layout.ticks.map((t) => (
          <g key={t.value}>
            <line x1={LABEL_W + t.x} x2={LABEL_W + t.x} y1={TOP + steps.length * ROW + 4} y2={TOP + steps.length * ROW + 8} stroke="#000" />
            <text x={LABEL_W + t.x} y={TOP + steps.length * ROW + 20} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
