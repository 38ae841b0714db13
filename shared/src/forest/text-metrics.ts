// Text widths for layout without a DOM. The forest plot is set in Arial/Helvetica (and
// Liberation Sans, which is metric-compatible with Arial, on Linux), so the Helvetica AFM
// advance widths (units of 1/1000 em) give column widths that match the rendered text to a
// few per cent. Characters outside the table get a generous width so that unusual names
// (accented, Greek, CJK) err on the side of more space, never overlapping columns.

// Printable ASCII 32…126, Helvetica and Helvetica-Bold.
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278,
  278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
  667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556,
  556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333,
  333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
  667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611,
  611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/** A few non-ASCII characters the plot itself writes (², −, ×, τ, ≥, ≤, en/em dash, ·). */
const EXTRA: Readonly<Record<string, number>> = {
  '\u00B2': 333,
  '\u2212': 584,
  '\u00D7': 584,
  '\u03C4': 500,
  '\u2265': 549,
  '\u2264': 549,
  '\u2013': 556,
  '\u2014': 1000,
  '\u00B7': 278,
  '\u00A0': 278,
};

function advance(ch: string, bold: boolean): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 32 && code <= 126) return (bold ? BOLD : REGULAR)[code - 32] ?? 600;
  const extra = EXTRA[ch];
  if (extra !== undefined) return bold ? extra * 1.05 : extra;
  // Latin-1 and Latin Extended letters (é, ø, ł…): about an average capital.
  if (code < 0x0250) return 700;
  // CJK, Hangul, full-width forms: one em.
  if (
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xffef)
  )
    return 1000;
  return 750;
}

/** Estimated advance width in px of `text` set at `fontSize` px in Arial/Helvetica. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += advance(ch, bold);
  return (units * fontSize) / 1000;
}
