import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisInput, type GenericAnalysisInput } from '../../../shared/src/stats/index.ts';
import { presetSettings, REVMAN5_PRESET } from '../../../shared/src/stats/index.ts';
import {
  autoAxis,
  forestPlotSvg,
  formatTick,
  rangeAxis,
  subgroupDifferencesLine,
  symmetricAxis,
  textWidth,
  type ForestPlotOptions,
  type ForestRobJudgement,
} from '../../../shared/src/forest/index.ts';
import {
  continuous,
  D1_ROWS,
  D2_ROWS,
  dichotomous,
  directTexts,
  elements,
  footerLines,
  groupsOfClass,
  parse,
  plotRows,
  svgRoot,
  textOf,
  type Node,
} from './helpers.ts';

// Structure and layout of the forest plot: escaping, non-estimable rows, large plots,
// squares sized by weight, clipped intervals, the risk-of-bias columns and the axis.

function render(analysis: AnalysisInput, options: ForestPlotOptions = {}, riskOfBias?: Record<string, ForestRobJudgement[]>) {
  const svg = forestPlotSvg({ analysis, result: analyze(analysis), ...(riskOfBias ? { riskOfBias } : {}) }, options);
  const root = svgRoot(parse(svg));
  return { svg, root, rows: plotRows(root), footer: footerLines(root) };
}

const num = (v: unknown) => Number(v);
const squares = (root: Node) => elements(root, 'rect').filter((r) => r['@_class'] === 'square');

/** 100 studies in 4 subgroups with a deterministic spread of effects and sizes; long names. */
function bigAnalysis(): AnalysisInput {
  let state = 42;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const rows = Array.from({ length: 100 }, (_, i) => {
    const n1 = 20 + Math.floor(next() * 400);
    const n2 = 20 + Math.floor(next() * 400);
    const p2 = 0.05 + next() * 0.4;
    const p1 = Math.min(0.95, p2 * (0.5 + next()));
    return {
      study:
        i % 17 === 0
          ? `A very long study name of a multicentre trial, part ${i + 1} (${2000 + (i % 20)})`
          : `Study ${i + 1} ${2000 + (i % 20)}`,
      subgroup: `Setting ${String.fromCharCode(65 + (i % 4))}`,
      events1: Math.round(p1 * n1),
      total1: n1,
      events2: Math.round(p2 * n2),
      total2: n2,
    };
  });
  return dichotomous(rows, 'RR', { model: 'random' });
}

describe('escaping and accessibility', () => {
  const analysis = continuous([{ ...D2_ROWS[0]!, study: '<script>&' }, ...D2_ROWS.slice(1)]);
  const { svg, root, rows } = render(analysis, { idPrefix: 'fp 1' });

  it('escapes a study named <script>& and shows it as text', () => {
    expect(svg).toContain('&lt;script&gt;&amp;');
    expect(svg).not.toContain('<script');
    expect(elements(root, 'script')).toHaveLength(0);
    expect(rows[0]?.texts[0]).toBe('<script>&');
  });

  it('has title, desc and a viewBox matching width and height; a sanitised id prefix', () => {
    expect(root['@_viewBox']).toBe(`0 0 ${root['@_width']} ${root['@_height']}`);
    expect(root['@_aria-labelledby']).toBe('fp-1-title');
    expect(textOf(elements(root, 'title')[0])).toBe('Forest plot: Mean Difference');
    expect(String(root['@_font-family'])).toMatch(/Arial, Helvetica, sans-serif/);
  });

  it('escapes labels and the outcome title too', () => {
    const a = continuous(D2_ROWS);
    const out = forestPlotSvg({
      analysis: a,
      result: analyze(a),
      labels: { title: 'A & B <1>', experimental: '"Exp"', control: "C'ctl", favoursLeft: 'Favours <x>', favoursRight: 'Favours & y' },
    });
    parse(out);
    expect(out).toContain('A &amp; B &lt;1&gt;');
    expect(out).toContain('Favours &lt;x&gt;');
    expect(out).toContain('&quot;Exp&quot;');
  });
});

