// RevMan 5's χ² upper tail (shared/src/stats/chi-square-revman.ts) against P values RevMan
// stored in real .rm5 files (numbers copied here; the corpus is not read at test time).
import { describe, expect, it } from 'vitest';
import { chiSquareUpperP } from '../../shared/src/stats/distributions.ts';
import { chiSquareUpperPRevman } from '../../shared/src/stats/chi-square-revman.ts';
import { analyze } from '../../shared/src/stats/analyze.ts';
import { REVMAN5_PRESET, presetSettings } from '../../shared/src/stats/presets.ts';
import type { PooledResult, PooledStats } from '../../shared/src/stats/types.ts';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
function estimable(r: PooledResult | null | undefined): PooledStats {
  if (!r || !r.estimable) throw new Error('expected an estimable pooled result');
  return r;
}

// [χ², df, stored P, where]
const SUBGROUP_DIFFERENCES: Array<[number, number, number, string]> = [
  [1.3050116683610775, 1, 0.2532999343178899, 'antibiotics-for-sore-throat CMP-001.02 P_Q'],
  [0.5655977690228615, 1, 0.452013681727095, 'antibiotics-for-sore-throat CMP-001.03 P_Q'],
  [13.853972946994332, 2, 0.0009809584506433877, 'antibiotics-for-sore-throat CMP-001.04 P_Q'],
  [0.983079534726631, 1, 0.32143992421032364, 'antibiotics-for-sore-throat CMP-001.06 P_Q'],
  [3.720158352353884, 2, 0.15566039713928526, 'antibiotics-for-sore-throat CMP-001.07 P_Q'],
  [0.2730599888702696, 1, 0.6012865073414311, 'antibiotics-for-sore-throat CMP-002.02 P_Q'],
  [2.8037217194650745, 1, 0.09404587371989259, 'antibiotics-for-sore-throat CMP-002.03 P_Q'],
  [0.5370433828035113, 1, 0.463660716268829, 'antibiotics-for-sore-throat CMP-003.02 P_Q'],
  [0.005580047247840837, 1, 0.9404536354594929, 'antibiotics-for-sore-throat CMP-004.05 P_Q'],
];

const HETEROGENEITY: Array<[number, number, number, string]> = [
  [9.946055983220074, 6, 0.1269422521561745, 'Fleiss1993 CMP-001.01 P_CHI2 (spec §1.5)'],
  [54.70712194428789, 8, 5.033012895339084e-9, 'CD009865 CMP-003.13 P_CHI2'],
  [48.62280011898938, 10, 4.775497505216109e-7, 'CD009865 CMP-003.02 P_CHI2'],
  [70.92738065702075, 11, 8.138034690574614e-11, 'antibiotics-for-sore-throat CMP-001.02 subgroup P_CHI2'],
  [91.72382228324369, 11, 7.66053886991358e-15, 'CD009865 CMP-003.07 P_CHI2'],
  [103.16148436835148, 19, 1.4355183708403274e-13, 'antibiotics-for-sore-throat CMP-001.04 P_CHI2'],
  [113.87154244189327, 26, 5.725420137991932e-13, 'CD009865 CMP-003.11 P_CHI2'],
  [163.2694002027614, 30, 1.1102230246251565e-16, 'CD009865 CMP-003.01 P_CHI2 (= 2^-53: 1 − lower tail)'],
];

