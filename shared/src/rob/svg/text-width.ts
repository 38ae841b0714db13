// Pure code cannot measure text (no DOM), so layout uses an estimate of the rendered width
// of a Helvetica/Arial string — generous enough that labels are not clipped when the UI
// rasterises the SVG to PNG. Units: multiples of the font size.

const NARROW = new Set("iIjlt.,:;'|!()[]{} fr\u00B7");
const WIDE = new Set('mwMW@%\u00D7');

export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.3;
    else if (WIDE.has(ch)) em += 0.85;
    else if (ch >= 'A' && ch <= 'Z') em += 0.68;
    else if (ch >= '0' && ch <= '9') em += 0.56;
    else em += 0.54;
  }
  return Math.ceil(em * fontSize * (bold ? 1.08 : 1));
}
