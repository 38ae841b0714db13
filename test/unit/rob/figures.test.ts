import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  emptyRob2Assessment,
  judgementScale,
  judgementStyle,
  recomputeRob2Assessment,
  rob1FigureData,
  rob2FigureData,
  ROB1_DOMAINS,
  ROB2_DOMAINS,
  summaryGraphSvg,
  summaryShares,
  trafficLightSvg,
  wholePercentages,
  xmlEscape,
  type FigureTool,
  type RobFigureData,
} from '../../../shared/src/rob/index.ts';
import { SEED_ROB1_OVERALL_RULE } from '@grove/shared/rob/rob1-overall';
import { assessmentOf, SEED_STUDIES } from './seed-review-rob.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

type Node = Record<string, unknown>;

function parse(svg: string): Node {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`not well-formed: ${JSON.stringify(valid)}`);
  return parser.parse(svg) as Node;
}

/** Every element with the given tag name, depth-first. */
function elements(node: unknown, tag: string, out: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const n of node) elements(n, tag, out);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node as Node)) {
      if (k.startsWith('@_')) continue;
      if (k === tag)
        for (const e of Array.isArray(v) ? v : [v]) out.push(typeof e === 'object' && e !== null ? (e as Node) : { '#text': e });
      elements(v, tag, out);
    }
  return out;
}
const textOf = (e: unknown): string => (typeof e === 'object' && e !== null ? String((e as Node)['#text'] ?? '') : String(e ?? ''));
const texts = (root: Node): string[] => elements(root, 'text').map(textOf);

// The seed's figures use the seed review's own key domains.
const seedData = () =>
  rob1FigureData(
    SEED_STUDIES.map((s) => ({ label: s.id, assessment: assessmentOf(s.rob) })),
    { rule: SEED_ROB1_OVERALL_RULE },
  );

