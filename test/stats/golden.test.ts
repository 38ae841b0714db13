// Golden tests: every case generated from the shared reference fixtures (spec §2) by
// test/stats/fixtures/generate.ts. Tolerance: relative 1e-9 (spec §3 advice for RevMan-rule
// values); an absolute floor of 1e-15 only so that exact zeros (τ² = 0) compare.
import { describe, expect, it } from 'vitest';
import { analyze, parseAnalysisInput, type AnalysisResult, type PooledStats } from '../../shared/src/stats/index.ts';
import fixtures from './fixtures/reference-cases.json' with { type: 'json' };

interface Case {
  id: string;
  dataset: string;
  input: Record<string, unknown>;
  studies?: { y: number[]; se: number[] };
  expected: Record<string, number>;
  referencePrecision?: { rel: number; why: string };
}

const REL = 1e-9;
const ABS_ZERO = 1e-15;

export function closeTo(actual: number, expected: number, rel = REL): boolean {
  return Math.abs(actual - expected) <= rel * Math.abs(expected) + ABS_ZERO;
}

function run(c: Case): AnalysisResult {
  const rows = (fixtures.datasets as Record<string, { rows: unknown[] }>)[c.dataset]?.rows;
  const parsed = parseAnalysisInput({ ...c.input, rows });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return analyze(parsed.input);
}

function actualValues(result: AnalysisResult): Record<string, number> {
  const o = result.overall as PooledStats;
  const toScale = result.methods.ratio ? Math.log : (x: number): number => x;
  const out: Record<string, number> = {
    y: toScale(o.estimate),
    se: o.se,
    lo: toScale(o.ciLower),
    hi: toScale(o.ciUpper),
    z: o.z,
    p: o.p,
    q: o.q,
    df: o.df,
    pQ: o.pQ,
    i2: o.i2,
    tau2: o.tau2,
  };
  if (o.predictionLower !== undefined) out.piLower = toScale(o.predictionLower);
  if (o.predictionUpper !== undefined) out.piUpper = toScale(o.predictionUpper);
  if (o.tau2Lower !== undefined) out.tau2Lower = o.tau2Lower;
  if (o.tau2Upper !== undefined) out.tau2Upper = o.tau2Upper;
  return out;
}

describe('golden: stats-reference-fixtures', () => {
  const cases = fixtures.cases as unknown as Case[];
  it('has cases', () => expect(cases.length).toBeGreaterThan(200));
  for (const c of cases) {
    it(c.id, () => {
      const result = run(c);
      expect(result.overall?.estimable).toBe(true);
      const actual = actualValues(result);
      const failures: string[] = [];
      // Only where the reference is documented to be less precise (generate.ts).
      const rel = c.referencePrecision?.rel ?? REL;
      for (const [key, want] of Object.entries(c.expected)) {
        const got = actual[key];
        if (got === undefined || !closeTo(got, want, rel)) failures.push(`${key}: got ${got}, want ${want}`);
      }
      if (c.studies) {
        const estimable = result.rows.filter((r) => r.estimable);
        const toScale = result.methods.ratio ? Math.log : (x: number): number => x;
        if (estimable.length !== c.studies.y.length) failures.push(`k: got ${estimable.length}, want ${c.studies.y.length}`);
        estimable.forEach((r, i) => {
          const y = toScale(r.estimate as number);
          if (!closeTo(y, c.studies!.y[i] as number)) failures.push(`study ${i} y: got ${y}, want ${c.studies!.y[i]}`);
          if (!closeTo(r.se as number, c.studies!.se[i] as number)) failures.push(`study ${i} se: got ${r.se}, want ${c.studies!.se[i]}`);
        });
      }
      expect(failures).toEqual([]);
    });
  }
});
