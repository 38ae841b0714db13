import { describe, expect, it } from 'vitest';
import type { QueueItem, StoredRecord } from '@grove/shared';
import { diffRows } from './diff.ts';

const record = (patch: Partial<StoredRecord>): StoredRecord => ({
  id: 'r',
  searchId: 's',
  source: 'MEDLINE',
  fileName: 'medline.ris',
  sourceId: '1',
  line: 1,
  kind: 'journal-article',
  title: 'A trial',
  authors: ['Smith, John'],
  year: 2019,
  journal: 'BMJ',
  volume: null,
  issue: null,
  pages: null,
  doi: null,
  pmid: null,
  pmcid: null,
  embaseId: null,
  abstract: null,
  registryIds: [],
  status: 'remaining',
  mergedInto: null,
  mergedCount: 0,
  removalReason: null,
  ...patch,
});

describe('diffRows', () => {
  it('puts the fields side by side with the engine’s verdict, and leaves out fields neither has', () => {
    const item: QueueItem = {
      id: 'a|b',
      a: record({ id: 'a', doi: '10.1/x' }),
      b: record({ id: 'b', doi: '10.1/y', source: 'Embase', fileName: null }),
      confidence: 0.8,
      reason: 'different DOIs',
      evidence: [
        { field: 'doi', verdict: 'conflict', detail: '10.1/x ≠ 10.1/y' },
        { field: 'title', verdict: 'match' },
      ],
      decision: null,
    };
    const rows = diffRows(item);
    expect(rows.map((r) => r.field)).toEqual(['title', 'authors', 'year', 'journal', 'doi', 'kind', 'source']);
    expect(rows.find((r) => r.field === 'doi')).toMatchObject({ a: '10.1/x', b: '10.1/y', verdict: 'conflict', detail: '10.1/x ≠ 10.1/y' });
    expect(rows.find((r) => r.field === 'title')?.verdict).toBe('match');
    // Not judged by the engine: compared as text.
    expect(rows.find((r) => r.field === 'authors')?.verdict).toBe('same');
    expect(rows.find((r) => r.field === 'source')).toMatchObject({ a: 'MEDLINE (medline.ris, line 1)', b: 'Embase', verdict: 'different' });
  });
});
