import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisInput } from '../../../shared/src/stats/index.ts';
import { forestPlotSvg, type ForestPlotLabels } from '../../../shared/src/forest/index.ts';
import {
  BCG_ROWS,
  COCHRANE2025_PRESET,
  continuous,
  D1_ROWS,
  D2_ROWS,
  dichotomous,
  elements,
  footerLines,
  headerTexts,
  parse,
  plotRows,
  svgRoot,
  textOf,
} from './helpers.ts';

// The forest plot shows exactly RevMan 5's display strings (stats-algorithms.md §1.7) for the
// reference datasets of §2. The expected strings below were written by hand from the spec's
// reference numbers and RevMan's rounding rules (estimates and CIs 2 dp, weights 1 dp with %,
// I² whole percent, Chi²/Z/Tau² 2 dp, P 2 dp or one significant figure below 0.01); study-level
// values were recomputed independently from the 2×2 tables / means and SDs and checked for
// rounding ties. Cells of a row read left to right, joined by " | ".

function plot(analysis: AnalysisInput, labels?: ForestPlotLabels) {
  const svg = forestPlotSvg({ analysis, result: analyze(analysis), ...(labels ? { labels } : {}) });
  const root = svgRoot(parse(svg));
  return { svg, root, rows: plotRows(root), footer: footerLines(root), header: headerTexts(root) };
}

const lines = (rows: Array<{ kind: string; line: string }>, kind?: string) =>
  rows.filter((r) => !kind || r.kind === kind).map((r) => r.line);

describe('D2 (Fleiss 1993, mental health; MD) — RevMan 5 fixed-effect display', () => {
  const { root, rows, footer, header } = plot(continuous(D2_ROWS), { experimental: 'Psychotherapy', control: 'Control' });

  it('has RevMan 5 column headings', () => {
    expect(header).toEqual([
      'Psychotherapy',
      'Mean',
      'SD',
      'Total',
      'Control',
      'Mean',
      'SD',
      'Total',
      'Study or Subgroup',
      'Weight',
      'Mean Difference',
      'IV, Fixed, 95% CI',
      'Mean Difference',
      'IV, Fixed, 95% CI',
    ]);
  });

  it('shows each study with its data, weight and MD [95% CI]', () => {
    expect(lines(rows, 'study')).toEqual([
      'Davis | 5 | 4.7 | 13 | 6.5 | 3.8 | 13 | 2.8% | -1.50 [-4.79, 1.79]',
      'Florell | 4.9 | 1.71 | 30 | 6.1 | 2.3 | 50 | 38.6% | -1.20 [-2.08, -0.32]',
      'Gruen | 22.5 | 3.44 | 35 | 24.9 | 10.65 | 35 | 2.2% | -2.40 [-6.11, 1.31]',
      'Hart | 12.5 | 1.47 | 20 | 12.3 | 1.66 | 20 | 31.9% | 0.20 [-0.77, 1.17]',
      'Wilson | 6.5 | 0.76 | 8 | 7.38 | 1.41 | 8 | 24.5% | -0.88 [-1.99, 0.23]',
    ]);
  });

  it('shows the total, heterogeneity and overall effect lines', () => {
    expect(lines(rows, 'total')).toEqual(['Total (95% CI) | 106 | 126 | 100.0% | -0.71 [-1.26, -0.16]']);
    expect(footer).toEqual(['Heterogeneity: Chi² = 5.66, df = 4 (P = 0.23); I² = 29%', 'Test for overall effect: Z = 2.53 (P = 0.01)']);
  });

  it('has one square per study and a diamond for the total; no "Total events" row for continuous data', () => {
    expect(elements(root, 'rect').filter((r) => r['@_class'] === 'square')).toHaveLength(5);
    expect(elements(root, 'polygon').filter((p) => p['@_class'] === 'diamond')).toHaveLength(1);
    expect(rows.some((r) => r.kind === 'events')).toBe(false);
  });

  it('describes itself for screen readers', () => {
    const desc = textOf(elements(root, 'desc')[0]);
    expect(desc).toContain('Forest plot of 5 studies: Mean Difference, IV, Fixed, 95% CI.');
    expect(desc).toContain('Total (95% CI): -0.71 [-1.26, -0.16].');
    expect(root['@_role']).toBe('img');
  });
});

