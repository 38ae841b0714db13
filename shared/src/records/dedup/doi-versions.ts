// When two different DOIs still name one work: versions of one DOI (Cochrane's `.pub2`,
// `.pub3`; `v2` of a preprint) and a preprint server's DOI beside the journal's. Anything else
// with different DOIs is a different work unless a reviewer says otherwise.

/** DOI prefixes of preprint servers (bioRxiv/medRxiv, Research Square, SSRN, Preprints.org, OSF servers, arXiv, Authorea, ChemRxiv, ESSOAr). */
const PREPRINT_PREFIXES = [
  '10.1101/',
  '10.21203/',
  '10.2139/',
  '10.20944/',
  '10.31234/',
  '10.31235/',
  '10.31219/',
  '10.31222/',
  '10.31224/',
  '10.31228/',
  '10.31229/',
  '10.31230/',
  '10.31232/',
  '10.31237/',
  '10.48550/',
  '10.22541/',
  '10.26434/',
  '10.1002/essoar.',
];

export const isPreprintDoi = (doi: string) => PREPRINT_PREFIXES.some((p) => doi.startsWith(p));

/** The DOI without a version suffix: `.pub3` (Cochrane), `v2`/`.v2`/`/v2` (preprints, data sets). */
export function doiBase(doi: string): string {
  return doi.replace(/\.pub\d+$/, '').replace(/(?:[./]?v\d{1,2})$/, '');
}

export type DoiRelation = 'same' | 'versions' | 'preprint-and-publication' | 'different' | 'missing';

export function doiRelation(a: string | null, b: string | null): DoiRelation {
  if (!a || !b) return 'missing';
  if (a === b) return 'same';
  if (doiBase(a) === doiBase(b)) return 'versions';
  if (isPreprintDoi(a) !== isPreprintDoi(b)) return 'preprint-and-publication';
  return 'different';
}
