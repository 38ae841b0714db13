import { useEffect, useMemo, useRef, useState } from 'react';
import { countOf, NOUNS, type AnalysisSummary } from '@grove/shared';
import {
  eggerTest,
  formatEstimateWithCi,
  formatFixed,
  funnelPlotData,
  MIN_STUDIES_FOR_ASYMMETRY_TESTS,
  MIN_STUDIES_FOR_TRIM_AND_FILL,
  CONTOUR_LEVELS,
  criticalValue,
  type BlockError,
  type TrimFillResult,
} from '@grove/shared/stats/index';
import { pText } from './format.ts';

// Funnel plot (RevMan's layout: effect on x, SE on a reversed y axis, pseudo 95% limits
// around the fixed-effect summary) drawn with plotly.js, which is loaded only when asked
// for. Plotly's SVG traces need neither eval nor inline scripts, so the page's CSP
// (script-src 'self') holds; it injects <style> elements, which style-src allows.
// Egger's test is offered from 10 studies (Cochrane Handbook ch. 13). Trim-and-fill
// (Duval & Tweedie, L0, issue 17) draws the studies it fills in grey and the adjusted
// estimate as a dashed line.

export interface TrimFillView {
  readonly shown: boolean;
  readonly onToggle: (shown: boolean) => void;
  readonly result: TrimFillResult | BlockError | undefined;
}

function funnelPoints(s: AnalysisSummary) {
  const r = s.analysis.result;
  if (!r) return [];
  const ratio = r.methods.ratio;
  return r.rows.flatMap((row) =>
    row.estimable && row.estimate !== null && row.se !== null && row.se > 0
      ? [{ study: row.study, y: ratio ? Math.log(row.estimate) : row.estimate, se: row.se }]
      : [],
  );
}

