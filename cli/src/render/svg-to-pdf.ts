import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { SANS_FAMILY, sansFonts } from './fonts.ts';
import { svgSize } from './svg-size.ts';

// SVG → PDF without a browser: pdfkit draws the SVG as vector paths and real (selectable,
// searchable) text, set in embedded Liberation Sans, the metric twin of the Arial/Helvetica
// the SVG was laid out with (fonts.ts), so every string is exactly as wide as measured.

/** 'fit': one page the size of the figure (1 px = 0.75 pt); A4/Letter: the figure scaled to fit within 36 pt margins, landscape when it is wider than tall. */
export type PdfPage = 'fit' | 'A4' | 'Letter';

export interface PdfOptions {
  page?: PdfPage;
  /** Document title (PDF metadata). */
  title?: string;
}

const PAPER: Readonly<Record<Exclude<PdfPage, 'fit'>, [number, number]>> = { A4: [595.28, 841.89], Letter: [612, 792] };
const MARGIN = 36;
const PT_PER_PX = 72 / 96;

interface Placement {
  page: [number, number];
  x: number;
  y: number;
  width: number;
  height: number;
}

function place(svg: string, page: PdfPage): Placement {
  const { width, height } = svgSize(svg);
  const w = width * PT_PER_PX;
  const h = height * PT_PER_PX;
  if (page === 'fit') return { page: [w, h], x: 0, y: 0, width: w, height: h };
  const [short, long] = PAPER[page];
  const size: [number, number] = w > h ? [long, short] : [short, long];
  const scale = Math.min(1, (size[0] - 2 * MARGIN) / w, (size[1] - 2 * MARGIN) / h);
  return { page: size, x: (size[0] - w * scale) / 2, y: MARGIN, width: w * scale, height: h * scale };
}

export async function svgToPdf(svg: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const page = options.page ?? 'fit';
  if (!(page === 'fit' || page in PAPER)) throw new RangeError(`page must be 'fit', 'A4' or 'Letter', got '${String(page)}'`);
  const at = place(svg, page);
  const fonts = sansFonts();
  const doc = new PDFDocument({ autoFirstPage: false, info: { Title: options.title ?? '', Creator: 'Grove', Producer: 'Grove' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => {
      const all = Buffer.concat(chunks);
      resolve(new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
    });
    doc.on('error', reject);
  });
  doc.registerFont(SANS_FAMILY, fonts.regular);
  doc.registerFont(`${SANS_FAMILY}-Bold`, fonts.bold);
  doc.registerFont(`${SANS_FAMILY}-Italic`, fonts.italic);
  doc.registerFont(`${SANS_FAMILY}-BoldItalic`, fonts.boldItalic);
  doc.addPage({ size: at.page, margin: 0 });
  const problems: string[] = [];
  SVGtoPDF(doc, svg, at.x, at.y, {
    width: at.width,
    height: at.height,
    preserveAspectRatio: 'xMidYMin meet',
    // Every family the SVG names (Arial, Helvetica, sans-serif) is set in Liberation Sans.
    fontCallback: (_family: string, bold: boolean, italic: boolean) =>
      `${SANS_FAMILY}${bold && italic ? '-BoldItalic' : bold ? '-Bold' : italic ? '-Italic' : ''}`,
    warningCallback: (w: string) => problems.push(w),
  });
  doc.end();
  const pdf = await done;
  if (problems.length > 0) throw new Error(`the SVG could not be drawn as PDF: ${problems.slice(0, 3).join('; ')}`);
  return pdf;
}
