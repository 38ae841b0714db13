import { describe, expect, it } from 'vitest';
import { analyze, presetSettings, REVMAN5_PRESET, type AnalysisInput, type GenericAnalysisInput } from '../../../shared/src/stats/index.ts';
import { forestPlotSvg, runsWidth, textWidth, type ForestPlotInput, type ForestPlotOptions } from '../../../shared/src/forest/index.ts';
import {
  BCG_ROWS,
  D1_ROWS,
  D2_ROWS,
  continuous,
  dichotomous,
  elements,
  footerLines,
  groupsOfClass,
  directTexts,
  headerTexts,
  parse,
  plotRows,
  svgRoot,
  textOf,
  type Node,
} from './helpers.ts';

// One test block per outcome setting RevMan's forest plot honours (issue 10 step 1): totals
// yes / subtotals only / none, subgroup totals and the test for subgroup differences,
// non-estimable and zero-weight rows, footnotes, RoB 1 and RoB 2 columns, formatted names,
// study and total CI levels, group and graph labels, and the sort order.

function render(analysis: AnalysisInput, extra: Omit<ForestPlotInput, 'analysis' | 'result'> = {}, options: ForestPlotOptions = {}) {
  const svg = forestPlotSvg({ analysis, result: analyze(analysis), ...extra }, options);
  const root = svgRoot(parse(svg));
  return { svg, root, rows: plotRows(root), footer: footerLines(root), header: headerTexts(root) };
}

const labelsOf = (rows: ReturnType<typeof plotRows>, kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.texts[0]);
const diamonds = (root: Node) => elements(root, 'polygon').filter((p) => p['@_class'] === 'diamond');
const bcg = (overall: boolean) => dichotomous(BCG_ROWS, 'RR', { model: 'random', overall, subgroupTest: true });

describe('totals: yes / subtotals only / none (RevMan TOTALS)', () => {
  it('YES: every subgroup total, the overall total, its lines and the test for subgroup differences', () => {
    const { rows, footer, root } = render(bcg(true), { totals: 'YES' });
    expect(labelsOf(rows, 'subtotal')).toEqual(['Subtotal (95% CI)', 'Subtotal (95% CI)', 'Subtotal (95% CI)']);
    expect(labelsOf(rows, 'total')).toEqual(['Total (95% CI)']);
    expect(diamonds(root)).toHaveLength(4);
    expect(footer[0]).toMatch(/^Heterogeneity: Tau² = /);
    expect(footer[1]).toMatch(/^Test for overall effect: Z = /);
    expect(footer[2]).toMatch(/^Test for subgroup differences: Chi² = \d+\.\d\d, df = 2 \(P = 0\.\d\d\), I² = \d+%$/);
  });

  it('SUB: each subgroup shows its total, its heterogeneity and overall effect; no overall total', () => {
    const { rows, footer, root } = render(bcg(false), { totals: 'SUB' });
    expect(labelsOf(rows, 'subtotal')).toHaveLength(3);
    expect(labelsOf(rows, 'total')).toEqual([]);
    expect(diamonds(root)).toHaveLength(3);
    // Subgroup weights are percentages of their own subgroup.
    const subtotalWeights = rows.filter((r) => r.kind === 'subtotal').map((r) => r.texts.find((t) => t.endsWith('%')));
    expect(subtotalWeights).toEqual(['100.0%', '100.0%', '100.0%']);
    expect(
      rows
        .filter((r) => r.kind === 'note')
        .map((r) => r.texts[0])
        .filter((t) => t?.startsWith('Heterogeneity')),
    ).toHaveLength(3);
    expect(footer).toHaveLength(1);
    expect(footer[0]).toMatch(/^Test for subgroup differences: Chi² = \d+\.\d\d, df = 2 /);
  });

  it('SUB hides the total even when the result has one', () => {
    const { rows } = render(bcg(true), { totals: 'SUB' });
    expect(labelsOf(rows, 'total')).toEqual([]);
    expect(labelsOf(rows, 'subtotal')).toHaveLength(3);
  });

  it('NO: subgroup headings and studies only; no diamonds, totals, notes or footer lines', () => {
    const { rows, footer, root } = render(bcg(true), { totals: 'NO' });
    expect(labelsOf(rows, 'heading')).toEqual(['random', 'alternate', 'systematic']);
    expect(rows.filter((r) => r.kind === 'study')).toHaveLength(13);
    expect(rows.filter((r) => ['subtotal', 'total', 'note', 'events'].includes(r.kind))).toEqual([]);
    expect(diamonds(root)).toHaveLength(0);
    expect(footer).toEqual([]);
  });

  it('without the subgroup test setting, no subgroup-differences line', () => {
    const { footer } = render(dichotomous(BCG_ROWS, 'RR', { model: 'random', subgroupTest: false }));
    expect(footer.some((l) => l.startsWith('Test for subgroup differences'))).toBe(false);
  });
});

