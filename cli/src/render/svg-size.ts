// The size of an SVG document in px (its root width/height, else its viewBox), which PNG and
// PDF output scale from. Grove's SVGs always carry both.

export interface SvgSize {
  width: number;
  height: number;
}

const UNIT_PX: Readonly<Record<string, number>> = { '': 1, px: 1, pt: 96 / 72, pc: 16, in: 96, cm: 96 / 2.54, mm: 96 / 25.4 };

function length(v: string | undefined): number | null {
  const m = v ? /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(px|pt|pc|in|cm|mm)?\s*$/i.exec(v) : null;
  if (!m) return null;
  const n = Number(m[1]) * (UNIT_PX[(m[2] ?? '').toLowerCase()] as number);
  return n > 0 && Number.isFinite(n) ? n : null;
}

export function svgSize(svg: string): SvgSize {
  const open = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!open) throw new Error('not an SVG document: no <svg> element');
  const attr = (name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(open)?.[1];
  const viewBox = attr('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  const width = length(attr('width')) ?? (viewBox && viewBox[2] && viewBox[2] > 0 ? viewBox[2] : null);
  const height = length(attr('height')) ?? (viewBox && viewBox[3] && viewBox[3] > 0 ? viewBox[3] : null);
  if (width === null || height === null) throw new Error('the SVG has no usable width and height (nor viewBox) to size the page from');
  return { width, height };
}
