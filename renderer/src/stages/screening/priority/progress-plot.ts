import type { RankingProgress } from '@grove/shared';

// The progress picture's traces (pure, for plotly): the includes found over records
// screened as a step line, and the random-order diagonal: what screening in random order
// would have found by each point if the includes are those found plus the estimate of those
// left (from (0, 0) to (all records, found + expected)).

export interface Trace {
  name: string;
  x: number[];
  y: number[];
  mode: 'lines';
  line: { shape: 'hv' | 'linear'; dash?: 'dot'; color: string; width: number };
}

export function randomOrderTotal(p: RankingProgress): number {
  return p.includes + (p.remaining.expected ?? 0);
}

export function progressTraces(p: RankingProgress): Trace[] {
  const found: Trace = {
    name: 'Includes found',
    x: p.curve.map((c) => c.screened),
    y: p.curve.map((c) => c.includes),
    mode: 'lines',
    line: { shape: 'hv', color: '#2f6f3e', width: 2.5 },
  };
  const total = randomOrderTotal(p);
  const diagonal: Trace = {
    name: 'Random order (expected)',
    x: [0, p.records],
    y: [0, total],
    mode: 'lines',
    line: { shape: 'linear', dash: 'dot', color: '#8a8a8a', width: 1.5 },
  };
  return p.screened === 0 ? [diagonal] : [found, diagonal];
}

const round = (v: number) => (v >= 10 ? Math.round(v).toLocaleString('en') : v.toFixed(1));

/** The estimate of includes left, in words. */
export function remainingWords(p: RankingProgress): string {
  const r = p.remaining;
  if (r.expected === null) return `No decisions yet: any of the ${r.unscreened.toLocaleString('en')} records could be an include.`;
  if (r.unscreened === 0) return 'Every record has been screened.';
  return `About ${round(r.expected)} includes left among ${r.unscreened.toLocaleString('en')} unscreened records (at most ${round(r.upper)}, 95% upper limit; ${r.windowIncludes} in the last ${r.window} screened).`;
}

/** What the relevance model is doing, in words. */
export function modelWords(p: RankingProgress): string {
  const m = p.model;
  if (m.state === 'failed') return `The relevance model stopped: ${m.message ?? 'unknown error'}. Records are offered in file order.`;
  if (m.state === 'starting') return 'The relevance model is starting.';
  if (m.state === 'busy')
    return m.phase === 'training'
      ? 'The relevance model is learning from the latest decisions.'
      : `The relevance model is ${m.phase ?? 'working'}.`;
  if (!m.trainedOn)
    return 'The relevance model learns once there is at least one include and one exclude; until then records come in file order.';
  return `Ranked by a model trained on ${m.trainedOn.includes} includes and ${m.trainedOn.excludes} excludes; it retrains after every ${m.retrainEvery === 1 ? 'decision' : `${m.retrainEvery} decisions`}.`;
}
