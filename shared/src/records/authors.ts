// Author names as "Last, First" whatever the export wrote ("Larsen, LJ", "Zuna RE",
// "B. Abrahao", "Bruno Abrahao", "Tan A.Schulze A."), and author lists split the way
// each convention separates them.

const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'ter',
  'ten',
  'bin',
  'al',
  'el',
]);

const isInitials = (token: string) => /^(?:[A-Z]\.?-?){1,4}$/.test(token) || /^(?:[A-Z]\.){1,4}$/.test(token);

/** One author as "Last, First"; null for empty or placeholder names. */
export function formatAuthorName(raw: string): string | null {
  const name = raw
    .replace(/\s*\([^)]*\)\s*/g, ' ') // "(andrew.stillman@uconn.edu)", Scopus author ids
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;]+|[\s,;]+$/g, '');
  if (name === '' || /^(?:unknown|anonymous|\[no author name available\]|none)$/i.test(name)) return null;
  const comma = name.indexOf(',');
  if (comma >= 0) {
    const last = name.slice(0, comma).trim();
    const first = name
      .slice(comma + 1)
      .replace(/,/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return first ? `${last}, ${first}` : last;
  }
  const tokens = name.split(' ');
  if (tokens.length === 1) return name;
  // "Zuna RE", "Tan A.", "Davis P. G.": surname first, initials after (MEDLINE, Embase).
  let k = tokens.length;
  while (k > 1 && isInitials(tokens[k - 1]!)) k--;
  if (k < tokens.length) return `${tokens.slice(0, k).join(' ')}, ${tokens.slice(k).join(' ')}`;
  // "B. Abrahao", "K. S. Cook", "Bruno Abrahao", "Jan van Dijk": surname last, with its particles.
  let s = tokens.length - 1;
  while (s > 1 && PARTICLES.has(tokens[s - 1]!.toLowerCase())) s--;
  return `${tokens.slice(s).join(' ')}, ${tokens.slice(0, s).join(' ')}`;
}

/**
 * Splits one field holding several authors: BibTeX's " and ", semicolons, or the
 * run-together "Tan A.Schulze A.O'Donnell C. P." of some Embase exports.
 */
export function splitAuthorList(text: string, options: { commaSeparated?: boolean } = {}): string[] {
  const t = text.trim();
  if (t === '') return [];
  if (/\s+and\s+/i.test(t) && !t.includes(';')) return t.split(/\s+and\s+/i);
  if (t.includes(';')) return t.split(';');
  if (/[A-Z]\.[A-Z][a-z'’]/.test(t)) return t.split(/(?<=[A-Z]\.)(?=[A-Z][a-z'’])/);
  // Scopus "Authors": "Li W., Dou Z., Cui L." — commas separate authors, not surname and name.
  if (options.commaSeparated || /^[^,]+ (?:[A-Z]\.)+(?:, [^,]+ (?:[A-Z]\.)+)+$/.test(t)) return t.split(/,\s*/);
  return [t];
}

export function formatAuthors(values: Iterable<string>): string[] {
  const out: string[] = [];
  for (const v of values) {
    const f = formatAuthorName(v);
    if (f) out.push(f);
  }
  return out;
}
