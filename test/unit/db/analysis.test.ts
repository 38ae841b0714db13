import { afterEach, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { emptyReportFields, forestInputFor, table2AsReportTable, tableCsv, tableHtml, type ApiClient } from '@grove/shared';
import { forestPlotSvg } from '@grove/shared/forest/index';
import { evidenceStrength } from '@grove/shared/stats/index';
import { freshBackend } from '../../support/review-fixtures.ts';

// Analyses from extracted arm-level data, checked against RevMan's own numbers:
// Fleiss 1993 (mental health treatment and medical utilisation, 5 RCTs, MD, fixed effect),
// data set D2 of the statistical reference (RevMan: −0.70938839 [−1.25848502, −0.16029176],
// P 0.01133769, Chi² 5.66012379 (df 4), I² 29.33016758).

const FLEISS: [string, [number, number, number], [number, number, number]][] = [
  ['Davis', [13, 5.0, 4.7], [13, 6.5, 3.8]],
  ['Florell', [30, 4.9, 1.71], [50, 6.1, 2.3]],
  ['Gruen', [35, 22.5, 3.44], [35, 24.9, 10.65]],
  ['Hart', [20, 12.5, 1.47], [20, 12.3, 1.66]],
  ['Wilson', [8, 6.5, 0.76], [8, 7.38, 1.41]],
];

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function fleissReview(model: 'fixed' | 'random', studies = FLEISS): Promise<ApiClient> {
  const f = freshBackend('empty');
  cleanups.push(f.cleanup);
  const { client } = f;
  const p = await client.call('protocol.get', {});
  await client.call('protocol.update', {
    patch: {
      outcomeDomains: [{ id: 'd-use', name: 'Medical utilisation', description: '', includes: [] }],
      plannedOutcomes: [{ id: 'o-use', domainId: 'd-use', name: 'Medical utilisation', description: '' }],
      timepointCategories: [
        { id: 'tc-post', name: 'Post-intervention', definition: '', afterWeeksMin: null, afterWeeksMax: 0, selection: 'end-of-treatment' },
        {
          id: 'tc-short',
          name: 'Short-term follow-up',
          definition: '',
          afterWeeksMin: 0,
          afterWeeksMax: 52,
          selection: 'nearest-not-exceeding-bound',
        },
      ],
      conventions: { ...p.conventions, model },
    },
  });
  for (const [label, e, c] of studies) {
    const s = await client.call('studies.create', {
      study: { label, status: 'included', identifiers: '', notes: '' },
      reports: [{ ...emptyReportFields(), title: label }],
    });
    const arm1 = await client.call('arms.create', {
      studyId: s.id,
      arm: { label: 'Treatment', role: 'intervention', description: '', randomised: null },
    });
    const arm2 = await client.call('arms.create', {
      studyId: s.id,
      arm: { label: 'Control', role: 'control', description: '', randomised: null },
    });
    const o = await client.call('studyOutcomes.create', {
      studyId: s.id,
      outcome: { outcomeId: 'o-use', measure: 'Days of medical utilisation', direction: 'lower-better', dataType: 'continuous', notes: '' },
    });
    const t = await client.call('timepoints.create', {
      studyId: s.id,
      timepoint: { label: 'End of treatment', weeksAfterTreatment: 0, categoryOverride: null },
    });
    const t2 = await client.call('timepoints.create', {
      studyId: s.id,
      timepoint: { label: '6 months', weeksAfterTreatment: 26, categoryOverride: null },
    });
    for (const [arm, [n, mean, sd]] of [
      [arm1, e],
      [arm2, c],
    ] as const) {
      await client.call('results.set', {
        studyOutcomeId: o.id,
        timepointId: t.id,
        armId: arm.id,
        result: { kind: 'continuous', mean, sd, n, derivation: null },
      });
    }
    // Only the first two studies have follow-up data: a narrative synthesis there.
    if (label === 'Davis' || label === 'Florell') {
      for (const [arm, [n, mean, sd]] of [
        [arm1, e],
        [arm2, c],
      ] as const) {
        await client.call('results.set', {
          studyOutcomeId: o.id,
          timepointId: t2.id,
          armId: arm.id,
          result: { kind: 'continuous', mean, sd, n, derivation: null },
        });
      }
    }
  }
  return client;
}

describe('analyses from extracted data', () => {
  it('reproduces RevMan’s fixed-effect MD for Fleiss 1993 from arm-level data entered through the API', async () => {
    const client = await fleissReview('fixed');
    const [post, short] = await client.call('analyses.list', {});
    const a = post!.analysis;
    expect(a.synthesis).toBe('meta-analysis');
    expect(a.effectMeasure).toBe('MD');
    const o = a.result!.overall!;
    if (!o.estimable) throw new Error('not estimable');
    // The reference is printed to 8 decimals: agree to half a unit in its last place.
    const within = (x: number, ref: number) => expect(Math.abs(x - ref)).toBeLessThanOrEqual(5e-9);
    within(o.estimate, -0.70938839);
    within(o.ciLower, -1.25848502);
    within(o.ciUpper, -0.16029176);
    within(o.z, -2.53211477);
    within(o.p, 0.01133769);
    within(o.q, 5.66012379);
    within(o.pQ, 0.22600895);
    within(o.i2, 29.33016758);
    expect(a.result!.rows.map((r) => Number(r.weight.toFixed(6)))).toEqual([2.793155, 38.612515, 2.193161, 31.928266, 24.472903]);
    expect(a.participants).toBe(232);
    // Two studies at follow-up: below the minimum of three, so each study's own result, not a pooled one.
    expect(short!.analysis.synthesis).toBe('narrative synthesis');
    expect(short!.sentence).toMatch(
      /^Only two studies reported follow-up data for medical utilisation, so meta-analysis was not possible \(Davis: MD -1\.50 \(-4\.79 to 1\.79\); Florell: MD -1\.20 \(-2\.08 to -0\.32\)\)\.$/,
    );
  });

  it('renders Table 2 in the seed’s layout with RevMan’s display precision', async () => {
    const client = await fleissReview('fixed');
    const t = await client.call('outputs.table2', {});
    expect(t.groups).toHaveLength(1);
    expect(t.groups[0]).toEqual({
      timepoint: 'Post-intervention',
      rows: [
        {
          outcome: 'Medical utilisation',
          studies: ['Davis', 'Florell', 'Gruen', 'Hart', 'Wilson'],
          trials: 5,
          participants: 232,
          effect: 'MD -0.71 (-1.26 to -0.16)',
          p: '0.01',
          heterogeneity: '29 (5.66, 4)',
          followUp: 'End of treatment',
        },
      ],
    });
    const table = table2AsReportTable(t);
    const html = tableHtml(table);
    expect(html).toContain('<td>MD -0.71 (-1.26 to -0.16)</td><td>0.01</td><td>29 (5.66, 4)</td>');
    expect(html).toContain('<th scope="col">Heterogeneity I² (Chi², df)</th>');
    expect(tableCsv(table).split('\r\n')[1]).toBe(
      'Post-intervention,"Medical utilisation; Davis, Florell, Gruen, Hart, Wilson",5,232,MD -0.71 (-1.26 to -0.16),0.01,"29 (5.66, 4)",End of treatment',
    );
  });

  it('switches model and preset on request, and runs the planned sensitivity restriction', async () => {
    const client = await fleissReview('fixed');
    const random = await client.call('analyses.run', { outcomeId: 'o-use', categoryId: 'tc-post', model: 'random' });
    const r = random.analysis.result!.overall!;
    if (!r.estimable) throw new Error('not estimable');
    // DerSimonian–Laird, as in the reference: −0.737309 [−1.457669, −0.016950], τ² 0.189440.
    expect(r.estimate).toBeCloseTo(-0.737309, 6);
    expect(r.tau2).toBeCloseTo(0.18944, 5);
    const modern = await client.call('analyses.run', {
      outcomeId: 'o-use',
      categoryId: 'tc-post',
      preset: 'cochrane2025',
      model: 'random',
    });
    const m = modern.analysis.result!.overall!;
    if (!m.estimable) throw new Error('not estimable');
    // REML with HKSJ: [−1.722439, 0.220678] per the reference.
    expect(m.ciLower).toBeCloseTo(-1.722439, 5);
    expect(m.ciUpper).toBeCloseTo(0.220678, 5);
    const studies = await client.call('studies.list', {});
    const loo = await client.call('analyses.run', {
      outcomeId: 'o-use',
      categoryId: 'tc-post',
      sensitivity: { kind: 'leave-one-out', studyId: studies.find((s) => s.label === 'Florell')!.id },
    });
    expect(loo.analysis.contributions.filter((c) => c.included).map((c) => c.label)).toEqual(['Davis', 'Gruen', 'Hart', 'Wilson']);
    // No study has a RoB judgement: the low-risk-of-bias analysis cannot be run, and says why.
    const lowRob = await client.call('analyses.run', {
      outcomeId: 'o-use',
      categoryId: 'tc-post',
      sensitivity: { kind: 'low-risk-of-bias' },
    });
    expect(lowRob.analysis.synthesis).toBe('no data');
    expect(lowRob.analysis.contributions.every((c) => !c.included && c.reason === 'overall risk of bias not yet judged')).toBe(true);
  });

  it('writes the seed’s sentence from the evidence and magnitude rules', async () => {
    const client = await fleissReview('fixed');
    const [post] = await client.call('analyses.list', {});
    expect(post!.sentence).toBe(
      'Five trials provided usable post-intervention data for meta-analysis, which found weak evidence for an effect of the intervention on medical utilisation (MD -0.71 (-1.26 to -0.16), P = 0.01).',
    );
  });

  it('draws the forest plot of an analysis with RevMan’s numbers and the favoured side from the scale direction', async () => {
    const client = await fleissReview('fixed');
    const [post] = await client.call('analyses.list', {});
    const input = forestInputFor(post!.analysis)!;
    // Medical utilisation: lower is better, so the intervention is favoured left of zero.
    expect(input.labels).toMatchObject({ favoursLeft: 'Favours intervention', favoursRight: 'Favours control' });
    const svg = forestPlotSvg(input);
    const texts: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node === 'string' || typeof node === 'number') texts.push(String(node));
      else if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') Object.values(node).forEach(walk);
    };
    walk(new XMLParser({ ignoreAttributes: true }).parse(svg));
    const all = texts.join('|');
    for (const s of [
      'Davis',
      'Florell',
      'Gruen',
      'Hart',
      'Wilson',
      'Favours intervention',
      'Favours control',
      '-0.71 [-1.26, -0.16]',
      '38.6%',
    ])
      expect(all).toContain(s);
    expect(all).toMatch(/Heterogeneity: Chi² = 5\.66, df = 4 \(P = 0\.23\); I² = 29%/);
    expect(all).toMatch(/Test for overall effect: Z = 2\.53 \(P = 0\.01\)/);
  });

  it('words the seed’s own P values as the seed does', () => {
    // Table 2 of the seed: recovery P = 0.002 "strong", global symptoms P = 0.07 "weak", empowerment P = 0.17 "no evidence".
    expect(evidenceStrength(0.002)).toBe('strong evidence');
    expect(evidenceStrength(0.07)).toBe('weak evidence');
    expect(evidenceStrength(0.17)).toBe('no evidence');
  });

  it('recomputes from the data as they are after every change (re-reading only what changed)', async () => {
    const client = await fleissReview('fixed');
    const before = (await client.call('analyses.list', {}))[0]!.analysis.result!.overall!;
    const studies = await client.call('studies.list', {});
    const hart = studies.find((s) => s.label === 'Hart')!;
    const data = await client.call('studyData.get', { studyId: hart.id });
    const post = data.timepoints.find((t) => t.weeksAfterTreatment === 0)!;
    const treated = data.arms.find((a) => a.role === 'intervention')!;
    await client.call('results.set', {
      studyOutcomeId: data.outcomes[0]!.id,
      timepointId: post.id,
      armId: treated.id,
      result: { kind: 'continuous', mean: 10.5, sd: 1.47, n: 20, derivation: null },
    });
    const after = (await client.call('analyses.list', {}))[0]!.analysis;
    expect(after.result!.overall!.estimable && before.estimable && after.result!.overall!.estimate < before.estimate).toBe(true);
    expect(after.result!.rows.find((r) => r.study === 'Hart')!.estimate).toBeCloseTo(-1.8, 10);
    // A review-wide change (a study excluded) reloads everything.
    await client.call('studies.update', { id: hart.id, patch: { status: 'excluded' } });
    expect((await client.call('analyses.list', {}))[0]!.analysis.contributions.map((c) => c.label)).toEqual([
      'Davis',
      'Florell',
      'Gruen',
      'Wilson',
    ]);
    await client.call('history.undo', {});
    await client.call('history.undo', {});
    const restored = (await client.call('analyses.list', {}))[0]!.analysis.result!.overall!;
    expect(restored).toEqual(before);
  });
});
