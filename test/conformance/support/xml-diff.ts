// Compares two .rm5 element trees attribute by attribute (issue 6 step 3). Children are
// matched by name and key (ID, STUDY_ID or GROUP_ID, then occurrence), so a reordering is not
// a difference. A numeric attribute counts as "recomputed identically" when the numbers agree
// to relative 1e-9; every other difference is reported with its kind.
import { childElements, type XmlElement } from '../../../shared/src/rm5/xml-tree.ts';
import { richToPlain } from '../../../shared/src/rm5/rich-text.ts';
import { relClose } from '../../../shared/src/rm5/compare.ts';

export interface XmlDifference {
  path: string;
  /** "ELEMENT.ATTR" or "ELEMENT" for element-level differences. */
  kind: string;
  what: 'value' | 'missing-attribute' | 'extra-attribute' | 'missing-element' | 'extra-element' | 'text';
  original?: string;
  exported?: string;
}

const key = (e: XmlElement): string => `${e.name}[${e.attrs.ID ?? ''}|${e.attrs.STUDY_ID ?? ''}|${e.attrs.GROUP_ID ?? ''}]`;

function numeric(s: string): number | null {
  if (s === 'NaN') return NaN;
  if (s === 'Infinity') return Infinity;
  if (s === '-Infinity') return -Infinity;
  return /^-?\d+(\.\d+)?(E-?\d+)?$/.test(s.trim()) ? Number(s) : null;
}

export function sameValue(a: string, b: string): boolean {
  if (a === b || a.trim() === b.trim()) return true;
  const x = numeric(a);
  const y = numeric(b);
  if (x === null || y === null) return false;
  if (Number.isNaN(x) && Number.isNaN(y)) return true;
  return relClose(x, y);
}

export function diffXml(a: XmlElement, b: XmlElement, path = a.name, out: XmlDifference[] = []): XmlDifference[] {
  for (const name of new Set([...Object.keys(a.attrs), ...Object.keys(b.attrs)])) {
    const x = a.attrs[name];
    const y = b.attrs[name];
    const kind = `${a.name}.${name}`;
    if (x === undefined) out.push({ path, kind, what: 'extra-attribute', exported: y });
    else if (y === undefined) out.push({ path, kind, what: 'missing-attribute', original: x });
    else if (!sameValue(x, y)) out.push({ path, kind, what: 'value', original: x, exported: y });
  }
  const ka = childElements(a);
  const kb = childElements(b);
  if (ka.length === 0 && kb.length === 0) {
    const ta = richToPlain(a.children);
    const tb = richToPlain(b.children);
    if (ta !== tb) out.push({ path, kind: a.name, what: 'text', original: ta.slice(0, 80), exported: tb.slice(0, 80) });
    return out;
  }
  const seen = new Map<string, number>();
  const index = (es: XmlElement[]) => {
    const m = new Map<string, XmlElement>();
    const count = new Map<string, number>();
    for (const e of es) {
      const k = key(e);
      const n = count.get(k) ?? 0;
      count.set(k, n + 1);
      m.set(`${k}#${n}`, e);
    }
    return m;
  };
  void seen;
  const ia = index(ka);
  const ib = index(kb);
  for (const [k, e] of ia) {
    const f = ib.get(k);
    if (!f) out.push({ path: `${path}/${k}`, kind: e.name, what: 'missing-element' });
    else diffXml(e, f, `${path}/${k}`, out);
  }
  for (const [k, e] of ib) if (!ia.has(k)) out.push({ path: `${path}/${k}`, kind: e.name, what: 'extra-element' });
  return out;
}

/** Differences grouped by kind, with a count and one example each. */
export function summariseDifferences(ds: readonly XmlDifference[]): Array<{ kind: string; what: string; count: number; example: XmlDifference }> {
  const m = new Map<string, { kind: string; what: string; count: number; example: XmlDifference }>();
  for (const d of ds) {
    const k = `${d.kind} ${d.what}`;
    const cur = m.get(k);
    if (cur) cur.count++;
    else m.set(k, { kind: d.kind, what: d.what, count: 1, example: d });
  }
  return [...m.values()].sort((x, y) => x.kind.localeCompare(y.kind));
}
