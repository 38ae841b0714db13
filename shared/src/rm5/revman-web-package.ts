// A RevMan Web data package (Cochrane Library `…-dataPackage.zip`, e.g. Fleiss1993.zip) as
// the .rm5 tree the .rm5 import reads (rm5-format.md §8, "Cochrane Library data packages"),
// so a package becomes exactly the review document an .rm5 file with the same content would:
// studies (study information, data rows, RIS), references (RIS, NS = study name),
// characteristics (`Char: …`), risk of bias (`Domain (judgement|support): …`), comparisons,
// outcomes with their settings, subgroups and data rows. The package's stored estimates are
// not kept: Grove recomputes them. Pure: the caller unzips and passes the files' text.
import Papa from 'papaparse';
import { comparisonId, outcomeId, qualityItemId, rm5StudyId, subgroupId, uniqueRm5Id } from './ids.ts';
import { el, type XmlElement } from './xml-tree.ts';

export class RevmanPackageError extends Error {
  override name = 'RevmanPackageError';
}

/** The package's files that matter, by role (the part of the name after the numeric id). */
export interface RevmanPackageFiles {
  settings: string;
  dataRows: string;
  subgroups?: string;
  studyInformation?: string;
  riskOfBias?: string;
  /** RIS files by study status section (included, excluded, awaiting, ongoing). */
  ris: Array<{ section: string; text: string }>;
}

export interface RevmanPackageResult {
  root: XmlElement;
  /** What the package holds that Grove does not bring in, and why. */
  skipped: Array<{ what: string; reason: string }>;
}

/** Which role a file in the package plays, from its name; null when it plays none. */
export function packageRole(name: string): keyof RevmanPackageFiles | 'ris' | null {
  const base = name.split('/').pop() ?? name;
  if (/overall-estimates-and-settings\.csv$/i.test(base)) return 'settings';
  if (/data-rows\.csv$/i.test(base)) return 'dataRows';
  if (/subgroup-estimates\.csv$/i.test(base)) return 'subgroups';
  if (/study-information\.csv$/i.test(base)) return 'studyInformation';
  if (/risk-of-bias\.csv$/i.test(base)) return 'riskOfBias';
  if (/\.ris$/i.test(base)) return 'ris';
  return null;
}

type Row = Record<string, string>;

function csvRows(text: string, what: string): Row[] {
  const r = Papa.parse<Row>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const bad = r.errors.find((e) => e.type !== 'FieldMismatch' || e.code !== 'TooFewFields');
  if (bad) throw new RevmanPackageError(`${what}: not a readable CSV file (row ${(bad.row ?? 0) + 2}: ${bad.message})`);
  return r.data;
}

const cell = (r: Row, k: string): string => (r[k] ?? '').trim();
const bool = (v: string): boolean | null => (/^(true|yes)$/i.test(v) ? true : /^(false|no)$/i.test(v) ? false : null);
const yn = (v: boolean): string => (v ? 'YES' : 'NO');
const num = (v: string): number | null => {
  const t = v.replace(/,/g, '').trim();
  if (t === '' || t === '#N/A') return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
};
/** A number as an attribute value: integers without ".0" (the package writes 0.0). */
const attrNum = (v: string): string | undefined => {
  const x = num(v);
  return x === null ? undefined : String(x);
};

const DATA_TYPES: Record<string, string> = {
  dichotomous: 'DICH',
  continuous: 'CONT',
  'contrast level': 'IV',
  'generic inverse variance': 'IV',
  'o-e and variance': 'IPD',
};

const MEASURES: Record<string, string> = {
  'odds ratio': 'OR',
  'risk ratio': 'RR',
  'risk difference': 'RD',
  'peto odds ratio': 'PETO_OR',
  'mean difference': 'MD',
  'std. mean difference': 'SMD',
  'standardized mean difference': 'SMD',
  'standardised mean difference': 'SMD',
};

const METHODS: Record<string, string> = { mh: 'MH', 'mantel-haenszel': 'MH', iv: 'IV', 'inverse variance': 'IV', peto: 'PETO' };

const CHAR_ELEMENTS: Record<string, string> = {
  methods: 'CHAR_METHODS',
  participants: 'CHAR_PARTICIPANTS',
  interventions: 'CHAR_INTERVENTIONS',
  outcomes: 'CHAR_OUTCOMES',
  notes: 'CHAR_NOTES',
};

const ROB_RESULTS: Record<string, string> = { 'low risk': 'YES', 'high risk': 'NO', 'unclear risk': 'UNKNOWN', low: 'YES', high: 'NO', unclear: 'UNKNOWN' };