describe('not estimable rows', () => {
  const rows = [
    ...D1_ROWS.slice(0, 3).map((r) => ({ ...r, subgroup: 'Estimable' })),
    { study: 'Zero 2001', events1: 0, total1: 10, events2: 0, total2: 12, subgroup: 'Estimable' },
    { study: 'Zero 2002', events1: 0, total1: 15, events2: 0, total2: 14, subgroup: 'No events' },
  ];
  const { root, rows: plotted, footer } = render(dichotomous(rows, 'OR'));

  it('shows the data and "Not estimable", with no weight and no square', () => {
    const zero = plotted.find((r) => r.texts[0] === 'Zero 2001');
    expect(zero?.line).toBe('Zero 2001 | 0 | 10 | 0 | 12 | Not estimable');
    expect(squares(root)).toHaveLength(3);
  });

  it('a subgroup with no estimable study: subtotal "Not estimable", lines "Not applicable", no diamond', () => {
    const lines = plotted.map((r) => r.line);
    const start = lines.indexOf('No events');
    expect(lines.slice(start, start + 6)).toEqual([
      'No events',
      'Zero 2002 | 0 | 15 | 0 | 14 | Not estimable',
      'Subtotal (95% CI) | 15 | 14 | Not estimable',
      'Total events | 0 | 0',
      'Heterogeneity: Not applicable',
      'Test for overall effect: Not applicable',
    ]);
    // Subtotal of the estimable subgroup + total: two diamonds.
    expect(elements(root, 'polygon').filter((p) => p['@_class'] === 'diamond')).toHaveLength(2);
    // Only one subgroup estimate: the test for subgroup differences does not apply.
    expect(footer.at(-1)).toBe('Test for subgroup differences: Not applicable');
  });

  it('non-estimable rows do not count in df', () => {
    const lines = plotted.map((r) => r.line);
    expect(lines).toContain('Heterogeneity: Chi² = 0.50, df = 2 (P = 0.78); I² = 0%');
    expect(footer[0]).toMatch(/df = 2 /);
  });

  it('an outcome with no estimable study: total "Not estimable", no marks, still an axis', () => {
    const none = render(
      dichotomous(
        [
          { study: 'Zero 2001', events1: 0, total1: 10, events2: 0, total2: 12 },
          { study: 'Zero 2002', events1: 0, total1: 15, events2: 0, total2: 14 },
        ],
        'OR',
      ),
    );
    expect(none.rows.map((r) => r.line)).toEqual([
      'Zero 2001 | 0 | 10 | 0 | 12 | Not estimable',
      'Zero 2002 | 0 | 15 | 0 | 14 | Not estimable',
      'Total (95% CI) | 25 | 26 | Not estimable',
      'Total events | 0 | 0',
    ]);
    expect(none.footer).toEqual(['Heterogeneity: Not applicable', 'Test for overall effect: Not applicable']);
    expect(elements(none.root, 'polygon')).toHaveLength(0);
    expect(directTexts(groupsOfClass(none.root, 'forest-axis')[0]!)).toContain('1');
  });

  it('a single-study subgroup says "Heterogeneity: Not applicable"', () => {
    const single = render(
      dichotomous([{ ...D1_ROWS[0]!, subgroup: 'One' }, ...D1_ROWS.slice(1).map((r) => ({ ...r, subgroup: 'Rest' }))], 'OR'),
    );
    expect(single.rows.map((r) => r.line)).toContain('Heterogeneity: Not applicable');
    expect(subgroupDifferencesLine(null)).toBe('Test for subgroup differences: Not applicable');
  });
});

