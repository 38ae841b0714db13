import { describe, expect, it } from 'vitest';
import { forestForOutcome, rob2ForRows } from '../../../shared/src/analysis/forest-input.ts';
import type { ReviewForAnalysis } from '../../../shared/src/analysis/review-data.ts';
import type { Rob2Record } from '../../../shared/src/api/contract-rob2.ts';
import { forestPlotSvg } from '../../../shared/src/forest/index.ts';
import { defaultConventions } from '../../../shared/src/model/protocol.ts';
import { analyseModelOutcome, type DataRow, type ModelOutcome, type OutcomeSettings } from '../../../shared/src/outcomes/index.ts';
import { emptyRob2Assessment } from '../../../shared/src/rob/rob2-assessment.ts';
import { D1_ROWS, parse, plotRows, svgRoot } from './helpers.ts';

// An outcome of the one analysis model as a forest plot: its settings (totals, sort order,
// scale, swap events) and its rows' footnotes reach the plot; RoB 2 judgements are matched
// to rows by the result they assess.

const review = { protocol: { conventions: defaultConventions() }, studies: [] } as unknown as ReviewForAnalysis;

const SETTINGS: OutcomeSettings = {
  effectMeasure: 'RR',
  method: 'MH',
  model: 'fixed',
  ciStudy: 95,
  ciTotal: 95,
  totals: 'YES',
  subgroupTest: true,
  swapEvents: false,
  logData: false,
  sortBy: null,
  groupLabel1: 'Aspirin',
  groupLabel2: 'Placebo',
  graphLabel1: null,
  graphLabel2: null,
  scale: null,
};

const rows: DataRow[] = D1_ROWS.map((r, i) => ({
  id: `row-${i}`,
  origin: 'direct',
  studyId: `s${i}`,
  studyLabel: r.study,
  subgroupId: null,
  footnote: i === 2 ? 'Follow-up 3 years' : null,
  values: { kind: 'dichotomous', events1: r.events1, total1: r.total1, events2: r.events2, total2: r.total2 },
}));

function plot(settings: Partial<OutcomeSettings>, extras: Parameters<typeof forestForOutcome>[2] = {}) {
  const outcome: ModelOutcome = {
    id: 'CMP-001.01',
    number: '1.1',
    name: 'Death',
    comparisonName: 'Aspirin vs placebo',
    dataType: 'dichotomous',
    source: { kind: 'entered' },
    settings: { ...SETTINGS, ...settings },
    subgroups: [],
  };
  const analysed = analyseModelOutcome(review, outcome, rows);
  const p = forestForOutcome(analysed, outcome.settings, extras)!;
  const root = svgRoot(parse(forestPlotSvg(p.input, p.options)));
  return { p, rows: plotRows(root) };
}

const studies = (r: ReturnType<typeof plotRows>) => r.filter((x) => x.kind === 'study').map((x) => x.texts[0]);

describe('forestForOutcome', () => {
  it('draws the title, group labels and footnotes of the outcome', () => {
    const { p, rows: out } = plot({});
    expect(p.input.labels?.title).toBe('1.1 Death');
    expect(p.input.labels?.experimental).toBe('Aspirin');
    expect(studies(out)).toContain('MRC-2(1)');
  });

  it('numbers the title once', () => {
    expect(plot({}, { outcomeNumber: '1.1' }).p.input.labels).toMatchObject({ title: '1.1 Death', outcomeNumber: '1.1' });
  });

  it('totals none: no total row', () => {
    expect(plot({ totals: 'NO' }).rows.filter((r) => r.kind === 'total')).toEqual([]);
    expect(plot({ totals: 'YES' }).rows.filter((r) => r.kind === 'total')).toHaveLength(1);
  });

  it('sort by year reads the studies’ years; by user order the rows’ RevMan ORDER', () => {
    const years = Object.fromEntries(rows.map((r, i) => [r.studyId, 2000 - i]));
    expect(studies(plot({ sortBy: 'YEAR' }, { studyYears: years }).rows)).toEqual(
      [...D1_ROWS].reverse().map((r) => (r.study === 'MRC-2' ? 'MRC-2(1)' : r.study)),
    );
    const order = Object.fromEntries(rows.map((r, i) => [r.id, i === 0 ? 99 : i]));
    expect(studies(plot({ sortBy: 'USER' }, { rowOrder: order }).rows)[6]).toBe('MRC-1');
  });

  it('the scale becomes the axis scale', () => {
    expect(plot({ scale: 10 }).p.options.axisScale).toBe(10);
    expect(plot({}).p.options.axisScale).toBeUndefined();
  });

  it('swap events pools non-events', () => {
    const swapped = plot({ swapEvents: true }).rows.find((r) => r.texts[0] === 'MRC-1')!;
    expect(swapped.texts.slice(1, 5)).toEqual([String(615 - 49), '615', String(624 - 67), '624']);
  });
});

describe('rob2ForRows', () => {
  const record = (studyId: string, studyOutcomeId: string | null, d1: 'low' | 'high', overall: 'low' | 'high' | null): Rob2Record => {
    const assessment = emptyRob2Assessment();
    assessment.domains.D1.judgement.proposed = d1;
    return {
      id: `${studyId}-${studyOutcomeId}`,
      studyId,
      studyLabel: studyId,
      studyOutcomeId,
      resultLabel: 'r',
      slot: 'final',
      assessment,
      overall,
      updatedAt: '',
    };
  };

  it('a direct row takes its study’s only assessment; several assessments and no provenance: none', () => {
    const out = rob2ForRows(rows.slice(0, 2), [
      record('s0', null, 'low', 'low'),
      record('s1', 'a', 'high', 'high'),
      record('s1', 'b', 'low', 'low'),
    ]);
    expect(out['MRC-1']).toEqual(['low', null, null, null, null, 'low']);
    expect(out.CDP).toBeUndefined();
  });

  it('a derived row takes the assessment of its study outcome', () => {
    const derived: DataRow = {
      ...rows[1]!,
      origin: 'derived',
      provenance: {
        studyOutcomeId: 'b',
        measure: '',
        timepointId: '',
        timepointLabel: '',
        interventionArms: [],
        controlArms: [],
        flipped: false,
        derivations: [],
      },
    } as DataRow;
    const out = rob2ForRows([derived], [record('s1', 'a', 'high', 'high'), record('s1', 'b', 'low', 'low')]);
    expect(out.CDP).toEqual(['low', null, null, null, null, 'low']);
  });
});
