import { useEffect, useRef, useState } from 'react';
import type { RankingProgress, StoppingRuleArg } from '@grove/shared';
import { modelWords, progressTraces, remainingWords } from './progress-plot.ts';
import { useRankingProgress } from './queries.ts';
import './priority.css';

// The progress picture of priority screening: the includes-found curve against the
// random-order diagonal, the stopping rule's state in words (the rule is the review's
// choice, and its methods sentence is shown to copy into the protocol's methods), the
// estimate of includes left and what the model is doing. It only informs: every record
// stays available for screening whatever the rule says.

export const DEFAULT_STOPPING_RULE: StoppingRuleArg = { kind: 'hypergeometric', recall: 0.95, confidence: 0.95 };
const BUFFER_RULE: StoppingRuleArg = { kind: 'buffer', buffer: 100 };

function ProgressPlot({ progress }: { progress: RankingProgress }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let cancelled = false;
    // plotly is loaded only when the picture is shown (as the funnel plot does).
    import('plotly.js-dist-min')
      .then(({ default: Plotly }) => {
        if (cancelled) return;
        return Plotly.react(
          el,
          progressTraces(progress),
          {
            margin: { l: 48, r: 12, t: 8, b: 40 },
            height: 220,
            showlegend: true,
            legend: { orientation: 'h', y: -0.3 },
            xaxis: { title: { text: 'Records screened' }, range: [0, Math.max(1, progress.records)], rangemode: 'tozero' },
            yaxis: { title: { text: 'Includes found' }, rangemode: 'tozero' },
          },
          { displayModeBar: false, responsive: true },
        );
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
    return () => {
      cancelled = true;
    };
  }, [progress]);
  return error ? (
    <p className="error">The plot could not be drawn: {error}</p>
  ) : (
    <div
      ref={host}
      className="priority-plot"
      role="img"
      aria-label={`${progress.includes} includes found in ${progress.screened} of ${progress.records} records screened`}
    />
  );
}

export function PriorityProgress({ rule, onRuleChange }: { rule: StoppingRuleArg; onRuleChange: (rule: StoppingRuleArg) => void }) {
  const query = useRankingProgress(rule);
  if (query.error) return <p className="error">Progress could not be read: {query.error.message}</p>;
  const p = query.data;
  if (!p) return <p className="priority-loading">Reading progress…</p>;
  return (
    <section className="priority-progress" aria-label="Screening progress">
      <p className="priority-counts">
        <strong>{p.includes}</strong> includes found in <strong>{p.screened.toLocaleString('en')}</strong> of{' '}
        {p.records.toLocaleString('en')} records
      </p>
      <ProgressPlot progress={p} />
      <p className={p.stopping.stop ? 'priority-stop met' : 'priority-stop'} data-testid="stopping-state">
        {p.stopping.words}
      </p>
      <p className="priority-remaining" title={p.remaining.method}>
        {remainingWords(p)}
      </p>
      <p className="priority-model" data-testid="model-state">
        {modelWords(p)}
      </p>
      <fieldset className="priority-rule">
        <legend>Stopping rule</legend>
        <label>
          <input
            type="radio"
            name="stopping-rule"
            checked={rule.kind === 'hypergeometric'}
            onChange={() => onRuleChange(DEFAULT_STOPPING_RULE)}
          />
          Callaghan–Müller-Hansen test (95% recall, 95% confidence)
        </label>
        <label>
          <input type="radio" name="stopping-rule" checked={rule.kind === 'buffer'} onChange={() => onRuleChange(BUFFER_RULE)} />
          100 consecutive excludes
        </label>
        <p className="priority-methods">
          For the methods: <q>{p.stopping.methodsText}</q>
        </p>
      </fieldset>
    </section>
  );
}
