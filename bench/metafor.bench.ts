// Benchmark (issue 11): recomputing every analysis of the .rm5 corpus with ONE `grove meta`
// process given all of them as an array, whole process (start-up, reading the JSON, the
// analyses, printing), against the time metafor needs for the nearest equivalent fits of the
// same analyses (bench/r/metafor-timing.R: rma / rma.mh / rma.peto for each pool Grove
// computes — the total where asked for, each subgroup; only the fits timed, inside R).
// Both sides count the pools they fitted, and the counts must agree. Target: Grove ≤ 0.1 ×
// metafor. The issue measures it on 450 real analyses; the local corpus has about 100, so a
// second round takes 450 analyses made from the corpus's (scaledAnalyses) to show how each
// side's time grows per analysis. On a shared machine wall time depends on the load, so CPU time (user + system)
// is printed beside it, with the load average. Skipped with a note without the corpus or
// Rscript+metafor.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeRm5Bytes, parseRm5, rm5OutcomeToAnalysisInput } from '../shared/src/rm5/index.ts';
import type { AnalysisInput } from '../shared/src/stats/index.ts';
import { findCorpus } from '../test/conformance/support/corpus.ts';
import type { BenchFigure } from './run.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const GROVE = path.join(REPO, 'cli', 'bin', 'grove.js');
const R_SCRIPT = path.join(REPO, 'bench', 'r', 'metafor-timing.R');
const RUNS = 5;
const NAME = 'grove meta on every corpus analysis ÷ metafor fits';

/** Every outcome of every corpus .rm5 file that the statistical core takes, with its RevMan settings. */
function corpusAnalyses(dir: string): AnalysisInput[] {
  const out: AnalysisInput[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.rm5'))
    .sort()) {
    const review = parseRm5(decodeRm5Bytes(new Uint8Array(fs.readFileSync(path.join(dir, file)))));
    for (const cmp of review.comparisons)
      for (const outcome of cmp.outcomes) {
        const conv = rm5OutcomeToAnalysisInput(outcome, review.studies);
        if (conv.ok && conv.input.rows.length > 0) out.push(conv.input);
      }
  }
  return out;
}

/** Copy of the figure: how many analyses the target is measured on. */
const SCALED = 450;

/**
 * `n` analyses made from the corpus's: each in turn, every copy after the first with its
 * studies renamed and its rows rotated, so that no two inputs are the same object text.
 * The numbers, hence each fit's work, stay those of a real analysis.
 */
