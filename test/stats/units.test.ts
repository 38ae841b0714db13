// Unit tests for the parts not covered by golden/metafor/conformance suites.
import { describe, expect, it } from 'vitest';
import {
  analyze,
  parseAnalysisInput,
  combineGroups,
  sdFromCi,
  sdFromP,
  sdFromSe,
  sdFromT,
  meanSdFromMedianIqr,
  meanSdFromMedianRange,
  evidenceStrength,
  smdMagnitude,
  synthesisKind,
  formatP,
  formatFixed,
  formatHeterogeneity,
  formatOverallEffect,
  eggerTest,
  harbordTest,
  petersTest,
  funnelPlotData,
  leaveOneOut,
  filterByAttributes,
  dichotomousStudyEffect,
  toTwoByTwo,
  alnorm,
  COCHRANE2025_PRESET,
  type PooledStats,
  type AnalysisInput,
} from '../../shared/src/stats/index.ts';
import fixtures from './fixtures/reference-cases.json' with { type: 'json' };

const bcgRows = (fixtures.datasets as Record<string, { rows: Array<Record<string, number | string>>; alloc?: string[] }>).bcg!;
const close = (a: number, b: number, digits: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(0.5 * 10 ** -digits);

function input(json: object): AnalysisInput {
  const p = parseAnalysisInput(json);
  if (!p.ok) throw new Error(p.errors.join('; '));
  return p.input;
}

describe('schema', () => {
  it('names the row and field of bad input', () => {
    const r = parseAnalysisInput({
      dataType: 'continuous',
      effectMeasure: 'MD',
      rows: [
        { study: 'A', mean1: 1, sd1: 1, total1: 10, mean2: 2, sd2: 1, total2: 10 },
        { study: 'B', mean1: 1, sd1: 0, total1: 1, mean2: 2, sd2: 1, total2: 10 },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual(['rows[1].sd1: must be > 0', 'rows[1].total1: must be ≥ 2']);
  });
  it('rejects events > total, negative counts, unknown measures and non-numbers', () => {
    const bad = (json: object): string[] => {
      const r = parseAnalysisInput(json);
      return r.ok ? [] : r.errors;
    };
    expect(bad({ dataType: 'dichotomous', rows: [{ study: 'A', events1: 11, total1: 10, events2: -1, total2: 10 }] })).toEqual([
      'rows[0].events2: must be ≥ 0',
      'rows[0].events1: must be ≤ total1',
    ]);
    expect(bad({ dataType: 'dichotomous', rows: [{ study: 'A', events1: 11, total1: 10, events2: 1, total2: 10 }] })).toEqual([
      'rows[0].events1: must be ≤ total1',
    ]);
    expect(bad({ dataType: 'dichotomous', effectMeasure: 'HR', rows: [{ study: 'A', events1: 1, total1: 10, events2: 1, total2: 10 }] })[0]).toMatch(/^effectMeasure: unknown measure/);
    expect(bad({ dataType: 'generic', rows: [{ study: 'A', estimate: 'x', se: 1 }] })).toEqual(['rows[0].estimate: must be a finite number']);
    expect(bad({ dataType: 'weird', rows: [] })[0]).toMatch(/^dataType:/);
    expect(bad({ dataType: 'continuous', method: 'MH', rows: [{ study: 'A', mean1: 1, sd1: 1, total1: 10, mean2: 2, sd2: 1, total2: 10 }] })).toEqual([
      'method: Mantel–Haenszel applies only to dichotomous data',
    ]);
  });
  it('defaults to the RevMan 5 preset and accepts the Cochrane 2025 preset', () => {
    const rows = [{ study: 'A', events1: 1, total1: 10, events2: 2, total2: 10 }];
    const a = input({ dataType: 'dichotomous', rows });
    expect(a).toMatchObject({ effectMeasure: 'OR', method: 'MH', model: 'fixed', tau2Estimator: 'DL', ciMethod: 'wald', i2Method: 'Q', ciLevel: 0.95, pValues: 'revman5' });
    const b = input({ dataType: 'dichotomous', effectMeasure: 'RR', preset: 'cochrane2025', rows });
    expect(b).toMatchObject({ method: 'IV', model: 'random', tau2Estimator: 'REML', ciMethod: 'hksj', predictionInterval: COCHRANE2025_PRESET.predictionInterval, tau2Ci: true, i2Method: 'tau2' });
    expect(input({ dataType: 'dichotomous', effectMeasure: 'PETO_OR', rows }).method).toBe('PETO');
    expect(input({ dataType: 'dichotomous', ciLevel: 99, rows }).ciLevel).toBe(0.99);
  });
});

describe('zero cells and single studies', () => {
  it('adds 0.5 to all cells of a zero-cell study (rm5-format.md: 0/100 vs 7/99 → RR 0.0660, SE 1.4538)', () => {
    const e = dichotomousStudyEffect({ study: 'x', events1: 0, total1: 100, events2: 7, total2: 99 }, 'RR');
    expect(e.estimable).toBe(true);
    if (e.estimable) {
      close(Math.exp(e.y), 0.066, 4);
      close(e.se, 1.4538, 4);
    }
  });
  it('double-zero and double-full studies are not estimable for ratios but kept for RD', () => {
    for (const m of ['RR', 'OR', 'PETO_OR'] as const) {
      expect(dichotomousStudyEffect({ study: 'x', events1: 0, total1: 10, events2: 0, total2: 12 }, m).estimable).toBe(false);
      expect(dichotomousStudyEffect({ study: 'x', events1: 10, total1: 10, events2: 12, total2: 12 }, m).estimable).toBe(false);
    }
    const rd = dichotomousStudyEffect({ study: 'x', events1: 0, total1: 105, events2: 0, total2: 118 }, 'RD');
    expect(rd).toMatchObject({ estimable: true, y: 0 });
  });
  it('a single-study MH RD analysis returns the study’s own estimate and SE', () => {
    const r = analyze(input({ dataType: 'dichotomous', effectMeasure: 'RD', rows: [{ study: 'A', events1: 0, total1: 116, events2: 3, total2: 117 }] }));
    const o = r.overall as PooledStats;
    expect(o.estimate).toBe(r.rows[0]!.estimate);
    expect(o.se).toBe(r.rows[0]!.se);
    expect(o.i2).toBe(0);
    expect(o.q).toBe(0);
  });
});

describe('subgroups (bcg RR by allocation, spec §1.5 and D3)', () => {
  const rows = bcgRows.rows.map((r, i) => ({ ...r, subgroup: bcgRows.alloc![i] }));
  it('fixed IV test for subgroup differences', () => {
    const r = analyze(input({ dataType: 'dichotomous', effectMeasure: 'RR', method: 'IV', rows }));
    close(r.subgroupDifferences!.q, 19.8654, 4);
    expect(r.subgroupDifferences!.df).toBe(2);
    close(r.subgroupDifferences!.p, 4.856e-5, 8);
    close(r.subgroupDifferences!.i2, 89.9, 1);
    // Fixed IV: Q_between = Q_total − Σ Q_within exactly.
    const within = r.subgroups.reduce((a, s) => a + (s as PooledStats).q, 0);
    expect(Math.abs(r.subgroupDifferences!.q - ((r.overall as PooledStats).q - within))).toBeLessThan(1e-9);
  });
  it('random DL: separate τ² per subgroup', () => {
    const r = analyze(input({ dataType: 'dichotomous', effectMeasure: 'RR', method: 'IV', model: 'random', rows }));
    close(r.subgroupDifferences!.q, 1.5368, 4);
    close(r.subgroupDifferences!.p, 0.4638, 4);
    expect(r.subgroupDifferences!.i2).toBe(0);
    const [random, alternate, systematic] = r.subgroups as Array<PooledStats & { name: string; k: number }>;
    expect(random!.name).toBe('random');
    close(random!.tau2, 0.76306, 5);
    close(random!.estimate, 0.366352, 6);
    close(alternate!.tau2, 0.13258, 5);
    close(systematic!.estimate, 0.644457, 6);
  });
  it('MH', () => {
    const r = analyze(input({ dataType: 'dichotomous', effectMeasure: 'RR', method: 'MH', rows }));
    close(r.subgroupDifferences!.q, 14.7798, 4);
    close(r.subgroupDifferences!.p, 6.17e-4, 6);
    close(r.subgroupDifferences!.i2, 86.5, 1);
  });
  it('subtotals only: weights are within each subgroup and there is no overall', () => {
    const r = analyze(input({ dataType: 'dichotomous', effectMeasure: 'RR', overall: false, rows }));
    expect(r.overall).toBeNull();
    for (const s of r.subgroups) expect(s.weight).toBeCloseTo(100, 9);
  });
});

describe('calculators (Handbook examples, spec §1.8 / D11)', () => {
  it('combine groups', () => {
    const c = combineGroups({ n: 10, mean: 5, sd: 1 }, { n: 20, mean: 6, sd: 2 });
    expect(c.value.n).toBe(30);
    close(c.value.mean, 5.6666666667, 10);
    close(c.value.sd, 1.7778975055, 10);
    expect(c.derivation.method).toBe('combine-groups');
  });
  it('SD from SE, CI (normal and t), t and P', () => {
    expect(sdFromSe(2, 25).value).toBe(10);
    close(sdFromCi(10, 13.92, 100).value, 10 * 3.92 / (2 * 1.959963984540054), 12);
    close(sdFromCi(0, 1, 25, { distribution: 't' }).derivation.inputs.divisor as number, 4.127797, 6);
    const p = sdFromP(3.8, 0.008, 25, 22);
    close(p.value, 4.683469, 6);
    close(p.derivation.inputs.t as number, 2.775545, 6);
    close(sdFromT(3.8, 2.775545, 25, 22).value, 4.683469, 5);
    expect(p.derivation).toMatchObject({ method: 'sd-from-p', inputs: { p: 0.008, n1: 25, n2: 22 } });
  });
  it('median with range / IQR (Wan 2014, Luo 2018)', () => {
    const r = meanSdFromMedianRange(1, 5, 10, 20);
    close(r.value.mean, (4 / (4 + 20 ** 0.75)) * 5.5 + (1 - 4 / (4 + 20 ** 0.75)) * 5, 12);
    expect(r.value.sd).toBeGreaterThan(2);
    const q = meanSdFromMedianIqr(3, 5, 8, 50);
    close(q.value.mean, (0.7 + 0.39 / 50) * 5.5 + (1 - 0.7 - 0.39 / 50) * 5, 12);
    // Large n: the IQR divisor tends to 2·1.349 = 1.349·2.
    expect(meanSdFromMedianIqr(-0.6744897501960817, 0, 0.6744897501960817, 1e7).value.sd).toBeCloseTo(1, 5);
  });
});

describe('conventions and display', () => {
  it('narrative synthesis below 3 studies; SMD magnitude; evidence wording', () => {
    expect(synthesisKind(2)).toBe('narrative synthesis');
    expect(synthesisKind(3)).toBe('meta-analysis');
    expect(synthesisKind(4, { minStudiesForMetaAnalysis: 5, smdThresholds: { small: 0.2, medium: 0.5, large: 0.8 }, evidenceThresholds: { veryStrong: 0.001, strong: 0.01, weak: 0.1 } })).toBe('narrative synthesis');
    expect([0.1, 0.2, -0.5, 0.79, 0.8].map((x) => smdMagnitude(x))).toEqual(['trivial', 'small', 'medium', 'medium', 'large']);
    expect([0.1, 0.0999, 0.01, 0.0099, 0.001, 0.00099].map((p) => evidenceStrength(p))).toEqual([
      'no evidence',
      'weak evidence',
      'weak evidence',
      'strong evidence',
      'strong evidence',
      'very strong evidence',
    ]);
  });
  it('RevMan rounding', () => {
    expect(formatFixed(1.005, 2)).toBe('1.01');
    expect(formatFixed(2.675, 2)).toBe('2.68');
    expect(formatFixed(-1.5, 0)).toBe('-2');
    expect([0.1269, 0.0113, 0.00101, 0.226, 0.000004].map(formatP)).toEqual(['P = 0.13', 'P = 0.01', 'P = 0.001', 'P = 0.23', 'P < 0.00001']);
    // Rounding that carries into the next decade stays at one significant figure.
    expect([0.0096, 0.00096, 0.000096, 0.0000099, 0.00001].map(formatP)).toEqual([
      'P = 0.01',
      'P = 0.001',
      'P = 0.0001',
      'P < 0.00001',
      'P = 0.00001',
    ]);
    expect(formatHeterogeneity({ q: 9.946055983220074, df: 6, pQ: 0.1269422521561745, i2: 39.67458045558399, tau2: 0 }, false)).toBe(
      'Heterogeneity: Chi² = 9.95, df = 6 (P = 0.13); I² = 40%',
    );
    expect(formatOverallEffect({ z: -3.287633061337987, p: 0.0010103343130005407 })).toBe('Test for overall effect: Z = 3.29 (P = 0.001)');
  });
  it('AS 66 reproduces RevMan’s stored P_Z (Fleiss 1993 MH OR)', () => {
    expect(2 * alnorm(3.287633061337987, true)).toBeCloseTo(0.0010103343130005407, 17);
  });
});

describe('small-study effects (bcg, spec §1.9)', () => {
  const rr = bcgRows.rows.map((r) => dichotomousStudyEffect(r as never, 'RR')) as Array<{ y: number; se: number }>;
  const tables = bcgRows.rows.map((r) => toTwoByTwo(r as never));
  it('Egger, Harbord, Peters', () => {
    const e = eggerTest(rr.map((x) => x.y), rr.map((x) => x.se))!;
    close(e.coefficient.estimate, -2.112042, 6);
    close(e.coefficient.se, 1.507221, 6);
    close(e.coefficient.p, 0.188707, 6);
    expect(e.df).toBe(11);
    expect(e.reliable).toBe(true);
    close(harbordTest(tables)!.coefficient.estimate, -2.092992, 6);
    close(harbordTest(tables)!.coefficient.p, 0.234972, 6);
    close(petersTest(tables)!.coefficient.estimate, -563.688204, 6);
    close(petersTest(tables)!.coefficient.p, 0.200292, 6);
  });
  it('flags fewer than 10 studies as unreliable; funnel data', () => {
    const e = eggerTest(rr.slice(0, 6).map((x) => x.y), rr.slice(0, 6).map((x) => x.se))!;
    expect(e.reliable).toBe(false);
    expect(e.note).toMatch(/at least 10/);
    const f = funnelPlotData(rr.map((x, i) => ({ study: `s${i}`, y: x.y, se: x.se })))!;
    expect(f.points).toHaveLength(13);
    close(f.centre, -0.4302851636540906, 12);
  });
});

describe('sensitivity', () => {
  const base = input({ dataType: 'dichotomous', effectMeasure: 'RR', rows: bcgRows.rows });
  it('leave-one-out gives one analysis per estimable study', () => {
    const loo = leaveOneOut(base);
    expect(loo).toHaveLength(13);
    expect(loo[0]!.omittedStudy).toBe(base.rows[0]!.study);
    expect(loo[0]!.overall!.kEstimable).toBe(12);
  });
  it('filters by study attributes', () => {
    const attrs = Object.fromEntries(base.rows.map((r, i) => [r.study, { rob: i % 2 === 0 ? 'low' : 'high' }]));
    const f = filterByAttributes(base, attrs, { rob: 'low' });
    expect(f.input.rows).toHaveLength(7);
    expect(f.excluded[0]!.reason).toMatch(/rob is high/);
    expect(analyze(f.input).overall!.kEstimable).toBe(7);
  });
});
