// The binomial-normal GLMM for odds ratios (Stijnen, Hamza & Özdemir 2010), as metafor fits
// it with rma.glmm(measure = "OR", model = "UM.FS") (issue 17). Per study i and arm j
// (1 = treatment, 2 = control):
//
//   events_ij ~ Binomial(n_ij, expit(η_ij)),  η_i1 = α_i + β + b_i/2,  η_i2 = α_i − b_i/2,
//   b_i ~ N(0, τ²),
//
// with fixed study intercepts α_i, the log odds ratio β, and the random treatment effect
// coded ±1/2 (metafor's group12 with its default coding = 1/2). metafor passes this to
// lme4::glmer with nAGQ = 7 by default: each study's integral over b_i is approximated by
// adaptive Gauss–Hermite quadrature centred at the conditional mode with the curvature there
// (nAGQ = 1 is the Laplace approximation), and the approximate likelihood is maximised over
// (α, β, τ). The fixed-effect variant (τ = 0) is the logistic regression with study
// intercepts (metafor method = "FE", glm()).
//
// How it is maximised here: every α_i enters only its own study's likelihood, so for given
// (β, τ) each is found by a one-dimensional Newton search; β is profiled the same way for
// given τ; τ is found by a grid and then Brent's method on that profile (the likelihood is
// even in τ, so τ ≥ 0 costs nothing); a final Newton step on (β, τ) polishes both. The SE of
// β is lme4's: the β entry of the inverse of the Hessian of the likelihood in (β, τ) with the
// α_i profiled out (equal to the (β, β) entry of the inverse full Hessian), here by central
// differences of the profiled likelihood.
import { MethodNotApplicable } from './analysed-study.ts';
import { criticalValue, normalTwoSidedP } from './distributions.ts';
import { gaussHermiteRule, type QuadratureRule } from './gauss-hermite.ts';
import { maximiseOnInterval } from './scalar-maximisation.ts';

export interface GlmmStudy {
  study: string;
  events1: number;
  total1: number;
  events2: number;
  total2: number;
}

/** ML: random treatment effect (metafor method = "ML"); FE: τ = 0 (method = "FE"). */
export type GlmmMethod = 'ML' | 'FE';

export interface GlmmSettings {
  method: GlmmMethod;
  /** Quadrature points per study for ML (lme4's nAGQ; metafor's default 7, 1 = Laplace). */
  quadraturePoints: number;
}

export interface GlmmFit {
  method: GlmmMethod;
  quadraturePoints: number | null;
  /** Studies in the fit (no-event and all-event studies dropped, as metafor's drop00). */
  k: number;
  /** Log odds ratio and its SE. */
  beta: number;
  se: number;
  tau2: number;
  /** The maximised (approximate) log likelihood without the binomial coefficients. */
  logLik: number;
}

/** Wald inference on β as metafor's test = "z": CI at the level, z and two-sided P. */
export interface GlmmInference {
  ciLower: number;
  ciUpper: number;
  z: number;
  p: number;
}

export function glmmInference(fit: Pick<GlmmFit, 'beta' | 'se'>, ciLevel: number): GlmmInference {
  const crit = criticalValue(ciLevel);
  const z = fit.beta / fit.se;
  return { ciLower: fit.beta - crit * fit.se, ciUpper: fit.beta + crit * fit.se, z, p: normalTwoSidedP(z) };
}

/** log(1 + e^x) without overflow or cancellation. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function expit(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Binomial log likelihood of y events in n at logit η, without the binomial coefficient. */
function armLogLik(y: number, n: number, eta: number): number {
  return -y * softplus(-eta) - (n - y) * softplus(eta);
}

/**
 * One study's log likelihood given α, β, τ: the integral over the standardised random effect
 * u (b = τ·u) by adaptive Gauss–Hermite quadrature, as lme4's glmer computes it.
 */
