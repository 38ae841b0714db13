import { describe, expect, it } from 'vitest';
import { isBlock, parseBlock, placeBlock, type PasteTarget } from './paste-block.ts';
import { columnsFor } from './row-entry.ts';

const dich = columnsFor('dichotomous');
const row = (id: string, editable = true): PasteTarget => ({
  id,
  studyLabel: id,
  editable,
  texts: { events1: '1', total1: '10', events2: '2', total2: '10' },
});

describe('a pasted block', () => {
  it('is a block only with a tab or a line break inside (a copied cell ends with one)', () => {
    expect(isBlock('12')).toBe(false);
    expect(isBlock('12\n')).toBe(false);
    expect(isBlock('12\r\n')).toBe(false);
    expect(isBlock('12\t13')).toBe(true);
    expect(isBlock('12\n13')).toBe(true);
  });

  it('reads Excel’s tab-separated lines, CRLF and a trailing line break included', () => {
    expect(parseBlock('3\t20\r\n 4 \t21\r\n')).toEqual([
      ['3', '20'],
      ['4', '21'],
    ]);
  });

  it('fills from the focused cell right and down, keeping the other cells', () => {
    const placed = placeBlock([row('A'), row('B'), row('C')], dich, { row: 1, col: 1 }, parseBlock('30\t5\n31\t6'));
    expect(placed).toEqual({
      ok: true,
      rows: [
        { index: 1, texts: { events1: '1', total1: '30', events2: '5', total2: '10' } },
        { index: 2, texts: { events1: '1', total1: '31', events2: '6', total2: '10' } },
      ],
    });
  });

  it('refuses, whole, a block that runs past the last row or column or over a derived row', () => {
    const rows = [row('A'), row('B', false), row('C')];
    expect(placeBlock(rows, dich, { row: 2, col: 0 }, parseBlock('1\n2'))).toEqual({
      ok: false,
      message: 'The pasted block has 2 rows, but the table has 1 row from C down: nothing was pasted.',
    });
    expect(placeBlock(rows, dich, { row: 0, col: 2 }, parseBlock('1\t2\t3'))).toEqual({
      ok: false,
      message: 'The pasted block has 3 columns, but the table has 2 columns from Events to the right: nothing was pasted.',
    });
    expect(placeBlock(rows, dich, { row: 0, col: 0 }, parseBlock('1\n2'))).toEqual({
      ok: false,
      message: 'The row of B is derived from the extraction: detach it before pasting over it. Nothing was pasted.',
    });
  });
});
