// `grove report FILE --script ID` (issue 17): the metafor script for one outcome of the review,
// with the settings it is analysed with. Where R and metafor are installed (.ci/run installs
// them) the script is run and must reproduce Grove's pooled estimate, CI and τ² to 1e-8.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../db/src/backend.ts';
import { createExampleReview } from '../../db/src/example/create-example.ts';
import { analyseAll, readModel } from '../../db/src/service/outcome-model.ts';
import { runGrove } from '../support/run-cli.ts';
import { tempDir } from '../support/temp.ts';

const { dir, cleanup } = tempDir('grove-report-script-');
afterAll(cleanup);

const hasMetafor = spawnSync('Rscript', ['-e', 'suppressMessages(library(metafor))'], { encoding: 'utf8' }).status === 0;
if (!hasMetafor) console.log('[report-script] Rscript with metafor not available: the script is checked but not run');

function pooledOf(file: string, id: string) {
  const backend = createBackend({ host: 'in-process' });
  const review = backend.openFile(file, { forReading: true });
  try {
    const a = analyseAll(readModel(review.db)).find((x) => x.record.id === id)!;
    return a.analysis.result!.overall!;
  } finally {
    backend.closeFile();
  }
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-8 * Math.max(Math.abs(b), 1e-12);

describe('grove report --script', () => {
  const file = path.join(dir, 'fleiss.grove');
  createExampleReview(file, { overwrite: true, example: 'fleiss1993' }).close();

  it('writes the R script of one outcome that reproduces its pooled result', () => {
    const run = runGrove(['report', file, '--script', 'CMP-001.01']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('suppressMessages(library(metafor))');
    expect(run.stdout).toMatch(/^# Reproduces "1\.1 /m);
    expect(run.stdout).toMatch(/written by Grove \d+\.\d+\.\d+/);
    if (!hasMetafor) return;
    const script = path.join(dir, 'cmp-001-01.R');
    writeFileSync(script, run.stdout);
    const r = spawnSync('Rscript', [script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('grove-result overall '));
    expect(line, r.stdout).toBeDefined();
    const [est, lb, ub, tau2] = line!.split(' ').slice(2).map(Number) as [number, number, number, number];
    const pooled = pooledOf(file, 'CMP-001.01');
    if (!pooled.estimable) throw new Error('the example outcome should be estimable');
    expect(close(est, pooled.estimate), `${est} vs ${pooled.estimate}`).toBe(true);
    expect(close(lb, pooled.ciLower), `${lb} vs ${pooled.ciLower}`).toBe(true);
    expect(close(ub, pooled.ciUpper), `${ub} vs ${pooled.ciUpper}`).toBe(true);
    expect(Math.abs(tau2 - pooled.tau2)).toBeLessThanOrEqual(1e-8 * Math.max(pooled.tau2, 1e-8));
  });

  it('writes to a file with -o, and refuses an unknown id or another format', () => {
    const out = path.join(dir, 'script.R');
    expect(runGrove(['report', file, '--script', 'CMP-001.01', '-o', out]).status).toBe(0);
    const unknown = runGrove(['report', file, '--script', 'CMP-009.09']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no outcome "CMP-009\.09".*--list/);
    const svg = runGrove(['report', file, '--script', 'CMP-001.01', '--format', 'svg']);
    expect(svg.status).toBe(2);
    expect(svg.stderr).toMatch(/R script/);
  });

  it('--glmm is refused for an outcome that is not an odds ratio, and without --script', () => {
    // The example's one outcome is continuous (its GLMM script is checked in test/unit/metafor-script-glmm.test.ts).
    const run = runGrove(['report', file, '--script', 'CMP-001.01', '--glmm']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--glmm: the GLMM estimates an odds ratio; the outcome "CMP-001.01" is continuous data with MD.');
    const alone = runGrove(['report', file, '--list', '--glmm']);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--glmm goes with --script ID.');
  });
});
