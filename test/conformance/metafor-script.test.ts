// The generated metafor script (issue 17, shared/src/report/metafor-script.ts) run with
// Rscript reproduces Grove's pooled estimates, CIs and τ² to 1e-8 relative: every outcome of
// the .rm5 corpus with its RevMan settings, plus the Fleiss 1993 outcomes under the newer
// methods (REML/PM, HKSJ with and without the ad hoc rule, 90% intervals). All scripts run in
// one R session (each inside local()). Skips when the corpus, Rscript or metafor is absent
// (.ci/run installs r-cran-metafor, so it runs in CI).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { metaforScript } from '../../shared/src/report/metafor-script.ts';
import { decodeRm5Bytes, parseRm5, rm5OutcomeToAnalysisInput } from '../../shared/src/rm5/index.ts';
import { analyze, type AnalysisInput, type PooledResult } from '../../shared/src/stats/index.ts';
import { findCorpus } from './support/corpus.ts';

const REL = 1e-8;
const ABS_ZERO = 1e-15;

const corpus = findCorpus();
const hasLme4 = spawnSync('Rscript', ['-e', 'suppressMessages(library(lme4))'], { encoding: 'utf8' }).status === 0;
const hasMetafor = spawnSync('Rscript', ['-e', 'suppressMessages(library(metafor))'], { encoding: 'utf8' }).status === 0;
if (!corpus) console.log('[metafor-script] SKIPPED: no corpus (set GROVE_CORPUS or provide ../shared/corpus)');
if (!hasMetafor) console.log('[metafor-script] SKIPPED: Rscript with metafor not available');

interface Case {
  id: string;
  input: AnalysisInput;
}

function corpusCases(dir: string): Case[] {
  const cases: Case[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.rm5'))
    .sort();
  for (const file of files) {
    const review = parseRm5(decodeRm5Bytes(readFileSync(join(dir, file))));
    for (const cmp of review.comparisons) {
      for (const outcome of cmp.outcomes) {
        const conv = rm5OutcomeToAnalysisInput(outcome, review.studies);
        if (!conv.ok) continue;
        cases.push({ id: `${file}:${outcome.id}`, input: conv.input });
        if (file === 'Fleiss1993.rm5') {
          const variants: Array<Partial<AnalysisInput>> = [
            { model: 'random', tau2Estimator: 'REML', ciMethod: 'hksj' },
            { model: 'random', tau2Estimator: 'PM', ciMethod: 'hksj-adhoc', ciLevel: 0.9 },
            { model: 'random', tau2Estimator: 'DL', ciMethod: 'wald' },
            { model: 'fixed', ciLevel: 0.99 },
          ];
          variants.forEach((v, i) => cases.push({ id: `${file}:${outcome.id}#${i + 1}`, input: { ...conv.input, ...v } as AnalysisInput }));
        }
      }
    }
  }
  return cases;
}

describe.skipIf(!corpus || !hasMetafor)('generated metafor scripts reproduce Grove (Rscript)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grove-metafor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every corpus outcome, pooled estimate, CI and τ² to 1e-8', () => {
    const cases = corpusCases(join(corpus as string, 'rm5'));
    expect(cases.length).toBeGreaterThan(20);
    const script = cases.map((c, i) => `cat("grove-analysis ${i}\\n")\nlocal({\n${metaforScript(c.input, { title: c.id })}})\n`).join('\n');
    const file = join(dir, 'all.R');
    writeFileSync(file, `options(warn = -1)\n${script}`);
    const out = execFileSync('Rscript', [file], { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });

    const results = new Map<number, Map<string, number[]>>();
    let current = -1;
    for (const line of out.split('\n')) {
      const parts = line.trim().split(/\s+/);
      if (parts[0] === 'grove-analysis') current = Number(parts[1]);
      if (parts[0] === 'grove-result') {
        const m = results.get(current) ?? new Map<string, number[]>();
        m.set(parts[1] as string, parts.slice(2).map(Number));
        results.set(current, m);
      }
    }

    const failures: string[] = [];
    let compared = 0;
    let worst = { rel: 0, what: '' };
    const check = (what: string, got: number, want: number | undefined): void => {
      if (want === undefined || !Number.isFinite(want)) {
        failures.push(`${what}: R gave ${want}`);
        return;
      }
      compared++;
      const rel = Math.abs(got - want) / Math.max(Math.abs(want), ABS_ZERO);
      if (rel > worst.rel && Math.abs(got - want) > ABS_ZERO) worst = { rel, what: `${what}: ${got} vs ${want}` };
      if (Math.abs(got - want) <= ABS_ZERO) return;
      if (!(rel <= REL)) failures.push(`${what}: Grove ${got}, metafor script ${want} (rel ${rel.toExponential(2)})`);
    };
    const compare = (id: string, label: string, pooled: PooledResult, r: Map<string, number[]> | undefined): void => {
      if (!pooled.estimable) {
        if (r?.has(label)) failures.push(`${id} ${label}: not estimable in Grove, R reported a result`);
        return;
      }
      const got = r?.get(label);
      if (!got) {
        failures.push(`${id} ${label}: no result from R`);
        return;
      }
      check(`${id} ${label} estimate`, pooled.estimate, got[0]);
      check(`${id} ${label} ci.lb`, pooled.ciLower, got[1]);
      check(`${id} ${label} ci.ub`, pooled.ciUpper, got[2]);
      check(`${id} ${label} tau2`, pooled.tau2, got[3]);
    };
    cases.forEach((c, i) => {
      const res = analyze(c.input);
      const r = results.get(i);
      if (res.overall) compare(c.id, 'overall', res.overall, r);
      res.subgroups.forEach((s, j) => compare(c.id, `subgroup${j + 1}`, s, r));
    });
    console.log(`[metafor-script] ${cases.length} analyses, ${compared} numbers compared; largest relative difference ${worst.rel.toExponential(2)} (${worst.what})`);
    expect(failures).toEqual([]);
  }, 900_000);
});

