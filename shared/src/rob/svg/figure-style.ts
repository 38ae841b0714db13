// Colours and symbols of the risk-of-bias figures. Every judgement has a symbol as well as a
// colour, so the figures read in greyscale and for colour-blind readers.
//
// Symbol sets:
// - 'revman' (default): RevMan 5's risk-of-bias figures (reference §B.2): + low, ? unclear /
//   some concerns, − high; not judged is a hollow dashed circle with no symbol.
// - 'robvis': robvis's ggplot shapes (R/rob_traffic_light.R: l=43 '+', s=45 '-', h=120 'x',
//   n=63 '?'): + low, − some concerns / unclear, × high, ? no information (used here for
//   "not judged").
// Palettes are robvis's (reference §A.7): 'cochrane' and 'colourblind'.

/** What a figure cell can show. "Unclear" (RoB 1) and "some concerns" (RoB 2) share a column of the scale. */
export type FigureJudgement = 'low' | 'unclear' | 'some-concerns' | 'high' | 'not-judged';
export type FigureTool = 'rob1' | 'rob2';
export type FigurePalette = 'cochrane' | 'colourblind';
export type FigureSymbols = 'revman' | 'robvis';

export interface FigureStyleOptions {
  palette?: FigurePalette;
  symbols?: FigureSymbols;
}

export interface JudgementStyle {
  fill: string;
  stroke: string;
  /** Dashed outline: the not-judged mark in the RevMan set. */
  dashed: boolean;
  symbol: string;
  symbolColour: string;
  label: string;
}

const PALETTES: Readonly<Record<FigurePalette, { low: string; concerns: string; high: string; ni: string }>> = {
  cochrane: { low: '#02C100', concerns: '#E2DF07', high: '#BF0000', ni: '#4EA1F7' },
  colourblind: { low: '#fed98e', concerns: '#fe9929', high: '#d95f0e', ni: '#ffffff' },
};

const MINUS = '\u2212';
const TIMES = '\u00D7';

/** Relative luminance (WCAG) of #rrggbb, to choose a readable symbol colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const symbolColourOn = (fill: string) => (luminance(fill) < 0.18 ? '#FFFFFF' : '#000000');

/** The judgements a tool's legend lists, in display order (best to worst, then not judged). */
export function judgementScale(tool: FigureTool): FigureJudgement[] {
  return tool === 'rob1' ? ['low', 'unclear', 'high', 'not-judged'] : ['low', 'some-concerns', 'high', 'not-judged'];
}

export function judgementStyle(judgement: FigureJudgement, tool: FigureTool, options: FigureStyleOptions = {}): JudgementStyle {
  const palette = PALETTES[options.palette ?? 'cochrane'];
  const robvis = (options.symbols ?? 'revman') === 'robvis';
  const solid = (fill: string, symbol: string, label: string): JudgementStyle => ({
    fill,
    stroke: fill === '#ffffff' ? '#555555' : fill,
    dashed: false,
    symbol,
    symbolColour: symbolColourOn(fill),
    label,
  });
  switch (judgement) {
    case 'low':
      return solid(palette.low, '+', tool === 'rob1' ? 'Low risk' : 'Low');
    case 'unclear':
      return solid(palette.concerns, robvis ? MINUS : '?', 'Unclear risk');
    case 'some-concerns':
      return solid(palette.concerns, robvis ? MINUS : '?', 'Some concerns');
    case 'high':
      return solid(palette.high, robvis ? TIMES : MINUS, tool === 'rob1' ? 'High risk' : 'High');
    case 'not-judged':
      return robvis
        ? solid(palette.ni, '?', 'No information / not judged')
        : { fill: '#FFFFFF', stroke: '#555555', dashed: true, symbol: '', symbolColour: '#000000', label: 'Not judged' };
  }
}