function studyLogLik(s: GlmmStudy, alpha: number, beta: number, tau: number, rule: QuadratureRule): number {
  const e1 = alpha + beta;
  const e2 = alpha;
  const h = (u: number): number =>
    armLogLik(s.events1, s.total1, e1 + (tau * u) / 2) + armLogLik(s.events2, s.total2, e2 - (tau * u) / 2) - (u * u) / 2;
  if (tau === 0) return h(0);
  // The conditional mode: h is strictly concave (h'' ≤ −1), Newton with step halving.
  let u = 0;
  let hu = h(u);
  let curvature = 1;
  for (let iter = 0; iter < 200; iter++) {
    const p1 = expit(e1 + (tau * u) / 2);
    const p2 = expit(e2 - (tau * u) / 2);
    const grad = (tau / 2) * (s.events1 - s.total1 * p1) - (tau / 2) * (s.events2 - s.total2 * p2) - u;
    curvature = ((tau * tau) / 4) * (s.total1 * p1 * (1 - p1) + s.total2 * p2 * (1 - p2)) + 1;
    let step = grad / curvature;
    if (Math.abs(step) <= 1e-13 * (1 + Math.abs(u))) break;
    let next = h(u + step);
    while (next < hu && Math.abs(step) > 1e-15) {
      step /= 2;
      next = h(u + step);
    }
    u += step;
    hu = next;
  }
  const p1 = expit(e1 + (tau * u) / 2);
  const p2 = expit(e2 - (tau * u) / 2);
  curvature = ((tau * tau) / 4) * (s.total1 * p1 * (1 - p1) + s.total2 * p2 * (1 - p2)) + 1;
  const sd = 1 / Math.sqrt(curvature);
  // log[ sd · Σ w_k exp(h(û + sd·z_k) + z_k²/2) ] by log-sum-exp around h(û).
  let sum = 0;
  for (let i = 0; i < rule.z.length; i++) {
    const z = rule.z[i] as number;
    sum += (rule.w[i] as number) * Math.exp(h(u + sd * z) + (z * z) / 2 - hu);
  }
  return hu + Math.log(sum) + Math.log(sd);
}

/**
 * Maximises a smooth concave-ish function of one variable by Newton's method with central
 * differences (relative step `h`) and step halving, until a step is below `tol` relative;
 * null when it does not converge or leaves [−bound, bound]. `tol` must sit above the noise
 * of the differences (rounding in f over h, divided by the curvature).
 */
function newtonMaximise(f: (x: number) => number, start: number, bound: number, h: number, tol: number): { x: number; value: number } | null {
  let x = start;
  let fx = f(x);
  for (let iter = 0; iter < 200; iter++) {
    const hstep = h * Math.max(1, Math.abs(x));
    const fp = f(x + hstep);
    const fm = f(x - hstep);
    const grad = (fp - fm) / (2 * hstep);
    const curv = (fp - 2 * fx + fm) / (hstep * hstep);
    let step = curv < 0 ? -grad / curv : Math.sign(grad);
    if (!Number.isFinite(step)) return null;
    if (Math.abs(step) > 5) step = 5 * Math.sign(step);
    if (Math.abs(step) <= tol * Math.max(1, Math.abs(x))) return { x, value: fx };
    let next = f(x + step);
    let halvings = 0;
    while (!(next >= fx) && halvings < 60) {
      step /= 2;
      next = f(x + step);
      halvings++;
    }
    if (!(next >= fx)) return { x, value: fx }; // no ascent left at the precision of f
    x += step;
    fx = next;
    // A step shortened to the noise of the differences: converged.
    if (Math.abs(step) <= tol * Math.max(1, Math.abs(x))) return { x, value: fx };
    if (Math.abs(x) > bound) return null;
  }
  return null;
}

class NotConverged extends Error {}

/** The fitting problem: studies, quadrature rule and each study's starting intercept. */
export class GlmmProblem {
  private readonly starts: number[];

  constructor(
    readonly studies: readonly GlmmStudy[],
    readonly rule: QuadratureRule,
  ) {
    this.starts = studies.map((s) => Math.log((s.events2 + 0.5) / (s.total2 - s.events2 + 0.5)));
  }

  /** Σ_i max over α_i of study i's log likelihood: the likelihood profiled over the intercepts. */
  profile(beta: number, tau: number): number {
    let total = 0;
    this.studies.forEach((s, i) => {
      const best = newtonMaximise((a) => studyLogLik(s, a, beta, tau, this.rule), this.starts[i] as number, 60, 1e-4, 1e-11);
      if (!best) throw new NotConverged(`the intercept of ${s.study} did not converge`);
      total += best.value;
    });
    return total;
  }

  /** β maximising the profile at τ. */
  bestBeta(tau: number, start: number): { beta: number; value: number } {
    // The profile sums k studies: a larger difference step keeps its rounding out of the slope.
    const best = newtonMaximise((b) => this.profile(b, tau), start, 40, 1e-3, 1e-9);
    if (!best) throw new NotConverged('the log odds ratio did not converge (no events in one arm of every study?)');
    return { beta: best.x, value: best.value };
  }
}

/** Central-difference gradient and Hessian of f(β, τ). */
function derivatives2(f: (b: number, t: number) => number, b: number, t: number, hb: number, ht: number) {
  const f0 = f(b, t);
  const fbp = f(b + hb, t);
  const fbm = f(b - hb, t);
  const ftp = f(b, t + ht);
  const ftm = f(b, t - ht);
  const fpp = f(b + hb, t + ht);
  const fpm = f(b + hb, t - ht);
  const fmp = f(b - hb, t + ht);
  const fmm = f(b - hb, t - ht);
  return {
    gb: (fbp - fbm) / (2 * hb),
    gt: (ftp - ftm) / (2 * ht),
    hbb: (fbp - 2 * f0 + fbm) / (hb * hb),
    htt: (ftp - 2 * f0 + ftm) / (ht * ht),
    hbt: (fpp - fpm - fmp + fmm) / (4 * hb * ht),
  };
}

