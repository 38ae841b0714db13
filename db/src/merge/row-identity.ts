import { createHash } from 'node:crypto';

// Rows that two copies of a review may each create for the same thing (reviewer slot rows:
// a characteristic value, a result cell, a risk-of-bias judgement of one reviewer or the
// final one) take an id derived from what they are, so the two copies' rows have one id
// and meet in a merge instead of colliding. docs/merging.md lists the tables.

export function naturalRowId(table: string, ...parts: ReadonlyArray<string | number | null>): string {
  const hex = createHash('sha256')
    .update(JSON.stringify([table, ...parts]))
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
