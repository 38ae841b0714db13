// A small ordered XML tree for .rm5 files: read with fast-xml-parser (preserveOrder, so mixed
// rich text like <P>a <B>b</B> c</P> keeps its order) and written the way desktop RevMan
// writes (attributes in alphabetical order, one element per line, no indentation), as
// ISO-8859-1 text with every character above U+00FF as a numeric reference (rm5-format.md §1, §10).
import { XMLParser } from 'fast-xml-parser';
import { xmlSafeText } from '../export/safe-text.ts';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const treeParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
});

type Raw = Record<string, unknown>;

function convert(raw: Raw[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of raw) {
    for (const key of Object.keys(node)) {
      if (key === ':@') continue;
      if (key === '#text') {
        out.push(String(node[key]));
        continue;
      }
      if (key.startsWith('?') || key.startsWith('#')) continue;
      const attrs = { ...((node[':@'] as Record<string, string> | undefined) ?? {}) };
      out.push({ name: key, attrs, children: convert((node[key] as Raw[]) ?? []) });
    }
  }
  return out;
}

/** The root element of a well-formed document (validate first: see parse.ts). */
export function parseXmlTree(xml: string): XmlElement {
  const nodes = convert(treeParser.parse(xml) as Raw[]);
  const root = nodes.find((n): n is XmlElement => typeof n !== 'string');
  if (!root) throw new Error('no root element');
  return root;
}

export const isElement = (n: XmlNode | undefined): n is XmlElement => typeof n === 'object' && n !== null;

export function el(name: string, attrs: Record<string, string | undefined> = {}, children: XmlNode[] = []): XmlElement {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) a[k] = v;
  return { name, attrs: a, children };
}

export function childElements(e: XmlElement | undefined, name?: string): XmlElement[] {
  if (!e) return [];
  return e.children.filter((c): c is XmlElement => isElement(c) && (name === undefined || c.name === name));
}

export function firstChild(e: XmlElement | undefined, name: string): XmlElement | undefined {
  return e?.children.find((c): c is XmlElement => isElement(c) && c.name === name);
}

/** Follows a path of child names. */
export function descend(e: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let cur = e;
  for (const p of path) cur = firstChild(cur, p);
  return cur;
}

// --- writing -------------------------------------------------------------------------

function escapeChars(s: string, attr: boolean): string {
  let out = '';
  // Characters XML forbids are dropped (export/safe-text.ts), so Grove re-imports its own export.
  for (const ch of xmlSafeText(s)) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (attr && ch === '"') out += '&quot;';
    else if (attr && (ch === '\n' || ch === '\r' || ch === '\t')) out += `&#${cp};`;
    else if (cp > 0xff) out += `&#${cp};`;
    else out += ch;
  }
  return out;
}

export const escapeText = (s: string): string => escapeChars(s, false);
export const escapeAttr = (s: string): string => escapeChars(s, true);

function openTag(e: XmlElement): string {
  const names = Object.keys(e.attrs).sort();
  return `<${e.name}${names.map((n) => ` ${n}="${escapeAttr(e.attrs[n] as string)}"`).join('')}`;
}

/** Rich (mixed) content is written as it was; element-only content one child per line. */
function isMixed(e: XmlElement): boolean {
  return e.children.some((c) => typeof c === 'string' && (c.trim() !== '' || !/[\r\n]/.test(c)));
}

function write(e: XmlElement, out: string[]): void {
  const kids = e.children.filter((c) => !(typeof c === 'string' && c.trim() === '' && /[\r\n]/.test(c)));
  if (kids.length === 0) {
    out.push(`${openTag(e)}/>`);
    return;
  }
  out.push(`${openTag(e)}>`);
  if (isMixed(e)) {
    for (const c of kids) {
      if (typeof c === 'string') out.push(escapeText(c));
      else write(c, out);
    }
  } else {
    out.push('\n');
    for (const c of kids) {
      if (typeof c === 'string') continue;
      write(c, out);
      out.push('\n');
    }
  }
  out.push(`</${e.name}>`);
}

/** One element and its subtree as XML text. */
export function writeXmlElement(e: XmlElement): string {
  const out: string[] = [];
  write(e, out);
  return out.join('');
}

/** A whole document, with the declaration desktop RevMan writes. */
export function writeXmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" standalone="no"?>\n${writeXmlElement(root)}\n`;
}

/** The document text as ISO-8859-1 bytes (every character above U+00FF is already a reference). */
export function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}