describe('100 studies in 4 subgroups', () => {
  const analysis = bigAnalysis();
  const { svg, root, rows, footer } = render(analysis);

  it('is well-formed and names every study once', () => {
    const names = rows.filter((r) => r.kind === 'study').map((r) => r.texts[0]);
    expect(names).toHaveLength(100);
    expect(new Set(names)).toEqual(new Set(analysis.rows.map((r) => r.study)));
    expect(svg.length).toBeGreaterThan(10_000);
  });

  it('has 4 headings, 4 subtotal diamonds + the total, and the test for subgroup differences', () => {
    expect(rows.filter((r) => r.kind === 'heading').map((r) => r.texts[0])).toEqual(['Setting A', 'Setting B', 'Setting C', 'Setting D']);
    expect(elements(root, 'polygon').filter((p) => p['@_class'] === 'diamond')).toHaveLength(5);
    expect(footer.at(-1)).toMatch(/^Test for subgroup differences: Chi² = \d+\.\d\d, df = 3 \(P [=<] [\d.]+\), I² = \d+%$/);
  });

  it('long study names end before the first number column; notes and footer end before the graph', () => {
    const fs = 11;
    const nullLine = elements(root, 'line').find((l) => l['@_class'] === 'null-line');
    const axisLine = (groupsOfClass(root, 'forest-axis')[0]?.line as Node[])[0] as Node;
    const plotLeft = num(axisLine['@_x1']);
    expect(num(nullLine?.['@_x1'])).toBeGreaterThan(plotLeft);
    for (const r of rows) {
      const [label, ...cells] = ([] as unknown[]).concat(r.node.text ?? []) as Node[];
      if (!label) continue;
      const labelRight = num(label['@_x']) + textWidth(textOf(label), fs, label['@_font-weight'] === 'bold');
      if (r.kind === 'note' || r.kind === 'heading') expect(labelRight).toBeLessThan(plotLeft);
      else if (cells[0]) {
        const cellLeft = num(cells[0]['@_x']) - textWidth(textOf(cells[0]), fs, cells[0]['@_font-weight'] === 'bold');
        expect(labelRight).toBeLessThan(cellLeft);
      }
    }
    for (const t of elements(groupsOfClass(root, 'forest-footer')[0], 'text'))
      expect(num(t['@_x']) + textWidth(textOf(t), fs)).toBeLessThan(plotLeft);
  });
});

describe('squares and intervals', () => {
  it('square area is proportional to weight (monotone; area ratio = weight ratio)', () => {
    const { root } = render(dichotomous(D1_ROWS, 'OR'));
    const sq = squares(root).map((s) => ({ w: num(s['@_data-weight']), side: num(s['@_width']) }));
    expect(sq).toHaveLength(7);
    const sorted = [...sq].sort((a, b) => a.w - b.w);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.side).toBeGreaterThanOrEqual(sorted[i - 1]!.side);
    const big = sorted.at(-1)!;
    for (const s of sorted.filter((x) => x.side > 2)) expect((s.side / big.side) ** 2).toBeCloseTo(s.w / big.w, 3);
    // Squares are centred on their estimates on a log axis: the largest (ISIS-2, 0.89) is left of the null line.
    const isis = squares(root).find((s) => num(s['@_data-weight']) === big.w)!;
    const nullX = num(elements(root, 'line').find((l) => l['@_class'] === 'null-line')?.['@_x1']);
    expect(num(isis['@_x']) + num(isis['@_width']) / 2).toBeLessThan(nullX);
  });

  it('clips intervals that run off the axis and marks them with arrows, as RevMan does', () => {
    const narrow = render(continuous(D2_ROWS), { axisScale: 2 });
    const axisLine = (groupsOfClass(narrow.root, 'forest-axis')[0]?.line as Node[])[0] as Node;
    const [left, right] = [num(axisLine['@_x1']), num(axisLine['@_x2'])];
    const ticks = directTexts(groupsOfClass(narrow.root, 'forest-axis')[0]!);
    expect(ticks).toEqual(['-2', '-1', '0', '1', '2']);
    for (const r of narrow.rows.filter((x) => x.kind === 'study')) {
      for (const l of elements(r.node, 'line')) {
        expect(num(l['@_x1'])).toBeGreaterThanOrEqual(left - 0.05);
        expect(num(l['@_x2'])).toBeLessThanOrEqual(right + 0.05);
      }
    }
    // Davis −1.50 [−4.79, 1.79] runs off the left; Gruen −2.40 [−6.11, 1.31] has its square off the axis too.
    const davis = narrow.rows.find((r) => r.texts[0] === 'Davis')!;
    expect(elements(davis.node, 'polygon')).toHaveLength(1);
    const gruen = narrow.rows.find((r) => r.texts[0] === 'Gruen')!;
    expect(elements(gruen.node, 'rect')).toHaveLength(0);
    expect(elements(gruen.node, 'polygon')).toHaveLength(1);
  });

  it('the default axis fits every interval of D1 and D2, with the null line among the ticks', () => {
    const d2 = render(continuous(D2_ROWS));
    expect(directTexts(groupsOfClass(d2.root, 'forest-axis')[0]!)).toEqual(['-10', '-5', '0', '5', '10']);
    const d1 = render(dichotomous(D1_ROWS, 'OR'));
    expect(directTexts(groupsOfClass(d1.root, 'forest-axis')[0]!)).toEqual(['0.2', '0.5', '1', '2', '5']);
    for (const r of [...d1.rows, ...d2.rows]) expect(elements(r.node, 'polygon').filter((p) => p['@_class'] !== 'diamond')).toHaveLength(0);
  });

  it('monochrome squares for print', () => {
    const { root } = render(continuous(D2_ROWS), { monochrome: true });
    expect(squares(root).every((s) => s['@_fill'] === '#000000')).toBe(true);
  });
});

