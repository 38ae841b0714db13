// A Grove review document as a RevMan 5 file (issue 6 step 3): the skeleton RevMan writes,
// studies and references, characteristics, risk of bias, and comparisons with every data row
// and all computed attributes (recomputed here with RevMan's methods). A review that came
// from an .rm5 file is written back from what the import kept (verbatim sections, attributes,
// rich-text markup of unedited text); a review made in Grove gets RevMan-style ids.
import type { ReviewDocument } from '../model/review-document.ts';
import { ROB1_DOMAINS, type Rob1DomainId } from '../rob/rob1-domains.ts';
import type { Rob1GroupableDomainEntry } from '../rob/rob1-assessment.ts';
import { analyze } from '../stats/analyze.ts';
import type { AnalysisResult, PooledResult } from '../stats/types.ts';
import type { RevmanSection } from './document-section.ts';
import { rm5StudyId, uniqueRm5Id, qualityItemId, qualityGroupId } from './ids.ts';
import { javaDoubleToString } from './java-double.ts';
import { markupPartKey, plainToRich, richToPlain } from './rich-text.ts';
import { sectionOutcomes, type SectionOutcome } from './section-outcomes.ts';
import { rm5OutcomeToAnalysisInput } from './to-analysis-input.ts';
import { CHAR_TABLES, STUDY_SECTIONS, charFieldId, ROW_INPUTS } from './to-review-document.ts';
import { childElements, el, parseXmlTree, type XmlElement, type XmlNode } from './xml-tree.ts';

const D = javaDoubleToString;
const yn = (b: boolean): string => (b ? 'YES' : 'NO');

function fragment(xml: string): XmlNode[] {
  if (xml.trim() === '') return [];
  return parseXmlTree(`<X>${xml}</X>`).children;
}
const element = (xml: string): XmlElement | null => {
  const f = fragment(xml).find((n): n is XmlElement => typeof n !== 'string');
  return f ?? null;
};

const DEFAULT_TOP = [
  'COVER_SHEET', 'MAIN_TEXT', 'STUDIES_AND_REFERENCES', 'CHARACTERISTICS_OF_STUDIES', 'QUALITY_ITEMS', 'SOF_TABLES',
  'ADDITIONAL_TABLES', 'ANALYSES_AND_DATA', 'FIGURES', 'FEEDBACK', 'APPENDICES', 'EXTENSIONS',
];

/** RevMan's empty skeleton for the parts Grove does not write (after Fleiss1993.rm5). */
function skeleton(name: string, title: string): XmlElement {
  const e = (n: string, ...kids: XmlNode[]) => el(n, {}, kids);
  switch (name) {
    case 'COVER_SHEET':
      return e('COVER_SHEET', e('TITLE', title), e('CONTACT', e('PERSON', el('FIRST_NAME'), el('LAST_NAME'))), e('CREATORS'), e('DATES', e('UP_TO_DATE', e('DATE')), e('LAST_SEARCH', e('DATE')), e('NEXT_STAGE', e('DATE'))), e('WHATS_NEW'), e('HISTORY'), e('SOURCES_OF_SUPPORT', e('INTERNAL_SOURCES'), e('EXTERNAL_SOURCES')), e('MESH_TERMS'), e('KEYWORDS'));
    case 'MAIN_TEXT':
      return e('MAIN_TEXT', e('SUMMARY', e('SUMMARY_TITLE'), e('SUMMARY_BODY')), e('ABSTRACT', e('ABS_BACKGROUND'), e('ABS_OBJECTIVES'), e('ABS_SEARCH_STRATEGY'), e('ABS_SELECTION_CRITERIA'), e('ABS_DATA_COLLECTION'), e('ABS_RESULTS'), e('ABS_CONCLUSIONS')), e('BODY'), e('ACKNOWLEDGEMENTS'), e('CONTRIBUTIONS'), e('CONFLICT_OF_INTEREST'), e('PRO_REV_DIFF'), e('PUBLIC_NOTES'));
    default:
      return el(name);
  }
}

function numAttr(a: Record<string, string>, key: string, v: number | null | undefined, integer = false): void {
  if (v === null || v === undefined) return;
  a[key] = integer && Number.isInteger(v) ? String(v) : D(v);
}

