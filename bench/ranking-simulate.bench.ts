import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseLabelledCsv } from '../shared/src/screening/labelled-csv.ts';
import { createModel, DEFAULT_MODEL, ScreeningFeatures, type ScreeningText } from '../shared/src/screening/models.ts';
import { seededRandom } from '../shared/src/screening/random.ts';
import { simulateScreening } from '../shared/src/screening/simulate.ts';
import type { BenchFigure } from './run.ts';

// Priority screening (issue 15): a simulation of a 2,000-record set with the default model,
// retraining after every decision, must finish in < 30 s. Uses the corpus's
// Bannach-Brown 2019 set (1,993 records) when present, else a synthetic set of 2,000
// records. Wall-clock and CPU time are both printed: on a shared machine the wall clock
// also counts time spent waiting for a core. Also the retrain time per decision (p95),
// which bounds how stale the order can be while a reviewer keeps screening.

function syntheticSet(n: number): { records: ScreeningText[]; labels: (0 | 1)[] } {
  const random = seededRandom(15);
  // A Zipf-like vocabulary of 20,000 words; relevant records also draw from 40 topic words.
  const word = (i: number) => `w${i.toString(36)}`;
  const zipf = () => Math.floor(Math.exp(random() * Math.log(20_000)));
  const records: ScreeningText[] = [];
  const labels: (0 | 1)[] = [];
  for (let r = 0; r < n; r++) {
    const relevant = random() < 0.05;
    const words: string[] = [];
    for (let k = 0; k < 180; k++) words.push(relevant && random() < 0.08 ? `topic${Math.floor(random() * 40)}` : word(zipf()));
    records.push({ title: words.slice(0, 12).join(' '), abstract: words.slice(12).join(' ') });
    labels.push(relevant ? 1 : 0);
  }
  return { records, labels };
}

function loadSet(): { name: string; records: ScreeningText[]; labels: (0 | 1)[] } {
  const corpus = process.env.GROVE_CORPUS ?? path.resolve(import.meta.dirname, '../../shared/corpus');
  const file = path.join(corpus, 'screening', 'Bannach-Brown_2019.csv');
  if (existsSync(file)) {
    const set = parseLabelledCsv(readFileSync(file, 'utf8'), file, { labelField: 'label_included', idField: 'record_id' });
    return { name: `Bannach-Brown 2019, ${set.ids.length} records`, ...set };
  }
  return { name: 'synthetic, 2000 records', ...syntheticSet(2000) };
}

export default async function run(): Promise<BenchFigure[]> {
  const set = loadSet();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const features = new ScreeningFeatures(set.records);
  const { order } = simulateScreening(features, set.labels, { seed: 0, batch: 1, model: DEFAULT_MODEL });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);

  // Replay the same order with a fresh model, timing each retrain.
  const model = createModel(DEFAULT_MODEL, features);
  const random = seededRandom(0);
  const times: number[] = [];
  for (let k = 2; k < order.length; k += 1) {
    const records = order.slice(0, k);
    const started = performance.now();
    model.score({ records, labels: records.map((r) => set.labels[r]!) }, random);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p95 = times[Math.floor(0.95 * (times.length - 1))] ?? NaN;

  return [
    { name: `simulate, ${DEFAULT_MODEL}, retrain every decision (${set.name})`, value: wall, unit: 's', target: 30 },
    { name: 'simulate, CPU time (user + system)', value: (cpu.user + cpu.system) / 1e6, unit: 's', note: 'the same run' },
    { name: 'one retrain + rescoring, p95', value: p95, unit: 'ms', note: `${times.length} retrains` },
  ];
}
