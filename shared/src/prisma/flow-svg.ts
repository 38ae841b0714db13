import { xmlEscape } from '../rob/svg/xml-escape.ts';
import { FONT_FAMILY, safeIdPrefix } from '../rob/svg/svg-parts.ts';
import { textWidth } from '../forest/text-metrics.ts';
import type { Breakdown, FlowCount, PrismaFlow, ReportsFlow } from './flow.ts';
import { countText, HAND_ENTERED_MARK, PRISMA_FOOTNOTES, PRISMA_LABELS as L } from './labels.ts';

// The PRISMA 2020 flow diagram (template for new reviews with databases, registers and other
// sources) as a standalone SVG string, laid out without a DOM (Helvetica metrics, as the
// forest plot): the yellow and grey header bars, the blue phase labels down the left, the
// main column with its side boxes to the right (removals, exclusions, reports not retrieved,
// reports excluded with reasons), the other-methods column with its own side boxes and its
// elbow arrow into the included box, and the footnotes. Counts entered by hand carry a dagger
// explained in a footnote. The same string is shown in the workbench, printed, and written by
// `grove report --prisma` (PNG and PDF from it headlessly).

export interface PrismaSvgOptions {
  fontSize?: number;
  /** Prefix for element ids, unique per page when several figures are inlined. */
  idPrefix?: string;
  /** Prepend `<?xml …?>` for a standalone .svg file. */
  xmlDeclaration?: boolean;
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const YELLOW = '#FFC125'; // the package's Goldenrod1
const GREY = '#DCDCDC'; // Gainsboro
const BLUE = '#BCD2EE'; // LightSteelBlue2

interface Line {
  readonly text: string;
  readonly bold?: boolean;
  readonly indent?: number;
}

interface Box {
  readonly id: string;
  readonly lines: readonly Line[];
}

/** Wraps one line to a width, keeping "(n = …)" whole on the last line where possible. */
function wrap(line: Line, width: number, fs: number): Line[] {
  const indent = (line.indent ?? 0) * fs;
  const fits = (s: string) => textWidth(s, fs, line.bold) + indent <= width;
  if (fits(line.text)) return [line];
  // Break before "(n = …)" first, then between words.
  const words = line.text.replace(/\(n = [^)]*\)/g, (m) => m.replace(/ /g, '\u00A0')).split(' ');
  const out: Line[] = [];
  let current = '';
  for (const w of words) {
    const next = current ? `${current} ${w}` : w;
    if (current && !fits(next)) {
      out.push({ ...line, text: current });
      current = w;
    } else current = next;
  }
  if (current) out.push({ ...line, text: current });
  return out.map((l) => ({ ...l, text: l.text.replace(/\u00A0/g, ' ') }));
}

const countLine = (label: string, c: FlowCount, indent = 0): Line => ({ text: `${label} ${countText(c)}`, indent });

function breakdownLines(label: string, b: Breakdown, indent: number): Line[] {
  return [countLine(label, b.total, indent), ...b.items.map((i) => countLine(i.name, i.count, indent + 1))];
}

function excludedBox(id: string, r: ReportsFlow): Box {
  const b = r.reportsExcluded;
  // "Reports excluded (n = 87)", or with reasons "Reports excluded (n = 87):" and one line each.
  const head = `${L.reportsExcluded} ${countText(b.total)}`;
  return { id, lines: [{ text: b.items.length ? `${head}:` : head }, ...b.items.map((i) => countLine(i.name, i.count, 1))] };
}

