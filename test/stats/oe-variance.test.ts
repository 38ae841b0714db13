// O−E and variance data (RevMan's IPD outcome) against metafor on dat.pignon2000:
// rma(yi = OmE/V, vi = 1/V, method = "EE") for RevMan 5's Peto-type fixed effect and
// method = "DL" for random effects, overall and per timing subgroup, plus the test for
// subgroup differences (fixtures/oe-variance-reference.R → JSON; tests never need R).
import { describe, expect, it } from 'vitest';
import { runMeta } from '../../cli/src/commands/meta.ts';
import { analyze, parseAnalysisInput, type AnalysisResult, type PooledResult } from '../../shared/src/stats/index.ts';
import ref from './fixtures/oe-variance-reference.json' with { type: 'json' };

const REL = 1e-9;
const Z975 = 1.959963984540054;

interface Fit {
  beta: number;
  se: number;
  ci_lb: number;
  ci_ub: number;
  zval: number;
  pval: number;
  QE: number;
  QEp: number;
  k: number;
  tau2: number;
  I2: number;
  weights: number[];
}
interface Model {
  overall: Fit;
  subgroups: Record<string, Fit>;
  subgroupTest: { Q: number; df: number; p: number; I2: number };
}

function close(what: string, got: number | null | undefined, want: number, failures: string[]): void {
  if (got === null || got === undefined) {
    failures.push(`${what}: missing (metafor ${want})`);
    return;
  }
  const rel = got === want ? 0 : Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);
  // Values metafor gives as exactly 0 (τ² under EE) need an absolute check.
  if (want === 0 ? Math.abs(got) > 1e-14 : rel > REL) failures.push(`${what}: got ${got}, metafor ${want} (rel ${rel.toExponential(2)})`);
}