describe('risk-of-bias columns (RevMan 5.3)', () => {
  const rob: Record<string, ForestRobJudgement[]> = {
    Davis: ['low', 'low', 'unclear', 'high', null, 'low', 'low'],
    Florell: ['high', 'unclear', 'low', 'low', 'low', 'low', 'unclear'],
  };
  const { root, svg } = render(continuous(D2_ROWS), {}, rob);

  it('draws A–G under "Risk of Bias", a mark per study and domain, and the legend', () => {
    const header = elements(groupsOfClass(root, 'forest-header')[0], 'text').map(textOf);
    expect(header).toEqual(expect.arrayContaining(['Risk of Bias', 'A', 'B', 'C', 'D', 'E', 'F', 'G']));
    const circles = elements(root, 'circle');
    expect(circles).toHaveLength(5 * 7);
    const legend = elements(groupsOfClass(root, 'rob-legend')[0], 'text').map(textOf);
    expect(legend[0]).toBe('Risk of bias legend');
    expect(legend[1]).toBe('(A) Random sequence generation (selection bias)');
    expect(legend[7]).toBe('(G) Other bias');
    expect(svg).toContain('Davis \u2014 (D) Blinding of outcome assessment (detection bias): High risk');
    expect(svg).toContain('Davis \u2014 (E) Incomplete outcome data (attrition bias): Not judged');
    // Studies without an entry show not-judged (dashed) marks.
    expect(circles.filter((c) => c['@_stroke-dasharray'] !== undefined)).toHaveLength(1 + 3 * 7);
  });

  it('uses the RoB figures’ judgement symbols: + low, ? unclear, − high', () => {
    const davis = plotRows(root).find((r) => r.texts[0] === 'Davis')!;
    const symbols = elements(davis.node, 'g').flatMap((g) => elements(g, 'text').map(textOf));
    expect(symbols).toEqual(['+', '+', '?', '\u2212', '+', '+']);
  });
});