describe('traffic-light plot (SVG)', () => {
  const svg = trafficLightSvg(seedData());
  const doc = parse(svg);
  const root = doc.svg as Node;

  it('is well-formed SVG with an accessible name and description', () => {
    expect(root['@_xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(root['@_role']).toBe('img');
    expect(root['@_aria-label']).toBe('Risk of bias summary');
    expect(textOf(root.title as Node)).toBe('Risk of bias summary');
    expect(textOf(root.desc as Node)).toMatch(/8 studies across 7 domains/);
    expect(textOf(root.desc as Node)).toMatch(/2 low risk, 4 unclear risk, 2 high risk/);
    expect(Number(root['@_width'])).toBeGreaterThan(300);
  });

  it('names every study, every domain key with its legend, and the overall column', () => {
    const t = texts(root);
    for (const s of SEED_STUDIES) expect(t).toContain(s.id);
    for (const d of ROB1_DOMAINS) {
      expect(t).toContain(d.key);
      expect(t).toContain(`${d.key}: ${d.label}`);
    }
    expect(t).toEqual(
      expect.arrayContaining(['Overall', 'Study', 'Risk of bias domains', 'Domains:', 'Judgement', 'Risk of bias summary']),
    );
    expect(t).toEqual(expect.arrayContaining(['Low risk', 'Unclear risk', 'High risk', 'Not judged']));
  });

  it('draws one mark per study × (domains + overall), each with a symbol and a hover title', () => {
    const cells = elements(root, 'g').filter((g) => g.title !== undefined && g.circle !== undefined);
    expect(cells).toHaveLength(8 * 8);
    const titles = cells.map((c) => textOf(c.title as Node));
    expect(titles).toContain('Corrigan 2015 \u2014 D5 (Incomplete outcome data (attrition bias)): High risk');
    expect(titles).toContain('Corrigan 2015 \u2014 Overall: High risk');
    expect(titles).toContain('Eisen 2012 \u2014 D7 (Other bias): Not judged');
    const symbol = (c: Node) => (c.text === undefined ? '' : textOf(c.text as Node));
    const bySymbol = (s: string) => cells.filter((c) => symbol(c) === s).length;
    // 56 domain cells as in the seed data, plus the 8 overall judgements of the paper.
    const domainCells = SEED_STUDIES.flatMap((s) => Object.values(s.rob));
    const overall = { low: 2, unclear: 4, high: 2 };
    expect(bySymbol('+')).toBe(domainCells.filter((j) => j === 'low').length + overall.low);
    expect(bySymbol('?')).toBe(domainCells.filter((j) => j === 'unclear').length + overall.unclear);
    expect(bySymbol('\u2212')).toBe(domainCells.filter((j) => j === 'high').length + overall.high);
    const notJudged = cells.filter((c) => symbol(c) === '');
    expect(notJudged).toHaveLength(6);
    for (const c of notJudged) expect((c.circle as Node)['@_stroke-dasharray']).toBeDefined();
  });

  it('escapes study names and titles: a study named <script> is text, not an element', () => {
    const nasty = '<script>alert("x")</script> & O\'Brien 2019';
    const data = rob1FigureData([{ label: nasty, assessment: assessmentOf(SEED_STUDIES[0]!.rob) }], { title: 'RoB <b>"bold"</b> & more' });
    const out = trafficLightSvg(data);
    expect(out).not.toMatch(/<script/);
    expect(out).not.toMatch(/<b>/);
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&apos;Brien 2019');
    const r = parse(out).svg as Node;
    expect(elements(r, 'script')).toHaveLength(0);
    expect(texts(r)).toContain(nasty);
    expect(r['@_aria-label']).toBe('RoB <b>"bold"</b> & more');
    expect(elements(r, 'title').map(textOf)).toContain(`${nasty} \u2014 D1 (Random sequence generation (selection bias)): Low risk`);
  });

  it('stays well-formed with characters XML cannot carry', () => {
    const data = rob1FigureData([{ label: 'Bad\u0001name\uD800 2020', assessment: assessmentOf(SEED_STUDIES[0]!.rob) }]);
    expect(texts(parse(trafficLightSvg(data)).svg as Node)).toContain('Bad\uFFFDname\uFFFD 2020');
    expect(xmlEscape('a\uD83D\uDE00b')).toBe('a\uD83D\uDE00b'); // a valid surrogate pair survives
  });

  it('can leave out the overall column, add an XML declaration, and use a safe id prefix', () => {
    const out = trafficLightSvg({ ...seedData(), showOverall: false }, { idPrefix: '1 fig"x', xmlDeclaration: true });
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    const r = parse(out).svg as Node;
    expect(texts(r)).not.toContain('Overall');
    expect(r['@_aria-labelledby']).toBe('f-1-fig-x-title');
    expect(elements(r, 'g').filter((g) => g.title !== undefined && g.circle !== undefined)).toHaveLength(8 * 7);
  });

  it('draws an empty review and refuses rows that do not match the domains', () => {
    const empty = rob1FigureData([]);
    expect(() => parse(trafficLightSvg(empty))).not.toThrow();
    const broken: RobFigureData = { ...empty, rows: [{ study: 'x', judgements: ['low'], overall: 'low' }] };
    expect(() => trafficLightSvg(broken)).toThrow(/1 judgements for 7 domains/);
  });

  it('draws RoB 2 results with the RoB 2 domains and scale, optionally with robvis symbols', () => {
    const a = emptyRob2Assessment();
    a.domains.D1.answers = { '1.1': 'Y', '1.2': 'NI', '1.3': 'N' };
    a.domains.D5.answers = { '5.2': 'Y' };
    const data = rob2FigureData([{ label: 'Cook 2012a (Recovery)', assessment: recomputeRob2Assessment(a) }]);
    const r = parse(trafficLightSvg(data, { symbols: 'robvis', palette: 'colourblind' })).svg as Node;
    const t = texts(r);
    for (const d of ROB2_DOMAINS) expect(t).toContain(`${d.id}: ${d.label}`);
    expect(t).toEqual(expect.arrayContaining(['Cook 2012a (Recovery)', 'Low', 'Some concerns', 'High', 'No information / not judged']));
    const titles = elements(r, 'title').map(textOf);
    expect(titles).toContain('Cook 2012a (Recovery) \u2014 D1 (Bias arising from the randomization process): Some concerns');
    expect(titles).toContain('Cook 2012a (Recovery) \u2014 Overall: High');
    const marks = elements(r, 'g').filter((g) => g.title !== undefined && g.circle !== undefined);
    const overallMark = marks.find((m) => textOf(m.title as Node).endsWith('Overall: High'))!;
    expect(textOf(overallMark.text as Node)).toBe('\u00D7');
    expect((overallMark.circle as Node)['@_fill']).toBe('#d95f0e');
  });
});

describe('judgement marks read in greyscale', () => {
  it.each([
    ['rob1', 'revman'],
    ['rob1', 'robvis'],
    ['rob2', 'revman'],
    ['rob2', 'robvis'],
  ] as Array<[FigureTool, 'revman' | 'robvis']>)('%s with %s symbols: every judgement has its own symbol or outline', (tool, symbols) => {
    const marks = judgementScale(tool).map((j) => {
      const s = judgementStyle(j, tool, { symbols });
      return `${s.symbol}|${s.dashed}`;
    });
    expect(new Set(marks).size).toBe(marks.length);
  });
  it('uses RevMan\u2019s + ? − by default and robvis\u2019s + − × ? on request', () => {
    expect(judgementScale('rob1').map((j) => judgementStyle(j, 'rob1').symbol)).toEqual(['+', '?', '\u2212', '']);
    expect(judgementScale('rob2').map((j) => judgementStyle(j, 'rob2', { symbols: 'robvis' }).symbol)).toEqual([
      '+',
      '\u2212',
      '\u00D7',
      '?',
    ]);
  });
  it('uses the robvis "cochrane" colours by default', () => {
    expect(
      judgementScale('rob2')
        .slice(0, 3)
        .map((j) => judgementStyle(j, 'rob2').fill),
    ).toEqual(['#02C100', '#E2DF07', '#BF0000']);
  });
});

describe('risk-of-bias graph (SVG)', () => {
  it('computes the share of studies per judgement per domain', () => {
    const bars = summaryShares(seedData());
    expect(bars).toHaveLength(8);
    expect(bars[0]).toEqual({
      key: 'D1',
      label: 'Random sequence generation (selection bias)',
      shares: [
        { judgement: 'low', amount: 6, share: 0.75 },
        { judgement: 'unclear', amount: 2, share: 0.25 },
      ],
    });
    expect(bars[7]!.shares).toEqual([
      { judgement: 'low', amount: 2, share: 0.25 },
      { judgement: 'unclear', amount: 4, share: 0.5 },
      { judgement: 'high', amount: 2, share: 0.25 },
    ]);
    expect(bars[6]!.shares.map((s) => [s.judgement, s.amount])).toEqual([
      ['low', 2],
      ['not-judged', 6],
    ]);
  });

  it('weights studies when asked, and needs a weight for every study then', () => {
    const data = seedData();
    data.rows.forEach((r, i) => (r.weight = i === 0 ? 70 : 30 / 7));
    const overall = summaryShares(data, true)[7]!;
    expect(overall.shares[0]!.judgement).toBe('low');
    expect(overall.shares[0]!.share).toBeCloseTo((70 + 30 / 7) / 100, 12);
    delete data.rows[3]!.weight;
    expect(() => summaryShares(data, true)).toThrow(/row 3 needs a finite weight/);
  });

  it('is well-formed, names every domain and the overall bar, and labels segments with symbol and percent', () => {
    const r = parse(summaryGraphSvg(seedData(), { idPrefix: 'graph' })).svg as Node;
    expect(r['@_role']).toBe('img');
    expect(textOf(r.title as Node)).toBe('Risk of bias summary');
    expect(textOf(r.desc as Node)).toMatch(/Overall risk of bias: Low risk 25%, Unclear risk 50%, High risk 25%/);
    const t = texts(r);
    for (const d of ROB1_DOMAINS) expect(t).toContain(`${d.key}: ${d.label}`);
    expect(t).toEqual(expect.arrayContaining(['Overall risk of bias', '0%', '50%', '100%', 'Proportion of studies (%)']));
    expect(t).toEqual(expect.arrayContaining(['+ 75%', '? 25%', '+ 25%', '? 50%', '\u2212 25%']));
    const titles = elements(r, 'title').map(textOf);
    expect(titles).toContain('D1: Random sequence generation (selection bias) \u2014 Low risk: 6 studies (75%)');
    expect(titles).toContain('D7: Other bias \u2014 Not judged: 6 studies (75%)');
    expect(t).toEqual(expect.arrayContaining(['Low risk', 'Unclear risk', 'High risk', 'Not judged']));
  });

  it('prints each share as its own whole percentage, not forced to add up to 100 (issue 12: 4/6 is 67%)', () => {
    expect(wholePercentages([4 / 6, 2 / 6])).toEqual([67, 33]);
    expect(wholePercentages([0.375, 0.625])).toEqual([38, 63]);
    expect(wholePercentages([1 / 3, 1 / 3, 1 / 3])).toEqual([33, 33, 33]);
    expect(wholePercentages([0.125, 0.75, 0.125])).toEqual([13, 75, 13]);
    expect(wholePercentages([])).toEqual([]);
  });

  it('escapes domain labels and titles', () => {
    const data: RobFigureData = {
      tool: 'rob1',
      title: 'A & B <graph>',
      domains: [{ key: 'D1', label: 'Custom <domain> "x" & y' }],
      showOverall: false,
      rows: [{ study: '<script>', judgements: ['high'], overall: 'high' }],
    };
    const out = summaryGraphSvg(data);
    expect(out).not.toMatch(/<domain>|<graph>/);
    const r = parse(out).svg as Node;
    expect(texts(r)).toContain('D1: Custom <domain> "x" & y');
    expect(textOf(r.title as Node)).toBe('A & B <graph>');
  });
});
