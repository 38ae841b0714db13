import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  COCHRANE2025_PRESET,
  presetSettings,
  REVMAN5_PRESET,
  type AnalysisInput,
  type AnalysisSettings,
  type ContinuousAnalysisInput,
  type DichotomousAnalysisInput,
  type DichotomousMeasure,
} from '../../../shared/src/stats/index.ts';

// Reference datasets of stats-algorithms.md §2 and a parser that reads a forest plot back as
// rows of text, the way a reader sees it.

export const D2_ROWS = [
  { study: 'Davis', mean1: 5.0, sd1: 4.7, total1: 13, mean2: 6.5, sd2: 3.8, total2: 13 },
  { study: 'Florell', mean1: 4.9, sd1: 1.71, total1: 30, mean2: 6.1, sd2: 2.3, total2: 50 },
  { study: 'Gruen', mean1: 22.5, sd1: 3.44, total1: 35, mean2: 24.9, sd2: 10.65, total2: 35 },
  { study: 'Hart', mean1: 12.5, sd1: 1.47, total1: 20, mean2: 12.3, sd2: 1.66, total2: 20 },
  { study: 'Wilson', mean1: 6.5, sd1: 0.76, total1: 8, mean2: 7.38, sd2: 1.41, total2: 8 },
];

export const D1_ROWS = [
  { study: 'MRC-1', events1: 49, total1: 615, events2: 67, total2: 624 },
  { study: 'CDP', events1: 44, total1: 758, events2: 64, total2: 771 },
  { study: 'MRC-2', events1: 102, total1: 832, events2: 126, total2: 850 },
  { study: 'GASP', events1: 32, total1: 317, events2: 38, total2: 309 },
  { study: 'PARIS', events1: 85, total1: 810, events2: 52, total2: 406 },
  { study: 'AMIS', events1: 246, total1: 2267, events2: 219, total2: 2257 },
  { study: 'ISIS-2', events1: 1570, total1: 8587, events2: 1720, total2: 8600 },
];

/** D3 (BCG, Colditz 1994): tpos, tneg, cpos, cneg, allocation. */
const BCG: Array<[string, number, number, number, number, string]> = [
  ['Aronson 1948', 4, 119, 11, 128, 'random'],
  ['Ferguson & Simes 1949', 6, 300, 29, 274, 'random'],
  ['Rosenthal 1960', 3, 228, 11, 209, 'random'],
  ['Hart & Sutherland 1977', 62, 13536, 248, 12619, 'random'],
  ['Frimodt-Moller 1973', 33, 5036, 47, 5761, 'alternate'],
  ['Stein & Aronson 1953', 180, 1361, 372, 1079, 'alternate'],
  ['Vandiviere 1973', 8, 2537, 10, 619, 'random'],
  ['TPT Madras 1980', 505, 87886, 499, 87892, 'random'],
  ['Coetzee & Berjak 1968', 29, 7470, 45, 7232, 'random'],
  ['Rosenthal 1961', 17, 1699, 65, 1600, 'systematic'],
  ['Comstock 1974', 186, 50448, 141, 27197, 'systematic'],
  ['Comstock & Webster 1969', 5, 2493, 3, 2338, 'systematic'],
  ['Comstock 1976', 27, 16886, 29, 17825, 'systematic'],
];
export const BCG_ROWS = BCG.map(([study, a, b, c, d, subgroup]) => ({
  study,
  events1: a,
  total1: a + b,
  events2: c,
  total2: c + d,
  subgroup,
}));

export function continuous(
  rows: ContinuousAnalysisInput['rows'],
  measure: 'MD' | 'SMD' = 'MD',
  settings: Partial<AnalysisSettings> = {},
): ContinuousAnalysisInput {
  return { ...presetSettings(REVMAN5_PRESET, measure), ...settings, dataType: 'continuous', effectMeasure: measure, rows };
}

export function dichotomous(
  rows: DichotomousAnalysisInput['rows'],
  measure: DichotomousMeasure,
  settings: Partial<AnalysisSettings> = {},
  preset = REVMAN5_PRESET,
): DichotomousAnalysisInput {
  return { ...presetSettings(preset, measure), ...settings, dataType: 'dichotomous', effectMeasure: measure, rows };
}

export { COCHRANE2025_PRESET, type AnalysisInput };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

export type Node = Record<string, unknown>;

export function parse(svg: string): Node {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`not well-formed: ${JSON.stringify(valid)}`);
  return parser.parse(svg) as Node;
}

const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** The text of an element; a <text> of formatted runs is the concatenation of its <tspan>s. */
export const textOf = (e: unknown): string => {
  if (typeof e !== 'object' || e === null) return String(e ?? '');
  const n = e as Node;
  if (n.tspan !== undefined) return asArray(n.tspan).map(textOf).join('');
  return String(n['#text'] ?? '');
};

/** Every element with the given tag name, depth-first. */
export function elements(node: unknown, tag: string, out: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const n of node) elements(n, tag, out);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node as Node)) {
      if (k.startsWith('@_')) continue;
      if (k === tag) for (const e of asArray(v)) out.push(typeof e === 'object' && e !== null ? (e as Node) : { '#text': e });
      elements(v, tag, out);
    }
  return out;
}

export const groupsOfClass = (root: Node, cls: string): Node[] => elements(root, 'g').filter((g) => g['@_class'] === cls);

/** Direct <text> children of an element, in document order. */
export const directTexts = (g: Node): string[] => asArray(g.text).map(textOf);

export interface PlotRow {
  kind: string;
  texts: string[];
  /** Texts joined with " | ", e.g. "Davis | 5 | 4.7 | 13 | 6.5 | 3.8 | 13 | 2.8% | -1.50 [-4.79, 1.79]". */
  line: string;
  node: Node;
}

export function plotRows(root: Node): PlotRow[] {
  return groupsOfClass(root, 'forest-row').map((g) => {
    const texts = directTexts(g);
    return { kind: String(g['@_data-kind']), texts, line: texts.join(' | '), node: g };
  });
}

export const footerLines = (root: Node): string[] => groupsOfClass(root, 'forest-footer').flatMap(directTexts);
export const headerTexts = (root: Node): string[] => groupsOfClass(root, 'forest-header').flatMap(directTexts);
export const svgRoot = (doc: Node): Node => doc.svg as Node;
