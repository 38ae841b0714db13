// Benchmark (issue 17): the binomial-normal GLMM (ML, 7 quadrature points, metafor's default)
// fitted to each dichotomous dataset of the stats fixtures (6 to 21 studies), the time one
// "Show GLMM" costs the workbench's backend. Median of 3 fits per dataset; the figure is the
// slowest dataset. Target: 2 s for one outcome.
import { fitGlmmOddsRatio } from '../shared/src/stats/glmm-odds-ratio.ts';
import cases from '../test/stats/fixtures/reference-cases.json' with { type: 'json' };
import type { BenchFigure } from './run.ts';

type Rows = Array<{ study: string; events1: number; total1: number; events2: number; total2: number }>;
const SETS = ['fleiss1993bin', 'bcg', 'hine1989', 'yusuf1985_table6', 'nielweise2007', 'cisapride'];
const RUNS = 3;

export default function glmmBench(): Promise<BenchFigure[]> {
  const datasets = (cases as unknown as { datasets: Record<string, { rows: Rows }> }).datasets;
  const medians = SETS.map((set) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      fitGlmmOddsRatio(datasets[set]!.rows, { method: 'ML', quadraturePoints: 7 });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { set, ms: times[Math.floor(RUNS / 2)] as number };
  });
  const worst = medians.reduce((a, b) => (b.ms > a.ms ? b : a));
  return Promise.resolve([
    {
      name: 'GLMM fit (ML, 7 points), slowest fixture dataset',
      value: Math.round(worst.ms),
      unit: 'ms',
      target: 2000,
      note: medians.map((m) => `${m.set} ${Math.round(m.ms)} ms`).join(', '),
    },
  ]);
}
