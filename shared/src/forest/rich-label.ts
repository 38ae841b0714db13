import { richTextRuns, type RichTextRun } from '../rm5/rich-text.ts';
import { xmlEscape } from '../rob/svg/xml-escape.ts';
import { textWidth } from './text-metrics.ts';

// Names drawn with RevMan's inline formatting (bold, italic, underline, sub- and
// superscript) as <tspan>s, measured with the same Helvetica metrics as plain text:
// italic shares its upright face's advance widths (Helvetica-Oblique, Liberation Sans
// Italic), and sub/superscripts are set smaller, so they are measured at that size.

export type { RichTextRun };

/** Sub- and superscripts are set at this fraction of the font size … */
export const SCRIPT_SCALE = 0.7;
/** … and shifted by these fractions of the font size (down for sub, up for sup). */
const SUB_SHIFT = 0.25;
const SUP_SHIFT = 0.4;

const r1 = (x: number): number => Math.round(x * 10) / 10;

/** Runs of a name with markup; a plain name is one unstyled run. */
export function labelRuns(plain: string, markup: string | undefined): RichTextRun[] {
  return markup === undefined ? [{ text: plain }] : richTextRuns(markup);
}

/** True when runs carry no formatting (drawn as plain text). */
export const isPlain = (runs: readonly RichTextRun[]): boolean =>
  runs.every((r) => !r.bold && !r.italic && !r.underline && !r.sup && !r.sub);

export const runsText = (runs: readonly RichTextRun[]): string => runs.map((r) => r.text).join('');

/** Advance width in px of formatted runs at `fontSize`; `bold` applies to every run. */
export function runsWidth(runs: readonly RichTextRun[], fontSize: number, bold = false): number {
  let w = 0;
  for (const r of runs) w += textWidth(r.text, r.sub || r.sup ? fontSize * SCRIPT_SCALE : fontSize, bold || r.bold === true);
  return w;
}

/**
 * The <tspan>s of formatted runs. Sub/superscripts shift with `dy` and the next run shifts
 * back, so the baseline is restored whatever renderer draws it (browsers, resvg, pdfkit).
 */
export function runsTspans(runs: readonly RichTextRun[], fontSize: number): string {
  let shift = 0;
  const out: string[] = [];
  for (const r of runs) {
    const target = r.sub ? fontSize * SUB_SHIFT : r.sup ? -fontSize * SUP_SHIFT : 0;
    const attrs: string[] = [];
    if (target !== shift) attrs.push(`dy="${r1(target - shift)}"`);
    shift = target;
    if (r.sub || r.sup) attrs.push(`font-size="${r1(fontSize * SCRIPT_SCALE)}"`);
    if (r.bold) attrs.push('font-weight="bold"');
    if (r.italic) attrs.push('font-style="italic"');
    if (r.underline) attrs.push('text-decoration="underline"');
    out.push(`<tspan${attrs.length ? ` ${attrs.join(' ')}` : ''}>${xmlEscape(r.text)}</tspan>`);
  }
  return out.join('');
}