describe.skipIf(!corpus || !hasMetafor || !hasLme4)('the GLMM block in the generated script (rma.glmm, needs lme4)', () => {
  it('reproduces Grove’s GLMM odds ratio, CI and τ² on Fleiss 1993 to 1e-5 (random and fixed)', () => {
    const review = parseRm5(decodeRm5Bytes(readFileSync(join(corpus as string, 'rm5', 'Fleiss1993.rm5'))));
    const inputs: AnalysisInput[] = [];
    for (const cmp of review.comparisons) {
      for (const outcome of cmp.outcomes) {
        const conv = rm5OutcomeToAnalysisInput(outcome, review.studies);
        if (!conv.ok || conv.input.dataType !== 'dichotomous') continue;
        const base = { ...conv.input, effectMeasure: 'OR' as const };
        inputs.push({ ...base, model: 'random', extensions: { glmm: { quadraturePoints: 7 } } });
        inputs.push({ ...base, model: 'fixed', ciLevel: 0.9, extensions: { glmm: { quadraturePoints: 7 } } });
      }
    }
    expect(inputs.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'grove-glmm-'));
    try {
      const file = join(dir, 'glmm.R');
      writeFileSync(file, inputs.map((input, i) => `cat("grove-analysis ${i}\\n")\nlocal({\n${metaforScript(input)}})\n`).join('\n'));
      const out = execFileSync('Rscript', [file], { encoding: 'utf8', timeout: 600_000 });
      const glmm = new Map<number, number[]>();
      let current = -1;
      for (const line of out.split('\n')) {
        const parts = line.trim().split(/\s+/);
        if (parts[0] === 'grove-analysis') current = Number(parts[1]);
        if (parts[0] === 'grove-result' && parts[1] === 'glmm') glmm.set(current, parts.slice(2).map(Number));
      }
      inputs.forEach((input, i) => {
        const res = analyze(input).glmm;
        if (!res || 'error' in res) throw new Error(`analysis ${i}: ${JSON.stringify(res)}`);
        const r = glmm.get(i);
        expect(r, `analysis ${i}`).toBeDefined();
        const [est, lb, ub, tau2] = r as [number, number, number, number];
        expect(Math.abs(res.estimate - est) / est).toBeLessThan(1e-5);
        expect(Math.abs(res.ciLower - lb) / lb).toBeLessThan(1e-5);
        expect(Math.abs(res.ciUpper - ub) / ub).toBeLessThan(1e-5);
        expect(Math.abs(res.tau2 - tau2)).toBeLessThan(1e-6);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
