// Benchmark (issue 10): forest plots of the one analysis model.
//   - `grove report FILE --forest all -o DIR` on the generated 4 MB review of rm5.bench.ts
//     (imported once, not measured): the whole process with the compiled CLI, every outcome
//     analysed and drawn and written as SVG (target < 3 s);
//   - one data-row edit to the recomputed forest SVG, backend side: the audited
//     `outcomes.rows.update` (which answers with the re-analysed outcome) plus the plot's
//     input and SVG string, on that review's largest outcome (target < 100 ms).
// Skipped with a note when the corpus is absent. Prints the machine's load average beside
// the figures (two cores are shared, and wall times follow the load), CPU time beside wall
// time, and where the whole process's CPU goes (one extra run under `node --cpu-prof`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forestForOutcome, inProcessClient } from '../shared/src/index.ts';
import { forestPlotSvg } from '../shared/src/forest/index.ts';
import { decodeRm5Bytes } from '../shared/src/rm5/decode.ts';
import { parseXmlTree } from '../shared/src/rm5/xml-tree.ts';
import { createBackend } from '../db/src/backend.ts';
import { findCorpus } from '../test/conformance/support/corpus.ts';
import { generate } from './rm5.bench.ts';
import { phaseShares, type Phase } from './support/cpu-profile.ts';
import type { BenchFigure } from './run.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const GROVE = path.join(REPO, 'cli', 'bin', 'grove.js');
const PROCESS_RUNS = 5;
const EDITS = 15;
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () =>
  `load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

/** The phases of `grove report --forest all`, by the functions that run them (cli/src/commands/report-forest.ts). */
const PHASES: readonly Phase[] = [
  { name: 'modules (load, compile, evaluate)', frames: ['loadAndTranslate', 'moduleStrategy', 'compileSourceTextModule', 'evaluate'] },
  { name: 'open the file', frames: ['openFile'] },
  { name: 'model read', frames: ['readModel', 'readModelToAnalyse'] },
  { name: 'analysis', frames: ['analyseAll'] },
  { name: 'forest context', frames: ['readForestContext'] },
  { name: 'plot input', frames: ['plotOf'] },
  { name: 'SVG', frames: ['forestPlotSvg'] },
  { name: 'write', frames: ['writeFilesAtomic'] },
];

function grove(args: string[], nodeFlags: string[] = []): { wall: number; cpu: number; stderr: string } {
  const t0 = performance.now();
  const r = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', 'CPU %U %S', process.execPath, ...nodeFlags, GROVE, ...args], { cwd: REPO, encoding: 'utf8' })
    : spawnSync(process.execPath, [...nodeFlags, GROVE, ...args], { cwd: REPO, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`grove ${args.join(' ')} failed: ${r.stderr}`);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, stderr: r.stderr };
}

export default async function run(): Promise<BenchFigure[]> {
  const corpus = findCorpus();
  const source = corpus ? path.join(corpus, 'rm5', 'antibiotics-for-sore-throat.rm5') : null;
  if (!source || !fs.existsSync(source)) {
    const note = 'skipped: no corpus (set GROVE_CORPUS)';
    return [
      { name: 'grove report --forest all, generated 4 MB review (whole process, wall)', value: NaN, unit: 'ms', target: 3000, note },
      { name: 'one data-row edit → recomputed forest SVG (backend)', value: NaN, unit: 'ms', target: 100, note },
    ];
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-forest-bench-'));
  try {
    const { bytes, studies, rows } = generate(parseXmlTree(decodeRm5Bytes(fs.readFileSync(source))));
    const rm5 = path.join(dir, 'generated.rm5');
    fs.writeFileSync(rm5, bytes);
    const file = path.join(dir, 'generated.grove');
    // Builds the bundle if a source changed, and imports the review: neither is measured.
    grove(['new', file, '--from', rm5]);

    const out = path.join(dir, 'plots');
    const runs: Array<{ wall: number; cpu: number }> = [];
    let written = '';
    for (let i = 0; i < PROCESS_RUNS; i++) {
      const r = grove(['report', file, '--forest', 'all', '-o', out]);
      runs.push(r);
      written = /Wrote (\d+) forest plots? of (\d+) outcomes/.exec(r.stderr)?.slice(1).join('/') ?? '?';
    }
    const plots = fs.readdirSync(out).length;
    const note = `${(bytes.length / 1e6).toFixed(1)} MB, ${studies} studies, ${rows} data rows, ${written} outcomes drawn (${plots} files); median of ${PROCESS_RUNS}; ${load()}`;
    const figures: BenchFigure[] = [
      {
        name: 'grove report --forest all, generated 4 MB review (whole process, wall)',
        value: Math.round(median(runs.map((r) => r.wall))),
        unit: 'ms',
        target: 3000,
        note,
      },
    ];
    // One more run under the profiler, for where the CPU goes (not in the figures above).
    const profDir = path.join(dir, 'profile');
    grove(['report', file, '--forest', 'all', '-o', out], ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=250']);
    const profile = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    const shares = profile
      ? phaseShares(path.join(profDir, profile), PHASES)
          .map((p) => `${p.name} ${Math.round(p.share * 100)}%`)
          .join(', ')
      : 'no profile written';
    if (GNU_TIME)
      figures.push({
        name: 'grove report --forest all, generated 4 MB review (CPU)',
        value: Math.round(median(runs.map((r) => r.cpu))),
        unit: 'ms',
        target: 3000,
        note: `user + system, median of ${PROCESS_RUNS} (${runs.map((r) => Math.round(r.cpu)).join(', ')}); CPU profile: ${shares}`,
      });

    // One edit → the redrawn plot, in process, on the outcome with the most rows.
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(file);
    try {
      const client = inProcessClient(backend);
      const outline = (await client.call('outcomes.outline', {})).flatMap((c) => c.outcomes);
      const target = outline.filter((o) => o.dataType === 'dichotomous').sort((a, b) => b.studies - a.studies)[0]!;
      const detail = await client.call('outcomes.get', { id: target.id });
      const row = detail.rows.find((r) => r.origin === 'direct' && r.values.kind === 'dichotomous' && r.values.total1 > 2)!;
      if (row.values.kind !== 'dichotomous') throw new Error('a dichotomous row expected');
      const base = row.values;
      const times: number[] = [];
      const cpu: number[] = [];
      let svgBytes = 0;
      for (let i = 0; i <= EDITS; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const edited = await client.call('outcomes.rows.update', {
          outcomeId: target.id,
          rowId: row.id,
          values: { ...base, events1: Math.min(base.total1, base.events1 + (i % 2)) },
        });
        const plot = forestForOutcome({ ...edited.analysis, rows: edited.rows }, edited.outcome.settings, {
          outcomeNumber: edited.outcome.number,
        });
        const svg = plot ? forestPlotSvg(plot.input, plot.options) : '';
        const t = performance.now() - t0;
        const c = process.cpuUsage(c0);
        if (!svg) throw new Error(`no forest plot for ${target.id}`);
        svgBytes = svg.length;
        // The first edit warms up.
        if (i > 0) {
          times.push(t);
          cpu.push((c.user + c.system) / 1000);
        }
      }
      figures.push({
        name: 'one data-row edit → recomputed forest SVG (backend)',
        value: Math.round(median(times) * 10) / 10,
        unit: 'ms',
        target: 100,
        note: `${target.number} ${target.name}: ${detail.rows.length} rows, SVG ${(svgBytes / 1024).toFixed(0)} kB; median of ${EDITS}; ${load()}`,
      });
      figures.push({
        name: 'one data-row edit → recomputed forest SVG (backend, CPU)',
        value: Math.round(median(cpu) * 10) / 10,
        unit: 'ms',
        target: 100,
        note: 'user + system of this process',
      });
    } finally {
      backend.closeFile();
    }
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
