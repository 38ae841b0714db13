import { describe, expect, it } from 'vitest';
import { CSV_FIELDS } from '@grove/shared';
import { chooseColumn, FIELD_LABELS, MAPPED_FIELDS } from './column-mapping.ts';

describe('the CSV mapping step (pure)', () => {
  it('offers every field the CSV reader knows, each with a label', () => {
    expect([...MAPPED_FIELDS].sort()).toEqual([...CSV_FIELDS].sort());
    for (const f of MAPPED_FIELDS) expect(FIELD_LABELS[f]).toMatch(/\w/);
  });

  it('keeps earlier choices, lets the last choice for a field win, and records "not read" as null', () => {
    let c = chooseColumn({}, 'title', 'Headline');
    c = chooseColumn(c, 'abstract', null);
    c = chooseColumn(c, 'title', 'Name');
    expect(c).toEqual({ title: 'Name', abstract: null });
  });
});
