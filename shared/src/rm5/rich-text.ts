// RevMan's rich text (P, BR, LI, B, I, …) as Grove's plain text and back. Grove shows and
// edits plain text; the markup is remembered beside it so that, until someone edits the
// text, an export writes exactly what RevMan wrote.
import { XMLValidator } from 'fast-xml-parser';
import { el, escapeText, parseXmlTree, writeXmlElement, type XmlElement, type XmlNode } from './xml-tree.ts';

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

// ---------------------------------------------------------------------------------------
// Names with inline markup (rm5-format.md §2: B, I, U, SUP, SUB inside NAME, labels …), as
// formatted runs for plots and tables. The import keeps a name's markup in a revman part
// (`markupPartKey`) beside the plain name Grove edits; an export writes the markup back
// while the plain text is unchanged.

/** One stretch of text with one style. Flags are present only when set. */
export interface RichTextRun {
  text: string;
  bold?: true;
  italic?: true;
  underline?: true;
  sup?: true;
  sub?: true;
}

type RunStyle = Omit<RichTextRun, 'text'>;

const STYLE_OF: Readonly<Record<string, keyof RunStyle>> = { B: 'bold', I: 'italic', U: 'underline', SUP: 'sup', SUB: 'sub' };

/** The revman part that holds the markup of element `element` (NAME, GROUP_LABEL_1 …) of the item with Grove id `ownerId`. */
export const markupPartKey = (ownerId: string, element: string): string => `markup:${ownerId}:${element}`;

/** The nodes of markup text (RevMan's inner XML), or null when it is not well-formed (then it is plain text). */
function markupNodes(markup: string): XmlNode[] | null {
  const wrapped = `<X>${markup}</X>`;
  if (XMLValidator.validate(wrapped) !== true) return null;
  return parseXmlTree(wrapped).children;
}

/**
 * `Vitamin D<SUB>3</SUB>` → [{text: 'Vitamin D'}, {text: '3', sub: true}]. Text that is not
 * well-formed markup (`Age < 65`) is one plain run. Layout whitespace collapses to one space;
 * blocks and line breaks become a space (a name is one line); other elements (LINK …) keep
 * their text unstyled. Adjacent runs of the same style are merged.
 */
export function richTextRuns(markup: string): RichTextRun[] {
  const nodes = markupNodes(markup);
  const raw: RichTextRun[] = [];
  const walk = (ns: readonly XmlNode[], style: RunStyle): void => {
    for (const n of ns) {
      if (typeof n === 'string') raw.push({ ...style, text: n.replace(/\s+/g, ' ') });
      else if (n.name === 'BR' || BLOCKS.has(n.name)) {
        raw.push({ ...style, text: ' ' });
        walk(n.children, style);
        if (n.name !== 'BR') raw.push({ ...style, text: ' ' });
      } else {
        const flag = STYLE_OF[n.name];
        walk(n.children, flag ? { ...style, [flag]: true } : style);
      }
    }
  };
  if (nodes === null) raw.push({ text: markup.replace(/\s+/g, ' ') });
  else walk(nodes, {});
  const runs: RichTextRun[] = [];
  const sameStyle = (a: RichTextRun, b: RichTextRun): boolean =>
    a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.sup === b.sup && a.sub === b.sub;
  for (const r of raw) {
    const last = runs[runs.length - 1];
    if (last && sameStyle(last, r)) last.text += r.text;
    else runs.push({ ...r });
  }
  // Collapse spaces across run boundaries and trim the ends, dropping runs left empty.
  let prevSpace = true;
  for (const r of runs) {
    r.text = r.text.replace(/ {2,}/g, ' ');
    if (prevSpace && r.text.startsWith(' ')) r.text = r.text.slice(1);
    if (r.text !== '') prevSpace = r.text.endsWith(' ');
  }
  for (let i = runs.length - 1; i >= 0; i--) {
    const r = runs[i] as RichTextRun;
    r.text = r.text.replace(/ +$/, '');
    if (r.text !== '') break;
  }
  return runs.filter((r) => r.text !== '');
}

/** The text of markup without its formatting: `Vitamin D<SUB>3</SUB>` → `Vitamin D3`. */
export function plainText(markup: string): string {
  return richTextRuns(markup)
    .map((r) => r.text)
    .join('');
}
