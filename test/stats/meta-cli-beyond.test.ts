// `grove meta` with the optional issue-17 blocks: each block appears in its own place, the
// main result is unchanged, and a block that cannot run gives {"error"} naming row and field.
import { describe, expect, it } from 'vitest';
import { runMeta } from '../../cli/src/commands/meta.ts';

const years = [1974, 1976, 1979, 1979, 1980, 1980, 1988];
const fleissRows = [
  { study: 'MRC-1', events1: 49, total1: 615, events2: 67, total2: 624 },
  { study: 'CDP', events1: 44, total1: 758, events2: 64, total2: 771 },
  { study: 'MRC-2', events1: 102, total1: 832, events2: 126, total2: 850 },
  { study: 'GASP', events1: 32, total1: 317, events2: 38, total2: 309 },
  { study: 'PARIS', events1: 85, total1: 810, events2: 52, total2: 406 },
  { study: 'AMIS', events1: 246, total1: 2267, events2: 219, total2: 2257 },
  { study: 'ISIS-2', events1: 1570, total1: 8587, events2: 1720, total2: 8600 },
].map((r, i) => ({ ...r, covariates: { year: years[i] as number, place: i % 2 ? 'UK' : 'US' } }));
const fleiss = { dataType: 'dichotomous', effectMeasure: 'OR', method: 'MH', model: 'fixed', rows: fleissRows };

