import { describe, expect, it } from 'vitest';
import { compareLabels, countLabel, filterWords, matchesFilter } from './list-filter.ts';

describe('list filter', () => {
  it('keeps items with every word typed, in any order, ignoring case and accents', () => {
    expect(matchesFilter(filterWords('rusch 2014'), 'Rüsch 2014')).toBe(true);
    expect(matchesFilter(filterWords('2014 RÜSCH'), 'Rüsch 2014')).toBe(true);
    expect(matchesFilter(filterWords('rusch 2015'), 'Rüsch 2014')).toBe(false);
    expect(matchesFilter(filterWords('excluded cook'), 'Cook 2012a', 'Excluded')).toBe(true);
  });
  it('keeps everything when empty', () => {
    expect(filterWords('   ')).toEqual([]);
    expect(matchesFilter([], 'anything')).toBe(true);
  });
  it('counts what is shown of the whole', () => {
    expect(countLabel(96, 96, 'study', 'studies')).toBe('96 studies');
    expect(countLabel(12, 96, 'study', 'studies')).toBe('12 of 96 studies');
    expect(countLabel(1, 1, 'study', 'studies')).toBe('1 study');
    expect(countLabel(0, 1, 'study', 'studies')).toBe('0 of 1 study');
  });
  it('sorts numbers in labels by value', () => {
    expect(['Trial 10', 'trial 9', 'Trial 100'].sort(compareLabels)).toEqual(['trial 9', 'Trial 10', 'Trial 100']);
  });
});
