// Property tests (fast-check): invariants that must hold for any data (issue 3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  parseAnalysisInput,
  type AnalysisInput,
  type AnalysisResult,
  type PooledStats,
} from '../../shared/src/stats/index.ts';

const dichRow = fc
  .record({ n1: fc.integer({ min: 5, max: 400 }), n2: fc.integer({ min: 5, max: 400 }), p1: fc.double({ min: 0.02, max: 0.98, noNaN: true }), p2: fc.double({ min: 0.02, max: 0.98, noNaN: true }) })
  .map(({ n1, n2, p1, p2 }) => ({ events1: Math.max(1, Math.min(n1 - 1, Math.round(n1 * p1))), total1: n1, events2: Math.max(1, Math.min(n2 - 1, Math.round(n2 * p2))), total2: n2 }));

const contRow = fc.record({
  mean1: fc.double({ min: -50, max: 50, noNaN: true }),
  sd1: fc.double({ min: 0.5, max: 20, noNaN: true }),
  total1: fc.integer({ min: 3, max: 300 }),
  mean2: fc.double({ min: -50, max: 50, noNaN: true }),
  sd2: fc.double({ min: 0.5, max: 20, noNaN: true }),
  total2: fc.integer({ min: 3, max: 300 }),
});

const dichSettings = fc.record({
  effectMeasure: fc.constantFrom('RR', 'OR', 'RD', 'PETO_OR'),
  model: fc.constantFrom('fixed', 'random'),
  tau2Estimator: fc.constantFrom('DL', 'REML', 'PM'),
  ciMethod: fc.constantFrom('wald', 'hksj', 'hksj-adhoc'),
});

function dichInput(rows: object[], s: { effectMeasure: string; model: string; tau2Estimator: string; ciMethod: string }, method?: string): AnalysisInput {
  const parsed = parseAnalysisInput({
    dataType: 'dichotomous',
    ...s,
    ...(method ? { method } : s.effectMeasure === 'PETO_OR' ? { method: 'PETO' } : {}),
    rows: rows.map((r, i) => ({ study: `S${i}`, ...r })),
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.input;
}

const rel = (a: number, b: number, tol = 1e-9): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

describe('properties', () => {
  it('weights sum to 100 (fixed and random, all measures and methods)', () => {
    fc.assert(
      fc.property(fc.array(dichRow, { minLength: 1, maxLength: 12 }), dichSettings, fc.constantFrom('MH', 'IV'), (rows, s, m) => {
        const r = analyze(dichInput(rows, s, s.effectMeasure === 'PETO_OR' ? 'PETO' : s.effectMeasure === 'RD' || m === 'IV' ? m : 'MH'));
        const sum = r.rows.reduce((a, x) => a + x.weight, 0);
        expect(sum).toBeCloseTo(100, 9);
        expect(r.overall?.weight).toBeCloseTo(100, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('swapping arms inverts ratios and negates differences', () => {
    fc.assert(
      fc.property(fc.array(dichRow, { minLength: 1, maxLength: 10 }), dichSettings, (rows, s) => {
        const swapped = rows.map((r) => ({ events1: r.events2, total1: r.total2, events2: r.events1, total2: r.total1 }));
        const a = analyze(dichInput(rows, s)).overall as PooledStats;
        const b = analyze(dichInput(swapped, s)).overall as PooledStats;
        if (s.effectMeasure === 'RD') {
          expect(rel(a.estimate, -b.estimate)).toBe(true);
          expect(rel(a.ciLower, -b.ciUpper)).toBe(true);
        } else {
          expect(rel(a.estimate, 1 / b.estimate)).toBe(true);
          expect(rel(a.ciLower, 1 / b.ciUpper)).toBe(true);
        }
        expect(rel(a.se, b.se)).toBe(true);
        expect(rel(a.q, b.q, 1e-8)).toBe(true);
        expect(rel(a.tau2, b.tau2, 1e-7)).toBe(true);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(contRow, { minLength: 1, maxLength: 10 }), fc.constantFrom('MD', 'SMD'), fc.constantFrom('fixed', 'random'), (rows, measure, model) => {
        const mk = (rs: object[]) => {
          const p = parseAnalysisInput({ dataType: 'continuous', effectMeasure: measure, model, rows: rs.map((r, i) => ({ study: `S${i}`, ...r })) });
          if (!p.ok) throw new Error(p.errors.join());
          return analyze(p.input).overall as PooledStats;
        };
        const a = mk(rows);
        const b = mk(rows.map((r) => ({ mean1: r.mean2, sd1: r.sd2, total1: r.total2, mean2: r.mean1, sd2: r.sd1, total2: r.total1 })));
        expect(rel(a.estimate, -b.estimate)).toBe(true);
        expect(rel(a.se, b.se)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('permuting rows changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(dichRow, { minLength: 2, maxLength: 10 }).chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows.map((_, i) => i), { minLength: rows.length, maxLength: rows.length }))),
        dichSettings,
        ([rows, perm], s) => {
          const a = analyze(dichInput(rows, s));
          const b = analyze(dichInput(perm.map((i) => rows[i] as object), s));
          const oa = a.overall as PooledStats;
          const ob = b.overall as PooledStats;
          for (const k of ['estimate', 'ciLower', 'ciUpper', 'se', 'q', 'i2', 'p'] as const) {
            expect(rel(oa[k], ob[k], 1e-8)).toBe(true);
          }
          expect(rel(oa.tau2, ob.tau2, 1e-7)).toBe(true);
          // Row weights follow their rows.
          perm.forEach((orig, j) => expect(rel(b.rows[j]?.weight as number, a.rows[orig]?.weight as number, 1e-8)).toBe(true));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('fixed and random agree when τ² = 0', () => {
    fc.assert(
      fc.property(fc.array(contRow, { minLength: 1, maxLength: 8 }), fc.constantFrom('MD', 'SMD'), (rows, measure) => {
        // Identical studies: Q = 0, so every estimator gives τ² = 0.
        const first = rows[0] as (typeof rows)[number];
        const same = rows.map(() => first);
        const run = (model: string, tau2Estimator: string): AnalysisResult => {
          const p = parseAnalysisInput({ dataType: 'continuous', effectMeasure: measure, model, tau2Estimator, rows: same.map((r, i) => ({ study: `S${i}`, ...r })) });
          if (!p.ok) throw new Error(p.errors.join());
          return analyze(p.input);
        };
        const fixed = run('fixed', 'DL').overall as PooledStats;
        for (const est of ['DL', 'REML', 'PM']) {
          const random = run('random', est);
          const o = random.overall as PooledStats;
          expect(o.tau2).toBe(0);
          expect(rel(o.estimate, fixed.estimate, 1e-12)).toBe(true);
          expect(rel(o.ciLower, fixed.ciLower, 1e-12)).toBe(true);
          expect(rel(o.se, fixed.se, 1e-12)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('random equals fixed IV whenever the estimated τ² is 0 (real data)', () => {
    fc.assert(
      fc.property(fc.array(dichRow, { minLength: 2, maxLength: 10 }), fc.constantFrom('RR', 'OR', 'RD'), (rows, m) => {
        const s = { effectMeasure: m, tau2Estimator: 'DL', ciMethod: 'wald' };
        const random = analyze(dichInput(rows, { ...s, model: 'random' }, 'IV')).overall as PooledStats;
        if (random.tau2 !== 0) return;
        const fixed = analyze(dichInput(rows, { ...s, model: 'fixed' }, 'IV')).overall as PooledStats;
        expect(rel(random.estimate, fixed.estimate, 1e-12)).toBe(true);
        expect(rel(random.se, fixed.se, 1e-12)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