describe('generic inverse variance', () => {
  it('shows log[measure] and SE columns and exponentiated estimates', () => {
    const analysis: GenericAnalysisInput = {
      ...presetSettings(REVMAN5_PRESET, 'GENERIC'),
      dataType: 'generic',
      effectMeasure: 'GENERIC',
      logScale: true,
      rows: [
        { study: 'Alpha 2010', estimate: -0.59776, se: 0.2 },
        { study: 'Beta 2012', estimate: -0.1, se: 0.15 },
      ],
    };
    const svg = forestPlotSvg({ analysis, result: analyze(analysis), labels: { effectMeasure: 'Hazard Ratio' } });
    const root = svgRoot(parse(svg));
    const rows = plotRows(root);
    const header = elements(groupsOfClass(root, 'forest-header')[0], 'text').map(textOf);
    expect(header).toEqual(expect.arrayContaining(['log[Hazard Ratio]', 'SE', 'Hazard Ratio', 'IV, Fixed, 95% CI']));
    // exp(−0.59776) = 0.5500; CI exp(−0.59776 ± 1.96 × 0.2) = [0.37, 0.81].
    expect(rows[0]?.line).toMatch(/^Alpha 2010 \| -0\.5978 \| 0\.2 \| \d+\.\d% \| 0\.55 \[0\.37, 0\.81\]$/);
  });
});

describe('axis', () => {
  it("RevMan 5's symmetric scales", () => {
    expect(symmetricAxis(100, true).ticks.map(formatTick)).toEqual(['0.01', '0.1', '1', '10', '100']);
    expect(symmetricAxis(10, true).ticks.map(formatTick)).toEqual(['0.1', '0.2', '0.5', '1', '2', '5', '10']);
    expect(symmetricAxis(2, true).ticks.map(formatTick)).toEqual(['0.5', '0.7', '1', '1.5', '2']);
    expect(symmetricAxis(1, false).ticks.map(formatTick)).toEqual(['-1', '-0.5', '0', '0.5', '1']);
    expect(symmetricAxis(4, false).ticks.map(formatTick)).toEqual(['-4', '-2', '0', '2', '4']);
  });

  it('automatic scale: estimates and pooled CIs always fit; a very wide study CI is clipped', () => {
    expect(autoAxis({ points: [0.8, 1.2], pooledLimits: [0.7, 1.3], studyLimits: [0.01, 500] }, true).max).toBe(10);
    expect(autoAxis({ points: [-0.03], pooledLimits: [-0.05, 0.01], studyLimits: [-0.2, 0.1] }, false).max).toBe(0.2);
    expect(autoAxis({ points: [-0.03], pooledLimits: [-0.05, 0.01], studyLimits: [-0.09, 0.1] }, false).max).toBe(0.1);
    expect(autoAxis({ points: [], pooledLimits: [], studyLimits: [] }, false).max).toBe(1);
  });

  it('explicit range override', () => {
    expect(rangeAxis(-3, 3, false).ticks).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(rangeAxis(-1, 1, false).ticks).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(rangeAxis(0.1, 10, true).ticks.map(formatTick)).toEqual(['0.1', '0.2', '0.5', '1', '2', '5', '10']);
    const { root } = render(continuous(D2_ROWS), { axisRange: { min: -8, max: 4 } });
    expect(directTexts(groupsOfClass(root, 'forest-axis')[0]!)).toEqual(['-8', '-6', '-4', '-2', '0', '2', '4']);
  });
});

describe('size', () => {
  it('grows with content and honours a minimum width and the font size', () => {
    const base = render(continuous(D2_ROWS)).root;
    const wide = render(continuous(D2_ROWS), { width: 1400 }).root;
    const big = render(continuous(D2_ROWS), { fontSize: 14 }).root;
    expect(num(wide['@_width'])).toBeGreaterThanOrEqual(1400);
    expect(num(big['@_width'])).toBeGreaterThan(num(base['@_width']));
    expect(num(big['@_height'])).toBeGreaterThan(num(base['@_height']));
    const many = render(dichotomous([...D1_ROWS, ...D1_ROWS.map((r) => ({ ...r, study: `${r.study} bis` }))], 'OR')).root;
    expect(num(many['@_height'])).toBeGreaterThan(num(render(dichotomous(D1_ROWS, 'OR')).root['@_height']));
  });
});
