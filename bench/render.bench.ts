import { performance } from 'node:perf_hooks';
import { analyze, presetSettings, REVMAN5_PRESET, type DichotomousAnalysisInput } from '../shared/src/stats/index.ts';
import { forestPlotSvg } from '../shared/src/forest/index.ts';
import { svgToPdf } from '../cli/src/render/svg-to-pdf.ts';
import { svgToPng } from '../cli/src/render/svg-to-png.ts';
import type { BenchFigure } from './run.ts';

// Headless PNG and PDF of a forest plot (cli/src/render), what `grove report --forest …
// --format png|pdf` pays per figure on top of the SVG: a 100-study plot in 4 subgroups, as
// a PDF page the size of the figure and a 300 dpi PNG. Median of 5 runs after 1 warm-up
// (which loads the fonts). No issue target; the ratio to the SVG's own time is printed.

const STUDIES = 100;
const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function input(): DichotomousAnalysisInput {
  let state = 7;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const rows = Array.from({ length: STUDIES }, (_, i) => {
    const total1 = 20 + Math.floor(next() * 800);
    const total2 = 20 + Math.floor(next() * 800);
    const p2 = 0.05 + next() * 0.4;
    return {
      study: `Author ${i + 1} ${2000 + (i % 25)}`,
      subgroup: `Subgroup ${(i % 4) + 1}`,
      events1: Math.round(Math.min(0.95, p2 * (0.5 + next())) * total1),
      total1,
      events2: Math.round(p2 * total2),
      total2,
    };
  });
  return { ...presetSettings(REVMAN5_PRESET, 'RR'), model: 'random', dataType: 'dichotomous', effectMeasure: 'RR', rows };
}

async function time(f: () => unknown): Promise<number> {
  await f();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await f();
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

export default async function run(): Promise<BenchFigure[]> {
  const analysis = input();
  const svg = () => forestPlotSvg({ analysis, result: analyze(analysis), labels: { outcomeNumber: '1.1' } });
  const text = svg();
  const svgMs = await time(svg);
  const pdfMs = await time(() => svgToPdf(text));
  const pngMs = await time(() => svgToPng(text));
  const pdfBytes = (await svgToPdf(text)).byteLength;
  const pngBytes = (await svgToPng(text)).byteLength;
  return [
    { name: `forest plot SVG, ${STUDIES} studies (median of ${RUNS})`, value: svgMs, unit: 'ms' },
    {
      name: `SVG → PDF, fit page (median of ${RUNS})`,
      value: pdfMs,
      unit: 'ms',
      note: `${(pdfMs / svgMs).toFixed(1)} × the SVG; ${Math.round(pdfBytes / 1024)} KiB`,
    },
    {
      name: `SVG → PNG, 300 dpi (median of ${RUNS})`,
      value: pngMs,
      unit: 'ms',
      note: `${(pngMs / svgMs).toFixed(1)} × the SVG; ${Math.round(pngBytes / 1024)} KiB`,
    },
  ];
}