describe('D2 random effects (DerSimonian–Laird) and SMD', () => {
  it('MD, DL: Tau² in the heterogeneity line', () => {
    const { rows, footer, header } = plot(continuous(D2_ROWS, 'MD', { model: 'random' }));
    expect(header).toContain('IV, Random, 95% CI');
    expect(lines(rows, 'total')).toEqual(['Total (95% CI) | 106 | 126 | 100.0% | -0.74 [-1.46, -0.02]']);
    expect(footer).toEqual([
      'Heterogeneity: Tau² = 0.19; Chi² = 5.66, df = 4 (P = 0.23); I² = 29%',
      'Test for overall effect: Z = 2.01 (P = 0.04)',
    ]);
  });

  it('SMD (Hedges g, RevMan formula)', () => {
    const { rows, footer, header } = plot(continuous(D2_ROWS, 'SMD'));
    expect(header).toContain('Std. Mean Difference');
    // g = −0.339896 (SE 0.395556); weight 1/SE² over Σ 1/SE² of the spec's five SEs = 11.54%.
    expect(lines(rows, 'study')[0]).toBe('Davis | 5 | 4.7 | 13 | 6.5 | 3.8 | 13 | 11.5% | -0.34 [-1.12, 0.44]');
    expect(lines(rows, 'total')).toEqual(['Total (95% CI) | 106 | 126 | 100.0% | -0.34 [-0.61, -0.08]']);
    expect(footer).toEqual(['Heterogeneity: Chi² = 3.68, df = 4 (P = 0.45); I² = 0%', 'Test for overall effect: Z = 2.56 (P = 0.01)']);
  });
});

