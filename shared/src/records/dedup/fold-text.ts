import { decodeHTMLStrict } from 'entities';

// Folding text for comparison: what one database writes as a character another writes as an
// HTML entity ("&beta;", "&#946;", "&lt;i&gt;"), a Greek letter spelled out ("beta"), a letter
// with its accent or stroke dropped ("Sorensen" for "Sørensen") or markup. Folded, the same
// words compare equal whatever the export did to them; only differences of content remain.

const GREEK: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ϵ: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ϑ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  ο: 'omicron',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  ς: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  ϕ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
};

/** Latin letters that Unicode does not decompose into a base letter and a mark, as databases spell them without. */
const LETTERS: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', æ: 'ae', œ: 'oe', ß: 'ss', þ: 'th' };

// A Greek letter standing alone ("β-catenin", "TNFα"), not one inside a Greek word (a title in Greek stays Greek).
const GREEK_LETTER = /(?<![\u0370-\u03ff])[\u03b1-\u03c9\u03d1\u03d5\u03f5](?![\u0370-\u03ff])/g;
const UNDECOMPOSED = /[øłđðħıæœßþ]/g;
const NON_ASCII = /[^\t\n\r\x20-\x7e]/;
// An HTML or XML tag ("<i>", "</sup>", "<span class=…>"), not a "<" of a comparison ("p < 0.05").
const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;

/**
 * Text without case, diacritics, markup, entities or punctuation: words of letters and digits
 * separated by single spaces, Greek letters spelled out as their own words ("TNF-α" and
 * "TNF-alpha" are both "tnf alpha"), "&" as "and".
 */
export function foldText(s: string): string {
  const decoded = (s.includes('&') ? decodeHTMLStrict(s) : s).replace(TAG, ' ');
  // Most text is ASCII: it has no accents, Greek or other letters to fold (cheaper for 100k records).
  const letters = NON_ASCII.test(decoded)
    ? decoded
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(GREEK_LETTER, (c) => ` ${GREEK[c]!} `)
        .replace(UNDECOMPOSED, (c) => LETTERS[c]!)
    : decoded.toLowerCase();
  return letters
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