function meta(input: unknown): { exitCode: number; out: Record<string, unknown> & { overall: { estimate: number }; methods: { notes: string[] } }; stderr: string } {
  const r = runMeta(JSON.stringify(input));
  return { exitCode: r.exitCode, out: r.stdout ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}

const plain = meta(fleiss).out;

describe('grove meta: issue 17 blocks', () => {
  it('metaRegression: coefficients, τ², QM, QE, R² and df on the analysis scale', () => {
    const r = meta({ ...fleiss, metaRegression: { moderators: ['year', 'place'], test: 'knha' } });
    expect(r.exitCode).toBe(0);
    expect(r.out.overall).toEqual(plain.overall);
    const mr = r.out.metaRegression as { coefficients: Array<Record<string, unknown>>; df: number; test: string };
    expect(mr.coefficients.map((c) => c.name)).toEqual(['intercept', 'year', 'place[US]']);
    expect(Object.keys(mr.coefficients[0] as object)).toEqual(['name', 'estimate', 'se', 'ciLower', 'ciUpper', 'p']);
    expect(Object.keys(mr)).toEqual(expect.arrayContaining(['tau2', 'qm', 'pQm', 'qe', 'pQe', 'r2', 'df']));
    expect(mr.df).toBe(4);
    expect(mr.test).toBe('knha');
    // On an MH analysis the blocks use the IV study estimates, and the method record says so.
    expect(r.out.methods.notes.join(' ')).toContain('inverse-variance study estimates');
    expect(plain.methods.notes.join(' ')).not.toContain('inverse-variance study estimates');
  });

  it('trimFill: k0, side, refitted estimate on the natural scale, filled studies on the analysis scale', () => {
    const r = meta({ ...fleiss, model: 'random', trimFill: { estimator: 'R0' } });
    const tf = r.out.trimFill as { k0: number; side: string; estimate: number; filled: Array<{ estimate: number; se: number }>; estimator: string };
    expect(tf.estimator).toBe('R0');
    expect(['left', 'right']).toContain(tf.side);
    expect(tf.filled).toHaveLength(tf.k0);
    expect(tf.estimate).toBeGreaterThan(0); // an odds ratio
    expect(meta({ ...fleiss, trimFill: true }).out.trimFill).toMatchObject({ estimator: 'L0' });
  });

  it('cumulative: one step per study, in row order or by a covariate', () => {
    const steps = meta({ ...fleiss, cumulative: true }).out.cumulative as Array<{ study: string; estimate: number }>;
    expect(steps.map((s) => s.study)).toEqual(fleissRows.map((r) => r.study));
    // The last step pools every study: the fixed-effect IV estimate of the whole analysis.
    const iv = meta({ ...fleiss, method: 'IV' }).out.overall.estimate;
    expect((steps.at(-1) as { estimate: number }).estimate).toBeCloseTo(iv, 13);
    const byPlace = meta({ ...fleiss, cumulative: { orderBy: 'place' } }).out.cumulative as Array<{ study: string }>;
    expect(byPlace.map((s) => s.study)).toEqual(['CDP', 'GASP', 'AMIS', 'MRC-1', 'MRC-2', 'PARIS', 'ISIS-2']);
  });

  it('influence: one entry per study with metafor’s flag and Baujat coordinates', () => {
    const inf = meta({ ...fleiss, influence: true }).out.influence as Array<Record<string, unknown>>;
    expect(inf).toHaveLength(7);
    expect(Object.keys(inf[0] as object)).toEqual(
      expect.arrayContaining(['study', 'rstudent', 'dffits', 'cooksD', 'covRatio', 'tau2Deleted', 'qeDeleted', 'hat', 'influential', 'baujat']),
    );
    // ISIS-2 carries most of the fixed-effect weight: its hat value exceeds 3p/k.
    expect(inf[6]).toMatchObject({ study: 'ISIS-2', influential: true });
  });

  it('glmm: the binomial-normal GLMM on the counts, model from the analysis, flagged beyond RevMan', () => {
    const random = meta({ ...fleiss, model: 'random', glmm: true });
    expect(random.exitCode).toBe(0);
    expect(random.out.overall).toEqual(meta({ ...fleiss, model: 'random' }).out.overall);
    const g = random.out.glmm as Record<string, number | string | null>;
    expect(Object.keys(g)).toEqual(['model', 'method', 'quadraturePoints', 'k', 'estimate', 'ciLower', 'ciUpper', 'se', 'z', 'p', 'tau2']);
    expect(g).toMatchObject({ model: 'UM.FS', method: 'ML', quadraturePoints: 7, k: 7, tau2: 0 });
    // metafor 3.8 rma.glmm(measure = "OR", model = "UM.FS") on these trials: β = −0.1089167 (τ² = 0).
    expect(Math.log(g.estimate as number)).toBeCloseTo(-0.1089167, 6);
    expect(g.ciLower as number).toBeLessThan(g.estimate as number);
    expect(g.ciUpper as number).toBeGreaterThan(g.estimate as number);
    expect(random.out.methods.notes.join(' ')).toContain('Beyond RevMan: binomial-normal GLMM for the odds ratio');
    expect(plain.methods.notes.join(' ')).not.toContain('GLMM');
    // The GLMM alone adds no inverse-variance caveat: it does not use the study estimates.
    expect(random.out.methods.notes.join(' ')).not.toContain('inverse-variance study estimates');

    // A fixed-effect analysis gets the logistic model; the block may choose either.
    const fixed = meta({ ...fleiss, glmm: true }).out.glmm as Record<string, unknown>;
    expect(fixed).toMatchObject({ method: 'FE', quadraturePoints: null, tau2: 0 });
    expect(meta({ ...fleiss, glmm: { model: 'random', quadraturePoints: 1 } }).out.glmm).toMatchObject({ method: 'ML', quadraturePoints: 1 });
    // The CI follows the analysis's level.
    const ci90 = meta({ ...fleiss, ciLevel: 90, glmm: true }).out.glmm as { ciLower: number };
    expect(ci90.ciLower).toBeGreaterThan(fixed.ciLower as number);
  });

  it('glmm: data it cannot fit give an error in its own place; the main result stands', () => {
    const continuous = {
      dataType: 'continuous',
      glmm: true,
      rows: [
        { study: 'a', mean1: 1, sd1: 1, total1: 10, mean2: 2, sd2: 1, total2: 10 },
        { study: 'b', mean1: 1, sd1: 1, total1: 12, mean2: 2, sd2: 1, total2: 12 },
      ],
    };
    const c = meta(continuous);
    expect(c.exitCode).toBe(0);
    expect(c.out.glmm).toEqual({ error: 'glmm: needs dichotomous data (events and totals); this analysis has continuous data' });
    expect(c.out.overall.estimate).toBeCloseTo(-1, 12);

    expect(meta({ ...fleiss, effectMeasure: 'RR', glmm: true }).out.glmm).toEqual({
      error: 'glmm: estimates an odds ratio; this analysis pools RR (set "effectMeasure": "OR")',
    });
    const one = meta({ ...fleiss, rows: [fleissRows[0], { study: 'none', events1: 0, total1: 20, events2: 0, total2: 20 }], glmm: true });
    expect(one.exitCode).toBe(0);
    expect(one.out.glmm).toEqual({ error: 'glmm: needs at least 2 studies with events, the analysis has 1' });
    expect(one.out.overall.estimate).toBeCloseTo((plain.rows as Array<{ estimate: number }>)[0]!.estimate, 12);
    // No events in any treatment arm: the odds ratio runs off to 0 and the fit says so.
    const zeroArm = fleissRows.slice(0, 3).map((r) => ({ ...r, events1: 0 }));
    const failed = meta({ ...fleiss, rows: zeroArm, glmm: true });
    expect(failed.exitCode).toBe(0);
    expect((failed.out.glmm as { error: string }).error).toMatch(/^glmm: the optimisation did not converge/);
  });

  it('bad input: each block that cannot run gives an error in its own place, naming row and field; the rest stands', () => {
    const rows = fleissRows.map((r, i) => (i === 3 ? { ...r, covariates: { place: 'UK' } } : r));
    const r = meta({ ...fleiss, rows, metaRegression: { moderators: ['year'] }, cumulative: { orderBy: 'year' }, influence: true });
    expect(r.exitCode).toBe(0);
    expect(r.out.overall).toEqual(plain.overall);
    expect(r.out.metaRegression).toEqual({ error: 'rows[3].covariates.year: missing (moderator of the meta-regression)' });
    expect(r.out.cumulative).toEqual({ error: 'rows[3].covariates.year: missing (cumulative.orderBy)' });
    expect(Array.isArray(r.out.influence)).toBe(true);

    const oneLevel = fleissRows.map((r) => ({ ...r, covariates: { ...r.covariates, place: 'UK' } }));
    expect(meta({ ...fleiss, rows: oneLevel, metaRegression: { moderators: ['place'] } }).out.metaRegression).toEqual({
      error: "covariates.place: categorical moderator has only one level ('UK') among the 7 studies",
    });
    const mixed = fleissRows.map((r, i) => (i === 2 ? { ...r, covariates: { year: 'late' } } : r));
    expect((meta({ ...fleiss, rows: mixed, metaRegression: { moderators: ['year'] } }).out.metaRegression as { error: string }).error).toContain(
      'rows[2].covariates.year: text where other rows have numbers',
    );

    const two = meta({ ...fleiss, rows: fleissRows.slice(0, 2), trimFill: true, influence: true, metaRegression: { moderators: ['year'] } });
    expect(two.exitCode).toBe(0);
    expect(two.out.trimFill).toEqual({ error: 'trimFill: needs at least 3 estimable studies, the analysis has 2' });
    expect(two.out.influence).toEqual({ error: 'influence: needs at least 3 estimable studies, the analysis has 2' });
    expect((two.out.metaRegression as { error: string }).error).toContain('2 studies cannot estimate 2 coefficients');
  });

  it('malformed blocks are input errors naming the field (exit code 2)', () => {
    expect(runMeta(JSON.stringify({ ...fleiss, metaRegression: { moderators: [] } })).stderr).toContain('metaRegression.moderators: must name at least one moderator');
    expect(runMeta(JSON.stringify({ ...fleiss, trimFill: { estimator: 'Q0' } })).stderr).toContain('trimFill');
    expect(runMeta(JSON.stringify({ ...fleiss, glmm: { quadraturePoints: 0 } })).stderr).toContain('glmm.quadraturePoints: must be ≥ 1');
    expect(runMeta(JSON.stringify({ ...fleiss, glmm: 'yes' })).stderr).toContain('glmm: must be true, false or {"quadraturePoints", "model"}');
    const badCov = { ...fleiss, rows: fleissRows.map((r, i) => (i === 1 ? { ...r, covariates: { year: true } } : r)) };
    const r = runMeta(JSON.stringify(badCov));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('rows[1].covariates.year: must be a finite number or a string');
  });
});