const paragraphs = (text: string): XmlElement[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => el('P', {}, [l]));

interface RisRecord {
  type: string;
  fields: Map<string, string[]>;
}

export function parseRis(text: string): RisRecord[] {
  const out: RisRecord[] = [];
  let cur: RisRecord | null = null;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const m = /^([A-Z][A-Z0-9]) {2}-( (.*))?$/.exec(raw.trimEnd());
    if (!m) continue;
    const [, tag, , value = ''] = m;
    if (tag === 'TY') cur = { type: value.trim(), fields: new Map() };
    else if (tag === 'ER') {
      if (cur) out.push(cur);
      cur = null;
    } else if (cur && tag) cur.fields.set(tag, [...(cur.fields.get(tag) ?? []), value.trim()]);
  }
  if (cur) out.push(cur);
  return out;
}

const RIS_TO_RM5: Record<string, string> = { JOUR: 'JOURNAL_ARTICLE', BOOK: 'BOOK', CHAP: 'BOOK_SECTION', CONF: 'CONFERENCE_PROC', CPAPER: 'CONFERENCE_PROC', PCOMM: 'CORRESPONDENCE', UNPB: 'UNPUBLISHED', COMP: 'SOFTWARE' };
const SECTIONS = ['INCLUDED_STUDIES', 'EXCLUDED_STUDIES', 'AWAITING_STUDIES', 'ONGOING_STUDIES'];

function risSection(name: string): string {
  const n = name.toLowerCase();
  if (n.includes('excluded')) return 'EXCLUDED_STUDIES';
  if (n.includes('awaiting')) return 'AWAITING_STUDIES';
  if (n.includes('ongoing')) return 'ONGOING_STUDIES';
  return 'INCLUDED_STUDIES';
}

export function risSectionOf(fileName: string): string {
  return risSection(fileName.split('/').pop() ?? fileName);
}