/** Computed attributes of an outcome or subgroup, as RevMan writes them. */
/** Outcome kinds whose computed attributes include base-10 logs (O−E ones are ratios too [inferred]). */
const HAS_LOG = new Set(['DICH', 'IV', 'IPD']);

function pooledAttrs(kind: string, random: boolean, r: PooledResult | null, sums: { t1: number; t2: number; e1: number; e2: number; k: number; weight: number }): Record<string, string> {
  const a: Record<string, string> = {};
  const hasLog = HAS_LOG.has(kind);
  if (r && r.estimable) {
    a.EFFECT_SIZE = D(r.estimate);
    a.CI_START = D(r.ciLower);
    a.CI_END = D(r.ciUpper);
    a.Z = D(Math.abs(r.z));
    a.P_Z = D(r.p);
    a.CHI2 = D(r.q);
    a.DF = String(r.df);
    a.P_CHI2 = D(r.pQ);
    a.I2 = D(r.i2);
    a.TAU2 = D(r.tau2);
    a.ESTIMABLE = 'YES';
    if (hasLog) {
      a.LOG_EFFECT_SIZE = D(Math.log10(r.estimate));
      a.LOG_CI_START = D(Math.log10(r.ciLower));
      a.LOG_CI_END = D(Math.log10(r.ciUpper));
    }
  } else {
    // RevMan's convention for a wholly non-estimable total: zeros, and τ² undefined under random effects.
    Object.assign(a, { EFFECT_SIZE: '0.0', CI_START: '0.0', CI_END: '0.0', Z: '0.0', P_Z: '0.0', CHI2: '0.0', DF: '0', P_CHI2: '0.0', I2: '0.0', TAU2: random ? 'NaN' : '0.0', ESTIMABLE: 'NO' });
    if (hasLog) Object.assign(a, { LOG_EFFECT_SIZE: '-Infinity', LOG_CI_START: '-Infinity', LOG_CI_END: '-Infinity' });
  }
  a.WEIGHT = D(sums.weight);
  a.STUDIES = String(sums.k);
  a.TOTAL_1 = String(sums.t1);
  a.TOTAL_2 = String(sums.t2);
  if (kind === 'DICH') {
    a.EVENTS_1 = String(sums.e1);
    a.EVENTS_2 = String(sums.e2);
  }
  return a;
}

function rowAttrs(kind: string, logData: boolean, r: AnalysisResult['rows'][number] | undefined, peto: { oMinusE: number; v: number } | null): Record<string, string> {
  const a: Record<string, string> = {};
  const hasLog = HAS_LOG.has(kind);
  if (r && r.estimable && r.estimate !== null && r.ciLower !== null && r.ciUpper !== null && r.se !== null) {
    a.ESTIMABLE = 'YES';
    a.EFFECT_SIZE = D(r.estimate);
    a.CI_START = D(r.ciLower);
    a.CI_END = D(r.ciUpper);
    if (kind !== 'IV') a.SE = D(r.se);
    a.WEIGHT = D(r.weight);
    if (hasLog) {
      const log = kind !== 'IV' || logData;
      a.LOG_EFFECT_SIZE = log ? D(Math.log10(r.estimate)) : '0.0';
      a.LOG_CI_START = log ? D(Math.log10(r.ciLower)) : '0.0';
      a.LOG_CI_END = log ? D(Math.log10(r.ciUpper)) : '0.0';
    }
    if (kind === 'DICH') {
      a.VAR = D(peto ? peto.v : r.se * r.se);
      a.O_E = D(peto ? peto.oMinusE : 0);
    }
  } else {
    Object.assign(a, { ESTIMABLE: 'NO', EFFECT_SIZE: '0.0', CI_START: '0.0', CI_END: '0.0', WEIGHT: '0.0' });
    if (kind !== 'IV') a.SE = '0.0';
    if (hasLog) Object.assign(a, { LOG_EFFECT_SIZE: '0.0', LOG_CI_START: '0.0', LOG_CI_END: '0.0' });
    if (kind === 'DICH') Object.assign(a, { VAR: '0.0', O_E: '0.0' });
  }
  return a;
}

/** Peto's O−E and hypergeometric variance of a 2×2 table (RevMan stores them on Peto rows). */
function petoOf(e1: number, n1: number, e2: number, n2: number): { oMinusE: number; v: number } | null {
  const n = n1 + n2;
  const m = e1 + e2;
  if (n < 2) return null;
  const v = (m * (n - m) * n1 * n2) / (n * n * (n - 1));
  return v > 0 ? { oMinusE: e1 - (m * n1) / n, v } : null;
}