describe('chiSquareUpperPRevman (RevMan 5 χ² tail)', () => {
  it.each(SUBGROUP_DIFFERENCES)('χ² %d, df %d → %d (%s)', (x, df, p) => {
    expect(rel(chiSquareUpperPRevman(x, df), p)).toBeLessThanOrEqual(1e-14);
    // …while the exact tail is off by 1e-10…6e-6 relative.
    expect(rel(chiSquareUpperP(x, df), p)).toBeGreaterThan(1e-11);
  });

  it.each(HETEROGENEITY)('χ² %d, df %d → %d (%s)', (x, df, p) => {
    expect(rel(chiSquareUpperPRevman(x, df), p)).toBeLessThanOrEqual(1e-14);
  });

  it('reproduces the floating-point noise of 1 − lower: adjacent χ² give different stored P', () => {
    // antibiotics-for-sore-throat CMP-001.01 and CMP-001.02 overall: χ² one ulp apart, df 14.
    // RevMan stored 20275·2^-53 and 20269·2^-53; the exact tail is 2.2504607650881e-12 for both.
    expect(chiSquareUpperPRevman(85.8934971113238, 14)).toBe(2.250977182427505e-12);
    expect(chiSquareUpperPRevman(85.89349711132378, 14)).toBe(2.2503110486127298e-12);
  });

  it('is exact where RevMan is: χ² ≤ 0 gives 1, df 0 as chiSquareUpperP', () => {
    expect(chiSquareUpperPRevman(0, 3)).toBe(1);
    expect(chiSquareUpperPRevman(0, 0)).toBe(chiSquareUpperP(0, 0));
    expect(chiSquareUpperPRevman(2, 0)).toBe(chiSquareUpperP(2, 0));
  });

  it('stays a probability close to the exact tail over a grid, including the fallback region', () => {
    for (const df of [1, 2, 3, 4, 7, 10, 29, 30, 99, 500, 2000]) {
      for (const x of [1e-6, 0.01, 0.5, 1, 3, 10, 40, 100, 300, 1399, 1401, 5000]) {
        const ours = chiSquareUpperPRevman(x, df);
        expect(ours, `x=${x} df=${df}`).toBeGreaterThanOrEqual(0);
        expect(ours, `x=${x} df=${df}`).toBeLessThanOrEqual(1);
        expect(Math.abs(ours - chiSquareUpperP(x, df)), `x=${x} df=${df}`).toBeLessThan(1e-6);
      }
    }
  });
});

describe("pValues: 'revman5' uses it for heterogeneity and subgroup-difference P", () => {
  // Fleiss 1993 (spec D1), MH OR fixed; split into two arbitrary subgroups.
  const fleiss = [
    ['MRC-1', 49, 615, 67, 624],
    ['CDP', 44, 758, 64, 771],
    ['MRC-2', 102, 832, 126, 850],
    ['GASP', 32, 317, 38, 309],
    ['PARIS', 85, 810, 52, 406],
    ['AMIS', 246, 2267, 219, 2257],
    ['ISIS-2', 1570, 8587, 1720, 8600],
  ] as const;
  const rows = fleiss.map(([study, events1, total1, events2, total2], i) => ({
    study, events1, total1, events2, total2, subgroup: i < 3 ? 'A' : 'B',
  }));
  const base = { ...presetSettings(REVMAN5_PRESET, 'OR'), dataType: 'dichotomous' as const, effectMeasure: 'OR' as const, overall: true, subgroupTest: true, rows };

  it('heterogeneity P of the total matches RevMan’s stored 0.1269422521561745', () => {
    const r = analyze({ ...base, rows: rows.map(({ subgroup: _s, ...rest }) => rest), overall: true, subgroupTest: false });
    const o = estimable(r.overall);
    expect(rel(o.q, 9.946055983220074)).toBeLessThanOrEqual(1e-12);
    expect(rel(o.pQ, 0.1269422521561745)).toBeLessThanOrEqual(1e-14);
  });

  it('subgroup and subgroup-difference P follow the mode; exact mode is unchanged', () => {
    const rm = analyze(base);
    const ex = analyze({ ...base, pValues: 'exact' });
    const d = rm.subgroupDifferences;
    expect(d).not.toBeNull();
    expect(d?.p).toBe(chiSquareUpperPRevman(d?.q as number, d?.df as number));
    expect(ex.subgroupDifferences?.p).toBe(chiSquareUpperP(d?.q as number, d?.df as number));
    rm.subgroups.forEach((sg, i) => {
      const s = estimable(sg);
      expect(s.pQ).toBe(chiSquareUpperPRevman(s.q, s.df));
      expect(estimable(ex.subgroups[i]).pQ).toBe(chiSquareUpperP(s.q, s.df));
    });
  });
});
