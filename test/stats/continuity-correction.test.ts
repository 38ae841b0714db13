// Continuity corrections beyond RevMan's (issue 17; Sweeting 2004) against metafor 3.8:
// study log ORs/RRs and the inverse-variance pooled results (fixed and REML) under a constant
// added to zero-cell studies or to all studies, the treatment-arm correction, and none
// (fixtures/continuity-correction-reference.R). Relative 1e-8.
import { describe, expect, it } from 'vitest';
import { analyze, dichotomousStudyEffect, parseAnalysisInput } from '../../shared/src/stats/index.ts';
import cases from './fixtures/reference-cases.json' with { type: 'json' };
import reference from './fixtures/continuity-correction-reference.json' with { type: 'json' };

const REL = 1e-8;
const ABS_ZERO = 1e-15;

interface Case {
  set: string;
  measure: 'OR' | 'RR';
  correction: Record<string, unknown>;
  method: 'FE' | 'REML';
  yi: Array<number | null>;
  vi: Array<number | null>;
  beta: number;
  se: number;
  ci_lb: number;
  ci_ub: number;
  tau2: number;
}

let worst = { rel: 0, what: '' };
function check(f: string[], what: string, got: number | null | undefined, want: number): void {
  if (got === null || got === undefined) {
    f.push(`${what}: missing, metafor ${want}`);
    return;
  }
  if (Math.abs(got - want) <= ABS_ZERO) return;
  const rel = Math.abs(got - want) / Math.abs(want);
  if (rel > worst.rel) worst = { rel, what: `${what}: ${got} vs ${want}` };
  if (!(rel <= REL)) f.push(`${what}: got ${got}, metafor ${want} (rel ${rel.toExponential(2)})`);
}

describe(`continuity corrections vs metafor ${reference.metafor}`, () => {
  for (const c of reference.cases as unknown as Case[]) {
    it(`${c.set} ${c.measure} ${JSON.stringify(c.correction)} ${c.method}`, () => {
      const rows = (cases.datasets as Record<string, { rows: unknown[] }>)[c.set]?.rows;
      const parsed = parseAnalysisInput({
        dataType: 'dichotomous',
        effectMeasure: c.measure,
        method: 'IV',
        pValues: 'exact',
        ...(c.method === 'FE' ? { model: 'fixed' } : { model: 'random', tau2Estimator: 'REML' }),
        continuityCorrection: c.correction,
        rows,
      });
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      const r = analyze(parsed.input);
      const f: string[] = [];
      r.rows.forEach((row, i) => {
        const yi = c.yi[i];
        if (yi === null || yi === undefined) {
          if (row.estimable) f.push(`row ${i}: estimable, metafor NA`);
          return;
        }
        check(f, `row ${i} yi`, row.estimate === null ? null : Math.log(row.estimate), yi);
        check(f, `row ${i} vi`, row.se === null ? null : row.se * row.se, c.vi[i] as number);
      });
      const o = r.overall;
      if (!o?.estimable) throw new Error('not estimable');
      check(f, 'estimate', Math.log(o.estimate), c.beta);
      check(f, 'se', o.se, c.se);
      check(f, 'ci.lb', Math.log(o.ciLower), c.ci_lb);
      check(f, 'ci.ub', Math.log(o.ciUpper), c.ci_ub);
      check(f, 'tau2', o.tau2, c.tau2);
      expect(f).toEqual([]);
      expect(r.methods.notes.join(' ')).toContain('Beyond RevMan: continuity correction');
    });
  }

  it('reports the largest relative difference', () => {
    console.log(`[continuity] largest relative difference: ${worst.rel.toExponential(2)} (${worst.what})`);
    expect(worst.rel).toBeLessThanOrEqual(REL);
  });

  it('RD keeps the raw difference; the correction enters its SE only; none leaves a double-zero RD not estimable', () => {
    const row = { study: 'A', events1: 0, total1: 10, events2: 2, total2: 30 };
    const tacc = dichotomousStudyEffect(row, 'RD', { kind: 'treatment-arm', value: 0.5, apply: 'zero-cell-studies' });
    if (!tacc.estimable) throw new Error('not estimable');
    expect(tacc.y).toBeCloseTo(-2 / 30, 15);
    // k_T = 10/40 = 0.25, k_C = 30/40 = 0.75.
    expect(tacc.se).toBeCloseTo(Math.sqrt((0.25 * 10.25) / 10.5 ** 3 + (2.75 * 28.75) / 31.5 ** 3), 15);
    const none = dichotomousStudyEffect({ study: 'B', events1: 0, total1: 10, events2: 0, total2: 30 }, 'RD', { kind: 'none' });
    expect(none.estimable).toBe(false);
  });

  it('refuses a custom correction on Mantel–Haenszel, Peto or continuous analyses, naming the field', () => {
    const rows = [{ study: 'A', events1: 0, total1: 10, events2: 2, total2: 30 }];
    const mh = parseAnalysisInput({ dataType: 'dichotomous', method: 'MH', rows, continuityCorrection: { kind: 'none' } });
    expect(mh.ok ? [] : mh.errors).toEqual([
      'continuityCorrection: applies to inverse-variance analyses (set "method": "IV"); Mantel–Haenszel and Peto keep RevMan\'s rule',
    ]);
    const bad = parseAnalysisInput({ dataType: 'dichotomous', method: 'IV', rows, continuityCorrection: { kind: 'constant', value: -1 } });
    expect(bad.ok ? [] : bad.errors).toEqual(['continuityCorrection.value: must be > 0']);
    // RevMan's own rule stated explicitly is accepted everywhere.
    expect(parseAnalysisInput({ dataType: 'dichotomous', method: 'MH', rows, continuityCorrection: { kind: 'constant' } }).ok).toBe(true);
  });
});
