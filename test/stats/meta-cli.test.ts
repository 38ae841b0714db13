// `grove meta` as a pure function (cli/src/commands/meta.ts runMeta).
import { describe, expect, it } from 'vitest';
import { runMeta, streamMeta } from '../../cli/src/commands/meta.ts';
import { analyze, parseAnalysisInput } from '../../shared/src/stats/index.ts';

const fleiss = {
  dataType: 'dichotomous',
  effectMeasure: 'OR',
  method: 'MH',
  model: 'fixed',
  rows: [
    { study: 'MRC-1', events1: 49, total1: 615, events2: 67, total2: 624 },
    { study: 'CDP', events1: 44, total1: 758, events2: 64, total2: 771 },
    { study: 'MRC-2', events1: 102, total1: 832, events2: 126, total2: 850 },
    { study: 'GASP', events1: 32, total1: 317, events2: 38, total2: 309 },
    { study: 'PARIS', events1: 85, total1: 810, events2: 52, total2: 406 },
    { study: 'AMIS', events1: 246, total1: 2267, events2: 219, total2: 2257 },
    { study: 'ISIS-2', events1: 1570, total1: 8587, events2: 1720, total2: 8600 },
  ],
};

describe('grove meta', () => {
  it('prints RevMan 5 results for one analysis', () => {
    const r = runMeta(JSON.stringify(fleiss));
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    // RevMan 5 stored values (Fleiss1993.rm5).
    expect(out.overall.estimate).toBeCloseTo(0.8968655609130709, 14);
    expect(out.overall.ciLower).toBeCloseTo(0.8405144008917793, 14);
    expect(out.overall.q).toBeCloseTo(9.946055983220074, 12);
    expect(out.overall.i2).toBeCloseTo(39.67458045558399, 11);
    expect(out.overall.p).toBeCloseTo(0.0010103343130005407, 15);
    expect(Object.keys(out.rows[0])).toEqual(['study', 'subgroup', 'estimable', 'estimate', 'ciLower', 'ciUpper', 'se', 'weight']);
    expect(out.rows[0].weight).toBeCloseTo(3.17649, 5);
    expect(out.subgroups).toEqual([]);
    expect(out.subgroupDifferences).toBeNull();
    expect(out.methods).toMatchObject({ method: 'MH', model: 'fixed', effectMeasure: 'OR', ratio: true });
  });

  it('rejects bad input naming the row and field, exit code 2', () => {
    const bad = { ...fleiss, rows: [...fleiss.rows.slice(0, 3), { study: 'X', events1: 5, total1: 4, events2: 1, total2: 10 }] };
    const r = runMeta(JSON.stringify(bad));
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('rows[3].events1: must be ≤ total1');
    expect(runMeta('{not json').exitCode).toBe(2);
    const cont = runMeta(JSON.stringify({ dataType: 'continuous', rows: [{ study: 'A', mean1: 1, sd1: -1, total1: 10, mean2: 1, sd2: 1, total2: 10 }] }));
    expect(cont.stderr).toContain('rows[0].sd1: must be > 0');
    expect(runMeta(JSON.stringify({ ...fleiss, effectMeasure: 'XX' })).stderr).toContain('effectMeasure:');
  });

  it('an array gives results in order; a bad analysis becomes an error entry', () => {
    const arr = [fleiss, { ...fleiss, rows: [{ study: 'A', events1: -1, total1: 10, events2: 1, total2: 10 }] }, { dataType: 'dichotomous', effectMeasure: 'RR', preset: 'cochrane2025', rows: fleiss.rows }];
    const r = runMeta(JSON.stringify(arr));
    expect(r.exitCode).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(3);
    expect(out[0].overall.estimate).toBeCloseTo(0.8968655609130709, 14);
    expect(out[1].error).toContain('rows[0].events1: must be ≥ 0');
    expect(out[2].methods).toMatchObject({ tau2Estimator: 'REML', ciMethod: 'hksj', tau2Ci: 'Q-profile' });
    expect(out[2].overall.predictionLower).toBeLessThan(out[2].overall.ciLower);
    expect(r.stderr).toContain('analyses[1].rows[0].events1');
    expect(runMeta(JSON.stringify([fleiss])).exitCode).toBe(0);
  });

  it('prints an array as it computes it, in pieces, byte for byte the indented JSON of all results', () => {
    const analyses = Array.from({ length: 120 }, (_, i) => ({ ...fleiss, model: i % 2 ? 'random' : 'fixed', ciLevel: i % 3 ? 95 : 99 }));
    const pieces: string[] = [];
    const run = streamMeta(JSON.stringify(analyses), (text) => pieces.push(text));
    expect(run).toEqual({ stderr: '', exitCode: 0 });
    const whole = analyses.map((a) => {
      const parsed = parseAnalysisInput(a);
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      return analyze(parsed.input);
    });
    expect(pieces.join('')).toBe(`${JSON.stringify(whole, null, 2)}\n`);
    expect(pieces.length).toBeGreaterThan(1);
    expect(runMeta('[]').stdout).toBe('[]\n');
    expect(runMeta(JSON.stringify([{ dataType: 'x' }])).stdout).toBe(
      `${JSON.stringify([{ error: "dataType: must be 'dichotomous', 'continuous', 'generic' or 'oe-variance'", errors: ["dataType: must be 'dichotomous', 'continuous', 'generic' or 'oe-variance'"] }], null, 2)}\n`,
    );
  });
});
