// RevMan's rich text (P, BR, LI, B, I, …) as Grove's plain text and back. Grove shows and
// edits plain text; the markup is remembered beside it so that, until someone edits the
// text, an export writes exactly what RevMan wrote.
import { el, escapeText, writeXmlElement, type XmlElement, type XmlNode } from './xml-tree.ts';

const BLOCKS = new Set(['P', 'LI', 'TR', 'H1', 'H2', 'H3', 'HEADING', 'TITLE', 'SUBSECTION']);

/** Plain text: blocks on their own lines, runs of layout whitespace collapsed. */
export function richToPlain(nodes: readonly XmlNode[]): string {
  const out: string[] = [];
  const walk = (ns: readonly XmlNode[]): void => {
    for (const n of ns) {
      if (typeof n === 'string') out.push(n.replace(/\s+/g, ' '));
      else if (n.name === 'BR') out.push('\n');
      else if (BLOCKS.has(n.name)) {
        out.push('\n');
        walk(n.children);
        out.push('\n');
      } else if (n.name === 'TD' || n.name === 'TH') {
        walk(n.children);
        out.push('\t');
      } else walk(n.children);
    }
  };
  walk(nodes);
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/g, '').replace(/^ +/, ''))
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** The children of an element as XML text. */
export function innerXml(e: XmlElement): string {
  const full = writeXmlElement({ ...e, name: 'X', attrs: {} });
  return full === '<X/>' ? '' : full.slice(3, -4);
}

/** Plain text as RevMan paragraphs (one P per line; none for empty text). */
export function plainToRich(text: string): XmlNode[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => el('P', {}, [l]));
}

export const plainToRichXml = (text: string): string =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `<P>${escapeText(l)}</P>`)
    .join('\n');
