import type { Column, RowTexts } from './row-entry.ts';

// A block pasted into the outcome data table (tab-separated, as Excel and RevMan copy
// cells): placed from the focused cell right and down, over the rows' current texts. A block
// that would run past the table's last row or column, or over a derived (read-only) row, is
// refused whole with the reason: a paste is saved whole or not at all.

export type Block = readonly (readonly string[])[];

/** True when the clipboard text is more than one cell (a tab or a line break in it). */
export function isBlock(text: string): boolean {
  return /[\t\r\n]/.test(text.replace(/(\r?\n)+$/, ''));
}

/** Tab-separated lines → cells; the line break that ends a copied range is not a row. */
export function parseBlock(text: string): Block {
  const lines = text.replace(/(\r?\n)+$/, '').split(/\r?\n/);
  return lines.map((line) => line.split('\t').map((cell) => cell.trim()));
}

export interface PasteTarget {
  readonly id: string;
  readonly studyLabel: string;
  readonly editable: boolean;
  readonly texts: RowTexts;
}

export type Placed = { ok: true; rows: { index: number; texts: RowTexts }[] } | { ok: false; message: string };

export function placeBlock(
  rows: readonly PasteTarget[],
  columns: readonly Column[],
  at: { row: number; col: number },
  block: Block,
): Placed {
  const height = block.length;
  const width = Math.max(...block.map((line) => line.length));
  if (at.row + height > rows.length) {
    const room = rows.length - at.row;
    return {
      ok: false,
      message: `The pasted block has ${height} rows, but the table has ${room} ${room === 1 ? 'row' : 'rows'} from ${rows[at.row]?.studyLabel ?? 'here'} down: nothing was pasted.`,
    };
  }
  if (at.col + width > columns.length) {
    const room = columns.length - at.col;
    return {
      ok: false,
      message: `The pasted block has ${width} columns, but the table has ${room} ${room === 1 ? 'column' : 'columns'} from ${columns[at.col]?.label ?? 'here'} to the right: nothing was pasted.`,
    };
  }
  const out: { index: number; texts: RowTexts }[] = [];
  for (const [i, line] of block.entries()) {
    const index = at.row + i;
    const target = rows[index]!;
    if (!target.editable)
      return {
        ok: false,
        message: `The row of ${target.studyLabel} is derived from the extraction: detach it before pasting over it. Nothing was pasted.`,
      };
    const texts: Record<string, string> = { ...target.texts };
    for (const [j, cell] of line.entries()) texts[columns[at.col + j]!.field] = cell;
    out.push({ index, texts });
  }
  return { ok: true, rows: out };
}
