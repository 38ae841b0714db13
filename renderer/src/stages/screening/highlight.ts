// Highlighting the review's include and exclude terms in a record's title and abstract.
// The result is a list of text ranges, which the view renders as React elements: the
// record's text is never parsed as HTML, whatever it contains.
//
// A term matches whole words, case-insensitively, and across any run of spaces and hyphens
// between its words ("peer support" matches "peer-support" and "Peer  support"). A trailing
// `*` matches any word ending ("random*" matches "randomised", "randomly"). Where terms
// overlap, the match that starts first wins, and of two starting together the longer one:
// the text is split into ranges that never overlap.

export type TermKind = 'include' | 'exclude';

export interface TermLists {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

export interface Segment {
  readonly text: string;
  /** null for text that matches no term. */
  readonly kind: TermKind | null;
  /** The term (as the review wrote it) that matched, for the tooltip. */
  readonly term?: string;
}

/** Compiled once per pair of term lists and reused for every record. */
export interface Highlighter {
  readonly empty: boolean;
  segments(text: string): readonly Segment[];
}

const WORD = '[\\p{L}\\p{N}]';
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pattern of one term, or null for a term with nothing to match. */
export function termPattern(term: string): string | null {
  const trimmed = term.trim();
  const wildcard = trimmed.endsWith('*');
  const words = trimmed
    .replace(/\*+$/, '')
    .split(/[\s-]+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return null;
  const body = words.map(escapeRegExp).join('[\\s\\-‐‑–]+');
  return `(?<!${WORD})${body}${wildcard ? `${WORD}*` : ''}(?!${WORD})`;
}

interface Compiled {
  readonly regex: RegExp;
  readonly terms: readonly { readonly term: string; readonly kind: TermKind }[];
}

function compile(lists: TermLists): Compiled | null {
  const terms: { term: string; kind: TermKind }[] = [];
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const kind of ['include', 'exclude'] as const) {
    for (const term of lists[kind]) {
      const key = term.trim().toLowerCase();
      // A term on both lists is an include term: the first list wins, once.
      if (seen.has(key)) continue;
      const p = termPattern(term);
      if (p === null) continue;
      seen.add(key);
      terms.push({ term: term.trim(), kind });
      parts.push(`(${p})`);
    }
  }
  if (parts.length === 0) return null;
  return { regex: new RegExp(parts.join('|'), 'giu'), terms };
}

/**
 * One alternation of every term, scanned left to right: at each position the earliest match
 * wins. Alternation takes the first alternative that matches, not the longest, so at a
 * match's start every term is tried and the longest kept.
 */
export function createHighlighter(lists: TermLists): Highlighter {
  const compiled = compile(lists);
  if (!compiled) return { empty: true, segments: (text) => (text ? [{ text, kind: null }] : []) };
  const perTerm = compiled.terms.map((t) => new RegExp(termPattern(t.term)!, 'iuy'));
  return {
    empty: false,
    segments(text) {
      const out: Segment[] = [];
      const regex = new RegExp(compiled.regex.source, 'giu');
      let last = 0;
      for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        // The longest of the terms that match at this position.
        let best = -1;
        let bestLength = 0;
        for (let i = 0; i < perTerm.length; i++) {
          const r = perTerm[i]!;
          r.lastIndex = m.index;
          const hit = r.exec(text);
          if (hit && hit[0].length > bestLength) {
            best = i;
            bestLength = hit[0].length;
          }
        }
        const { term, kind } = compiled.terms[best]!;
        if (m.index > last) out.push({ text: text.slice(last, m.index), kind: null });
        out.push({ text: text.slice(m.index, m.index + bestLength), kind, term });
        last = m.index + bestLength;
        regex.lastIndex = last;
      }
      if (last < text.length) out.push({ text: text.slice(last), kind: null });
      return out;
    },
  };
}

/** How many times each kind of term occurs in the segments (shown beside the record). */
export function countMatches(segments: readonly Segment[]): { include: number; exclude: number } {
  let include = 0;
  let exclude = 0;
  for (const s of segments) {
    if (s.kind === 'include') include++;
    else if (s.kind === 'exclude') exclude++;
  }
  return { include, exclude };
}
