// A printable table as data: what Table 1, Table 2 and later tables share, so that each
// output format (HTML for print and PDF, CSV, DOCX) is written once.

import { csvSafeText } from '../export/safe-text.ts';

export interface ReportTable {
  title: string;
  columns: readonly string[];
  /** Row groups; a group with a heading gets a spanning heading row (e.g. a timepoint). */
  groups: readonly { heading?: string; rows: readonly (readonly string[])[] }[];
  footnotes: readonly string[];
  /** Landscape suits wide tables such as Table 1. */
  orientation: 'portrait' | 'landscape';
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const JOURNAL_CSS =
  'body{font-family:"Times New Roman",Times,serif;font-size:10pt;margin:0;color:#000}' +
  'table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:bold;margin-bottom:6pt;font-size:11pt}' +
  'thead th{border-top:1.5pt solid #000;border-bottom:0.75pt solid #000;text-align:left;padding:3pt 5pt;vertical-align:bottom;font-weight:bold}' +
  'td{padding:3pt 5pt;vertical-align:top}tbody:last-of-type tr:last-child td{border-bottom:1.5pt solid #000}' +
  'th.group{text-align:left;font-style:italic;font-weight:normal;padding:6pt 5pt 2pt}p.note{font-size:8.5pt;margin:3pt 0}' +
  'td .sub{display:block;color:#333;font-size:8.5pt}';

/** A standalone HTML page that prints like a journal's table (three horizontal rules). */
export function tableHtml(t: ReportTable, paper: 'A4' | 'letter' = 'A4'): string {
  const head = t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = t.groups
    .map((g) => {
      const heading = g.heading
        ? `<tr><th class="group" colspan="${t.columns.length}" scope="rowgroup">${escapeHtml(g.heading)}</th></tr>`
        : '';
      const rows = g.rows
        .map(
          (r) =>
            `<tr>${r.map((cell) => `<td>${cell.split('\n').map(escapeHtml).join('<span class="sub">')}${cell.includes('\n') ? '</span>' : ''}</td>`).join('')}</tr>`,
        )
        .join('');
      return `<tbody>${heading}${rows}</tbody>`;
    })
    .join('');
  const page = `@page{size:${paper} ${t.orientation};margin:2cm}`;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(t.title)}</title><style>${JOURNAL_CSS}${page}</style></head>` +
    `<body><table><caption>${escapeHtml(t.title)}</caption><thead><tr>${head}</tr></thead>${body}</table>` +
    `${t.footnotes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')}</body></html>\n`
  );
}

function csvCell(text: string): string {
  // Text cells are made inert for spreadsheets (export/safe-text.ts); numbers never change.
  const s = csvSafeText(text);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV; a group heading becomes a first column so that rows stay self-describing. */
export function tableCsv(t: ReportTable): string {
  const grouped = t.groups.some((g) => g.heading);
  const lines = [(grouped ? ['', ...t.columns] : [...t.columns]).map(csvCell).join(',')];
  for (const g of t.groups) {
    for (const r of g.rows) lines.push((grouped ? [g.heading ?? '', ...r] : [...r]).map((c) => csvCell(c.replace(/\n/g, '; '))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