describe('non-estimable and zero-weight rows', () => {
  it('a study with no events in either arm: its data, "Not estimable", no weight and no square', () => {
    const { rows } = render(dichotomous([...D1_ROWS.slice(0, 3), { study: 'Nil', events1: 0, total1: 40, events2: 0, total2: 40 }], 'RR'));
    const nil = rows.find((r) => r.texts[0] === 'Nil')!;
    expect(nil.line).toBe('Nil | 0 | 40 | 0 | 40 | Not estimable');
    expect(elements(nil.node, 'rect')).toHaveLength(0);
    // Its participants still count in the totals, as in RevMan.
    expect(rows.find((r) => r.kind === 'total')?.texts.slice(1, 3)).toEqual(['2245', '2285']);
  });

  it('a study whose weight rounds to zero shows 0.0%, its estimate and a (smallest) square', () => {
    const g: GenericAnalysisInput = {
      ...presetSettings(REVMAN5_PRESET, 'GENERIC'),
      dataType: 'generic',
      effectMeasure: 'GENERIC',
      logScale: false,
      rows: [
        { study: 'Big', estimate: 1, se: 0.1 },
        { study: 'Tiny', estimate: 2, se: 100 },
      ],
    };
    const { rows } = render(g);
    const tiny = rows.find((r) => r.texts[0] === 'Tiny')!;
    expect(tiny.texts).toContain('0.0%');
    expect(tiny.texts).toContain('2.00 [-194.00, 198.00]');
    expect(elements(tiny.node, 'rect').filter((r) => r['@_class'] === 'square')).toHaveLength(1);
  });
});

describe('footnotes', () => {
  it('numbers each footnoted study in drawing order and lists the notes under the plot', () => {
    const analysis = continuous(D2_ROWS);
    const footnotes = [null, 'Medians converted to means', undefined, 'SDs imputed\nfrom a similar trial', ''];
    const { root, rows } = render(analysis, { footnotes });
    const florell = rows.find((r) => r.texts[0]?.startsWith('Florell'))!;
    expect(florell.texts[0]).toBe('Florell(1)');
    const sup = elements(florell.node, 'tspan').find((t) => textOf(t) === '(1)');
    expect(sup?.['@_font-size']).toBeDefined();
    expect(rows.find((r) => r.texts[0]?.startsWith('Hart'))?.texts[0]).toBe('Hart(2)');
    expect(rows.find((r) => r.texts[0]?.startsWith('Davis'))?.texts[0]).toBe('Davis');
    const notes = groupsOfClass(root, 'forest-footnotes').flatMap(directTexts);
    expect(notes).toEqual(['Footnotes', '(1) Medians converted to means', '(2) SDs imputed from a similar trial']);
  });

  it('numbers follow the displayed order, not the data order', () => {
    const analysis = continuous(D2_ROWS);
    const { rows } = render(analysis, {
      footnotes: ['first in data', null, null, null, 'last in data'],
      sort: { by: 'USER', order: [5, 4, 3, 2, 1] },
    });
    expect(rows.filter((r) => r.kind === 'study').map((r) => r.texts[0])).toEqual(['Wilson(1)', 'Hart', 'Gruen', 'Florell', 'Davis(2)']);
  });
});

