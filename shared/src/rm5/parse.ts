// Pure parser of .rm5 XML text into typed studies and analyses (rm5-format.md). Uses a real
// XML parser (fast-xml-parser): files may be one line, CRLF, pretty-printed with one
// attribute per line, and data rows may contain FOOTNOTE children (§1, §9.1).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseJavaDouble, parseYesNo } from './numbers.ts';
import { parseXmlTree, type XmlElement } from './xml-tree.ts';
import { scanXmlTree, type XmlShape } from './xml-scan.ts';
import type {
  Rm5Comparison,
  Rm5DataRow,
  Rm5Outcome,
  Rm5OutcomeKind,
  Rm5OutcomeSettings,
  Rm5Review,
  Rm5StoredPooled,
  Rm5StoredRow,
  Rm5Study,
  Rm5Subgroup,
} from './types.ts';

type XmlNode = Record<string, unknown>;

const KINDS: readonly Rm5OutcomeKind[] = ['DICH', 'CONT', 'IV', 'IPD', 'OTHER'];

const REPEATED = new Set<string>(['COMPARISON', 'STUDY', ...KINDS.flatMap((k) => [`${k}_OUTCOME`, `${k}_SUBGROUP`, `${k}_DATA`])]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Numeric character references (&#8220;) appear even in UTF-8 files (§1).
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
});

function attrs(node: unknown): Record<string, string> {
  if (node && typeof node === 'object' && '@' in node) return (node as { '@': Record<string, string> })['@'];
  return {};
}

function child(node: unknown, name: string): unknown {
  if (node && typeof node === 'object') return (node as XmlNode)[name];
  return undefined;
}

function children(node: unknown, name: string): unknown[] {
  const c = child(node, name);
  return Array.isArray(c) ? c : c === undefined ? [] : [c];
}

/** All text inside an element, concatenated (inline markup like <B> is flattened). */
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(' ');
  if (typeof node === 'object') {
    return Object.entries(node as XmlNode)
      .filter(([k]) => k !== '@')
      .map(([, v]) => textOf(v))
      .filter((s) => s !== '')
      .join(' ');
  }
  return '';
}

function optionalText(node: unknown): string | null {
  if (node === undefined) return null;
  return textOf(node).trim();
}

const num = (a: Record<string, string>, key: string): number | null => parseJavaDouble(a[key]);

function storedPooled(a: Record<string, string>): Rm5StoredPooled {
  return {
    estimable: parseYesNo(a.ESTIMABLE),
    effectSize: num(a, 'EFFECT_SIZE'),
    ciStart: num(a, 'CI_START'),
    ciEnd: num(a, 'CI_END'),
    logEffectSize: num(a, 'LOG_EFFECT_SIZE'),
    logCiStart: num(a, 'LOG_CI_START'),
    logCiEnd: num(a, 'LOG_CI_END'),
    z: num(a, 'Z'),
    pZ: num(a, 'P_Z'),
    chi2: num(a, 'CHI2'),
    df: num(a, 'DF'),
    pChi2: num(a, 'P_CHI2'),
    i2: num(a, 'I2'),
    tau2: num(a, 'TAU2'),
    weight: num(a, 'WEIGHT'),
    total1: num(a, 'TOTAL_1'),
    total2: num(a, 'TOTAL_2'),
    events1: num(a, 'EVENTS_1'),
    events2: num(a, 'EVENTS_2'),
  };
}

function storedRow(a: Record<string, string>): Rm5StoredRow {
  return {
    estimable: parseYesNo(a.ESTIMABLE),
    effectSize: num(a, 'EFFECT_SIZE'),
    ciStart: num(a, 'CI_START'),
    ciEnd: num(a, 'CI_END'),
    se: num(a, 'SE'),
    weight: num(a, 'WEIGHT'),
    logEffectSize: num(a, 'LOG_EFFECT_SIZE'),
    logCiStart: num(a, 'LOG_CI_START'),
    logCiEnd: num(a, 'LOG_CI_END'),
    variance: num(a, 'VAR'),
    oMinusE: num(a, 'O_E'),
  };
}

function parseRow(kind: Rm5OutcomeKind, node: unknown): Rm5DataRow {
  const a = attrs(node);
  const footnote = optionalText(child(node, 'FOOTNOTE'));
  const base = { studyId: a.STUDY_ID ?? '', order: num(a, 'ORDER'), footnote, stored: storedRow(a) };
  switch (kind) {
    case 'DICH':
      return {
        ...base,
        kind,
        events1: num(a, 'EVENTS_1'),
        total1: num(a, 'TOTAL_1'),
        events2: num(a, 'EVENTS_2'),
        total2: num(a, 'TOTAL_2'),
      };
    case 'CONT':
      return {
        ...base,
        kind,
        mean1: num(a, 'MEAN_1'),
        sd1: num(a, 'SD_1'),
        total1: num(a, 'TOTAL_1'),
        mean2: num(a, 'MEAN_2'),
        sd2: num(a, 'SD_2'),
        total2: num(a, 'TOTAL_2'),
      };
    case 'IV':
      return { ...base, kind, estimate: num(a, 'ESTIMATE'), se: num(a, 'SE'), total1: num(a, 'TOTAL_1'), total2: num(a, 'TOTAL_2') };
    case 'IPD':
      return { ...base, kind, oMinusE: num(a, 'O_E'), variance: num(a, 'VAR') };
    case 'OTHER':
      return { ...base, kind, attributes: { ...a } };
  }
}

