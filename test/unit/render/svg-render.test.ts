// Headless PNG and PDF from SVG (cli/src/render): magic bytes, pixel and page sizes, real
// (selectable) text in the PDF that holds every string of the forest plot, and fonts whose
// advance widths are the Helvetica metrics the plot was laid out with.
import { execFileSync } from 'node:child_process';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { sansFonts } from '../../../cli/src/render/fonts.ts';
import { svgSize } from '../../../cli/src/render/svg-size.ts';
import { svgToPdf } from '../../../cli/src/render/svg-to-pdf.ts';
import { svgToPng } from '../../../cli/src/render/svg-to-png.ts';
import { forestPlotSvg } from '../../../shared/src/forest/forest-plot-svg.ts';
import { textWidth } from '../../../shared/src/forest/text-metrics.ts';
import { analyze, parseAnalysisInput } from '../../../shared/src/stats/index.ts';
import { tempDir } from '../../support/temp.ts';

function fleissForest(): string {
  const parsed = parseAnalysisInput({
    dataType: 'dichotomous',
    effectMeasure: 'OR',
    rows: [
      { study: 'MRC-1', subgroup: 'Early', events1: 49, total1: 615, events2: 67, total2: 624 },
      { study: 'CDP', subgroup: 'Early', events1: 44, total1: 758, events2: 64, total2: 771 },
      { study: 'MRC-2', subgroup: 'Early', events1: 102, total1: 832, events2: 126, total2: 850 },
      { study: 'GASP', subgroup: 'Late', events1: 32, total1: 317, events2: 38, total2: 309 },
      { study: 'PARIS', subgroup: 'Late', events1: 85, total1: 810, events2: 52, total2: 406 },
      { study: 'AMIS', subgroup: 'Late', events1: 246, total1: 2267, events2: 219, total2: 2257 },
      { study: 'ISIS-2', subgroup: 'Late', events1: 1570, total1: 8587, events2: 1720, total2: 8600 },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return forestPlotSvg({
    analysis: parsed.input,
    result: analyze(parsed.input),
    labels: { title: '1.1 Death', experimental: 'Aspirin', control: 'Placebo' },
  });
}

const svg = fleissForest();
const size = svgSize(svg);
const ascii = (bytes: Uint8Array, from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));
const u32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint32(at);

/** The strings the SVG draws, entity-decoded. */
function svgStrings(s: string): string[] {
  return [...s.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)]
    .map((m) =>
      (m[1] as string)
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    )
    .filter((t) => t.trim() !== '');
}

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('svgToPng', () => {
  it('writes a PNG of the SVG’s size at 96 dpi, scaled by dpi/96 otherwise (default 300)', async () => {
    const png96 = await svgToPng(svg, { dpi: 96 });
    expect([...png96.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(ascii(png96, 12, 16)).toBe('IHDR');
    expect([u32(png96, 16), u32(png96, 20)]).toEqual([size.width, size.height]);
    const png = await svgToPng(svg);
    const scale = 300 / 96;
    expect(u32(png, 16)).toBeGreaterThanOrEqual(Math.floor(size.width * scale));
    expect(u32(png, 16)).toBeLessThanOrEqual(Math.ceil(size.width * scale));
    expect(u32(png, 20)).toBeLessThanOrEqual(Math.ceil(size.height * scale));
  });

  it('draws text (the fonts are found): the same figure with and without its text differ', async () => {
    const withText =
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30" font-family="Arial, Helvetica, sans-serif"><text x="4" y="20" font-size="14">Total (95% CI)</text></svg>';
    const without = withText.replace(/<text[^]*<\/text>/, '');
    expect(Buffer.from(await svgToPng(withText, { dpi: 96 })).equals(Buffer.from(await svgToPng(without, { dpi: 96 })))).toBe(false);
  });

  it('refuses an impossible resolution', async () => {
    await expect(svgToPng(svg, { dpi: 0 })).rejects.toThrow(/dpi must be between/);
  });
});

describe('svgToPdf', () => {
  it('writes a one-page PDF the size of the figure (1 px = 0.75 pt) by default', async () => {
    const pdf = await svgToPdf(svg);
    const text = Buffer.from(pdf).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect([...text.matchAll(/\/Type \/Page\b/g)]).toHaveLength(1);
    const box = /\/MediaBox \[([^\]]*)\]/.exec(text)?.[1]?.trim().split(/\s+/).map(Number);
    expect(box).toEqual([0, 0, size.width * 0.75, size.height * 0.75]);
  });

  it('fits the figure on A4 or Letter, landscape when it is wider than tall', async () => {
    for (const [page, dims] of [
      ['A4', [841.89, 595.28]],
      ['Letter', [792, 612]],
    ] as const) {
      const text = Buffer.from(await svgToPdf(svg, { page })).toString('latin1');
      const box = /\/MediaBox \[([^\]]*)\]/.exec(text)?.[1]?.trim().split(/\s+/).map(Number);
      expect(box).toEqual([0, 0, ...dims]);
    }
    expect(size.width).toBeGreaterThan(size.height);
  });

  it('holds real text in embedded Liberation Sans, not a picture', async () => {
    const text = Buffer.from(await svgToPdf(svg)).toString('latin1');
    expect(text).not.toMatch(/\/Subtype \/Image/);
    expect(text).toMatch(/\/FontFile2/);
    expect(text).toMatch(/LiberationSans-Bold/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+LiberationSans\b/);
  });

  it.skipIf(!hasPdftotext())('every string of the forest plot is in the PDF’s text (pdftotext)', async () => {
    const { dir, cleanup } = tempDir('grove-render-');
    try {
      const file = `${dir}/forest.pdf`;
      const { writeFileSync } = await import('node:fs');
      writeFileSync(file, await svgToPdf(svg));
      const extracted = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      const strings = svgStrings(svg);
      expect(strings).toEqual(expect.arrayContaining(['MRC-1', 'ISIS-2', 'Total (95% CI)', 'Aspirin', 'Placebo']));
      expect(strings.some((s) => s.startsWith('Heterogeneity: Chi² = '))).toBe(true);
      expect(strings.some((s) => s.startsWith('Test for overall effect: Z = '))).toBe(true);
      expect(strings.some((s) => s.startsWith('Test for subgroup differences: Chi² = '))).toBe(true);
      expect(strings.filter((s) => !extracted.includes(s.replace(/\s+/g, '')))).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('refuses a page size it does not know, and an SVG without a size', async () => {
    await expect(svgToPdf(svg, { page: 'A3' as 'A4' })).rejects.toThrow(/page must be 'fit', 'A4' or 'Letter'/);
    await expect(svgToPdf('<svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>')).rejects.toThrow(/no usable width and height/);
  });
});

describe('fonts and text metrics', () => {
  it('Liberation Sans has the Helvetica advance widths the layout uses, for every printable ASCII character', () => {
    const fonts = sansFonts();
    const doc = new PDFDocument({ autoFirstPage: false });
    const off: string[] = [];
    for (const [file, bold] of [
      [fonts.regular, false],
      [fonts.bold, true],
    ] as const) {
      doc.font(file).fontSize(1000);
      for (let c = 32; c < 127; c++) {
        const ch = String.fromCharCode(c);
        const d = doc.widthOfString(ch) - textWidth(ch, 1000, bold);
        // Liberation's 2048-unit em against the AFM's 1000 units: rounding only.
        if (Math.abs(d) > 0.5) off.push(`${bold ? 'bold ' : ''}'${ch}' ${d.toFixed(2)}/1000 em`);
      }
    }
    expect(off).toEqual([]);
  });

  it('svgSize reads width and height (px, pt, mm …) or else the viewBox', () => {
    expect(svgSize('<svg width="691" height="216">')).toEqual({ width: 691, height: 216 });
    expect(svgSize('<svg width="72pt" height="1in">')).toEqual({ width: 96, height: 96 });
    expect(svgSize('<svg viewBox="0 0 300 150">')).toEqual({ width: 300, height: 150 });
  });
});
