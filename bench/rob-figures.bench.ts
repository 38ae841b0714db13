import { performance } from 'node:perf_hooks';
import {
  emptyRob1Assessment,
  ROB1_DOMAIN_IDS,
  rob1FigureData,
  summaryGraphSvg,
  trafficLightSvg,
  type Rob1Assessment,
  type Rob1Judgement,
} from '../shared/src/rob/index.ts';
import type { BenchFigure } from './run.ts';

// Issue target: "the traffic-light figure for all 300 studies renders in < 500 ms". Measured
// here: SVG markup generation in pure code for 300 studies × 7 RoB 1 domains + overall
// (the UI rasterises that SVG for PNG; that step is the browser's). Median of 15 runs after
// 3 warm-up runs, end to end from stored assessments (overall rule included).

const STUDIES = 300;
const RUNS = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
}

function studies(): Array<{ label: string; assessment: Rob1Assessment }> {
  // Deterministic mix of judgements, with some not judged and names that need escaping.
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = (): Rob1Judgement | null => {
    const r = next();
    return r < 0.5 ? 'low' : r < 0.8 ? 'unclear' : r < 0.95 ? 'high' : null;
  };
  return Array.from({ length: STUDIES }, (_, i) => {
    const a = emptyRob1Assessment();
    for (const d of ROB1_DOMAIN_IDS) a[d] = { level: 'study', judgement: pick(), support: '' };
    return { label: `Author & Co <${i + 1}> ${2000 + (i % 25)}${i % 3 === 0 ? 'a' : ''}`, assessment: a };
  });
}

function time(fn: () => string): { ms: number; bytes: number } {
  let bytes = 0;
  for (let i = 0; i < 3; i++) bytes = fn().length;
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    bytes = fn().length;
    runs.push(performance.now() - t0);
  }
  return { ms: median(runs), bytes };
}

export default async function run(): Promise<BenchFigure[]> {
  const input = studies();
  const trafficLight = time(() => trafficLightSvg(rob1FigureData(input)));
  const summary = time(() => summaryGraphSvg(rob1FigureData(input)));
  return [
    {
      name: `traffic-light SVG, ${STUDIES} studies \u00D7 7 domains + overall (median of ${RUNS})`,
      value: trafficLight.ms,
      unit: 'ms',
      target: 500,
      note: `${Math.round(trafficLight.bytes / 1024)} KB of SVG`,
    },
    {
      name: `risk-of-bias graph SVG, ${STUDIES} studies (median of ${RUNS})`,
      value: summary.ms,
      unit: 'ms',
      target: 500,
      note: `${Math.round(summary.bytes / 1024)} KB of SVG`,
    },
  ];
}