/** The package as an .rm5 tree (COCHRANE_REVIEW) and what was left out. */
export function revmanPackageToRm5(files: RevmanPackageFiles, options: { title: string; id?: string }): RevmanPackageResult {
  const skipped: RevmanPackageResult['skipped'] = [];
  const settings = csvRows(files.settings, 'overall-estimates-and-settings.csv');
  const dataRows = csvRows(files.dataRows, 'data-rows.csv');
  const subgroupRows = files.subgroups ? csvRows(files.subgroups, 'subgroup-estimates.csv') : [];
  const info = files.studyInformation ? csvRows(files.studyInformation, 'study-information.csv') : [];
  const rob = files.riskOfBias ? csvRows(files.riskOfBias, 'risk-of-bias.csv') : [];
  for (const [rows, name, cols] of [
    [settings, 'overall-estimates-and-settings.csv', ['Analysis group', 'Analysis number', 'Data type']],
    [dataRows, 'data-rows.csv', ['Analysis group', 'Analysis number', 'Study']],
  ] as const) {
    const missing = rows.length > 0 ? cols.filter((c) => !(c in (rows[0] as Row))) : [];
    if (missing.length) throw new RevmanPackageError(`${name}: no ${missing.map((m) => `"${m}"`).join(', ')} column; not a RevMan Web analysis-data file`);
  }

  // Studies: study information, then the RIS files and data rows for any it does not name.
  interface StudyInfo {
    name: string;
    section: string;
    year: string;
    dataSource: string;
    chars: Array<[string, string]>;
    refs: RisRecord[];
  }
  const studies = new Map<string, StudyInfo>();
  const studyOf = (name: string, section = 'INCLUDED_STUDIES'): StudyInfo => {
    let s = studies.get(name);
    if (!s) {
      s = { name, section, year: '', dataSource: '', chars: [], refs: [] };
      studies.set(name, s);
    }
    return s;
  };
  const charNames: string[] = [];
  for (const r of info) {
    const name = cell(r, 'Study');
    if (!name) continue;
    const s = studyOf(name);
    s.year = cell(r, 'Year') || s.year;
    s.dataSource = cell(r, 'Data source') || s.dataSource;
    for (const [k, v] of Object.entries(r)) {
      const m = /^Char:\s*(.+)$/.exec(k);
      if (!m) continue;
      const label = (m[1] as string).trim();
      if (!charNames.includes(label)) charNames.push(label);
      if (v.trim() !== '') s.chars.push([label, v]);
    }
  }
  for (const { section, text } of files.ris) {
    for (const rec of parseRis(text)) {
      const ns = rec.fields.get('NS')?.[0] ?? '';
      if (!ns) {
        skipped.push({ what: `RIS record "${rec.fields.get('TI')?.[0] ?? rec.type}"`, reason: 'no NS (study name): not attached to a study' });
        continue;
      }
      const s = studyOf(ns, section);
      if (s.refs.length === 0 && !info.some((r) => cell(r, 'Study') === ns)) s.section = section;
      s.refs.push(rec);
    }
  }
  for (const r of dataRows) {
    const s = studyOf(cell(r, 'Study'));
    if (!s.year) s.year = cell(r, 'Study year');
  }

  const taken = new Set<string>();
  const rm5IdOf = new Map<string, string>();
  for (const s of studies.values()) rm5IdOf.set(s.name, uniqueRm5Id(rm5StudyId(s.name), taken));

  const referenceEl = (rec: RisRecord): XmlElement => {
    const f = (tag: string) => rec.fields.get(tag) ?? [];
    const kids: XmlElement[] = [];
    const au = f('AU').concat(f('A1'));
    if (au.length) kids.push(el('AU', {}, [au.join(', ')]));
    const ti = f('TI')[0] ?? f('T1')[0];
    if (ti) kids.push(el('TI', {}, [ti]));
    const so = f('JO')[0] ?? f('T2')[0] ?? f('JF')[0];
    if (so) kids.push(el('SO', {}, [so]));
    const yr = f('PY')[0] ?? f('Y1')[0];
    if (yr) kids.push(el('YR', {}, [yr.slice(0, 4)]));
    const ids: XmlElement[] = [];
    if (f('DO')[0]) ids.push(el('IDENTIFIER', { TYPE: 'DOI', VALUE: f('DO')[0] }));
    if (f('AN')[0] && /^\d+$/.test(f('AN')[0] as string)) ids.push(el('IDENTIFIER', { TYPE: 'PUBMED', VALUE: f('AN')[0] }));
    kids.push(el('IDENTIFIERS', {}, ids));
    return el('REFERENCE', { PRIMARY: 'NO', TYPE: RIS_TO_RM5[rec.type] ?? 'OTHER' }, kids);
  };
  const studyEl = (s: StudyInfo): XmlElement =>
    el('STUDY', { DATA_SOURCE: s.dataSource || 'PUB', ID: rm5IdOf.get(s.name), NAME: s.name, YEAR: s.year || undefined }, [...s.refs.map(referenceEl), el('IDENTIFIERS')]);
  const studiesEl = el(
    'STUDIES',
    {},
    SECTIONS.map((sec) => el(sec, {}, [...studies.values()].filter((s) => s.section === sec).map(studyEl))),
  );

  // Characteristics: the five standard ones by name, any other as a user-defined column.
  const userDefs = charNames.filter((c) => !CHAR_ELEMENTS[c.toLowerCase()]);
  if (userDefs.length > 3) skipped.push({ what: `characteristics ${userDefs.slice(3).join(', ')}`, reason: 'RevMan has three user-defined characteristics; the rest are not brought in' });
  const charElement = (label: string): string | null => CHAR_ELEMENTS[label.toLowerCase()] ?? (userDefs.indexOf(label) < 3 ? `CHAR_USER_DEF_${userDefs.indexOf(label) + 1}` : null);
  const tableAttrs: Record<string, string> = {};
  userDefs.slice(0, 3).forEach((u, i) => {
    tableAttrs[`USER_DEF_${i + 1}_ENABLED`] = 'YES';
    tableAttrs[`USER_DEF_${i + 1}_NAME`] = u;
  });
  const charRows = [...studies.values()]
    .filter((s) => s.chars.length > 0)
    .map((s) => el('INCLUDED_CHAR', { STUDY_ID: rm5IdOf.get(s.name) }, s.chars.flatMap(([label, v]) => {
      const name = charElement(label);
      return name ? [el(name, {}, paragraphs(v))] : [];
    })));
  const cos = el('CHARACTERISTICS_OF_STUDIES', {}, [el('CHARACTERISTICS_OF_INCLUDED_STUDIES', tableAttrs, charRows)]);

  // Risk of bias: one study-level item per domain column pair.
  const domains = rob.length > 0 ? Object.keys(rob[0] as Row).flatMap((k) => /^Domain \(judgement\):\s*(.+)$/.exec(k)?.slice(1, 2) ?? []) : [];
  let notJudged = 0;
  const items = domains.map((d, i) => {
    const entries = rob.flatMap((r) => {
      const study = cell(r, 'Study');
      const judgement = cell(r, `Domain (judgement): ${d}`);
      const support = r[`Domain (support): ${d}`] ?? '';
      const result = ROB_RESULTS[judgement.toLowerCase()];
      if (!study || !rm5IdOf.has(study)) return [];
      if (!result) {
        if (judgement !== '' || support.trim() !== '') notJudged++;
        if (support.trim() === '') return [];
      }
      return [el('QUALITY_ITEM_DATA_ENTRY', { RESULT: result, STUDY_ID: rm5IdOf.get(study) }, [el('DESCRIPTION', {}, paragraphs(support))])];
    });
    return el('QUALITY_ITEM', { CORE_ITEM: 'YES', ID: qualityItemId(i + 1), LEVEL: 'STUDY', NO: String(i + 1) }, [el('NAME', {}, [d]), el('DESCRIPTION'), el('QUALITY_ITEM_DATA', {}, entries)]);
  });
  if (notJudged > 0) skipped.push({ what: `${notJudged} risk-of-bias cell(s) such as "Not applicable"`, reason: 'not a RoB 1 judgement (low, high, unclear); left unjudged' });
  for (const r of rob) if (cell(r, 'Study') && !rm5IdOf.has(cell(r, 'Study'))) skipped.push({ what: `risk of bias of "${cell(r, 'Study')}"`, reason: 'no such study in the package' });

  // Analyses.
  const comparisons = new Map<number, { name: string; outcomes: XmlElement[] }>();
  let order = 0;
  let applicability = 0;
  for (const a of settings) {
    const g = num(cell(a, 'Analysis group'));
    const n = num(cell(a, 'Analysis number'));
    const where = `analysis ${cell(a, 'Analysis group')}.${cell(a, 'Analysis number')} "${cell(a, 'Analysis name')}"`;
    if (g === null || n === null) {
      skipped.push({ what: where, reason: 'no analysis group/number' });
      continue;
    }
    const kind = DATA_TYPES[cell(a, 'Data type').toLowerCase()];
    if (!kind) {
      skipped.push({ what: where, reason: `data type "${cell(a, 'Data type')}" is not one Grove reads` });
      continue;
    }
    const cmp = comparisons.get(g) ?? { name: cell(a, 'Analysis group name') || `Comparison ${g}`, outcomes: [] };
    comparisons.set(g, cmp);
    const rows = dataRows.filter((r) => num(cell(r, 'Analysis group')) === g && num(cell(r, 'Analysis number')) === n);
    const sgNames = [...new Set([...subgroupRows.filter((s) => num(cell(s, 'Analysis group')) === g && num(cell(s, 'Analysis number')) === n).map((s) => cell(s, 'Subgroup')), ...rows.map((r) => cell(r, 'Subgroup'))].filter((x) => x !== ''))];
    const measureWords = cell(a, 'Effect measure');
    const measure = MEASURES[measureWords.toLowerCase()] ?? measureWords;
    const overall = bool(cell(a, 'Overall estimates')) ?? true;
    const subtotals = bool(cell(a, 'Subgroup estimates')) ?? true;
    const ci = (k: string) => attrNum(cell(a, k).replace('%', '')) ?? '95';
    const attrs: Record<string, string | undefined> = {
      CI_STUDY: ci('Study CI'),
      CI_TOTAL: ci('Estimate CI'),
      ID: outcomeId(g, n),
      NO: String(n),
      RANDOM: yn(/random/i.test(cell(a, 'Analysis model'))),
      SUBGROUPS: yn(sgNames.length > 0),
      SUBGROUP_TEST: yn(bool(cell(a, 'Test for subgroup differences')) ?? sgNames.length > 0),
      SWAP_EVENTS: kind === 'DICH' ? yn(bool(cell(a, 'Swap event and non-event')) ?? false) : undefined,
      TOTALS: overall ? 'YES' : subtotals ? 'SUB' : 'NO',
      UNITS: cell(a, 'Unit of effect measure') || undefined,
    };
    if (kind === 'DICH') {
      attrs.EFFECT_MEASURE = measure;
      attrs.METHOD = METHODS[cell(a, 'Statistical method').toLowerCase()] ?? (measure === 'PETO_OR' ? 'PETO' : 'MH');
    } else if (kind === 'CONT') attrs.EFFECT_MEASURE = measure;
    else if (kind === 'IV') attrs.LOG_DATA = yn(bool(cell(a, 'Log-scale data')) ?? false);
    const rowEl = (r: Row): XmlElement => {
      order++;
      if (cell(r, 'Applicability') && cell(r, 'Applicability') !== 'SUBGROUP_AND_OVERALL') applicability++;
      const study = rm5IdOf.get(cell(r, 'Study'));
      const base = { ORDER: String(order), STUDY_ID: study };
      const foot = cell(r, 'Footnotes');
      const kids = foot ? [el('FOOTNOTE', {}, [foot])] : [];
      if (kind === 'DICH')
        return el('DICH_DATA', { ...base, EVENTS_1: attrNum(cell(r, 'Experimental cases')), EVENTS_2: attrNum(cell(r, 'Control cases')), TOTAL_1: attrNum(cell(r, 'Experimental N')), TOTAL_2: attrNum(cell(r, 'Control N')) }, kids);
      if (kind === 'CONT')
        return el('CONT_DATA', { ...base, MEAN_1: attrNum(cell(r, 'Experimental mean')), MEAN_2: attrNum(cell(r, 'Control mean')), SD_1: attrNum(cell(r, 'Experimental SD')), SD_2: attrNum(cell(r, 'Control SD')), TOTAL_1: attrNum(cell(r, 'Experimental N')), TOTAL_2: attrNum(cell(r, 'Control N')) }, kids);
      if (kind === 'IV')
        return el('IV_DATA', { ...base, ESTIMATE: attrNum(cell(r, 'GIV Mean')), SE: attrNum(cell(r, 'GIV SE')), TOTAL_1: attrNum(cell(r, 'Experimental N')), TOTAL_2: attrNum(cell(r, 'Control N')) }, kids);
      return el('IPD_DATA', { ...base, O_E: attrNum(cell(r, 'O-E')), VAR: attrNum(cell(r, 'Variance')) }, kids);
    };
    const labels = [
      el('NAME', {}, [cell(a, 'Analysis name')]),
      ...(cell(a, 'Experimental group label') ? [el('GROUP_LABEL_1', {}, [cell(a, 'Experimental group label')])] : []),
      ...(cell(a, 'Control group label') ? [el('GROUP_LABEL_2', {}, [cell(a, 'Control group label')])] : []),
      ...(kind === 'IV' ? [el('EFFECT_MEASURE', {}, [measureWords])] : []),
    ];
    const body =
      sgNames.length > 0
        ? sgNames.map((sg, i) => el(`${kind}_SUBGROUP`, { ID: subgroupId(g, n, i + 1), NO: String(i + 1) }, [el('NAME', {}, [sg]), ...rows.filter((r) => cell(r, 'Subgroup') === sg).map(rowEl)]))
        : rows.map(rowEl);
    cmp.outcomes.push(el(`${kind}_OUTCOME`, attrs, [...labels, ...body]));
  }
  if (applicability > 0) skipped.push({ what: `${applicability} data row(s) with an Applicability other than SUBGROUP_AND_OVERALL`, reason: 'RevMan 5 has no such setting; the rows count in the subgroup and the overall estimate' });
  const analysesEl = el(
    'ANALYSES_AND_DATA',
    { CALCULATED_DATA: 'YES' },
    [...comparisons.entries()].sort(([x], [y]) => x - y).map(([g, c]) => el('COMPARISON', { ID: comparisonId(g), NO: String(g) }, [el('NAME', {}, [c.name]), ...c.outcomes])),
  );
  if (settings.length > 0) skipped.push({ what: 'the estimates stored in the package', reason: 'recomputed by Grove with each analysis’s settings' });
  skipped.push({ what: 'graph labels, sort order and RevMan’s user-defined row order', reason: 'not in a RevMan Web package; RevMan’s defaults and the package’s order are used' });
  const noLabels = settings.filter((a) => !cell(a, 'Experimental group label') || !cell(a, 'Control group label')).length;
  if (noLabels > 0) skipped.push({ what: `group labels of ${noLabels} analysis(es)`, reason: 'empty in the package' });

  const root = el('COCHRANE_REVIEW', { ID: options.id, REVMAN_VERSION: '5', TYPE: 'INTERVENTION' }, [
    el('COVER_SHEET', {}, [el('TITLE', {}, [options.title])]),
    el('STUDIES_AND_REFERENCES', {}, [studiesEl, el('OTHER_REFERENCES', {}, [el('ADDITIONAL_REFERENCES'), el('OTHER_VERSIONS_REFERENCES'), el('PENDING_REFERENCES')])]),
    cos,
    el('QUALITY_ITEMS', {}, items),
    analysesEl,
  ]);
  return { root, skipped };
}
