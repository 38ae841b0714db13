import { Resvg } from '@resvg/resvg-js';
import { SANS_FAMILY, sansFonts } from './fonts.ts';

// SVG → PNG without a browser (resvg). Text is set in Liberation Sans, the metric twin of the
// Arial/Helvetica the SVG was laid out with (fonts.ts); system fonts are not consulted, so the
// output is the same on every machine.

export interface PngOptions {
  /** Resolution: the SVG's px are 1/96 in, so 96 gives one pixel per px. Default 300 (print). */
  dpi?: number;
}

export const DEFAULT_PNG_DPI = 300;

export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  const dpi = options.dpi ?? DEFAULT_PNG_DPI;
  if (!(dpi > 0 && dpi <= 2400)) throw new RangeError(`dpi must be between 0 and 2400, got ${dpi}`);
  const fonts = sansFonts();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: dpi / 96 },
    background: 'white',
    font: {
      fontFiles: [fonts.regular, fonts.bold, fonts.italic, fonts.boldItalic],
      loadSystemFonts: false,
      defaultFontFamily: SANS_FAMILY,
      sansSerifFamily: SANS_FAMILY,
    },
  });
  // Rendering is synchronous native work; yield first so callers' promises stay responsive.
  await Promise.resolve();
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
