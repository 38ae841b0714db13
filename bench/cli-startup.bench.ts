// Benchmark (issue 11, item 9): how long the `grove` command takes as a whole process, now
// that it runs a compiled bundle (cli/bin/compiled-cli.js) and loads each command's
// modules only when that command runs.
//   - `grove meta` on one analysis, against a bare `node -e 0` measured in the same run,
//     interleaved so that machine load affects both alike (target: at most 3×);
//   - `grove rm5 analyze` on the generated 4 MB review of rm5.bench.ts (< 700 ms; skipped
//     without the corpus).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeRm5Bytes } from '../shared/src/rm5/decode.ts';
import { parseXmlTree } from '../shared/src/rm5/xml-tree.ts';
import { findCorpus } from '../test/conformance/support/corpus.ts';
import { generate } from './rm5.bench.ts';
import type { BenchFigure } from './run.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const GROVE = path.join(REPO, 'cli', 'bin', 'grove.js');
const RUNS = 15;

/** GNU time reports the child's CPU time; on a shared, busy machine that is steadier than wall time. */
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Wall time and (where GNU time exists) user + system CPU time of one whole process, ms. */
function timed(args: string[]): { wall: number; cpu: number } {
  const t0 = performance.now();
  const r = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', 'CPU %U %S', process.execPath, ...args], { cwd: REPO, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const med = (xs: Array<{ wall: number; cpu: number }>, k: 'wall' | 'cpu') => median(xs.map((x) => x[k]));

export default async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-cli-bench-'));
  try {
    // The first call builds the bundle if a source changed; that is not what is measured.
    timed([GROVE, '--version']);
    const analysis = path.join(dir, 'analysis.json');
    fs.writeFileSync(
      analysis,
      JSON.stringify({
        dataType: 'dichotomous',
        measure: 'OR',
        model: 'random',
        rows: [
          { study: 'A', events1: 5, total1: 50, events2: 10, total2: 50 },
          { study: 'B', events1: 3, total1: 40, events2: 8, total2: 40 },
          { study: 'C', events1: 12, total1: 120, events2: 15, total2: 118 },
        ],
      }),
    );
    const bare: Array<{ wall: number; cpu: number }> = [];
    const meta: Array<{ wall: number; cpu: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(timed(['-e', '0']));
      meta.push(timed([GROVE, 'meta', analysis]));
    }
    // On a shared machine wall time follows the load: print it with the figures.
    const load = () =>
      `load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${os.cpus().length} cores`;
    const figures: BenchFigure[] = [
      {
        name: 'grove meta, one analysis (whole process, wall)',
        value: Math.round(med(meta, 'wall')),
        unit: 'ms',
        note: `median of ${RUNS}; ${load()}`,
      },
      { name: 'node -e 0 in the same run (wall)', value: Math.round(med(bare, 'wall')), unit: 'ms', note: `median of ${RUNS}` },
      { name: 'grove meta ÷ node -e 0 (wall)', value: med(meta, 'wall') / med(bare, 'wall'), unit: '×', target: 3 },
    ];
    if (GNU_TIME)
      figures.push(
        { name: 'grove meta, one analysis (CPU)', value: Math.round(med(meta, 'cpu')), unit: 'ms', note: 'user + system' },
        { name: 'grove meta ÷ node -e 0 (CPU)', value: med(meta, 'cpu') / med(bare, 'cpu'), unit: '×', target: 3 },
      );

    const corpus = findCorpus();
    const source = corpus ? path.join(corpus, 'rm5', 'antibiotics-for-sore-throat.rm5') : null;
    if (!source || !fs.existsSync(source)) {
      figures.push({
        name: 'grove rm5 analyze, generated 4 MB review (whole process, wall)',
        value: NaN,
        unit: 'ms',
        target: 700,
        note: 'skipped: no corpus (set GROVE_CORPUS)',
      });
      return figures;
    }
    const { bytes, studies, rows } = generate(parseXmlTree(decodeRm5Bytes(fs.readFileSync(source))));
    const file = path.join(dir, 'generated.rm5');
    fs.writeFileSync(file, bytes);
    const analyze: Array<{ wall: number; cpu: number }> = [];
    for (let i = 0; i < 7; i++) analyze.push(timed([GROVE, 'rm5', 'analyze', file, '--json']));
    const note = `${(bytes.length / 1e6).toFixed(1)} MB, ${studies} studies, ${rows} data rows; median of 7; ${load()}`;
    figures.push({
      name: 'grove rm5 analyze, generated 4 MB review (whole process, wall)',
      value: Math.round(med(analyze, 'wall')),
      unit: 'ms',
      target: 700,
      note,
    });
    if (GNU_TIME)
      figures.push({
        name: 'grove rm5 analyze, generated 4 MB review (CPU)',
        value: Math.round(med(analyze, 'cpu')),
        unit: 'ms',
        target: 700,
        note: 'user + system',
      });
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
