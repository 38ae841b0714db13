// The random-effects methods RevMan Web added in 2025 (REML, Paule–Mandel, HKSJ with and
// without the ad hoc rule, prediction intervals, Q-profile τ² CI) against metafor 3.8 run
// with tight tolerances on every reference dataset (fixtures/metafor-reference.R → JSON).
// Acceptance: relative 1e-8 (issue 3). The largest error seen is printed.
import { describe, expect, it } from 'vitest';
import { analyze, parseAnalysisInput, type PooledStats } from '../../shared/src/stats/index.ts';
import cases from './fixtures/reference-cases.json' with { type: 'json' };
import metafor from './fixtures/metafor-reference.json' with { type: 'json' };

const REL = 1e-8;
const ABS_ZERO = 1e-15;

interface Fit {
  tau2: number;
  I2: number;
  beta: number;
  se: number;
  ci_lb: number;
  ci_ub: number;
  stat: number;
  pval: number;
  QE: number;
  pi_lb: number;
  pi_ub: number;
}
type MethodSet = Record<'z' | 't' | 'knha' | 'adhoc' | 'knha90', Fit> & { qprofile: number[]; qprofile90: number[] };

let worst = { rel: 0, what: '' };

function pool(key: string, settings: Record<string, unknown>): PooledStats {
  const eff = (cases.studyEffects as Record<string, { y: number[]; se: number[] }>)[key];
  if (!eff) throw new Error(`no study effects for ${key}`);
  const rows = eff.y.map((y, i) => ({ study: `s${i + 1}`, estimate: y, se: eff.se[i] }));
  const parsed = parseAnalysisInput({
    dataType: 'generic',
    effectMeasure: 'GENERIC',
    model: 'random',
    method: 'IV',
    pValues: 'exact',
    rows,
    ...settings,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const o = analyze(parsed.input).overall;
  if (!o?.estimable) throw new Error('not estimable');
  return o;
}

function check(failures: string[], what: string, got: number | undefined, want: number): void {
  const rel = got === undefined ? Infinity : Math.abs(got - want) / Math.max(Math.abs(want), ABS_ZERO);
  if (got !== undefined && Math.abs(got - want) <= ABS_ZERO) return;
  if (rel > worst.rel) worst = { rel, what: `${what}: ${got} vs ${want}` };
  if (!(rel <= REL)) failures.push(`${what}: got ${got}, metafor ${want} (rel ${rel.toExponential(2)})`);
}

describe(`metafor ${metafor.metafor} agreement (random-effects methods)`, () => {
  const sets = metafor.sets as unknown as Record<string, Record<'REML' | 'PM' | 'DL', MethodSet>>;
  for (const [key, methods] of Object.entries(sets)) {
    for (const estimator of ['REML', 'PM', 'DL'] as const) {
      it(`${key} ${estimator}`, () => {
        const m = methods[estimator];
        const f: string[] = [];
        const base = { tau2Estimator: estimator };
        const wald = pool(key, { ...base, ciMethod: 'wald', i2Method: 'tau2', predictionInterval: 'normal', tau2Ci: true });
        check(f, 'tau2', wald.tau2, m.z.tau2);
        check(f, 'I2', wald.i2, m.z.I2);
        check(f, 'estimate', wald.estimate, m.z.beta);
        check(f, 'se', wald.se, m.z.se);
        check(f, 'ci.lb', wald.ciLower, m.z.ci_lb);
        check(f, 'ci.ub', wald.ciUpper, m.z.ci_ub);
        check(f, 'z', wald.z, m.z.stat);
        check(f, 'p', wald.p, m.z.pval);
        check(f, 'QE', wald.q, m.z.QE);
        check(f, 'PI normal lb', wald.predictionLower, m.z.pi_lb);
        check(f, 'PI normal ub', wald.predictionUpper, m.z.pi_ub);
        check(f, 'tau2 Q-profile lb', wald.tau2Lower, m.qprofile[0] as number);
        check(f, 'tau2 Q-profile ub', wald.tau2Upper, m.qprofile[1] as number);
        // metafor test="t": t_{k−1} with the Wald SE, the same prediction interval as ours.
        const t = pool(key, { ...base, predictionInterval: 't-k-1' });
        check(f, 'PI t(k-1) lb', t.predictionLower, m.t.pi_lb);
        check(f, 'PI t(k-1) ub', t.predictionUpper, m.t.pi_ub);
        const hk = pool(key, { ...base, ciMethod: 'hksj' });
        check(f, 'HKSJ se', hk.se, m.knha.se);
        check(f, 'HKSJ ci.lb', hk.ciLower, m.knha.ci_lb);
        check(f, 'HKSJ ci.ub', hk.ciUpper, m.knha.ci_ub);
        check(f, 'HKSJ t', hk.z, m.knha.stat);
        check(f, 'HKSJ p', hk.p, m.knha.pval);
        const adhoc = pool(key, { ...base, ciMethod: 'hksj-adhoc' });
        check(f, 'adhoc se', adhoc.se, m.adhoc.se);
        check(f, 'adhoc ci.lb', adhoc.ciLower, m.adhoc.ci_lb);
        check(f, 'adhoc ci.ub', adhoc.ciUpper, m.adhoc.ci_ub);
        check(f, 'adhoc p', adhoc.p, m.adhoc.pval);
        const hk90 = pool(key, { ...base, ciMethod: 'hksj', ciLevel: 0.9, tau2Ci: true });
        check(f, 'HKSJ 90% ci.lb', hk90.ciLower, m.knha90.ci_lb);
        check(f, 'HKSJ 90% ci.ub', hk90.ciUpper, m.knha90.ci_ub);
        check(f, 'tau2 Q-profile 90% lb', hk90.tau2Lower, m.qprofile90[0] as number);
        check(f, 'tau2 Q-profile 90% ub', hk90.tau2Upper, m.qprofile90[1] as number);
        expect(f).toEqual([]);
      });
    }
  }
  it('reports the largest relative difference', () => {
    console.log(`[metafor] largest relative difference: ${worst.rel.toExponential(2)} (${worst.what})`);
    expect(worst.rel).toBeLessThanOrEqual(REL);
  });
});