export function scaledAnalyses(analyses: readonly AnalysisInput[], n: number): AnalysisInput[] {
  return Array.from({ length: n }, (_, i) => {
    const a = analyses[i % analyses.length]!;
    const copy = Math.floor(i / analyses.length);
    if (copy === 0) return a;
    const rows = a.rows.map((r) => ({ ...r, study: `${r.study} (${copy})` }));
    const k = copy % rows.length;
    return { ...a, rows: [...rows.slice(k), ...rows.slice(0, k)] } as AnalysisInput;
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

/** GNU time reports the child's CPU time (user + system). */
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** One whole Node process (`grove meta FILE`, or a bare `node -e 0`): wall and CPU ms, and its standard output. */
function timedNode(args: string[]): { wall: number; cpu: number; stdout: string } {
  return timedProcess(process.execPath, args);
}

/** One whole process: wall and CPU ms (CPU from GNU time, NaN without it), and its standard output. */
function timedProcess(command: string, args: string[]): { wall: number; cpu: number; stdout: string } {
  const t0 = performance.now();
  const g = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', 'CPU %U %S', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = performance.now() - t0;
  if (g.status !== 0 && g.status !== 2) throw new Error(`${args.join(' ')} failed: ${g.stderr}`);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(g.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, stdout: g.stdout };
}

/** The pools `grove meta` computed: each analysis's total (when computed) and its subgroups. */
function pools(results: unknown[]): { analyses: number; pools: number } {
  let n = 0;
  let analyses = 0;
  for (const r of results as Array<{ overall?: unknown; subgroups?: unknown[] }>) {
    if (!r || !('subgroups' in r)) continue; // an error entry
    analyses++;
    n += (r.overall ? 1 : 0) + (r.subgroups?.length ?? 0);
  }
  return { analyses, pools: n };
}

/** Both sides on one input: figures labelled `label`. */
function measure(analyses: AnalysisInput[], label: string, tmp: string): BenchFigure[] {
  const input = path.join(tmp, `analyses-${analyses.length}.json`);
  fs.writeFileSync(input, JSON.stringify(analyses));

  // metafor: the R script times its fits itself, median of RUNS repeats in one session.
  const r = spawnSync('Rscript', [R_SCRIPT, input, String(RUNS)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`metafor-timing.R failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop() as string) as {
    analyses: number;
    fits: number;
    failed: number;
    seconds: number;
    cpuSeconds: number;
    metafor: string;
  };

  // metafor as a whole process too, as a reviewer would run it (Rscript starting, loading
  // metafor, reading the same JSON, fitting once): the like-for-like figure beside
  // Grove's whole process. The issue's wording ("the time metafor needs for the nearest
  // equivalent fits") can be read either way, so both ratios are printed. Grove: the whole
  // `grove meta` process on all analyses at once (the compiled CLI is built by the first
  // run, which is not counted), and a bare `node -e 0`, the floor under Grove's figure.
  // The three alternate, so that the machine's load weighs on each alike.
  timedNode([GROVE, 'meta', input]);
  const rWhole: Array<{ wall: number; cpu: number }> = [];
  const runs: Array<{ wall: number; cpu: number; stdout: string }> = [];
  const bare: Array<{ wall: number; cpu: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    rWhole.push(timedProcess('Rscript', [R_SCRIPT, input, '1']));
    runs.push(timedNode([GROVE, 'meta', input]));
    bare.push(timedNode(['-e', '0']));
  }
  const counted = pools(JSON.parse(runs[0]!.stdout) as unknown[]);
  if (counted.pools !== m.fits)
    throw new Error(`grove meta computed ${counted.pools} pools and metafor-timing.R fitted ${m.fits}: not the same set`);
  const wall = median(runs.map((x) => x.wall));
  const cpu = median(runs.map((x) => x.cpu));
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  const same = `${m.fits} pools (totals and subgroups) of ${analyses.length} analyses on both sides`;
  return [
    {
      name: `grove meta, ${label}, one process (wall)`,
      value: Math.round(wall),
      unit: 'ms',
      note: `${counted.analyses} analyses in one call; ${same}; median of ${RUNS}; load average ${load}`,
    },
    { name: `grove meta, ${label}, one process (CPU)`, value: Math.round(cpu), unit: 'ms', note: 'user + system' },
    {
      name: `metafor, ${label}, the nearest equivalent fits (fits only, wall)`,
      value: Math.round(m.seconds * 1000),
      unit: 'ms',
      note: `${m.fits} fits (rma/rma.mh/rma.peto), ${m.failed} refused by metafor; metafor ${m.metafor}; median of ${RUNS}`,
    },
    {
      name: `metafor, ${label}, the nearest equivalent fits (fits only, CPU)`,
      value: Math.round(m.cpuSeconds * 1000),
      unit: 'ms',
      note: 'user + system',
    },
    {
      name: `${NAME}, ${label} (wall)`,
      value: wall / (m.seconds * 1000),
      unit: '×',
      target: 0.1,
      note: `load average ${load} on ${os.cpus().length} cores`,
    },
    { name: `${NAME}, ${label} (CPU)`, value: cpu / (m.cpuSeconds * 1000), unit: '×', target: 0.1 },
    {
      name: `metafor, ${label}, whole process (Rscript, library(metafor), read the JSON, the fits once)`,
      value: Math.round(median(rWhole.map((x) => x.wall))),
      unit: 'ms',
      note: `${Math.round(median(rWhole.map((x) => x.cpu)))} ms CPU; median of ${RUNS}`,
    },
    {
      name: `grove meta ÷ metafor, ${label}, both whole processes (wall)`,
      value: wall / median(rWhole.map((x) => x.wall)),
      unit: '×',
      target: 0.1,
    },
    {
      name: `grove meta ÷ metafor, ${label}, both whole processes (CPU)`,
      value: cpu / median(rWhole.map((x) => x.cpu)),
      unit: '×',
      target: 0.1,
    },
    {
      name: `node -e 0 ÷ metafor fits, ${label} (CPU): the floor of any Node process`,
      value: median(bare.map((x) => x.cpu)) / (m.cpuSeconds * 1000),
      unit: '×',
      note: `node -e 0: ${Math.round(median(bare.map((x) => x.cpu)))} ms CPU, ${Math.round(median(bare.map((x) => x.wall)))} ms wall`,
    },
  ];
}

export default async function run(): Promise<BenchFigure[]> {
  const corpus = findCorpus();
  const dir = corpus ? path.join(corpus, 'rm5') : null;
  const skip = (why: string): BenchFigure[] => [{ name: NAME, value: NaN, unit: '×', target: 0.1, note: `skipped: ${why}` }];
  if (!dir || !fs.existsSync(dir)) return skip('no corpus (set GROVE_CORPUS)');
  const hasMetafor = spawnSync('Rscript', ['-e', 'suppressMessages({library(metafor); library(jsonlite)})'], { encoding: 'utf8' });
  if (hasMetafor.error || hasMetafor.status !== 0) return skip('Rscript with metafor and jsonlite not available');

  const analyses = corpusAnalyses(dir);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-metafor-bench-'));
  try {
    return [
      ...measure(analyses, `every corpus analysis (${analyses.length})`, tmp),
      ...measure(scaledAnalyses(analyses, SCALED), `${SCALED} analyses made from the corpus's`, tmp),
    ];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
