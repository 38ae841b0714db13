import { useEffect, useRef, useState } from 'react';
import type { RankingProgress, StoppingRuleArg } from '@grove/shared';
import { errorMessage } from '../../../api/client.ts';
import { useAppStore } from '../../../store/app.ts';
import { updateSettings } from '../mutations.ts';
import { useScreeningSettings } from '../queries.ts';
import { PriorityMethodsText } from './PriorityMethodsText.tsx';
import { modelWords, progressTraces, remainingWords } from './progress-plot.ts';
import { useRankingProgress } from './queries.ts';
import { StoppingRuleEditor } from './StoppingRuleEditor.tsx';
import './priority.css';

// The progress picture of priority screening: the includes-found curve against the
// random-order diagonal, the stopping rule's state in words, the estimate of includes left
// and what the model is doing; then the review's stopping rule (stored with its screening
// settings, so the same for every reviewer) and the methods paragraph to copy. It only
// informs: every record stays available for screening whatever the rule says.

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

export function PriorityProgress() {
  const store = useAppStore();
  const settings = useScreeningSettings();
  const query = useRankingProgress();
  const [saving, setSaving] = useState(false);
  const saveRule = async (stoppingRule: StoppingRuleArg) => {
    setSaving(true);
    try {
      await updateSettings(store, { stoppingRule });
    } catch (err) {
      store.getState().pushToast({ title: 'Could not save the stopping rule', description: errorMessage(err), tone: 'error' });
    } finally {
      setSaving(false);
    }
  };
  const error = query.error ?? settings.error;
  if (error) return <p className="error">Progress could not be read: {error.message}</p>;
  const p = query.data;
  const stored = settings.data?.stoppingRule;
  if (!p || !stored) return <p className="priority-loading">Reading progress…</p>;
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
      {/* Keyed by the stored rule: a change saved here, by another reviewer or undone starts the form afresh. */}
      <StoppingRuleEditor key={JSON.stringify(stored)} stored={stored} busy={saving} onSave={(r) => void saveRule(r)} />
      <PriorityMethodsText text={p.methodsText} />
    </section>
  );
}
