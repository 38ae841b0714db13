// Identifier normalisation and discovery: DOIs, PubMed ids, PMC ids, Embase accessions and
// trial registry ids. One place for these rules, used by every parser and by deduplication.

const DOI_IN_TEXT = /\b10\.\d{4,9}\/[^\s"<>{}]+/i;

/**
 * A DOI lower-cased without a resolver prefix (`https://doi.org/`, `dx.doi.org/`, `doi:`),
 * URL escapes decoded and trailing punctuation or a `[doi]` tag dropped; null when the
 * text holds no DOI.
 */
export function normaliseDoi(text: string | null | undefined): string | null {
  if (!text) return null;
  let t = text.trim();
  if (/%2f/i.test(t)) {
    try {
      t = decodeURIComponent(t);
    } catch {
      // not a URL-escaped string after all: keep it as it is
    }
  }
  const m = DOI_IN_TEXT.exec(t);
  if (!m) return null;
  let doi = m[0].toLowerCase();
  // Trailing sentence punctuation and unmatched closing brackets are not part of a DOI.
  for (;;) {
    const last = doi.at(-1);
    if (last && '.,;:'.includes(last)) doi = doi.slice(0, -1);
    else if (last === ')' && count(doi, '(') < count(doi, ')')) doi = doi.slice(0, -1);
    else if (last === ']' && count(doi, '[') < count(doi, ']')) doi = doi.slice(0, -1);
    else break;
  }
  // A DOI needs a suffix after the prefix (`10.17705/1CAIS.` truncated to its prefix is not one).
  const suffix = doi.slice(doi.indexOf('/') + 1);
  if (!/[a-z0-9]/.test(suffix)) return null;
  return doi;
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

export function normalisePmid(text: string | null | undefined): string | null {
  const m = text ? /^\s*(?:pmid:?\s*)?(\d{1,9})\b/i.exec(text) : null;
  return m ? String(Number(m[1])) : null;
}

export function findPmcid(text: string | null | undefined): string | null {
  const m = text ? /\bPMC\s?(\d{4,9})\b/i.exec(text) : null;
  return m ? `PMC${m[1]}` : null;
}

export function findEmbaseId(text: string | null | undefined): string | null {
  const m = text ? /\bL?(\d{9,11})\b/.exec(text) : null;
  if (!m) return null;
  return /^\s*L/i.test(text ?? '') ? `L${m[1]}` : m[1]!;
}

// Trial registries: each pattern finds the id anywhere in free text; the canonical form is the
// registry's own spelling (upper case prefix, no inner spaces).
const REGISTRY_PATTERNS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/\bNCT\s?(\d{8})\b/gi, (m) => `NCT${m[1]}`],
  [/\bISRCTN\s?(\d{8})\b/gi, (m) => `ISRCTN${m[1]}`],
  [/\bACTRN\s?(\d{14})\b/gi, (m) => `ACTRN${m[1]}`],
  [/\bDRKS\s?(\d{8})\b/gi, (m) => `DRKS${m[1]}`],
  [/\bChiCTR(-?(?:[A-Z]{2,4}-)?\d{6,10})\b/gi, (m) => `ChiCTR${m[1]!.toUpperCase()}`],
  // A bare 4-6-2 number is too common to be taken for a EudraCT id without the registry's name.
  [/\bEudraCT\b[^0-9]{0,30}(\d{4}-\d{6}-\d{2})\b/gi, (m) => `EudraCT ${m[1]}`],
  [/\bCTRI\s?\/\s?(\d{4})\s?\/\s?(\d{2,3})\s?\/\s?(\d{6})\b/gi, (m) => `CTRI/${m[1]}/${m[2]}/${m[3]}`],
];

/** Every trial registry id in the texts, canonical and each once, in order of appearance. */
export function findRegistryIds(texts: Iterable<string | null | undefined>): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    // Most fields name no registry: one cheap test before the seven patterns.
    if (!text || !ANY_REGISTRY.test(text)) continue;
    for (const [re, canonical] of REGISTRY_PATTERNS) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) found.add(canonical(m));
    }
  }
  return [...found];
}

const ANY_REGISTRY = /NCT|ISRCTN|ACTRN|DRKS|ChiCTR|EudraCT|CTRI/i;