function run(model: 'fixed' | 'random', method: 'PETO' | 'IV' = 'PETO'): AnalysisResult {
  const parsed = parseAnalysisInput({
    dataType: 'oe-variance',
    effectMeasure: 'HR',
    method,
    model,
    pValues: 'exact',
    rows: ref.data.map((d) => ({ study: d.trial, subgroup: d.grp, oe: d.OmE, variance: d.V })),
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return analyze(parsed.input);
}

function comparePooled(what: string, ours: PooledResult | null | undefined, fit: Fit, failures: string[]): void {
  if (!ours?.estimable) {
    failures.push(`${what}: not estimable`);
    return;
  }
  // Ours is on the ratio scale; metafor's on the log scale.
  close(`${what} estimate`, Math.log(ours.estimate), fit.beta, failures);
  close(`${what} ci.lb`, Math.log(ours.ciLower), fit.ci_lb, failures);
  close(`${what} ci.ub`, Math.log(ours.ciUpper), fit.ci_ub, failures);
  close(`${what} se`, ours.se, fit.se, failures);
  close(`${what} z`, ours.z, fit.zval, failures);
  close(`${what} p`, ours.p, fit.pval, failures);
  close(`${what} Q`, ours.q, fit.QE, failures);
  close(`${what} P(Q)`, ours.pQ, fit.QEp, failures);
  expect(ours.df).toBe(fit.k - 1);
  close(`${what} tau2`, ours.tau2, fit.tau2, failures);
  close(`${what} I2`, ours.i2, fit.I2, failures);
}

describe(`O−E and variance against metafor ${ref.metafor} (dat.pignon2000, ${ref.data.length} trials)`, () => {
  const models = ref.models as unknown as Record<'EE' | 'DL', Model>;
  for (const [name, model, method] of [
    ['EE', 'fixed', 'PETO'],
    ['EE', 'fixed', 'IV'],
    ['DL', 'random', 'PETO'],
  ] as const) {
    it(`${model} effect (${method}) = metafor method="${name}": overall, subgroups, weights, subgroup test`, () => {
      const m = models[name];
      const r = run(model, method);
      const f: string[] = [];
      comparePooled('overall', r.overall, m.overall, f);
      r.rows.forEach((row, i) => close(`row ${i + 1} weight`, row.weight, m.overall.weights[i] as number, f));
      for (const sg of r.subgroups) {
        const fit = m.subgroups[sg.name];
        if (!fit) throw new Error(`no metafor fit for ${sg.name}`);
        comparePooled(sg.name, sg, fit, f);
      }
      expect(r.subgroups.map((s) => s.name)).toEqual(['adjuvant', 'neoadjuvant', 'concomitant']);
      close('subgroup Q', r.subgroupDifferences?.q, m.subgroupTest.Q, f);
      close('subgroup P', r.subgroupDifferences?.p, m.subgroupTest.p, f);
      close('subgroup I2', r.subgroupDifferences?.i2, m.subgroupTest.I2, f);
      expect(r.subgroupDifferences?.df).toBe(m.subgroupTest.df);
      expect(f).toEqual([]);
    });
  }

  it('study rows: HR = exp((O−E)/V), SE = 1/√V, 95% CI on the log scale', () => {
    const r = run('fixed');
    const f: string[] = [];
    r.rows.forEach((row, i) => {
      close(`row ${i + 1} ln HR`, Math.log(row.estimate ?? NaN), ref.studies.yi[i] as number, f);
      close(`row ${i + 1} se`, row.se, ref.studies.sei[i] as number, f);
      close(`row ${i + 1} ci.lb`, Math.log(row.ciLower ?? NaN), (ref.studies.yi[i] as number) - Z975 * (ref.studies.sei[i] as number), f);
    });
    expect(f).toEqual([]);
    expect(r.methods).toMatchObject({ dataType: 'oe-variance', effectMeasure: 'HR', method: 'PETO', ratio: true });
  });

  it('Peto form: ln HR = Σ(O−E)/ΣV and SE = 1/√ΣV exactly as the sums give them', () => {
    const so = ref.data.reduce((a, d) => a + d.OmE, 0);
    const sv = ref.data.reduce((a, d) => a + d.V, 0);
    const o = run('fixed').overall;
    if (!o?.estimable) throw new Error('not estimable');
    expect(Math.log(o.estimate)).toBeCloseTo(so / sv, 14);
    expect(o.se).toBeCloseTo(1 / Math.sqrt(sv), 14);
  });
});

describe('grove meta with O−E rows', () => {
  const rows = ref.data.slice(0, 8).map((d) => ({ study: d.trial, oe: d.OmE, variance: d.V }));

  it('defaults to the hazard ratio pooled by Peto’s method (fixed effect)', () => {
    const r = runMeta(JSON.stringify({ dataType: 'oe-variance', rows }));
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.methods).toMatchObject({ dataType: 'oe-variance', effectMeasure: 'HR', method: 'PETO', model: 'fixed' });
    const adjuvant = (ref.models as unknown as Record<'EE', Model>).EE.subgroups.adjuvant as Fit;
    expect(Math.log(out.overall.estimate)).toBeCloseTo(adjuvant.beta, 12);
  });

  it('a variance ≤ 0 names the row and field, exit code 2', () => {
    const bad = [...rows.slice(0, 3), { study: 'X', oe: 1.2, variance: 0 }, { study: 'Y', oe: 1, variance: -2 }];
    const r = runMeta(JSON.stringify({ dataType: 'oe-variance', rows: bad }));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('rows[3].variance: must be > 0');
    expect(r.stderr).toContain('rows[4].variance: must be > 0');
  });

  it('a missing O−E, an unknown measure and Mantel–Haenszel are refused by name', () => {
    const r = runMeta(JSON.stringify({ dataType: 'oe-variance', effectMeasure: 'RR', method: 'MH', rows: [{ study: 'A', variance: 3 }] }));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('rows[0].oe: must be a finite number');
    expect(r.stderr).toContain('effectMeasure: unknown measure for O−E and variance data');
  });
});
