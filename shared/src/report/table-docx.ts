import { AlignmentType, BorderStyle, Document, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ReportTable } from './report-table.ts';

// A table as a Word document, for pasting into a manuscript: Times New Roman 10 pt, the
// three horizontal rules of a journal table, title above and footnotes below. Returns the
// docx Document; the caller packs it (Packer.toBuffer in Node, Packer.toBlob in a page).

const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000' });
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function cell(text: string, opts: { bold?: boolean; italics?: boolean; top?: number; bottom?: number; span?: number } = {}): TableCell {
  const lines = text.split('\n');
  return new TableCell({
    columnSpan: opts.span,
    borders: { top: opts.top ? rule(opts.top) : none, bottom: opts.bottom ? rule(opts.bottom) : none, left: none, right: none },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: lines.map(
      (line, i) =>
        new Paragraph({
          children: [
            new TextRun({
              text: line,
              bold: opts.bold ?? false,
              italics: opts.italics ?? false,
              size: i === 0 ? 20 : 17,
              font: 'Times New Roman',
            }),
          ],
        }),
    ),
  });
}

export function tableDocx(t: ReportTable): Document {
  const n = t.columns.length;
  const header = new TableRow({ tableHeader: true, children: t.columns.map((c) => cell(c, { bold: true, top: 12, bottom: 6 })) });
  const rows: TableRow[] = [header];
  t.groups.forEach((g, gi) => {
    if (g.heading) rows.push(new TableRow({ children: [cell(g.heading, { italics: true, span: n })] }));
    g.rows.forEach((r, ri) => {
      const last = gi === t.groups.length - 1 && ri === g.rows.length - 1;
      rows.push(new TableRow({ children: r.map((c) => cell(c, last ? { bottom: 12 } : {})) }));
    });
  });
  const landscape = t.orientation === 'landscape';
  return new Document({
    creator: 'Grove',
    title: t.title,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 20 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        children: [
          new Paragraph({
            children: [new TextRun({ text: t.title, bold: true, size: 22, font: 'Times New Roman' })],
            spacing: { after: 120 },
            alignment: AlignmentType.LEFT,
          }),
          new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
          ...t.footnotes.map(
            (f) => new Paragraph({ children: [new TextRun({ text: f, size: 17, font: 'Times New Roman' })], spacing: { before: 60 } }),
          ),
        ],
      },
    ],
  });
}
