// Issue 17 calculators: change-from-baseline SD (Handbook 6.5.2.8), cluster design effect
// (23.1.4), splitting a shared control group (23.3.4), log HR from O − E/V, P or a CI
// (Tierney 2007) and NNT with its interval (15.4.4; Altman 1998). Each value carries its
// derivation record.
import { describe, expect, it } from 'vitest';
import {
  changeSdFromCorrelation,
  clusterAdjustedGroup,
  correlationFromChangeSd,
  designEffect,
  logHrFromCi,
  logHrFromOMinusE,
  logHrFromP,
  nntFromOddsRatio,
  nntFromRiskDifference,
  nntFromRiskRatio,
  normalTwoSidedP,
  splitSharedControl,
} from '../../shared/src/stats/index.ts';

describe('change-from-baseline SD (Handbook 6.5.2.8)', () => {
  it('imputes the change SD from a correlation and recovers the correlation from three SDs', () => {
    // Independent baseline and final: the variances add.
    expect(changeSdFromCorrelation(3, 4, 0).value).toBeCloseTo(5, 14);
    // Equal SDs and correlation 0.5: the change SD equals the SD (the Handbook's rule of thumb).
    expect(changeSdFromCorrelation(4.2, 4.2, 0.5).value).toBeCloseTo(4.2, 14);
    const r = correlationFromChangeSd(4.42, 4.52, 3.91);
    expect(r.value).toBeCloseTo((4.42 ** 2 + 4.52 ** 2 - 3.91 ** 2) / (2 * 4.42 * 4.52), 15);
    expect(changeSdFromCorrelation(4.42, 4.52, r.value).value).toBeCloseTo(3.91, 13);
    expect(r.derivation).toMatchObject({ method: 'correlation-from-change-sd', reference: 'Cochrane Handbook v6 §6.5.2.8' });
  });

  it('refuses impossible input with a message naming the field', () => {
    expect(() => changeSdFromCorrelation(4, 4, 1.2)).toThrow(/correlation: must be between −1 and 1/);
    expect(() => correlationFromChangeSd(1, 1, 5)).toThrow(/sdChange: 5 is impossible/);
    expect(() => changeSdFromCorrelation(-1, 4, 0.5)).toThrow(/sdBaseline/);
  });
});

describe('cluster-randomised trials and shared control groups (Handbook 23.1.4, 23.3.4)', () => {
  it('divides sample size and events by the design effect', () => {
    expect(designEffect(10, 0.02).value).toBeCloseTo(1.18, 15);
    const g = clusterAdjustedGroup({ total: 295, events: 59 }, 10, 0.02);
    expect(g.total.value).toBeCloseTo(250, 12);
    expect(g.events?.value).toBeCloseTo(50, 12);
    expect(g.total.derivation.inputs).toMatchObject({ designEffect: 1.18 });
    expect(() => designEffect(10, 1.5)).toThrow(/icc/);
    expect(() => clusterAdjustedGroup({ total: 10, events: 11 }, 5, 0.1)).toThrow(/events/);
  });

  it('splits a control group shared by several comparisons', () => {
    const s = splitSharedControl({ total: 101, events: 20 }, 2);
    expect(s.total.value).toBe(50.5);
    expect(s.events?.value).toBe(10);
    expect(() => splitSharedControl({ total: 100 }, 1)).toThrow(/comparisons/);
  });
});

describe('log hazard ratio (Tierney 2007)', () => {
  it('from O − E and V', () => {
    const r = logHrFromOMinusE(-10, 40);
    expect(r.value.logHr).toBe(-0.25);
    expect(r.value.se).toBeCloseTo(1 / Math.sqrt(40), 15);
  });

  it('from a P value and the number of events reproduces the log-rank statistics', () => {
    // O − E = −10, V = 40 with 1:1 randomisation means 160 events; P = 2Φ(−10/√40).
    const p = normalTwoSidedP(10 / Math.sqrt(40));
    const r = logHrFromP({ p, totalEvents: 160, randomised1: 250, randomised2: 250, favours: 'research' });
    expect(r.value.variance).toBe(40);
    expect(r.value.logHr).toBeCloseTo(-0.25, 13);
    expect(r.value.se).toBeCloseTo(1 / Math.sqrt(40), 15);
    expect(logHrFromP({ p, totalEvents: 160, randomised1: 250, randomised2: 250, favours: 'control' }).value.logHr).toBeCloseTo(0.25, 13);
    // 2:1 randomisation: V = O·2·1/9.
    expect(logHrFromP({ p: 0.05, totalEvents: 90, randomised1: 200, randomised2: 100, favours: 'research' }).value.variance).toBeCloseTo(20, 13);
  });

  it('from a confidence interval', () => {
    const r = logHrFromCi({ lower: 0.6, upper: 0.94, hr: 0.75 });
    expect(r.value.logHr).toBeCloseTo(Math.log(0.75), 15);
    expect(r.value.se).toBeCloseTo((Math.log(0.94) - Math.log(0.6)) / (2 * 1.959963984540054), 15);
    expect(r.value.oMinusE).toBeCloseTo(r.value.logHr / r.value.se ** 2, 12);
    expect(logHrFromCi({ lower: 0.5, upper: 2 }).value.logHr).toBeCloseTo(0, 15);
    expect(() => logHrFromCi({ lower: 0.6, upper: 0.94, hr: 1.2 })).toThrow(/hr: 1.2 lies outside/);
  });
});

describe('number needed to treat', () => {
  it('from a risk difference whose interval excludes 0', () => {
    const r = nntFromRiskDifference(-0.1, -0.15, -0.05).value;
    expect(r.point).toEqual({ kind: 'NNTB', value: 10 });
    expect(r.lower.value).toBeCloseTo(1 / 0.15, 14);
    expect(r.upper.value).toBeCloseTo(20, 14);
    expect(r.throughInfinity).toBe(false);
  });

  it('through infinity when the interval contains 0 (Altman 1998)', () => {
    const r = nntFromRiskDifference(-0.05, -0.12, 0.02).value;
    expect(r.point).toEqual({ kind: 'NNTB', value: 20 });
    expect(r.lower).toEqual({ kind: 'NNTB', value: 1 / 0.12 });
    expect(r.upper).toEqual({ kind: 'NNTH', value: 50 });
    expect(r.throughInfinity).toBe(true);
    // A desirable outcome turns benefit and harm around.
    expect(nntFromRiskDifference(0.05, 0.01, 0.1, 'desirable').value.point.kind).toBe('NNTB');
  });

  it('from a risk ratio or odds ratio and an assumed comparator risk (Handbook 15.4.4)', () => {
    expect(nntFromRiskRatio(0.8, 0.7, 0.9, 0.3).value.point.value).toBeCloseTo(1 / 0.06, 12);
    const or = nntFromOddsRatio(0.8, 0.7, 0.9, 0.3).value;
    expect(or.point.value).toBeCloseTo(1 / (0.3 - 0.24 / 0.94), 12);
    expect(or.point.kind).toBe('NNTB');
    expect(() => nntFromRiskRatio(0.8, 0.7, 0.9, 1.3)).toThrow(/assumedComparatorRisk/);
  });
});