/** τ values tried before Brent's method refines the best of them. */
const TAU_GRID = [0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.4, 2, 3, 5, 8];

function fitRandom(problem: GlmmProblem, betaFixed: number): { beta: number; tau: number; value: number } {
  const profileTau = new Map<number, { beta: number; value: number }>();
  const atTau = (tau: number): { beta: number; value: number } => {
    let r = profileTau.get(tau);
    if (!r) {
      r = problem.bestBeta(tau, betaFixed);
      profileTau.set(tau, r);
    }
    return r;
  };
  let m = 0;
  for (let i = 1; i < TAU_GRID.length; i++) {
    if (atTau(TAU_GRID[i] as number).value > atTau(TAU_GRID[m] as number).value) m = i;
    else if (i > m + 1) break; // past the peak
  }
  if (m === TAU_GRID.length - 1) throw new NotConverged(`τ grows without bound (beyond ${TAU_GRID[m]})`);
  const lo = m === 0 ? 0 : (TAU_GRID[m - 1] as number);
  const hi = TAU_GRID[m + 1] as number;
  const best = maximiseOnInterval((t) => atTau(t).value, lo, hi, 1e-10);
  let tau = best.x;
  let { beta, value } = atTau(tau);
  if (tau < 1e-6) return { beta, tau: 0, value: atTau(0).value > value ? atTau(0).value : value };
  // Newton polish on (β, τ): Brent leaves τ at √ε relative; the likelihood is flat there.
  for (let iter = 0; iter < 3; iter++) {
    const d = derivatives2((b, t) => problem.profile(b, t), beta, tau, 1e-3, 1e-3 * Math.max(tau, 0.01));
    const det = d.hbb * d.htt - d.hbt * d.hbt;
    if (!(d.hbb < 0 && det > 0)) break;
    const sb = -(d.htt * d.gb - d.hbt * d.gt) / det;
    const st = -(-d.hbt * d.gb + d.hbb * d.gt) / det;
    if (Math.abs(st) > 0.1 * tau || Math.abs(sb) > 0.1) break;
    const polishedTau = Math.abs(tau + st);
    const polished = atTau(polishedTau);
    if (!(polished.value >= value)) break;
    tau = polishedTau;
    beta = polished.beta;
    value = polished.value;
    if (Math.abs(st) < 1e-12 * tau) break;
  }
  return { beta, tau, value };
}

/** Studies with no events or only events in both arms carry no information and are dropped. */
export function glmmEstimable(s: GlmmStudy): boolean {
  const none = s.events1 === 0 && s.events2 === 0;
  const all = s.events1 === s.total1 && s.events2 === s.total2;
  return !none && !all && s.total1 > 0 && s.total2 > 0;
}

export function fitGlmmOddsRatio(all: readonly GlmmStudy[], settings: GlmmSettings): GlmmFit {
  const studies = all.filter(glmmEstimable);
  if (studies.length < 2) {
    throw new MethodNotApplicable(`glmm: needs at least 2 studies with events, the analysis has ${studies.length}`);
  }
  const random = settings.method === 'ML';
  const rule = gaussHermiteRule(random ? settings.quadraturePoints : 1);
  const problem = new GlmmProblem(studies, rule);
  try {
    const fixed = problem.bestBeta(0, 0);
    let beta = fixed.beta;
    let tau = 0;
    let value = fixed.value;
    if (random) ({ beta, tau, value } = fitRandom(problem, fixed.beta));
    const hb = 1e-3;
    let variance: number;
    if (tau === 0) {
      // τ = 0 is the likelihood's turning point in τ (it is even there): the (β, τ) cross
      // term vanishes and the variance is the inverse curvature in β alone.
      const fp = problem.profile(beta + hb, 0);
      const fm = problem.profile(beta - hb, 0);
      variance = -1 / ((fp - 2 * value + fm) / (hb * hb));
    } else {
      const d = derivatives2((b, t) => problem.profile(b, t), beta, tau, hb, 1e-3 * Math.max(tau, 0.01));
      const det = d.hbb * d.htt - d.hbt * d.hbt;
      variance = -d.htt / det;
    }
    if (!(variance > 0) || !Number.isFinite(variance)) throw new NotConverged('the information matrix is not negative definite at the estimate');
    return {
      method: settings.method,
      quadraturePoints: random ? settings.quadraturePoints : null,
      k: studies.length,
      beta,
      se: Math.sqrt(variance),
      tau2: tau * tau,
      logLik: value,
    };
  } catch (err) {
    if (err instanceof NotConverged) throw new MethodNotApplicable(`glmm: the optimisation did not converge: ${err.message}`);
    throw err;
  }
}
