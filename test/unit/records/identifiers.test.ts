import { describe, expect, it } from 'vitest';
import {
  detectEncoding,
  findRegistryIds,
  formatAuthorName,
  isValidUtf8Prefix,
  looksBinary,
  normaliseDoi,
  splitAuthorList,
} from '@grove/shared/records/index';

describe('identifiers', () => {
  it('normalises DOIs: lower case, no resolver prefix, no trailing punctuation, nothing without a suffix', () => {
    expect(normaliseDoi('https://doi.org/10.1186/1471-244X-14-39')).toBe('10.1186/1471-244x-14-39');
    expect(normaliseDoi('http://dx.doi.org/10.4236/ojf.2020.101008')).toBe('10.4236/ojf.2020.101008');
    expect(normaliseDoi('doi:10.1016/S0140-6736(20)30183-5.')).toBe('10.1016/s0140-6736(20)30183-5');
    expect(normaliseDoi('10.1371/journal.pone.0209483 [doi]')).toBe('10.1371/journal.pone.0209483');
    expect(normaliseDoi('10.3390%2fani15010003')).toBe('10.3390/ani15010003');
    expect(normaliseDoi('10.1234/')).toBeNull();
    expect(normaliseDoi('S0048-9697(17)30912-9 [pii]')).toBeNull();
  });

  it('finds trial registry ids anywhere in the text, once each, in their canonical form', () => {
    expect(
      findRegistryIds([
        'Registered: NCT01234567; ISRCTN 12345678; ACTRN12612000123456; DRKS00012345.',
        'ChiCTR-IOR-15006890 and ChiCTR1800012345; EudraCT number 2010-012345-12; CTRI/2018/03/012345; nct01234567 again',
      ]),
    ).toEqual([
      'NCT01234567',
      'ISRCTN12345678',
      'ACTRN12612000123456',
      'DRKS00012345',
      'ChiCTR-IOR-15006890',
      'ChiCTR1800012345',
      'EudraCT 2010-012345-12',
      'CTRI/2018/03/012345',
    ]);
    // A bare 4-6-2 number without the registry's name is not taken for a EudraCT id.
    expect(findRegistryIds(['phone 2010-012345-12'])).toEqual([]);
  });
});

describe('author names', () => {
  it('writes every convention as "Last, First"', () => {
    expect(formatAuthorName('Zuna RE')).toBe('Zuna, RE');
    expect(formatAuthorName('B. Abrahao')).toBe('Abrahao, B.');
    expect(formatAuthorName('Bruno Abrahao')).toBe('Abrahao, Bruno');
    expect(formatAuthorName('Jan van der Berg')).toBe('van der Berg, Jan');
    expect(formatAuthorName('Stillman, Andrew N. (andrew.stillman@uconn.edu)')).toBe('Stillman, Andrew N.');
    expect(formatAuthorName('UNKNOWN')).toBeNull();
  });

  it('splits author lists by BibTeX "and", semicolons, Scopus commas and run-together initials', () => {
    expect(splitAuthorList('Abrahao, Bruno and Parigi, Paolo')).toEqual(['Abrahao, Bruno', 'Parigi, Paolo']);
    expect(splitAuthorList('B. Abrahao; P. Parigi')).toEqual(['B. Abrahao', ' P. Parigi']);
    expect(splitAuthorList('Li W., Dou Z., Cui L.')).toEqual(['Li W.', 'Dou Z.', 'Cui L.']);
    expect(splitAuthorList("Tan A.Schulze A.O'Donnell C. P.Davis P. G.")).toEqual([
      'Tan A.',
      'Schulze A.',
      "O'Donnell C. P.",
      'Davis P. G.',
    ]);
  });
});

describe('encoding', () => {
  it('tells UTF-8 (with or without BOM), UTF-16 and windows-1252 apart, and spots binary files', () => {
    const utf8 = new TextEncoder().encode('Müller');
    expect(detectEncoding(utf8)).toEqual({ encoding: 'utf-8', bomLength: 0 });
    expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(Uint8Array.from([0xff, 0xfe, 0x41, 0]))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(Uint8Array.from([0x4d, 0xfc, 0x6c]))).toEqual({ encoding: 'windows-1252', bomLength: 0 });
    // A multi-byte character cut off at the end of the sample is still UTF-8.
    expect(isValidUtf8Prefix(utf8.slice(0, 2))).toBe(true);
    expect(looksBinary(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), 'utf-8')).toBe(true);
    expect(looksBinary(utf8, 'utf-8')).toBe(false);
  });
});