describe('risk-of-bias columns', () => {
  it('RoB 2: D1–D5 and Overall, a mark per study and column with RoB 2 wording, and the RoB 2 legend', () => {
    const analysis = continuous(D2_ROWS);
    const rob = { Davis: ['low', 'some-concerns', 'high', 'low', 'low', 'high'] as const };
    const { root, header, rows } = render(analysis, { riskOfBias: rob, riskOfBiasTool: 'rob2' });
    expect(header).toEqual(expect.arrayContaining(['Risk of Bias', 'D1', 'D2', 'D3', 'D4', 'D5', 'Overall']));
    expect(header).not.toContain('G');
    const davis = rows.find((r) => r.texts[0] === 'Davis')!;
    const titles = elements(davis.node, 'title').map(textOf);
    expect(titles).toHaveLength(6);
    expect(titles[1]).toBe('Davis — (D2) Bias due to deviations from intended interventions: Some concerns');
    expect(titles[5]).toBe('Davis — (Overall) Overall risk of bias: High risk');
    // Studies without judgements: six not-judged marks.
    expect(
      elements(rows.find((r) => r.texts[0] === 'Wilson')!.node, 'title')
        .map(textOf)
        .every((t) => t.endsWith('Not judged')),
    ).toBe(true);
    const legend = groupsOfClass(root, 'rob-legend').flatMap(directTexts);
    expect(legend).toEqual([
      'Risk of bias legend',
      '(D1) Bias arising from the randomization process',
      '(D2) Bias due to deviations from intended interventions',
      '(D3) Bias due to missing outcome data',
      '(D4) Bias in measurement of the outcome',
      '(D5) Bias in selection of the reported result',
      '(Overall) Overall risk of bias',
    ]);
  });

  it('RoB 1 stays A–G by default', () => {
    const { header } = render(continuous(D2_ROWS), { riskOfBias: {} });
    expect(header).toEqual(expect.arrayContaining(['A', 'B', 'C', 'D', 'E', 'F', 'G']));
    expect(header).not.toContain('D1');
  });
});

describe('names with rich text', () => {
  const analysis = dichotomous(
    BCG_ROWS.slice(0, 4).map((r, i) => ({ ...r, subgroup: i < 2 ? 'Vitamin D3' : 'Other' })),
    'RR',
  );
  const markup = {
    title: 'Effect of <I>BCG</I> on TB<SUP>+</SUP>',
    studies: { 'Aronson 1948': '<B>Aronson</B> 1948' },
    subgroups: { 'Vitamin D3': 'Vitamin D<SUB>3</SUB>' },
    experimental: 'CO<SUB>2</SUB>',
    favoursLeft: 'Favours <I>BCG</I>',
  };
  const { root, rows, svg } = render(analysis, {
    labels: { title: 'Effect of BCG on TB+', outcomeNumber: '1.2', experimental: 'CO2', favoursLeft: 'Favours BCG' },
    markup,
  });

  it('draws sub/superscript, italic and bold runs as tspans with the plain text unchanged', () => {
    const heading = rows.find((r) => r.kind === 'heading')!;
    expect(heading.texts[0]).toBe('1.2.1 Vitamin D3');
    const three = elements(heading.node, 'tspan').find((t) => textOf(t) === '3')!;
    expect(Number(three['@_dy'])).toBeGreaterThan(0);
    expect(Number(three['@_font-size'])).toBeLessThan(11);
    const aronson = rows.find((r) => r.texts[0] === 'Aronson 1948')!;
    expect(elements(aronson.node, 'tspan').find((t) => textOf(t) === 'Aronson')?.['@_font-weight']).toBe('bold');
    const title = groupsOfClass(root, 'forest-title');
    expect(elements(title, 'tspan').find((t) => textOf(t) === 'BCG')?.['@_font-style']).toBe('italic');
    expect(elements(title, 'tspan').find((t) => textOf(t) === '+')?.['@_dy']).toMatch(/^-/);
    expect(elements(groupsOfClass(root, 'favours'), 'tspan').find((t) => textOf(t) === 'BCG')?.['@_font-style']).toBe('italic');
    expect(elements(groupsOfClass(root, 'forest-header'), 'tspan').map(textOf).join('')).toContain('CO2');
    expect(svg).not.toContain('&lt;SUB&gt;');
  });

  it('measures runs with the same metrics: a subscript is narrower than the same text upright, bold wider', () => {
    expect(runsWidth([{ text: 'D' }, { text: '3', sub: true }], 11)).toBeLessThan(textWidth('D3', 11));
    expect(runsWidth([{ text: 'Aronson', bold: true }], 11)).toBeCloseTo(textWidth('Aronson', 11, true), 6);
    expect(runsWidth([{ text: 'BCG', italic: true }], 11)).toBeCloseTo(textWidth('BCG', 11), 6);
  });
});