function parseSettings(kind: Rm5OutcomeKind, node: unknown): Rm5OutcomeSettings {
  const a = attrs(node);
  const totals = (a.TOTALS ?? 'YES').trim().toUpperCase();
  // IV outcomes name their measure in a child element with free text (§6).
  const measure = a.EFFECT_MEASURE ?? optionalText(child(node, 'EFFECT_MEASURE'));
  return {
    effectMeasure: measure === undefined ? null : measure,
    method: a.METHOD ?? null,
    random: parseYesNo(a.RANDOM) ?? false,
    ciStudy: num(a, 'CI_STUDY') ?? 95,
    ciTotal: num(a, 'CI_TOTAL') ?? 95,
    totals: totals === 'SUB' || totals === 'NO' ? totals : 'YES',
    subgroups: parseYesNo(a.SUBGROUPS) ?? false,
    subgroupTest: parseYesNo(a.SUBGROUP_TEST) ?? false,
    swapEvents: parseYesNo(a.SWAP_EVENTS) ?? false,
    logData: kind === 'IV' ? (parseYesNo(a.LOG_DATA) ?? false) : false,
    sortBy: a.SORT_BY ?? null,
    studies: num(a, 'STUDIES'),
    units: a.UNITS ?? null,
  };
}

function parseOutcome(kind: Rm5OutcomeKind, node: unknown): Rm5Outcome {
  const a = attrs(node);
  const subgroups: Rm5Subgroup[] = children(node, `${kind}_SUBGROUP`).map((s) => {
    const sa = attrs(s);
    return {
      id: sa.ID ?? '',
      no: num(sa, 'NO'),
      name: textOf(child(s, 'NAME')).trim(),
      stored: storedPooled(sa),
      rows: children(s, `${kind}_DATA`).map((r) => parseRow(kind, r)),
    };
  });
  return {
    kind,
    id: a.ID ?? '',
    no: num(a, 'NO'),
    name: textOf(child(node, 'NAME')).trim(),
    groupLabel1: optionalText(child(node, 'GROUP_LABEL_1')),
    groupLabel2: optionalText(child(node, 'GROUP_LABEL_2')),
    graphLabel1: optionalText(child(node, 'GRAPH_LABEL_1')),
    graphLabel2: optionalText(child(node, 'GRAPH_LABEL_2')),
    settings: parseSettings(kind, node),
    stored: { ...storedPooled(a), q: num(a, 'Q'), pQ: num(a, 'P_Q'), i2Q: num(a, 'I2_Q') },
    subgroups,
    rows: children(node, `${kind}_DATA`).map((r) => parseRow(kind, r)),
  };
}

function parseComparison(node: unknown): Rm5Comparison {
  const a = attrs(node);
  const outcomes = KINDS.flatMap((kind) => children(node, `${kind}_OUTCOME`).map((o) => parseOutcome(kind, o)));
  outcomes.sort((x, y) => (x.no ?? 0) - (y.no ?? 0));
  return { id: a.ID ?? '', no: num(a, 'NO'), name: textOf(child(node, 'NAME')).trim(), outcomes };
}

function parseStudies(root: unknown): Rm5Study[] {
  const studiesNode = child(child(root, 'STUDIES_AND_REFERENCES'), 'STUDIES');
  const out: Rm5Study[] = [];
  for (const section of ['INCLUDED_STUDIES', 'EXCLUDED_STUDIES', 'AWAITING_STUDIES', 'ONGOING_STUDIES']) {
    for (const s of children(child(studiesNode, section), 'STUDY')) {
      const a = attrs(s);
      out.push({ id: a.ID ?? '', name: a.NAME ?? a.ID ?? '', year: a.YEAR ?? null, dataSource: a.DATA_SOURCE ?? null });
    }
  }
  return out;
}

export class Rm5ParseError extends Error {
  override name = 'Rm5ParseError';
  constructor(
    message: string,
    /** 1-based line of the problem in the XML text, when known. */
    readonly line: number | null = null,
  ) {
    super(message);
  }
}

/**
 * Rejects text that is not a well-formed XML document before parsing: fast-xml-parser's
 * parser alone accepts a truncated file (it closes what is open), which would import half
 * a review without a word. The validator names the line and column of the first problem.
 */
function looksLikeXml(xml: string): boolean {
  return xml
    .slice(0, 200)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('<');
}

function assertWellFormed(xml: string): void {
  if (!looksLikeXml(xml)) {
    throw new Rm5ParseError('not an .rm5 file: it does not start with an XML declaration or element (is it a text file renamed .rm5?)', 1);
  }
  const result = XMLValidator.validate(xml);
  if (result !== true) {
    const { msg, line, col } = result.err;
    throw new Rm5ParseError(`not well-formed XML at line ${line}, column ${col}: ${msg}`, line);
  }
}

