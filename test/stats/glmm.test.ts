// The binomial-normal GLMM for odds ratios against metafor 3.8's rma.glmm(measure = "OR",
// model = "UM.FS") with tightened control (fixtures/glmm-reference.R): ML under adaptive
// quadrature (nAGQ = 7, metafor's default) and Laplace (nAGQ = 1), and the fixed-effect
// variant (method = "FE"), on six datasets including zero cells and double-zero studies
// (nielweise2007) and the Fleiss 1993 aspirin trials (τ² at the boundary, 0).
import { describe, expect, it } from 'vitest';
import { fitGlmmOddsRatio, glmmInference, type GlmmFit, type GlmmMethod } from '../../shared/src/stats/glmm-odds-ratio.ts';
import { MethodNotApplicable } from '../../shared/src/stats/analysed-study.ts';
import { gaussHermiteRule } from '../../shared/src/stats/gauss-hermite.ts';
import cases from './fixtures/reference-cases.json' with { type: 'json' };
import reference from './fixtures/glmm-reference.json' with { type: 'json' };

interface RefCase {
  set: string;
  method: GlmmMethod;
  nAGQ: number;
  level: number;
  k: number;
  beta: number;
  se: number;
  zval: number;
  pval: number;
  ci_lb: number;
  ci_ub: number;
  tau2: number;
  se_hessian: number | null;
}
type Rows = Array<{ study: string; events1: number; total1: number; events2: number; total2: number }>;
const datasets = (cases as unknown as { datasets: Record<string, { rows: Rows }> }).datasets;
const refs = (reference as unknown as { cases: RefCase[] }).cases;

const REL = 1e-5;
function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

// One fit per dataset and model; the two confidence levels share it.
const fits = new Map<string, GlmmFit>();
function fitFor(c: RefCase): GlmmFit {
  const key = `${c.set}/${c.method}/${c.nAGQ}`;
  let fit = fits.get(key);
  if (!fit) {
    fit = fitGlmmOddsRatio(datasets[c.set]!.rows, { method: c.method, quadraturePoints: c.nAGQ });
    fits.set(key, fit);
  }
  return fit;
}

describe('GLMM (UM.FS) against metafor rma.glmm', () => {
  it.each(refs.map((c) => [`${c.set} ${c.method} nAGQ=${c.nAGQ} ${c.level}%`, c] as const))('%s', (_, c) => {
    const fit = fitFor(c);
    expect(fit.k).toBe(c.k);
    expect(rel(fit.beta, c.beta)).toBeLessThan(REL);
    if (c.tau2 < 1e-6) expect(fit.tau2).toBeLessThan(1e-6);
    else expect(rel(fit.tau2, c.tau2)).toBeLessThan(REL);
    // lme4's SE comes from a finite-difference Hessian (step 1e-4), good to ~1e-4 on dat.bcg;
    // where τ² > 0 the same deviance's Hessian by Richardson extrapolation (se_hessian) is the
    // reference for the SE and everything derived from it.
    const se = c.se_hessian ?? c.se;
    expect(rel(fit.se, se)).toBeLessThan(REL);
    const inf = glmmInference(fit, c.level / 100);
    const want = c.se_hessian === null ? { lb: c.ci_lb, ub: c.ci_ub, z: c.zval, p: c.pval } : (() => {
      const w = glmmInference({ beta: c.beta, se }, c.level / 100);
      return { lb: w.ciLower, ub: w.ciUpper, z: w.z, p: w.p };
    })();
    expect(rel(inf.ciLower, want.lb)).toBeLessThan(REL);
    expect(rel(inf.ciUpper, want.ub)).toBeLessThan(REL);
    expect(rel(inf.z, want.z)).toBeLessThan(REL);
    // P in the tail magnifies a relative error in z by z² (dP/P ≈ z²·dz/z): on dat.bcg
    // (z ≈ −4.2) metafor's β stops 4.6e-6 short of the maximum (our likelihood is higher at
    // our β), which is 8.5e-5 in P. The stated exception: P to 1e-5·max(1, z²).
    expect(rel(inf.p, want.p)).toBeLessThan(REL * Math.max(1, want.z * want.z));
  });

  it('metafor’s own SE where τ² > 0 is within its finite-difference error (1e-4)', () => {
    for (const c of refs.filter((r) => r.se_hessian !== null)) expect(rel(fitFor(c).se, c.se)).toBeLessThan(1e-4);
  });

  it('ML with τ² at 0 gives the fixed-effect fit', () => {
    const rows = datasets.fleiss1993bin!.rows;
    const ml = fitGlmmOddsRatio(rows, { method: 'ML', quadraturePoints: 7 });
    const fe = fitGlmmOddsRatio(rows, { method: 'FE', quadraturePoints: 7 });
    expect(ml.tau2).toBe(0);
    expect(ml.beta).toBeCloseTo(fe.beta, 7);
    expect(ml.se).toBeCloseTo(fe.se, 7);
  });

  it('refuses fewer than 2 studies with events, and a log odds ratio that runs off to infinity', () => {
    const one = [{ study: 'a', events1: 3, total1: 10, events2: 4, total2: 10 }, { study: 'b', events1: 0, total1: 10, events2: 0, total2: 10 }];
    expect(() => fitGlmmOddsRatio(one, { method: 'ML', quadraturePoints: 7 })).toThrow(
      new MethodNotApplicable('glmm: needs at least 2 studies with events, the analysis has 1'),
    );
    const noTreatmentEvents = [
      { study: 'a', events1: 0, total1: 10, events2: 4, total2: 10 },
      { study: 'b', events1: 0, total1: 20, events2: 6, total2: 20 },
    ];
    expect(() => fitGlmmOddsRatio(noTreatmentEvents, { method: 'FE', quadraturePoints: 7 })).toThrow(/glmm: the optimisation did not converge/);
  });
});

describe('Gauss–Hermite rule (lme4 GHrule)', () => {
  it('has lme4’s 7 nodes and weights and integrates normal moments exactly', () => {
    const { z, w } = gaussHermiteRule(7);
    // lme4::GHrule(7)
    expect(z[6]).toBeCloseTo(3.750439717725744, 12);
    expect(z[4]).toBeCloseTo(1.154405394739968, 12);
    expect(Math.abs(z[3] as number)).toBe(0);
    expect(w[3]).toBeCloseTo(0.4571428571428571, 14);
    expect(w[0]).toBeCloseTo(0.0005482688559722, 14);
    const moment = (k: number): number => z.reduce((a, x, i) => a + (w[i] as number) * x ** k, 0);
    expect(moment(0)).toBeCloseTo(1, 14);
    expect(moment(4)).toBeCloseTo(3, 12);
    expect(moment(12)).toBeCloseTo(10395, 7);
    expect(gaussHermiteRule(1)).toEqual({ z: [0], w: [1] });
  });
});