describe('D1 (Fleiss 1993, aspirin; dichotomous) — RevMan 5 stored values', () => {
  const labels = { experimental: 'Aspirin', control: 'Placebo', favoursLeft: 'Favours aspirin', favoursRight: 'Favours placebo' };

  it('MH OR, fixed: study rows, total, total events, heterogeneity and overall effect', () => {
    const { rows, footer, header, root } = plot(dichotomous(D1_ROWS, 'OR'), labels);
    expect(header).toEqual(
      expect.arrayContaining(['Aspirin', 'Placebo', 'Events', 'Total', 'Weight', 'Odds Ratio', 'M-H, Fixed, 95% CI', 'Study or Subgroup']),
    );
    expect(lines(rows, 'study')).toEqual([
      'MRC-1 | 49 | 615 | 67 | 624 | 3.2% | 0.72 [0.49, 1.06]',
      'CDP | 44 | 758 | 64 | 771 | 3.1% | 0.68 [0.46, 1.01]',
      'MRC-2 | 102 | 832 | 126 | 850 | 5.7% | 0.80 [0.61, 1.06]',
      'GASP | 32 | 317 | 38 | 309 | 1.8% | 0.80 [0.49, 1.32]',
      'PARIS | 85 | 810 | 52 | 406 | 3.2% | 0.80 [0.55, 1.15]',
      'AMIS | 246 | 2267 | 219 | 2257 | 10.2% | 1.13 [0.93, 1.37]',
      'ISIS-2 | 1570 | 8587 | 1720 | 8600 | 72.9% | 0.89 [0.83, 0.97]',
    ]);
    expect(lines(rows, 'total')).toEqual(['Total (95% CI) | 14186 | 13817 | 100.0% | 0.90 [0.84, 0.96]']);
    expect(lines(rows, 'events')).toEqual(['Total events | 2128 | 2286']);
    expect(footer).toEqual(['Heterogeneity: Chi² = 9.95, df = 6 (P = 0.13); I² = 40%', 'Test for overall effect: Z = 3.29 (P = 0.001)']);
    const favours = elements(root, 'g').find((g) => g['@_class'] === 'favours');
    expect(elements(favours, 'text').map(textOf)).toEqual(['Favours aspirin', 'Favours placebo']);
  });

  it('MH RR, fixed', () => {
    const { rows, footer, header } = plot(dichotomous(D1_ROWS, 'RR'));
    expect(header).toContain('Risk Ratio');
    expect(lines(rows, 'total')).toEqual(['Total (95% CI) | 14186 | 13817 | 100.0% | 0.91 [0.87, 0.96]']);
    expect(footer).toEqual(['Heterogeneity: Chi² = 9.93, df = 6 (P = 0.13); I² = 40%', 'Test for overall effect: Z = 3.29 (P = 0.001)']);
  });

  it('MH OR, random (RevMan 5: DL τ² from the MH-based Q)', () => {
    const { rows, footer, header } = plot(dichotomous(D1_ROWS, 'OR', { model: 'random' }));
    expect(header).toContain('M-H, Random, 95% CI');
    expect(lines(rows, 'total')).toEqual(['Total (95% CI) | 14186 | 13817 | 100.0% | 0.88 [0.77, 0.99]']);
    expect(footer).toEqual([
      'Heterogeneity: Tau² = 0.01; Chi² = 9.95, df = 6 (P = 0.13); I² = 40%',
      'Test for overall effect: Z = 2.09 (P = 0.04)',
    ]);
  });

  it('Cochrane 2025 (REML, HKSJ): prediction interval row and the t test', () => {
    const analysis = dichotomous(D1_ROWS, 'OR', {}, COCHRANE2025_PRESET);
    const { rows, footer, header, root } = plot(analysis);
    expect(header).toContain('IV, Random, 95% CI');
    expect(lines(rows, 'total')).toEqual(['Total (95% CI) | 14186 | 13817 | 100.0% | 0.87 [0.74, 1.02]']);
    expect(lines(rows, 'prediction')).toEqual(['Prediction interval | [0.62, 1.22]']);
    expect(elements(root, 'rect').filter((r) => r['@_class'] === 'prediction')).toHaveLength(1);
    expect(footer[1]).toMatch(/^Test for overall effect: t\(6\) = \d+\.\d\d \(P = 0\.\d\d\)$/);
    // The prediction interval can be switched off.
    const off = svgRoot(parse(forestPlotSvg({ analysis, result: analyze(analysis) }, { predictionInterval: false })));
    expect(plotRows(off).some((r) => r.kind === 'prediction')).toBe(false);
  });
});