/** A name element (NAME, GROUP_LABEL_1 …) of item `ownerId`: its kept markup while the plain text is unchanged, else the plain text. */
type NamedElement = (tag: string, ownerId: string, plain: string) => XmlElement;

function outcomeElement(section: RevmanSection, o: SectionOutcome, studies: ReadonlyMap<string, string>, rm5Studies: Parameters<typeof rm5OutcomeToAnalysisInput>[1], named: NamedElement): XmlElement {
  const a = o.analysis;
  const kind = a.kind;
  const conv = rm5OutcomeToAnalysisInput(o.outcome, rm5Studies);
  const result = conv.ok ? analyze(conv.input) : null;
  const attrs: Record<string, string> = { ...a.attributes, ID: a.rm5Id };
  numAttr(attrs, 'NO', a.no, true);
  if (kind !== 'IV' && a.effectMeasure !== null) attrs.EFFECT_MEASURE = a.effectMeasure;
  if (a.method !== null) attrs.METHOD = a.method;
  attrs.RANDOM = yn(a.random);
  attrs.CI_STUDY = String(a.ciStudy);
  attrs.CI_TOTAL = String(a.ciTotal);
  attrs.TOTALS = a.totals;
  attrs.SUBGROUPS = yn(a.subgroups);
  attrs.SUBGROUP_TEST = yn(a.subgroupTest);
  if (kind === 'DICH') attrs.SWAP_EVENTS = yn(a.swapEvents);
  if (kind === 'IV') attrs.LOG_DATA = yn(a.logData);
  if (a.sortBy !== null) attrs.SORT_BY = a.sortBy;
  if (a.units !== null) attrs.UNITS = a.units;
  numAttr(attrs, 'SCALE', a.scale);
  if (a.showParticipants !== null) attrs.SHOW_PARTICIPANTS = yn(a.showParticipants);

  const sum = (rows: typeof o.rows, weightOf: (i: number) => number) => ({
    t1: rows.reduce((s, r) => s + (r.total1 ?? 0), 0),
    t2: rows.reduce((s, r) => s + (r.total2 ?? 0), 0),
    e1: rows.reduce((s, r) => s + (r.events1 ?? 0), 0),
    e2: rows.reduce((s, r) => s + (r.events2 ?? 0), 0),
    // STUDIES counts studies, not rows: a split multi-arm trial is one study.
    k: new Set(rows.map((r) => r.studyId)).size,
    weight: rows.reduce((s, _r, i) => s + weightOf(i), 0),
  });
  const rowIndex = new Map(o.rows.map((r, i) => [r.id, i]));
  const weight = (id: string): number => result?.rows[rowIndex.get(id) ?? -1]?.weight ?? 0;
  const overall = result?.overall ?? null;
  Object.assign(attrs, pooledAttrs(kind, a.random, overall, sum(o.rows, (i) => weight(o.rows[i]!.id))));
  if (!result?.overall && result) {
    // Subtotals only: RevMan still writes outcome totals, with weight 100 × subgroups.
    Object.assign(attrs, pooledAttrs(kind, a.random, null, sum(o.rows, (i) => weight(o.rows[i]!.id))));
  }
  const d = result?.subgroupDifferences ?? null;
  if (sgsOf(section, a.id).length > 0 || attrs.Q === undefined) {
    attrs.Q = D(d ? d.q : 0);
    attrs.P_Q = D(d ? d.p : overall && overall.estimable ? 1 : 0);
    attrs.I2_Q = D(d ? d.i2 : 0);
  } else {
    Object.assign(attrs, { Q: a.attributes.Q, P_Q: a.attributes.P_Q ?? attrs.P_Q, I2_Q: a.attributes.I2_Q ?? attrs.I2_Q });
  }

  const dataEl = (r: (typeof o.rows)[number]): XmlElement => {
    const i = rowIndex.get(r.id) ?? -1;
    const ra: Record<string, string> = { ...r.attributes, STUDY_ID: studies.get(r.studyId) ?? r.studyId };
    numAttr(ra, 'ORDER', r.order, true);
    const inputs: Record<string, number | null> = {
      EVENTS_1: r.events1, TOTAL_1: r.total1, EVENTS_2: r.events2, TOTAL_2: r.total2, MEAN_1: r.mean1, SD_1: r.sd1, MEAN_2: r.mean2, SD_2: r.sd2,
      ESTIMATE: r.estimate, SE: r.se, O_E: r.oMinusE, VAR: r.variance,
    };
    for (const k of ROW_INPUTS[kind] ?? []) numAttr(ra, k, inputs[k], k.startsWith('EVENTS') || k.startsWith('TOTAL'));
    // O−E rows: O_E and VAR are the inputs (written above); the rest is computed.
    if (kind !== 'OTHER') {
      const isPeto = kind === 'DICH' && (a.method === 'PETO' || a.effectMeasure === 'PETO_OR');
      const peto = isPeto ? petoOf(r.events1 ?? 0, r.total1 ?? 0, r.events2 ?? 0, r.total2 ?? 0) : null;
      Object.assign(ra, rowAttrs(kind, a.logData, result?.rows[i], peto));
    }
    return el(`${kind}_DATA`, ra, r.footnote !== null ? [el('FOOTNOTE', {}, fragment(r.footnote))] : []);
  };

  const kids: XmlNode[] = [named('NAME', a.id, a.name)];
  for (const [n, v] of [
    ['GROUP_LABEL_1', a.groupLabel1],
    ['GROUP_LABEL_2', a.groupLabel2],
    ['GRAPH_LABEL_1', a.graphLabel1],
    ['GRAPH_LABEL_2', a.graphLabel2],
  ] as const) {
    if (v !== null) kids.push(named(n, a.id, v));
  }
  if (kind === 'IV' && a.effectMeasure !== null) kids.push(named('EFFECT_MEASURE', a.id, a.effectMeasure));
  kids.push(...fragment(a.extraXml));
  const sgs = sgsOf(section, a.id);
  if (sgs.length > 0) {
    sgs.forEach((sg, i) => {
      const rows = o.rows.filter((r) => r.subgroupId === sg.id);
      const sa: Record<string, string> = { ...sg.attributes, ID: sg.rm5Id };
      numAttr(sa, 'NO', sg.no, true);
      Object.assign(sa, pooledAttrs(kind, false, result?.subgroups[i] ?? null, sum(rows, (j) => weight(rows[j]!.id))));
      kids.push(el(`${kind}_SUBGROUP`, sa, [named('NAME', sg.id, sg.name), ...rows.map(dataEl)]));
    });
  } else {
    kids.push(...o.rows.map(dataEl));
  }
  return el(`${kind}_OUTCOME`, attrs, kids);
}