function boxes(flow: PrismaFlow) {
  const id = flow.identification;
  const s = flow.screening;
  const o = flow.otherMethods;
  const otherItems = o.identified.items.length
    ? o.identified.items.map((i) => countLine(i.name, i.count, 1))
    : [countLine(L.otherSources, o.identified.total, 1)];
  return {
    identified: {
      id: 'identified',
      lines: [
        { text: L.identifiedFromStar },
        ...breakdownLines(L.databases, id.databases, 1),
        ...breakdownLines(L.registers, id.registers, 1),
      ],
    },
    removed: {
      id: 'removed-before-screening',
      lines: [
        { text: L.removedBeforeScreening },
        countLine(L.duplicates, id.removedBeforeScreening.duplicates, 1),
        countLine(L.automation, id.removedBeforeScreening.automation, 1),
        countLine(L.otherRemoved, id.removedBeforeScreening.other, 1),
      ],
    },
    otherIdentified: { id: 'other-identified', lines: [{ text: L.identifiedFrom }, ...otherItems] },
    screened: { id: 'records-screened', lines: [countLine(L.screened, s.screened)] },
    recordsExcluded: { id: 'records-excluded', lines: [countLine(L.recordsExcluded, s.recordsExcluded)] },
    sought: { id: 'reports-sought', lines: [countLine(L.sought, s.sought)] },
    notRetrieved: { id: 'reports-not-retrieved', lines: [countLine(L.notRetrieved, s.notRetrieved)] },
    assessed: { id: 'reports-assessed', lines: [countLine(L.assessed, s.assessed)] },
    reportsExcluded: excludedBox('reports-excluded', s),
    otherSought: { id: 'other-reports-sought', lines: [countLine(L.sought, o.sought)] },
    otherNotRetrieved: { id: 'other-reports-not-retrieved', lines: [countLine(L.notRetrieved, o.notRetrieved)] },
    otherAssessed: { id: 'other-reports-assessed', lines: [countLine(L.assessed, o.assessed)] },
    otherExcluded: excludedBox('other-reports-excluded', o),
    included: {
      id: 'included',
      lines: [countLine(L.studiesIncluded, flow.included.studies), countLine(L.reportsIncluded, flow.included.reports)],
    },
    metaAnalysis: { id: 'meta-analysis', lines: [countLine(L.studiesInMetaAnalysis, flow.included.studiesInMetaAnalysis)] },
  } satisfies Record<string, Box>;
}

/** Whether any count shown was entered by hand (then the dagger footnote is printed). */
function anyHandEntered(flow: PrismaFlow): boolean {
  return JSON.stringify(flow).includes('"hand-entered"');
}