/** Parses the XML text of an .rm5 file (decode bytes first with decodeRm5Bytes). */
export function parseRm5(xml: string): Rm5Review {
  assertWellFormed(xml);
  let doc: XmlNode;
  try {
    doc = parser.parse(xml) as XmlNode;
  } catch (e) {
    throw new Rm5ParseError(`not well-formed XML: ${(e as Error).message}`);
  }
  const root = doc.COCHRANE_REVIEW;
  if (root === undefined) throw new Rm5ParseError('not an .rm5 file: no COCHRANE_REVIEW root element');
  return reviewOf(root);
}

/**
 * The ordered tree (xml-tree.ts) as the object shape the functions above read: attributes
 * under '@', direct text trimmed and joined, children by name (arrays for REPEATED). Only
 * the parts parseRm5 reads are converted, so that one parse serves both the typed view and
 * the import (bench/rm5.bench.ts: parsing a 4 MB file twice cost the memory target).
 */
function objectOf(e: XmlElement): unknown {
  const elements = e.children.filter((c): c is XmlElement => typeof c !== 'string');
  const text = e.children
    .filter((c): c is string => typeof c === 'string')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .join(' ');
  const hasAttrs = Object.keys(e.attrs).length > 0;
  if (elements.length === 0 && !hasAttrs) return text;
  const out: XmlNode = {};
  if (hasAttrs) out['@'] = e.attrs;
  if (text !== '') out['#text'] = text;
  // Arrays grow in place (objectOf never returns an array, so an array here is one made below):
  // copying it per element made a section with hundreds of STUDY elements quadratic.
  for (const c of elements) {
    const v = objectOf(c);
    const prev = out[c.name];
    if (prev === undefined) out[c.name] = REPEATED.has(c.name) ? [v] : v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[c.name] = [prev, v];
  }
  return out;
}

const TREE_PARTS = ['COVER_SHEET', 'STUDIES_AND_REFERENCES', 'ANALYSES_AND_DATA'];

/** The typed view of an already parsed tree (parseRm5Document parses once for both). */
export function parseRm5Tree(root: XmlElement): Rm5Review {
  if (root.name !== 'COCHRANE_REVIEW') throw new Rm5ParseError('not an .rm5 file: no COCHRANE_REVIEW root element');
  const obj: XmlNode = { '@': root.attrs };
  for (const c of root.children) {
    if (typeof c === 'string' || !TREE_PARTS.includes(c.name)) continue;
    if (c.name === 'STUDIES_AND_REFERENCES') {
      // Only STUDIES is read; references and the rest stay unconverted.
      const studies = c.children.find((x): x is XmlElement => typeof x !== 'string' && x.name === 'STUDIES');
      obj[c.name] = studies ? { STUDIES: objectOf(studies) } : {};
    } else obj[c.name] = objectOf(c);
  }
  return reviewOf(obj);
}

/** The parts of the tree reviewOf reads: the cover sheet, the studies' attributes, the analyses. */
const REVIEW_SHAPE: XmlShape = {
  COVER_SHEET: true,
  STUDIES_AND_REFERENCES: { STUDIES: { '*': { STUDY: 'attrs' } } },
  ANALYSES_AND_DATA: true,
};

/**
 * Only the typed view (what `grove rm5 analyze` needs): the parts it reads are built, the
 * rest (text, references, characteristics) only checked, which leaves a fraction of the work
 * on a large review. The same checks and messages as parseRm5Document.
 */
export function parseRm5Review(xml: string): Rm5Review {
  const scanned = looksLikeXml(xml) ? scanXmlTree(xml, REVIEW_SHAPE) : null;
  return scanned ? parseRm5Tree(scanned) : parseRm5Document(xml).review;
}

/** Checks, parses once, and returns both the ordered tree (for the import) and the typed view. */
export function parseRm5Document(xml: string): { tree: XmlElement; review: Rm5Review } {
  // The one-pass reader covers what RevMan writes; anything else (and every malformed
  // file, for its message with line and column) goes through validator and parser.
  const scanned = looksLikeXml(xml) ? scanXmlTree(xml) : null;
  if (scanned) return { tree: scanned, review: parseRm5Tree(scanned) };
  assertWellFormed(xml);
  let tree: XmlElement;
  try {
    tree = parseXmlTree(xml);
  } catch (e) {
    throw new Rm5ParseError(`not well-formed XML: ${(e as Error).message}`);
  }
  return { tree, review: parseRm5Tree(tree) };
}

function reviewOf(root: unknown): Rm5Review {
  const a = attrs(root);
  const analyses = child(root, 'ANALYSES_AND_DATA');
  return {
    revmanVersion: a.REVMAN_VERSION ?? null,
    revmanSubVersion: a.REVMAN_SUB_VERSION?.trim() ?? null,
    id: a.ID ?? null,
    doi: a.DOI ?? null,
    title: optionalText(child(child(root, 'COVER_SHEET'), 'TITLE')),
    calculatedData: parseYesNo(attrs(analyses).CALCULATED_DATA),
    studies: parseStudies(root),
    comparisons: children(analyses, 'COMPARISON').map(parseComparison),
  };
}
