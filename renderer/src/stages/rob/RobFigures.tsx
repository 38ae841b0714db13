import { useMemo, useState } from 'react';
import { countOf, NOUNS, type StudyRob } from '@grove/shared';
import {
  ROB1_DOMAINS,
  rob1StudyLevelJudgements,
  summaryGraphSvg,
  trafficLightSvg,
  type FigureJudgement,
  type RobFigureData,
} from '@grove/shared/rob/index';
import { downloadBlob, svgDataUrl, svgToPng } from '../../components/exporting.tsx';

// The two risk-of-bias figures, drawn by the shared SVG builders (which escape every text).
// They are shown as images from a data: URL — never inlined into the page's HTML — and
// downloaded as .svg, or rasterised through a canvas as .png.

/** Figure data from the backend's rows: study-level judgements, and the overall the backend computed. */
export function figureDataFromRows(rows: readonly StudyRob[], title = 'Risk of bias summary'): RobFigureData {
  return {
    tool: 'rob1',
    title,
    domains: ROB1_DOMAINS.map((d) => ({ key: d.key, label: d.label })),
    showOverall: true,
    rows: rows.map((r) => {
      const j = rob1StudyLevelJudgements(r.assessment);
      return {
        study: r.label,
        judgements: ROB1_DOMAINS.map((d): FigureJudgement => j[d.id] ?? 'not-judged'),
        overall: r.overall === 'pending' ? 'not-judged' : r.overall,
      };
    }),
  };
}

function Figure(props: { id: string; title: string; alt: string; file: string; svg: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <figure className="rob-figure" aria-labelledby={`${props.id}-cap`}>
      <figcaption id={`${props.id}-cap`} className="rob-figure__cap">
        <span className="rob-figure__title">{props.title}</span>
        <span className="button-row">
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              downloadBlob(
                `${props.file}.svg`,
                new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${props.svg}`], { type: 'image/svg+xml' }),
              )
            }
          >
            Export SVG
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                downloadBlob(`${props.file}.png`, await svgToPng(props.svg, 2));
              } catch (err) {
                setError(err instanceof Error ? err.message : String(err));
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? 'Making PNG…' : 'Export PNG'}
          </button>
        </span>
      </figcaption>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="rob-figure__img">
        <img src={svgDataUrl(props.svg)} alt={props.alt} />
      </div>
    </figure>
  );
}

export function RobFigures({ rows }: { rows: readonly StudyRob[] }) {
  const { traffic, summary, data } = useMemo(() => {
    const d = figureDataFromRows(rows);
    return {
      data: d,
      traffic: trafficLightSvg(d, { idPrefix: 'rob-traffic' }),
      summary: summaryGraphSvg({ ...d, title: 'Risk of bias graph' }, { idPrefix: 'rob-summary' }),
    };
  }, [rows]);
  const pending = data.rows.filter((r) => r.overall === 'not-judged').length;
  return (
    <section className="card rob-figures" aria-labelledby="rob-fig-h">
      <h2 id="rob-fig-h" className="card__title">
        Figures
      </h2>
      <p className="card__intro">
        Drawn from the judgements above
        {pending ? `; ${pending} ${pending === 1 ? 'study is' : 'studies are'} pending and shown as not judged` : ''}.
      </p>
      <div className="rob-figures__list">
        <Figure
          id="fig-traffic"
          title="Risk of bias summary (traffic light)"
          alt={`Traffic-light plot of ${countOf(rows.length, NOUNS.study)} across the seven RoB 1 domains and overall. The judgements are listed in the grid above.`}
          file="risk-of-bias-summary"
          svg={traffic}
        />
        <Figure
          id="fig-graph"
          title="Risk of bias graph"
          alt="Bar chart of the share of studies at low, unclear and high risk per domain. The judgements are listed in the grid above."
          file="risk-of-bias-graph"
          svg={summary}
        />
      </div>
    </section>
  );
}
