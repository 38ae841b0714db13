// Benchmark (issue 11): recomputing every analysis of the .rm5 corpus with `grove meta`,
// whole process (start-up, reading the JSON, the analyses, printing), against the time
// metafor needs for the nearest equivalent fits of the same analyses (bench/r/metafor-timing.R:
// rma / rma.mh / rma.peto over all studies and within each subgroup; only the fits timed).
// Target: Grove ≤ 0.1 × metafor. Both are wall-clock medians on a shared machine, so the
// load average is printed with them. Skipped with a note without the corpus or Rscript+metafor.
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

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

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
    const input = path.join(tmp, 'analyses.json');
    fs.writeFileSync(input, JSON.stringify(analyses));

    // metafor: the R script times its fits itself, median of RUNS repeats in one session.
    const r = spawnSync('Rscript', [R_SCRIPT, input, String(RUNS)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`metafor-timing.R failed: ${r.stderr}`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop() as string) as {
      analyses: number;
      fits: number;
      failed: number;
      seconds: number;
      metafor: string;
    };

    // Grove: the whole `grove meta` process on all analyses at once (the compiled CLI is
    // built by the first run, which is not counted).
    spawnSync(process.execPath, [GROVE, 'meta', input], { encoding: 'utf8' });
    const grove: number[] = [];
    let results = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const g = spawnSync(process.execPath, [GROVE, 'meta', input], { encoding: 'utf8', maxBuffer: 1 << 28 });
      grove.push(performance.now() - t0);
      if (g.status !== 0 && g.status !== 2) throw new Error(`grove meta failed: ${g.stderr}`);
      results = (JSON.parse(g.stdout) as unknown[]).length;
    }
    const groveMs = median(grove);
    const metaforMs = m.seconds * 1000;
    const load = os.loadavg()[0]?.toFixed(1) ?? '?';
    return [
      {
        name: 'grove meta, every corpus analysis (whole process, wall)',
        value: Math.round(groveMs),
        unit: 'ms',
        note: `${results} analyses in one call; median of ${RUNS}; load average ${load}`,
      },
      {
        name: 'metafor, the nearest equivalent fits (fits only, wall)',
        value: Math.round(metaforMs),
        unit: 'ms',
        note: `${m.fits} fits (rma/rma.mh/rma.peto, totals and subgroups) of ${m.analyses} analyses, ${m.failed} refused by metafor; metafor ${m.metafor}; median of ${RUNS}`,
      },
      { name: NAME, value: groveMs / metaforMs, unit: '×', target: 0.1, note: `load average ${load} on ${os.cpus().length} cores` },
    ];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
