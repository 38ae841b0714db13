import { describe, expect, it } from 'vitest';
import { assignShortIds, shortId, shortIdBase, surnameOf } from '../../../shared/src/screening/linking/index.ts';

describe('study short IDs', () => {
  it('are the first author’s surname and the year', () => {
    expect(shortId('Cook, Deborah J', 2012, [])).toBe('Cook 2012');
    expect(shortIdBase('van der Berg, J', 1999)).toBe('van der Berg 1999');
  });

  it('give a letter when two new studies share author and year, in the order given', () => {
    expect(
      assignShortIds(
        [
          { firstAuthor: 'Cook, D', year: 2012 },
          { firstAuthor: 'Cook, K', year: 2012 },
          { firstAuthor: 'Cook, D', year: 2013 },
        ],
        [],
      ),
    ).toEqual(['Cook 2012a', 'Cook 2012b', 'Cook 2013']);
  });

  it('count an existing unlettered study as the "a": the new one is "b", and the existing one is not renamed', () => {
    expect(shortId('Cook, D', 2012, ['Cook 2012'])).toBe('Cook 2012b');
    expect(shortId('Cook, D', 2012, ['Cook 2012', 'Cook 2012b'])).toBe('Cook 2012c');
  });

  it('take the next free letter beside lettered studies, and never the bare base then', () => {
    expect(shortId('Cook, D', 2012, ['Cook 2012a'])).toBe('Cook 2012b');
    expect(shortId('Cook, D', 2012, ['cook 2012A', 'COOK 2012B'])).toBe('Cook 2012c');
    // "Cook 20121" is another year's label, not a letter of "Cook 2012".
    expect(shortId('Cook, D', 2012, ['Cook 20121'])).toBe('Cook 2012');
  });

  it('run past z to aa', () => {
    const taken = ['Lee 2001', ...'bcdefghijklmnopqrstuvwxyz'.split('').map((c) => `Lee 2001${c}`)];
    expect(shortId('Lee, A', 2001, taken)).toBe('Lee 2001aa');
  });

  it('keep non-ASCII names as written and compare them composed, without case', () => {
    expect(shortId('Øvretveit, John', 2012, [])).toBe('Øvretveit 2012');
    expect(shortId('Müller, A', 2019, [])).toBe('Müller 2019');
    // The same name typed decomposed ("u" + combining diaeresis) is the same label.
    expect(shortId('Mu\u0308ller, B', 2019, ['Müller 2019'])).toBe('Müller 2019b');
    expect(shortId('Ñúñez, C', 2020, ['ñúñez 2020'])).toBe('Ñúñez 2020b');
    expect(shortId('李, 明', 2018, [])).toBe('李 2018');
  });

  it('write a surname given in capitals as a name', () => {
    expect(surnameOf('COOK, D')).toBe('Cook');
    expect(surnameOf('ØVRETVEIT, J')).toBe('Øvretveit');
    expect(surnameOf("O'BRIEN-SMITH, K")).toBe("O'Brien-Smith");
    expect(surnameOf('MacDonald, A')).toBe('MacDonald');
  });

  it('name a study without author or year plainly', () => {
    expect(shortId(null, 2012, [])).toBe('Anonymous 2012');
    expect(shortId('Cook, D', null, [])).toBe('Cook n.d.');
  });
});
