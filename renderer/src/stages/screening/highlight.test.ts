import { describe, expect, it } from 'vitest';
import { countMatches, createHighlighter, termPattern } from './highlight.ts';

const marked = (text: string, include: string[], exclude: string[] = []) =>
  createHighlighter({ include, exclude })
    .segments(text)
    .map((s) => (s.kind === null ? s.text : `[${s.kind === 'include' ? '+' : '-'}${s.text}]`))
    .join('');

describe('term highlighting', () => {
  it('marks whole words only, case-insensitively', () => {
    expect(marked('Peer support and peers; PEER group', ['peer'])).toBe('[+Peer] support and peers; [+PEER] group');
  });

  it('keeps the text intact: the segments join back to it', () => {
    const text = 'A randomised trial <b>of</b> peer-support & "rats" in 2019.';
    const segs = createHighlighter({ include: ['random*', 'peer support'], exclude: ['rats'] }).segments(text);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.kind !== null).map((s) => s.text)).toEqual(['randomised', 'peer-support', 'rats']);
  });

  it('matches a trailing wildcard against any word ending, and a phrase across hyphens and spaces', () => {
    expect(marked('Randomized, randomly, random.', ['random*'])).toBe('[+Randomized], [+randomly], [+random].');
    expect(marked('peer-support, peer  support, peer–support', ['peer support'])).toBe(
      '[+peer-support], [+peer  support], [+peer–support]',
    );
  });

  it('prefers the longer of two terms starting at the same place, and never overlaps', () => {
    expect(marked('a mental health service', ['mental'], ['mental health'])).toBe('a [-mental health] service');
    expect(marked('mental health service', ['health service'], ['mental health'])).toBe('[-mental health] service');
  });

  it('treats regex characters in terms literally', () => {
    expect(marked('C++ and C+ and (n=12)', ['c++', '(n=12)'])).toBe('[+C++] and C+ and [+(n=12)]');
  });

  it('gives a term on both lists to the include list once, and ignores empty terms', () => {
    expect(marked('trial of rats', ['trial', ' ', '*'], ['Trial', 'rats'])).toBe('[+trial] of [-rats]');
  });

  it('matches letters beyond ASCII as word characters', () => {
    expect(marked('Études sur l’étude, études', ['étude'])).toBe('Études sur l’[+étude], études');
  });

  it('returns the text as one plain segment without terms', () => {
    const h = createHighlighter({ include: [], exclude: [] });
    expect(h.empty).toBe(true);
    expect(h.segments('some text')).toEqual([{ text: 'some text', kind: null }]);
    expect(h.segments('')).toEqual([]);
  });

  it('counts the matches of each kind', () => {
    const segs = createHighlighter({ include: ['peer'], exclude: ['rat*'] }).segments('peer rats and peer rat-models');
    expect(countMatches(segs)).toEqual({ include: 2, exclude: 2 });
  });

  it('builds no pattern for a term without words', () => {
    expect(termPattern('  ')).toBeNull();
    expect(termPattern('**')).toBeNull();
  });
});