const sgsOf = (section: RevmanSection, analysisId: string) =>
  section.subgroups.filter((s) => s.analysisId === analysisId).sort((x, y) => x.position - y.position);

const JUDGEMENT_TO_RESULT = { low: 'YES', high: 'NO', unclear: 'UNKNOWN' } as const;

export function reviewDocumentToRm5(doc: ReviewDocument): XmlElement {
  const rev: RevmanSection = doc.revman ?? { parts: [], studies: [], reports: [], robItems: [], robEntries: [], comparisons: [], analyses: [], subgroups: [], rows: [] };
  const parts = new Map(rev.parts.map((p) => [p.key, p.content]));
  const jsonPart = <T>(key: string, fallback: T): T => {
    const v = parts.get(key);
    return v === undefined ? fallback : (JSON.parse(v) as T);
  };
  const attrsPart = (key: string): Record<string, string> => jsonPart<Record<string, string>>(`attrs:${key}`, {});
  const named: NamedElement = (tag, ownerId, plain) => {
    const memo = jsonPart<{ plain: string; xml: string } | null>(markupPartKey(ownerId, tag), null);
    if (memo && memo.plain === plain) return el(tag, {}, fragment(memo.xml));
    // An empty label is written <GROUP_LABEL_1/>, an empty NAME <NAME></NAME>, as before.
    return el(tag, {}, plain === '' && tag !== 'NAME' ? [] : [plain]);
  };

  // RevMan ids for every study: the imported one, or made from the label.
  const taken = new Set(rev.studies.map((s) => s.rm5Id));
  const revStudy = new Map(rev.studies.map((s) => [s.studyId, s]));
  const rm5IdOf = new Map<string, string>();
  for (const s of doc.studies) rm5IdOf.set(s.id, revStudy.get(s.id)?.rm5Id ?? uniqueRm5Id(rm5StudyId(s.label), taken));
  const byRm5 = (ids: string[]) => ids.sort((x, y) => (rm5IdOf.get(x) ?? '').localeCompare(rm5IdOf.get(y) ?? ''));

  const rootAttrs = jsonPart<Record<string, string>>('root-attributes', {
    DESCRIPTION: '', DOI: '', GROUP_ID: '', ID: doc.review.id.replace(/\D/g, '').slice(0, 18).padEnd(18, '0'), MERGED_FROM: '', REVIEW_NO: '',
    REVMAN_SUB_VERSION: '5.3.5', REVMAN_VERSION: '5', SPLIT_FROM: '', STAGE: 'R', STATUS: 'A', TYPE: 'INTERVENTION', VERSION_NO: '0.1',
  });
  const top = jsonPart<string[]>('top-order', DEFAULT_TOP);

  // Studies and references.
  const revReport = new Map(rev.reports.map((r) => [r.reportId, r]));
  const studyEl = (studyId: string): XmlElement => {
    const s = doc.studies.find((x) => x.id === studyId)!;
    const rs = revStudy.get(studyId);
    const attrs: Record<string, string> = { ...(rs?.attributes ?? {}), ID: rm5IdOf.get(studyId)!, NAME: s.label };
    if (rs?.dataSource ?? 'PUB') attrs.DATA_SOURCE = rs?.dataSource ?? 'PUB';
    const year = rs ? rs.year : (/\b(1[89]\d\d|20\d\d)\b/.exec(s.label)?.[1] ?? s.reports.find((r) => r.year !== null)?.year?.toString() ?? null);
    if (year !== null) attrs.YEAR = year;
    const refs = s.reports.map((r) => {
      const kept = revReport.get(r.id);
      const ra: Record<string, string> = { ...(kept?.attributes ?? {}), TYPE: kept?.type ?? 'JOURNAL_ARTICLE', PRIMARY: yn(r.isPrimary) };
      if (r.notes !== (kept?.attributes.NOTES ?? '')) {
        if (r.notes === '') delete ra.NOTES;
        else ra.NOTES = r.notes;
      }
      if (kept?.type === null) delete ra.TYPE;
      const keptFields = new Map((kept?.fields ?? []).map((f) => [f.name, f.xml]));
      const plainOf = (n: string) => {
        const x = keptFields.get(n);
        const e = x ? element(x) : null;
        return e ? richToPlain(e.children) : '';
      };
      const fieldEl = (n: string, value: string): XmlElement | null => {
        const keptXml = keptFields.get(n);
        if (keptXml !== undefined && plainOf(n).slice(0, value.length) === value) return element(keptXml);
        return value === '' ? null : el(n, {}, [value]);
      };
      const wanted: Record<string, string> = { AU: r.authors, TI: r.title, SO: r.journal, YR: r.year === null ? plainOf('YR') : String(r.year) };
      const kids: XmlElement[] = [];
      const order = kept ? kept.fields.map((f) => f.name) : ['AU', 'TI', 'SO', 'YR', 'IDENTIFIERS'];
      for (const n of ['AU', 'TI', 'SO', 'YR']) if (!order.includes(n) && wanted[n]) order.splice(order.indexOf('IDENTIFIERS') < 0 ? order.length : order.indexOf('IDENTIFIERS'), 0, n);
      for (const n of order) {
        if (n in wanted) {
          const f = fieldEl(n, wanted[n] as string);
          if (f) kids.push(f);
        } else if (n === 'IDENTIFIERS' && !kept) {
          const ids: XmlElement[] = [];
          if (r.doi) ids.push(el('IDENTIFIER', { TYPE: 'DOI', VALUE: r.doi }));
          if (r.pmid) ids.push(el('IDENTIFIER', { TYPE: 'PUBMED', VALUE: r.pmid }));
          kids.push(el('IDENTIFIERS', {}, ids));
        } else {
          const f = element(keptFields.get(n) ?? '');
          if (f) kids.push(f);
        }
      }
      return el('REFERENCE', ra, kids);
    });
    const idents = (rs?.identifiers ?? []).map((i) => el('IDENTIFIER', { ...i.attributes, TYPE: i.type, VALUE: i.value }));
    return el('STUDY', attrs, [...refs, el('IDENTIFIERS', {}, idents)]);
  };
  const studiesEl = el(
    'STUDIES',
    attrsPart('STUDIES'),
    STUDY_SECTIONS.map(([section, status]) =>
      el(section, attrsPart(section), byRm5(doc.studies.filter((s) => s.status === status).map((s) => s.id)).map(studyEl)),
    ),
  );
  const otherRefs = element(parts.get('xml:OTHER_REFERENCES') ?? '') ?? el('OTHER_REFERENCES', {}, [el('ADDITIONAL_REFERENCES'), el('OTHER_VERSIONS_REFERENCES'), el('PENDING_REFERENCES')]);
  const sar = el('STUDIES_AND_REFERENCES', attrsPart('STUDIES_AND_REFERENCES'), [studiesEl, otherRefs]);

  // Characteristics of studies.
  const values = new Map<string, string>();
  const fieldLabel = new Map(doc.extractionForm.fields.map((f) => [f.id, f.label]));
  const otherValues = new Map<string, string[]>();
  for (const c of doc.characteristics) {
    if (c.slot !== 'final' || c.content.status !== 'value') continue;
    const v = Array.isArray(c.content.value) ? c.content.value.join(', ') : String(c.content.value);
    if (c.fieldId.startsWith('rm5-char-')) values.set(`${c.studyId}:${c.fieldId}`, v);
    else otherValues.set(c.studyId, [...(otherValues.get(c.studyId) ?? []), `${fieldLabel.get(c.fieldId) ?? c.fieldId}: ${v}`]);
  }
  const DEFAULT_LAYOUT: Record<string, string[]> = {
    INCLUDED_CHAR: ['CHAR_METHODS', 'CHAR_PARTICIPANTS', 'CHAR_INTERVENTIONS', 'CHAR_OUTCOMES', 'CHAR_NOTES'],
    EXCLUDED_CHAR: ['CHAR_REASON_FOR_EXCLUSION'],
    AWAITING_CHAR: ['CHAR_METHODS', 'CHAR_PARTICIPANTS', 'CHAR_INTERVENTIONS', 'CHAR_OUTCOMES', 'CHAR_NOTES'],
    ONGOING_CHAR: ['CHAR_STUDY_NAME', 'CHAR_METHODS', 'CHAR_PARTICIPANTS', 'CHAR_INTERVENTIONS', 'CHAR_OUTCOMES', 'CHAR_STARTING_DATE', 'CHAR_CONTACT_INFORMATION', 'CHAR_NOTES'],
  };
  type CharLayout = { table: string; attrs: Record<string, string>; layout: Array<{ name: string; attrs: Record<string, string>; occurrence?: number }> };
  // A study's further rows (a file that listed it twice), each written in its own table.
  const repeatRows = (id: string): CharLayout[] => {
    const out: CharLayout[] = [];
    for (let n = 2; parts.has(`char-layout:${id}#${n}`); n++) out.push(jsonPart<CharLayout>(`char-layout:${id}#${n}`, { table: '', attrs: {}, layout: [] }));
    return out;
  };
  const cos = el(
    'CHARACTERISTICS_OF_STUDIES',
    attrsPart('CHARACTERISTICS_OF_STUDIES'),
    CHAR_TABLES.map(([table, rowName, status]) => {
      const rows: XmlElement[] = [];
      const rowOf = (id: string, layout: CharLayout | null, extra: string[]): XmlElement => {
        const cells = (layout?.layout ?? DEFAULT_LAYOUT[rowName]!.map((name) => ({ name, attrs: {} }))).map(({ name, attrs, occurrence = 1 }: { name: string; attrs: Record<string, string>; occurrence?: number }) => {
          const memo = jsonPart<{ plain: string; xml: string } | null>(`char:${id}:${name}${occurrence === 1 ? '' : `#${occurrence}`}`, null);
          // Occurrences Grove does not show are written as the file had them.
          if (memo && occurrence !== Number(parts.get(`char-shown:${id}:${name}`) ?? 1)) return el(name, attrs, fragment(memo.xml));
          let plain = values.get(`${id}:${charFieldId(name)}`) ?? '';
          if (name === 'CHAR_NOTES' && extra.length) plain = [plain, ...extra].filter((x) => x !== '').join('\n');
          const kids = memo && memo.plain === plain ? fragment(memo.xml) : plainToRich(plain);
          return el(name, attrs, kids);
        });
        return el(rowName, { ...(layout?.attrs ?? {}), STUDY_ID: rm5IdOf.get(id)! }, cells);
      };
      const inTable = new Set(doc.studies.filter((s) => s.status === status).map((s) => s.id));
      for (const id of byRm5(doc.studies.filter((s) => inTable.has(s.id) || repeatRows(s.id).some((r) => r.table === table)).map((s) => s.id))) {
        const layout = jsonPart<CharLayout | null>(`char-layout:${id}`, null);
        const extra = otherValues.get(id) ?? [];
        const ownRow = inTable.has(id) && (layout || extra.length > 0 || DEFAULT_LAYOUT[rowName]!.some((n) => values.has(`${id}:${charFieldId(n)}`)));
        if (ownRow) rows.push(rowOf(id, layout, extra));
        for (const r of repeatRows(id)) if (r.table === table) rows.push(rowOf(id, r, []));
      }
      const extraXml = parts.get(`extra:${table}`);
      const tableAttrs = parts.has(`attrs:${table}`) ? attrsPart(table) : rowName === 'INCLUDED_CHAR' ? { SORT_BY: 'STUDY', USER_DEF_1_ENABLED: 'NO', USER_DEF_2_ENABLED: 'NO', USER_DEF_3_ENABLED: 'NO' } : {};
      return el(table, tableAttrs, [...rows, ...(extraXml !== undefined ? fragment(extraXml) : [el('FOOTNOTES')])]);
    }),
  );

  // Risk of bias.
  const assessments = new Map((doc.riskOfBias?.assessments ?? []).filter((a) => a.slot === 'final').map((a) => [a.studyId, a.assessment]));
  const items = rev.robItems.length > 0 || doc.revman
    ? rev.robItems
    : ROB1_DOMAINS.map((d, i) => ({
        id: d.id, position: i, rm5Id: qualityItemId(i + 1), no: i + 1, name: d.label, coreItem: true,
        level: (d.groupable && [...assessments.values()].some((a) => a[d.id].level === 'outcome-group') ? 'GROUP' : 'STUDY') as 'STUDY' | 'GROUP',
        descriptionXml: `<DESCRIPTION><P>${d.description}</P></DESCRIPTION>`, domain: d.id as Rob1DomainId,
        groups: d.groupable ? (doc.riskOfBias?.settings.outcomeGroups ?? []).map((g, j) => ({ rm5Id: qualityGroupId(i + 1, j + 1), no: j + 1, name: g.name, refIds: null, attributes: {} })) : [],
        attributes: {},
      }));
  const studyIdsSorted = byRm5(doc.studies.map((s) => s.id));
  /** The entry Grove holds, among the repeats the file had for the same study, item and group (in file order). */
  const withRepeats = (studyId: string, itemRm5Id: string, groupRm5Id: string, entry: XmlElement): XmlElement[] => {
    const repeats = jsonPart<{ used: number; xml: string[] } | null>(`rob-repeats:${studyId}:${itemRm5Id}:${groupRm5Id}`, null);
    if (!repeats) return [entry];
    return repeats.xml.map((x, i) => (i === repeats.used ? entry : (element(x) ?? entry)));
  };
  const qualityItems = el(
    'QUALITY_ITEMS',
    attrsPart('QUALITY_ITEMS'),
    items.map((item) => {
      const entries: XmlElement[] = [];
      const keyed: Array<{ key: number[]; e: XmlElement }> = [];
      if (item.domain) {
        for (const studyId of studyIdsSorted) {
          const a = assessments.get(studyId);
          if (!a) continue;
          const entry = a[item.domain] as Rob1GroupableDomainEntry;
          const one = (groupRm5Id: string, judgement: string | null, support: string) => {
            const memo = jsonPart<{ plain: string; xml: string; hasDescription: boolean; attributes: Record<string, string> } | null>(`rob:${studyId}:${item.rm5Id}:${groupRm5Id}`, null);
            if (!memo && judgement === null && support === '') return;
            const ea: Record<string, string> = { ...(memo?.attributes ?? {}), STUDY_ID: rm5IdOf.get(studyId)! };
            if (groupRm5Id) ea.GROUP_ID = groupRm5Id;
            if (judgement) ea.RESULT = JUDGEMENT_TO_RESULT[judgement as 'low'];
            const kids = memo && memo.plain === support ? (memo.hasDescription ? [el('DESCRIPTION', {}, fragment(memo.xml))] : []) : [el('DESCRIPTION', {}, plainToRich(support))];
            // Entries of a grouped item are written group by group, as RevMan does.
            const g = groupRm5Id ? item.groups.findIndex((x) => x.rm5Id === groupRm5Id) : -1;
            for (const e of withRepeats(studyId, item.rm5Id, groupRm5Id, el('QUALITY_ITEM_DATA_ENTRY', ea, kids))) keyed.push({ key: [g, studyIdsSorted.indexOf(studyId)], e });
          };
          if (entry.level === 'study') one('', entry.judgement, entry.support);
          else for (const g of entry.groups) one(item.groups.find((x) => x.name === g.outcomeGroup || `${x.name} (${x.rm5Id})` === g.outcomeGroup)?.rm5Id ?? '', g.judgement, g.support);
        }
      }
      for (const e of rev.robEntries.filter((x) => x.itemId === item.id)) {
        const ea: Record<string, string> = { ...e.attributes, STUDY_ID: rm5IdOf.get(e.studyId) ?? e.studyId };
        if (e.groupRm5Id) ea.GROUP_ID = e.groupRm5Id;
        if (e.result) ea.RESULT = e.result;
        const g = e.groupRm5Id ? item.groups.findIndex((x) => x.rm5Id === e.groupRm5Id) : -1;
        for (const x of withRepeats(e.studyId, item.rm5Id, e.groupRm5Id, el('QUALITY_ITEM_DATA_ENTRY', ea, fragment(e.supportXml)))) keyed.push({ key: [g, studyIdsSorted.indexOf(e.studyId)], e: x });
      }
      keyed.sort((x, y) => x.key[0]! - y.key[0]! || x.key[1]! - y.key[1]!);
      entries.push(...keyed.map((k) => k.e));
      const ia: Record<string, string> = { ...item.attributes, CORE_ITEM: yn(item.coreItem), ID: item.rm5Id, LEVEL: item.level };
      numAttr(ia, 'NO', item.no, true);
      const groups = item.groups.map((g, gi) => {
        const ga: Record<string, string> = { ...g.attributes, ID: g.rm5Id };
        numAttr(ga, 'NO', g.no, true);
        if (g.refIds !== null) ga.REF_IDS = g.refIds;
        return el('QUALITY_ITEM_DATA_ENTRY_GROUP', ga, [named('NAME', `${item.id}/${gi}`, g.name)]);
      });
      return el('QUALITY_ITEM', ia, [named('NAME', item.id, item.name), ...fragment(item.descriptionXml), ...groups, el('QUALITY_ITEM_DATA', attrsPart(`QUALITY_ITEM_DATA:${item.rm5Id}`), entries)]);
    }),
  );

  // Analyses.
  const labels = new Map(doc.studies.map((s) => [s.id, s.label]));
  const { outcomes, studies: rm5Studies } = sectionOutcomes(rev, labels);
  const analyses = el(
    'ANALYSES_AND_DATA',
    parts.has('attrs:ANALYSES_AND_DATA') ? attrsPart('ANALYSES_AND_DATA') : { CALCULATED_DATA: 'YES' },
    rev.comparisons.map((c) => {
      const ca: Record<string, string> = { ...c.attributes, ID: c.rm5Id };
      numAttr(ca, 'NO', c.no, true);
      return el('COMPARISON', ca, [
        named('NAME', c.id, c.name),
        ...outcomes.filter((o) => o.comparison.id === c.id).map((o) => outcomeElement(rev, o, rm5IdOf, rm5Studies, named)),
        ...fragment(c.extraXml),
      ]);
    }),
  );

  const children = top.map((name) => {
    switch (name) {
      case 'STUDIES_AND_REFERENCES':
        return sar;
      case 'CHARACTERISTICS_OF_STUDIES':
        return cos;
      case 'QUALITY_ITEMS':
        return qualityItems;
      case 'ANALYSES_AND_DATA':
        return analyses;
      default: {
        const kept = parts.get(`section:${name}`);
        return (kept !== undefined ? element(kept) : null) ?? skeleton(name, doc.protocol.title);
      }
    }
  });
  return el('COCHRANE_REVIEW', rootAttrs, children);
}

/** Every element of a tree, depth first (for tests and the attribute comparison). */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    out.push(e);
    for (const c of childElements(e)) walk(c);
  };
  walk(root);
  return out;
}
