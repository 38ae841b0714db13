import { describe, expect, it } from 'vitest';
import { pairKey, sampleSizeOf, suggestLinks, type LinkCandidate } from '../../../shared/src/screening/linking/index.ts';

const rec = (id: string, over: Partial<LinkCandidate> = {}): LinkCandidate => ({
  id,
  authors: ['Cook, D'],
  year: 2012,
  registryIds: [],
  sampleSize: null,
  studyId: null,
  ...over,
});

describe('sample sizes from abstracts', () => {
  it('read plain statements', () => {
    expect(sampleSizeOf('We randomised participants (N = 1,204) to …')).toBe(1204);
    expect(sampleSizeOf('A total of 98 patients were randomised.')).toBe(98);
    expect(sampleSizeOf('120 adult outpatients with depression took part')).toBe(120);
    expect(sampleSizeOf('n=64')).toBe(64);
  });
  it('are unknown when not stated', () => {
    expect(sampleSizeOf('Peer support in 2012: a review of 3 models.')).toBeNull();
    expect(sampleSizeOf(null)).toBeNull();
  });
});

describe('link suggestions', () => {
  it('join reports naming the same registry id, whatever their authors', () => {
    const s = suggestLinks(
      [
        rec('r1', { registryIds: ['NCT01234567'], authors: ['Smith, A'] }),
        rec('r2', { registryIds: ['nct01234567'], authors: ['Jones, B'], year: 2014 }),
        rec('r3', { authors: ['Other, C'], year: 2001 }),
      ],
      new Set(),
    );
    expect(s).toEqual([{ recordIds: ['r1', 'r2'], reasons: [{ kind: 'registry', detail: 'same registry id NCT01234567' }], studyIds: [] }]);
  });

  it('join same first author and year when the sample sizes agree or are not known, not when they differ', () => {
    const s = suggestLinks(
      [
        rec('a1', { sampleSize: 120 }),
        rec('a2', { sampleSize: 120 }),
        rec('b1', { authors: ['Lee, A'], sampleSize: 40 }),
        rec('b2', { authors: ['Lee, B'], sampleSize: 80 }),
        rec('c1', { authors: ['Müller, J'], year: 2010 }),
        rec('c2', { authors: ['MULLER, J.'], year: 2010, sampleSize: 12 }),
      ],
      new Set(),
    );
    expect(s.map((x) => [x.recordIds, x.reasons.map((r) => r.kind)])).toEqual([
      [['a1', 'a2'], ['author-year-size']],
      [['c1', 'c2'], ['author-year']],
    ]);
  });

  it('never suggest a rejected pair again, and split a group where the rejected pair held it together', () => {
    const recs = [rec('r1', { registryIds: ['ISRCTN12345678'] }), rec('r2', { registryIds: ['ISRCTN12345678'] })];
    expect(suggestLinks(recs, new Set([pairKey('r2', 'r1')]))).toEqual([]);
    // r1–r2 by registry, r2–r3 by author and year: rejecting r2–r3 leaves r1–r2 (and r1–r3 by author and year).
    const three = [
      rec('r1', { registryIds: ['NCT00000001'], authors: ['Smith, A'] }),
      rec('r2', { registryIds: ['NCT00000001'] }),
      rec('r3', {}),
    ];
    expect(suggestLinks(three, new Set()).map((x) => x.recordIds)).toEqual([['r1', 'r2', 'r3']]);
    expect(suggestLinks(three, new Set([pairKey('r2', 'r3')])).map((x) => x.recordIds)).toEqual([['r1', 'r2']]);
  });

  it('leave out reports already linked to one study, and name the studies a suggestion would join', () => {
    expect(suggestLinks([rec('r1', { studyId: 's1' }), rec('r2', { studyId: 's1' })], new Set())).toEqual([]);
    const s = suggestLinks([rec('r1', { studyId: 's1' }), rec('r2')], new Set());
    expect(s).toEqual([
      {
        recordIds: ['r1', 'r2'],
        reasons: [{ kind: 'author-year', detail: 'same first author and year (Cook 2012); sample size not known for both' }],
        studyIds: ['s1'],
      },
    ]);
  });

  it('need an author and a year for the author rule', () => {
    expect(suggestLinks([rec('r1', { year: null }), rec('r2', { year: null })], new Set())).toEqual([]);
    expect(suggestLinks([rec('r1', { authors: [] }), rec('r2', { authors: [] })], new Set())).toEqual([]);
  });
});
