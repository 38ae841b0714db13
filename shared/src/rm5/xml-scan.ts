// A one-pass reader of the XML that RevMan writes, into the same ordered tree as
// parseXmlTree (xml-tree.ts), checking well-formedness as it goes. It exists for speed:
// validating with fast-xml-parser's XMLValidator and then parsing with its XMLParser read
// a 4 MB review twice and took most of `grove rm5 analyze` (issue 11's < 700 ms target).
//
// It covers the plain subset real .rm5 files use: an XML declaration, elements, attributes
// in quotes, text, the five XML entities and numeric character references. On anything
// else (comments, CDATA, a DOCTYPE, other named entities, control characters, non-ASCII
// names) or on anything malformed it returns null, and the caller takes the slower path
// (validator, then fast-xml-parser), which gives the same tree and the exact error
// message with line and column. The conformance suite checks that both paths give equal
// trees on every corpus file.

import type { XmlElement } from './xml-tree.ts';

const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;

/** XML 1.0 characters that fast-xml-parser handles in ways this reader does not copy. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
const isNameStart = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a;
const isNameChar = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;

/** Thrown inside the scan to give up; never escapes `scanXmlTree`. */
class Unsupported extends Error {}
const giveUp = (): never => {
  throw new Unsupported();
};

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the entities of a text or attribute value (`&` known to be present at `from`). */
function decode(s: string, from: number): string {
  let out = s.slice(0, from);
  let i = from;
  while (i < s.length) {
    const amp = s.indexOf('&', i);
    if (amp < 0) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, amp);
    const semi = s.indexOf(';', amp);
    if (semi < 0 || semi - amp > 12) giveUp();
    const ref = s.slice(amp + 1, semi);
    if (ref.charCodeAt(0) === 0x23) {
      const hex = ref.charCodeAt(1) === 0x78;
      const digits = ref.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) giveUp();
      const cp = parseInt(digits, hex ? 16 : 10);
      // fast-xml-parser drops references to control characters: leave those to it.
      if (!(cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) giveUp();
      out += String.fromCodePoint(cp);
    } else {
      const named = NAMED[ref];
      if (named === undefined) giveUp();
      out += named;
    }
    i = semi + 1;
  }
  return out;
}

const text = (s: string): string => {
  const amp = s.indexOf('&');
  return amp < 0 ? s : decode(s, amp);
};

/**
 * Which parts of the document to build, below the root: `true` builds the whole subtree,
 * `'attrs'` the element with its attributes but no children, an object the children it
 * names, each by its own rule (`'*'` for any name not listed). Parts left out are still
 * checked for well-formed tags but cost no objects: the typed view of a review needs its
 * analyses and its studies' attributes, a small part of a large file.
 */
export type XmlShape = true | 'attrs' | { readonly [child: string]: XmlShape };

/** The rule for a child named `name` of an element built by `shape`; undefined: not built. */
function childShape(shape: XmlShape, name: string): XmlShape | undefined {
  if (shape === true) return true;
  if (shape === 'attrs') return undefined;
  return Object.hasOwn(shape, name) ? shape[name] : shape['*'];
}