export function prismaFlowSvg(flow: PrismaFlow, options: PrismaSvgOptions = {}): string {
  const fs = options.fontSize ?? 11;
  const lineH = r1(fs * 1.35);
  const pad = r1(fs * 0.7);
  const prefix = safeIdPrefix(options.idPrefix, 'prisma');
  const B = boxes(flow);

  // Columns: phase labels | main | side | other methods | other side.
  const margin = 12;
  const phaseW = r1(fs * 2.2);
  const gap = r1(fs * 3);
  const mainW = r1(fs * 21);
  const sideW = r1(fs * 23);
  const otherW = r1(fs * 19);
  const otherSideW = r1(fs * 19);
  const x0 = margin + phaseW + gap * 0.6;
  const x = { main: x0, side: x0 + mainW + gap, other: x0 + mainW + gap + sideW + gap * 1.4 };
  const xOtherSide = x.other + otherW + gap;
  const width = r1(xOtherSide + otherSideW + margin);

  const laidOut = (b: Box, w: number) => b.lines.flatMap((l) => wrap(l, w - 2 * pad, fs));
  const height = (lines: Line[]) => r1(lines.length * lineH + 2 * pad);
  const parts: string[] = [];
  const rect = (bx: number, by: number, w: number, h: number, id: string, lines: Line[], fill = '#FFFFFF') => {
    parts.push(`<g data-box="${id}">`);
    parts.push(`<rect x="${r1(bx)}" y="${r1(by)}" width="${r1(w)}" height="${r1(h)}" fill="${fill}" stroke="#000000" stroke-width="1"/>`);
    lines.forEach((l, i) => {
      const tx = bx + pad + (l.indent ?? 0) * fs;
      const ty = by + pad + (i + 0.78) * lineH;
      parts.push(`<text x="${r1(tx)}" y="${r1(ty)}" font-size="${fs}"${l.bold ? ' font-weight="bold"' : ''}>${xmlEscape(l.text)}</text>`);
    });
    parts.push('</g>');
  };
  const arrow = (pts: [number, number][]) =>
    parts.push(
      `<polyline points="${pts.map(([a, b]) => `${r1(a)},${r1(b)}`).join(' ')}" fill="none" stroke="#000000" stroke-width="1" marker-end="url(#${prefix}-arrow)"/>`,
    );

  // Header bars.
  let y = margin;
  const headerH = r1(lineH + 2 * pad);
  const header = (hx: number, w: number, text: string, fill: string, id: string) => {
    const lines = wrap({ text, bold: true }, w - 2 * pad, fs);
    rect(hx, y, w, Math.max(headerH, height(lines)), id, lines, fill);
  };
  header(x.main, x.side + sideW - x.main, L.databasesHeader, YELLOW, 'header-databases');
  header(x.other, xOtherSide + otherSideW - x.other, L.otherHeader, GREY, 'header-other');
  y += headerH + gap * 0.7;

  // One row of boxes side by side; returns each box's geometry.
  type Geo = { x: number; y: number; w: number; h: number };
  const row = (items: [Box, number, number][]): Geo[] => {
    const lines = items.map(([b, , w]) => laidOut(b, w));
    const h = Math.max(...lines.map(height));
    const geos = items.map(([b, bx, w], i) => {
      rect(bx, y, w, h, b.id, lines[i]!);
      return { x: bx, y, w, h };
    });
    y += h + gap;
    return geos;
  };
  const phaseTop: number[] = [];
  const phaseBottom: number[] = [];

  phaseTop.push(y);
  const [idMain, idSide, idOther] = row([
    [B.identified, x.main, mainW],
    [B.removed, x.side, sideW],
    [B.otherIdentified, x.other, otherW],
  ]);
  phaseBottom.push(y - gap);
  phaseTop.push(y);
  const [scr, recEx] = row([
    [B.screened, x.main, mainW],
    [B.recordsExcluded, x.side, sideW],
  ]);
  const [sought, notRet, oSought, oNotRet] = row([
    [B.sought, x.main, mainW],
    [B.notRetrieved, x.side, sideW],
    [B.otherSought, x.other, otherW],
    [B.otherNotRetrieved, xOtherSide, otherSideW],
  ]);
  const [assessed, repEx, oAssessed, oRepEx] = row([
    [B.assessed, x.main, mainW],
    [B.reportsExcluded, x.side, sideW],
    [B.otherAssessed, x.other, otherW],
    [B.otherExcluded, xOtherSide, otherSideW],
  ]);
  phaseBottom.push(y - gap);
  phaseTop.push(y);
  const [inc] = row([[B.included, x.main, mainW]]);
  const [ma] = row([[B.metaAnalysis, x.main, mainW]]);
  phaseBottom.push(y - gap);

  // Arrows: down the main column, right into the side boxes, down the other column, and the
  // other column's elbow into the included box.
  const down = (a: Geo, b: Geo) =>
    arrow([
      [a.x + a.w / 2, a.y + a.h],
      [b.x + b.w / 2, b.y - 1],
    ]);
  const right = (a: Geo, b: Geo) =>
    arrow([
      [a.x + a.w, a.y + a.h / 2],
      [b.x - 1, a.y + a.h / 2],
    ]);
  down(idMain!, scr!);
  down(scr!, sought!);
  down(sought!, assessed!);
  down(assessed!, inc!);
  down(inc!, ma!);
  right(idMain!, idSide!);
  right(scr!, recEx!);
  right(sought!, notRet!);
  right(assessed!, repEx!);
  right(oSought!, oNotRet!);
  right(oAssessed!, oRepEx!);
  down(idOther!, oSought!);
  down(oSought!, oAssessed!);
  const elbowX = oAssessed!.x + oAssessed!.w / 2;
  arrow([
    [elbowX, oAssessed!.y + oAssessed!.h],
    [elbowX, inc!.y + inc!.h / 2],
    [inc!.x + inc!.w + 1, inc!.y + inc!.h / 2],
  ]);

  // Phase labels: rounded blue bars with the phase name running up the bar.
  [L.identification, L.screening, L.included].forEach((name, i) => {
    const top = phaseTop[i]!;
    const h = phaseBottom[i]! - top;
    const cx = margin + phaseW / 2;
    const cy = top + h / 2;
    parts.push(`<g data-box="phase-${name.toLowerCase()}">`);
    parts.push(
      `<rect x="${margin}" y="${r1(top)}" width="${phaseW}" height="${r1(h)}" rx="${r1(fs * 0.5)}" fill="${BLUE}" stroke="#000000" stroke-width="1"/>`,
    );
    parts.push(
      `<text x="${r1(cx)}" y="${r1(cy)}" font-size="${fs}" font-weight="bold" text-anchor="middle" dominant-baseline="central" transform="rotate(-90 ${r1(cx)} ${r1(cy)})">${xmlEscape(name)}</text>`,
    );
    parts.push('</g>');
  });

  // Footnotes across the full width.
  const notes: string[] = [PRISMA_FOOTNOTES.perSource, PRISMA_FOOTNOTES.automation];
  if (anyHandEntered(flow)) notes.push(PRISMA_FOOTNOTES.handEntered);
  notes.push(PRISMA_FOOTNOTES.citation);
  const noteFs = r1(fs * 0.85);
  const noteLines = notes.flatMap((n) => wrap({ text: n }, width - 2 * margin, noteFs));
  y -= gap * 0.5;
  const noteParts = noteLines.map(
    (l, i) => `<text x="${margin}" y="${r1(y + (i + 1) * noteFs * 1.35)}" font-size="${noteFs}">${xmlEscape(l.text)}</text>`,
  );
  const totalH = r1(y + (noteLines.length + 0.8) * noteFs * 1.35 + margin);

  const title = 'PRISMA 2020 flow diagram';
  const desc = describeFlow(flow);
  return (
    (options.xmlDeclaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '') +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${totalH}" viewBox="0 0 ${width} ${totalH}" role="img" ` +
    `aria-labelledby="${prefix}-title" aria-describedby="${prefix}-desc" font-family="${FONT_FAMILY}">\n` +
    `<title id="${prefix}-title">${title}</title>\n<desc id="${prefix}-desc">${xmlEscape(desc)}</desc>\n` +
    `<defs><marker id="${prefix}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
    `<path d="M0,0 L10,5 L0,10 z" fill="#000000"/></marker></defs>\n` +
    `<rect width="${width}" height="${totalH}" fill="#FFFFFF"/>\n` +
    `${parts.join('\n')}\n${noteParts.join('\n')}\n</svg>\n`
  );
}

/** One sentence per box, for screen readers (the SVG's <desc>). */
function describeFlow(flow: PrismaFlow): string {
  const b = boxes(flow);
  const text = (box: Box) => box.lines.map((l) => l.text).join(' ');
  return [
    `Identification: ${text(b.identified)}; ${text(b.removed)}; other methods: ${text(b.otherIdentified)}.`,
    `Screening: ${text(b.screened)}; ${text(b.recordsExcluded)}; ${text(b.sought)}; ${text(b.notRetrieved)}; ${text(b.assessed)}; ${text(b.reportsExcluded)}.`,
    `Other methods: ${text(b.otherSought)}; ${text(b.otherNotRetrieved)}; ${text(b.otherAssessed)}; ${text(b.otherExcluded)}.`,
    `Included: ${text(b.included)}; ${text(b.metaAnalysis)}.`,
    anyHandEntered(flow) ? `${HAND_ENTERED_MARK} entered by hand.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