describe('study and total confidence levels', () => {
  it('the method heading shows the study level, the total row the total level, and the intervals follow them', () => {
    const at = (ciLevel: number, studyCiLevel: number) => render(dichotomous(D1_ROWS, 'RR', { ciLevel, studyCiLevel }));
    const a = at(0.99, 0.9);
    expect(a.header).toContain('M-H, Fixed, 90% CI');
    expect(labelsOf(a.rows, 'total')).toEqual(['Total (99% CI)']);
    const b = at(0.95, 0.95);
    const ci = (r: ReturnType<typeof render>, name: string) => r.rows.find((x) => x.texts[0] === name)!.texts.at(-1)!;
    // 90% study intervals are narrower than 95% ones; a 99% total interval is wider.
    const width = (s: string) => {
      const [lo, hi] = s
        .slice(s.indexOf('[') + 1, -1)
        .split(', ')
        .map(Number);
      return hi! - lo!;
    };
    expect(width(ci(a, 'MRC-1'))).toBeLessThan(width(ci(b, 'MRC-1')));
    expect(width(ci(a, 'Total (99% CI)'))).toBeGreaterThan(width(ci(b, 'Total (95% CI)')));
  });
});

describe('group and graph labels', () => {
  it('heads the arm columns with the group labels and writes the graph labels either side of the null line', () => {
    const { header, root } = render(dichotomous(D1_ROWS, 'RR'), {
      labels: { experimental: 'Aspirin', control: 'Placebo', favoursLeft: 'Favours aspirin', favoursRight: 'Favours placebo' },
    });
    expect(header.slice(0, 6)).toEqual(['Aspirin', 'Events', 'Total', 'Placebo', 'Events', 'Total']);
    const favours = groupsOfClass(root, 'favours').flatMap((g) => elements(g, 'text'));
    expect(favours.map(textOf)).toEqual(['Favours aspirin', 'Favours placebo']);
    expect(favours[0]?.['@_text-anchor']).toBe('end');
  });
});

describe('sort order (RevMan SORT_BY)', () => {
  const analysis = dichotomous(D1_ROWS, 'RR');
  const order = (sort: ForestPlotInput['sort']) =>
    render(analysis, sort ? { sort } : {})
      .rows.filter((r) => r.kind === 'study')
      .map((r) => r.texts[0]);

  it('as given by default', () => expect(order(undefined)).toEqual(D1_ROWS.map((r) => r.study)));
  it('STUDY: by name', () => expect(order({ by: 'STUDY' })).toEqual(['AMIS', 'CDP', 'GASP', 'ISIS-2', 'MRC-1', 'MRC-2', 'PARIS']));
  it('YEAR: by year, then name', () =>
    expect(order({ by: 'YEAR', years: [1974, 1976, 1979, 1979, 1980, 1980, 1988] })).toEqual([
      'MRC-1',
      'CDP',
      'GASP',
      'MRC-2',
      'AMIS',
      'PARIS',
      'ISIS-2',
    ]));
  it('WEIGHT: heaviest first', () => {
    const result = analyze(analysis);
    const byWeight = [...result.rows].sort((a, b) => b.weight - a.weight).map((r) => r.study);
    expect(order({ by: 'WEIGHT' })).toEqual(byWeight);
    expect(byWeight[0]).toBe('ISIS-2');
  });
  it('EFFECT_SIZE: smallest effect first', () => {
    const result = analyze(analysis);
    expect(order({ by: 'EFFECT_SIZE' })).toEqual([...result.rows].sort((a, b) => a.estimate! - b.estimate!).map((r) => r.study));
  });
  it('USER: by the rows’ order values; data-row indices still point at the data', () => {
    const { rows } = render(analysis, { sort: { by: 'USER', order: [7, 6, 5, 4, 3, 2, 1] } });
    const studies = rows.filter((r) => r.kind === 'study');
    expect(studies.map((r) => r.texts[0])).toEqual([...D1_ROWS].reverse().map((r) => r.study));
    expect(studies.map((r) => r.node['@_data-row'])).toEqual(['6', '5', '4', '3', '2', '1', '0']);
  });
  it('sorts within each subgroup, never across', () => {
    const { rows } = render(bcg(true), { sort: { by: 'STUDY' } });
    const blocks: string[][] = [];
    for (const r of rows) {
      if (r.kind === 'heading') blocks.push([]);
      else if (r.kind === 'study') blocks.at(-1)!.push(r.texts[0]!);
    }
    expect(blocks[0]).toEqual(
      BCG_ROWS.filter((r) => r.subgroup === 'random')
        .map((r) => r.study)
        .sort((a, b) => a.localeCompare(b)),
    );
    expect(blocks.flat()).toHaveLength(13);
  });
});