function scan(xml: string, rootShape: XmlShape): XmlElement {
  const n = xml.length;
  let i = 0;
  const readName = (): string => {
    const start = i;
    if (!isNameStart(xml.charCodeAt(i))) giveUp();
    i++;
    while (i < n && isNameChar(xml.charCodeAt(i))) i++;
    return xml.slice(start, i);
  };
  const skipSpace = () => {
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
  };

  // Prolog: an optional XML declaration, then only white space before the root.
  skipSpace();
  if (xml.startsWith('<?xml', i)) {
    const end = xml.indexOf('?>', i);
    if (end < 0) giveUp();
    const decl = xml.slice(i + 5, end);
    if (decl.includes('<') || !/^\s+version\s*=\s*["']1\.[0-9]["']/.test(decl)) giveUp();
    i = end + 2;
  }
  skipSpace();

  // Open elements; null for one inside a subtree that is not kept.
  const stack: (XmlElement | null)[] = [];
  const shapes: (XmlShape | undefined)[] = [];
  const names: string[] = [];
  const skippedAttrs: string[] = [];
  let root: XmlElement | null = null;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (stack.length === 0) {
      // Outside the root: white space only.
      const gap = lt < 0 ? xml.slice(i) : xml.slice(i, lt);
      if (gap.trim() !== '') giveUp();
      if (lt < 0) break;
      if (root) giveUp(); // a second root element
    } else if (lt < 0) giveUp(); // text after the last tag, inside an open element: truncated
    if (lt > i && stack.length > 0) {
      const parent = stack[stack.length - 1];
      if (parent && shapes[shapes.length - 1] !== 'attrs') parent.children.push(text(xml.slice(i, lt)));
    }
    i = lt + 1;
    const c = xml.charCodeAt(i);
    if (c === SLASH) {
      i++;
      const name = readName();
      skipSpace();
      if (xml.charCodeAt(i) !== GT) giveUp();
      i++;
      stack.pop();
      shapes.pop();
      if (names.pop() !== name) giveUp();
      continue;
    }
    if (!isNameStart(c)) giveUp(); // <! (comment, CDATA, DOCTYPE), <? inside, or garbage
    const name = readName();
    const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
    const parentShape = shapes.length > 0 ? shapes[shapes.length - 1] : undefined;
    const shape = parent === undefined ? rootShape : parentShape === undefined ? undefined : childShape(parentShape, name);
    // An element that is not kept costs no object: only its attribute names are remembered,
    // to refuse a repeated one as the parser would.
    const el: XmlElement | null = shape !== undefined ? { name, attrs: {}, children: [] } : null;
    skippedAttrs.length = 0;
    let selfClosing = false;
    for (;;) {
      const before = i;
      skipSpace();
      const k = xml.charCodeAt(i);
      if (k === GT) {
        i++;
        break;
      }
      if (k === SLASH) {
        if (xml.charCodeAt(i + 1) !== GT) giveUp();
        i += 2;
        selfClosing = true;
        break;
      }
      if (i === before) giveUp(); // attributes must be separated by white space
      const attr = readName();
      skipSpace();
      if (xml.charCodeAt(i) !== EQ) giveUp();
      i++;
      skipSpace();
      const q = xml.charCodeAt(i);
      if (q !== QUOT && q !== APOS) giveUp();
      const end = xml.indexOf(q === QUOT ? '"' : "'", i + 1);
      if (end < 0) giveUp();
      const markup = xml.indexOf('<', i + 1);
      if ((markup >= 0 && markup < end) || attr === '__proto__') giveUp();
      if (el) {
        if (Object.hasOwn(el.attrs, attr)) giveUp();
        el.attrs[attr] = text(xml.slice(i + 1, end));
      } else {
        if (skippedAttrs.includes(attr)) giveUp();
        skippedAttrs.push(attr);
      }
      i = end + 1;
    }
    if (parent === undefined) root = el;
    else if (el) parent?.children.push(el);
    if (!selfClosing) {
      stack.push(el);
      shapes.push(shape);
      names.push(name);
    }
  }
  if (!root || stack.length > 0) giveUp();
  return root as XmlElement;
}

/**
 * The document's root element, or null when the text is outside the subset this reader
 * handles or is not well-formed (the caller then validates and parses the slow way).
 */
export function scanXmlTree(xml: string, shape: XmlShape = true): XmlElement | null {
  // fast-xml-parser reads CR LF and CR as LF; and it handles control characters its own way.
  const normalised = xml.includes('\r') ? xml.replace(/\r\n?/g, '\n') : xml;
  if (CONTROL.test(normalised) || normalised.charCodeAt(0) === 0xfeff) return null;
  try {
    return scan(normalised, shape);
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}
