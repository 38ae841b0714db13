import { describe, expect, it } from 'vitest';
import { columnsFor, readRow, textsOfValues } from './row-entry.ts';

describe('reading an outcome data row from its cells', () => {
  it('lays out each data type as RevMan does', () => {
    expect(columnsFor('dichotomous').map((c) => c.field)).toEqual(['events1', 'total1', 'events2', 'total2']);
    expect(columnsFor('continuous').map((c) => c.label)).toEqual(['Mean', 'SD', 'Total', 'Mean', 'SD', 'Total']);
    expect(columnsFor('generic').map((c) => c.field)).toEqual(['estimate', 'se']);
    expect(columnsFor('oe-variance').map((c) => c.field)).toEqual(['oMinusE', 'variance']);
  });

  it('reads numbers (a decimal comma too) into the values the API takes', () => {
    expect(readRow('continuous', { mean1: '1,5', sd1: '2', total1: '30', mean2: '−0.5', sd2: '1.25', total2: '31' })).toEqual({
      ok: true,
      values: { kind: 'continuous', mean1: 1.5, sd1: 2, total1: 30, mean2: -0.5, sd2: 1.25, total2: 31 },
    });
    expect(readRow('oe-variance', { oMinusE: '-3.2', variance: '10.5' })).toEqual({
      ok: true,
      values: { kind: 'oe-variance', oMinusE: -3.2, variance: 10.5 },
    });
  });

  it('names every wrong cell: not a number, missing, negative, events above the total', () => {
    const r = readRow('dichotomous', { events1: 'abc', total1: '', events2: '12', total2: '10' });
    expect(r).toEqual({
      ok: false,
      errors: { events1: '“abc” is not a number', total1: 'Total is needed' },
    });
    expect(readRow('dichotomous', { events1: '3', total1: '10', events2: '12', total2: '10' })).toEqual({
      ok: false,
      errors: { events2: 'events cannot exceed the total' },
    });
    expect(readRow('generic', { estimate: '0.2', se: '-1' })).toEqual({ ok: false, errors: { se: 'cannot be negative' } });
  });

  it('shows stored values as cell texts', () => {
    expect(textsOfValues({ kind: 'dichotomous', events1: 3, total1: 10, events2: 4, total2: 12 })).toEqual({
      events1: '3',
      total1: '10',
      events2: '4',
      total2: '12',
    });
  });
});