export function FunnelPanel({ summary, minStudies, trimFill }: { summary: AnalysisSummary; minStudies: number; trimFill?: TrimFillView }) {
  const points = useMemo(() => funnelPoints(summary), [summary]);
  const data = useMemo(() => funnelPlotData(points), [points]);
  const ratio = summary.analysis.result?.methods.ratio ?? false;
  const measure = summary.analysis.effectMeasure;
  const [show, setShow] = useState(false);
  const [egger, setEgger] = useState(false);
  const [contours, setContours] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(false);
  const host = useRef<HTMLDivElement>(null);
  // Drawings run one after another: a redraw (the filled studies arriving, contours) never
  // overlaps the drawing before it, which could leave the plot blank.
  const drawing = useRef<Promise<unknown>>(Promise.resolve());
  const k = points.length;
  const filled = trimFill?.shown && trimFill.result && !('error' in trimFill.result) ? trimFill.result : null;
  const eggerMin = Math.max(MIN_STUDIES_FOR_ASYMMETRY_TESTS, minStudies);
  const eggerResult = useMemo(
    () =>
      egger && k >= eggerMin
        ? eggerTest(
            points.map((p) => p.y),
            points.map((p) => p.se),
          )
        : null,
    [egger, k, eggerMin, points],
  );

  useEffect(() => {
    if (!show || !data || !host.current) return;
    const el = host.current;
    let cancelled = false;
    setDrawn(false);
    drawing.current = drawing.current
      .then(() => import('plotly.js-dist-min'))
      .then(({ default: Plotly }) => {
        if (cancelled) return;
        const back = (v: number) => (ratio ? Math.exp(v) : v);
        const { seMax, z } = data.limits;
        const c = data.centre;
        // Contour-enhanced (Peters et al. 2008): where a study's own test against no effect is
        // significant, widest contour first so each narrower one is drawn over it.
        const seTop = Math.max(seMax, ...(filled?.filled.map((f) => f.se) ?? []));
        const bands = [
          { level: CONTOUR_LEVELS[2], fill: '#e4e4e4', name: '0.01 < P < 0.05' },
          { level: CONTOUR_LEVELS[1], fill: '#c4c4c4', name: '0.05 < P < 0.10' },
          { level: CONTOUR_LEVELS[0], fill: '#ffffff', name: 'P > 0.10' },
        ];
        const contourTraces = contours
          ? bands.map((b) => {
              const zc = criticalValue(b.level);
              return {
                type: 'scatter',
                mode: 'lines',
                name: b.name,
                x: [back(-zc * seTop), back(0), back(zc * seTop), back(-zc * seTop)],
                y: [seTop, 0, seTop, seTop],
                fill: 'toself',
                fillcolor: b.fill,
                line: { color: '#9a9a9a', width: 0.5 },
                hoverinfo: 'skip',
              };
            })
          : [];
        const traces: object[] = [
          ...contourTraces,
          {
            type: 'scatter',
            mode: 'lines',
            name: 'Pseudo 95% confidence limits',
            x: [back(c - z * seMax), back(c), back(c + z * seMax)],
            y: [seMax, 0, seMax],
            line: { color: '#555', dash: 'dash', width: 1 },
            hoverinfo: 'skip',
          },
          {
            type: 'scatter',
            mode: 'lines',
            name: 'Fixed-effect summary',
            x: [back(c), back(c)],
            y: [0, seMax],
            line: { color: '#1f3d7a', width: 1 },
            hoverinfo: 'skip',
          },
          {
            type: 'scatter',
            mode: 'markers',
            name: 'Studies',
            x: data.points.map((p) => back(p.x)),
            y: data.points.map((p) => p.se),
            text: data.points.map((p) => p.study),
            hovertemplate: `%{text}<br>${measure} %{x:.2f}, SE %{y:.2f}<extra></extra>`,
            marker: { color: '#ffffff', size: 8, line: { color: '#1f3d7a', width: 1.5 } },
          },
        ];
        if (filled) {
          traces.push(
            {
              type: 'scatter',
              mode: 'markers',
              name: `Filled by trim-and-fill (${filled.k0})`,
              x: filled.filled.map((f) => back(f.estimate)),
              y: filled.filled.map((f) => f.se),
              text: filled.filled.map(() => 'Filled study'),
              hovertemplate: `%{text}<br>${measure} %{x:.2f}, SE %{y:.2f}<extra></extra>`,
              marker: { color: '#9a9a9a', size: 8, line: { color: '#555', width: 1 } },
            },
            {
              type: 'scatter',
              mode: 'lines',
              name: 'Adjusted estimate',
              x: [filled.estimate, filled.estimate],
              y: [0, seMax],
              line: { color: '#a33', dash: 'dot', width: 1.5 },
              hoverinfo: 'skip',
            },
          );
        }
        const widest = contours ? criticalValue(CONTOUR_LEVELS[2]) * seTop : 0;
        const xs = [
          c - z * seMax,
          c + z * seMax,
          -widest,
          widest,
          ...data.points.map((pt) => pt.x),
          ...(filled?.filled.map((f) => f.estimate) ?? []),
        ];
        const pad = (Math.max(...xs) - Math.min(...xs)) * 0.04;
        const xRange = [Math.min(...xs) - pad, Math.max(...xs) + pad];
        const axis = { showgrid: false, zeroline: false, showline: true, linecolor: '#000', ticks: 'outside', mirror: false };
        const layout = {
          width: 560,
          height: 400,
          margin: { l: 60, r: 20, t: 20, b: 50 },
          showlegend: true,
          legend: { orientation: 'h', y: -0.2 },
          font: { family: 'Arial, Helvetica, sans-serif', size: 12, color: '#000' },
          xaxis: {
            ...axis,
            title: { text: ratio ? `${measure} (log scale)` : measure },
            type: ratio ? 'log' : 'linear',
            // A log axis takes its range in log10 units.
            range: ratio ? xRange.map((v) => v / Math.LN10) : xRange,
          },
          yaxis: { ...axis, title: { text: `SE(${ratio ? `log[${measure}]` : measure})` }, range: [seTop * 1.05, 0] },
          paper_bgcolor: '#ffffff',
          plot_bgcolor: '#ffffff',
        };
        return Plotly.react(el, traces, layout, { displayModeBar: false, responsive: false, staticPlot: false }).then(() => {
          if (!cancelled) setDrawn(true);
        });
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(`The funnel plot could not be drawn: ${err instanceof Error ? err.message : String(err)}`);
      });
    return () => {
      cancelled = true;
      // Purged only once its element has left the page (the plot hidden, the page closed); a redraw reuses it.
      drawing.current = drawing.current
        .then(() => import('plotly.js-dist-min'))
        .then(({ default: Plotly }) => {
          if (!el.isConnected) Plotly.purge(el);
        })
        .catch(() => undefined);
    };
  }, [show, data, ratio, measure, filled, contours]);

  const few = k < MIN_STUDIES_FOR_ASYMMETRY_TESTS;
  return (
    <section className="card an-funnel" aria-labelledby="an-funnel-h">
      <h2 id="an-funnel-h" className="card__title">
        Funnel plot and small-study effects
      </h2>
      <p className="card__intro">
        Each study’s effect against its standard error, with pseudo 95% confidence limits around the fixed-effect summary.
        {few
          ? ` With ${k} ${k === 1 ? 'study' : 'studies'} a funnel plot says little about small-study effects: the Cochrane Handbook advises looking for asymmetry only with at least ${MIN_STUDIES_FOR_ASYMMETRY_TESTS}.`
          : ''}
      </p>
      <div className="button-row">
        <button type="button" className="button button--small" disabled={k < 2} aria-pressed={show} onClick={() => setShow((v) => !v)}>
          {show ? 'Hide funnel plot' : 'Show funnel plot'}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={k < eggerMin}
          aria-describedby={k < eggerMin ? 'an-egger-why' : undefined}
          onClick={() => setEgger(true)}
        >
          Run Egger’s test
        </button>
        <label className="checkbox-inline">
          <input
            type="checkbox"
            checked={contours}
            disabled={k < 2}
            onChange={(e) => {
              setContours(e.target.checked);
              if (e.target.checked) setShow(true);
            }}
          />{' '}
          Contour-enhanced
        </label>
        {trimFill ? (
          <label className="checkbox-inline">
            <input
              type="checkbox"
              checked={trimFill.shown}
              disabled={k < MIN_STUDIES_FOR_TRIM_AND_FILL}
              onChange={(e) => {
                trimFill.onToggle(e.target.checked);
                if (e.target.checked) setShow(true);
              }}
            />{' '}
            Trim and fill
          </label>
        ) : null}
      </div>
      {trimFill?.shown && trimFill.result ? (
        'error' in trimFill.result ? (
          <p className="field__error" role="alert">
            {trimFill.result.error}
          </p>
        ) : (
          <p className="an-trimfill" role="status" data-testid="trim-fill">
            Trim and fill (L0 estimator):{' '}
            {trimFill.result.k0 === 0 ? 'no studies' : `${trimFill.result.k0} ${trimFill.result.k0 === 1 ? 'study' : 'studies'}`} estimated
            missing on the {trimFill.result.side}; adjusted {measure}{' '}
            {formatEstimateWithCi(trimFill.result.estimate, trimFill.result.ciLower, trimFill.result.ciUpper)}.
          </p>
        )
      ) : null}
      {k < eggerMin ? (
        <p id="an-egger-why" className="field__hint">
          Egger’s test is offered from {eggerMin} studies; this analysis has {k === 0 ? 'none' : k}.
        </p>
      ) : null}
      {eggerResult ? (
        <p className="an-egger" role="status">
          Egger’s test for funnel plot asymmetry: intercept {formatFixed(eggerResult.coefficient.estimate, 2)} (SE{' '}
          {formatFixed(eggerResult.coefficient.se, 2)}), t = {formatFixed(eggerResult.coefficient.t, 2)}, df = {eggerResult.df}, P ={' '}
          {pText(eggerResult.coefficient.p).replace(/^</, '< ')}.
        </p>
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {show ? (
        <figure className="an-funnel__fig">
          <div
            ref={host}
            className="an-funnel__plot"
            role="img"
            aria-label={`Funnel plot of ${countOf(k, NOUNS.study)}: ${measure} against its standard error.`}
            data-drawn={drawn ? 'true' : 'false'}
          />
          {!drawn && !error ? (
            <p className="muted" role="status">
              Drawing the funnel plot…
            </p>
          ) : null}
        </figure>
      ) : null}
    </section>
  );
}