describe('D3 (BCG) subgrouped by allocation: subtotals and the test for subgroup differences', () => {
  const analysis = dichotomous(BCG_ROWS, 'RR', { method: 'IV', model: 'random' });
  const { svg, rows, footer, root } = plot(analysis, { outcomeNumber: '1.1' });

  it('numbers the subgroup headings as RevMan does', () => {
    expect(lines(rows, 'heading')).toEqual(['1.1.1 random', '1.1.2 alternate', '1.1.3 systematic']);
  });

  it('shows each subgroup: studies, subtotal with diamond, total events, heterogeneity, overall effect', () => {
    const random = lines(rows).slice(0, lines(rows).indexOf('1.1.2 alternate'));
    expect(random).toEqual([
      '1.1.1 random',
      'Aronson 1948 | 4 | 123 | 11 | 139 | 5.0% | 0.41 [0.13, 1.26]',
      'Ferguson & Simes 1949 | 6 | 306 | 29 | 303 | 6.3% | 0.20 [0.09, 0.49]',
      'Rosenthal 1960 | 3 | 231 | 11 | 220 | 4.4% | 0.26 [0.07, 0.92]',
      'Hart & Sutherland 1977 | 62 | 13598 | 248 | 12867 | 9.7% | 0.24 [0.18, 0.31]',
      'Vandiviere 1973 | 8 | 2545 | 10 | 629 | 6.0% | 0.20 [0.08, 0.50]',
      'TPT Madras 1980 | 505 | 88391 | 499 | 88391 | 10.2% | 1.01 [0.89, 1.14]',
      'Coetzee & Berjak 1968 | 29 | 7499 | 45 | 7277 | 8.7% | 0.63 [0.39, 1.00]',
      'Subtotal (95% CI) | 112693 | 109826 | 50.5% | 0.37 [0.18, 0.74]',
      'Total events | 617 | 853',
      'Heterogeneity: Tau² = 0.76; Chi² = 110.21, df = 6 (P < 0.00001); I² = 95%',
      'Test for overall effect: Z = 2.77 (P = 0.006)',
      '',
    ]);
    expect(lines(rows, 'subtotal')).toEqual([
      'Subtotal (95% CI) | 112693 | 109826 | 50.5% | 0.37 [0.18, 0.74]',
      'Subtotal (95% CI) | 6610 | 7259 | 19.0% | 0.58 [0.34, 1.01]',
      'Subtotal (95% CI) | 71761 | 49198 | 30.5% | 0.64 [0.35, 1.19]',
    ]);
    expect(lines(rows, 'note')).toEqual([
      'Heterogeneity: Tau² = 0.76; Chi² = 110.21, df = 6 (P < 0.00001); I² = 95%',
      'Test for overall effect: Z = 2.77 (P = 0.006)',
      'Heterogeneity: Tau² = 0.13; Chi² = 5.56, df = 1 (P = 0.02); I² = 82%',
      'Test for overall effect: Z = 1.92 (P = 0.05)',
      'Heterogeneity: Tau² = 0.28; Chi² = 16.59, df = 3 (P = 0.0009); I² = 82%',
      'Test for overall effect: Z = 1.40 (P = 0.16)',
    ]);
  });

  it('ends with the total, its lines and the test for subgroup differences (random: Chi² 1.5368, P 0.4638)', () => {
    expect(lines(rows, 'total')).toEqual(['Total (95% CI) | 191064 | 166283 | 100.0% | 0.49 [0.34, 0.70]']);
    expect(lines(rows, 'events').at(-1)).toBe('Total events | 1065 | 1510');
    // P = 6.463e-05 follows display.ts's one-significant-figure rule below 0.01 (spec §1.7 [U]).
    expect(footer).toEqual([
      'Heterogeneity: Tau² = 0.31; Chi² = 152.23, df = 12 (P < 0.00001); I² = 92%',
      'Test for overall effect: Z = 4.00 (P = 0.00006)',
      'Test for subgroup differences: Chi² = 1.54, df = 2 (P = 0.46), I² = 0%',
    ]);
  });

  it('draws three subtotal diamonds and the total diamond, all black; a square per study', () => {
    const diamonds = elements(root, 'polygon').filter((p) => p['@_class'] === 'diamond');
    expect(diamonds).toHaveLength(4);
    expect(diamonds.every((d) => d['@_fill'] === '#000000')).toBe(true);
    expect(elements(root, 'rect').filter((r) => r['@_class'] === 'square')).toHaveLength(13);
  });

  it('escapes "&" in study names', () => {
    expect(svg).toContain('Ferguson &amp; Simes 1949');
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it('fixed IV: Chi² = 19.8654, df 2, P 4.856e-05, I² 89.9%', () => {
    const fixed = plot(dichotomous(BCG_ROWS, 'RR', { method: 'IV' }));
    expect(fixed.footer.at(-1)).toBe('Test for subgroup differences: Chi² = 19.87, df = 2 (P = 0.00005), I² = 90%');
  });

  it('subtotals only (RevMan TOTALS="SUB"): weights within each subgroup, no total row', () => {
    const sub = plot(dichotomous(BCG_ROWS, 'RR', { method: 'IV', model: 'random', overall: false }));
    expect(sub.rows.some((r) => r.kind === 'total')).toBe(false);
    expect(lines(sub.rows, 'subtotal').map((l) => l.split(' | ')[3])).toEqual(['100.0%', '100.0%', '100.0%']);
    expect(sub.footer).toEqual(['Test for subgroup differences: Chi² = 1.54, df = 2 (P = 0.46), I² = 0%']);
    expect(sub.rows.at(-1)?.kind).toBe('note');
  });
});
