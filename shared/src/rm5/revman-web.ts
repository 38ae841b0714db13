// RevMan Web export (issue 6 step 4): the references as RIS with the study's RevMan name in
// NS (so RevMan Web links them to the study data instead of duplicating studies), the study
// data as RevMan Web's data-extraction CSVs, and the RevMan 5 analysis CSV (the columns of
// Fleiss93_CR.csv). Everything is read from the review document and from the .rm5 tree
// reviewDocumentToRm5 builds from it, so the names, characteristics, risk-of-bias items and
// computed statistics are the ones an .rm5 export writes. Pure; papaparse writes the CSV
// (quotes, commas and line breaks inside cells). docs/revman.md says which layouts are
// verified against RevMan's own files and which are designed.
import Papa from 'papaparse';
import { csvSafeText } from '../export/safe-text.ts';
import type { ReviewDocument } from '../model/review-document.ts';
import { parseRm5Tree } from './parse.ts';
import { richToPlain } from './rich-text.ts';
import { CHAR_TABLES } from './to-review-document.ts';
import { reviewDocumentToRm5 } from './to-rm5.ts';
import type { Rm5DataRow, Rm5Outcome, Rm5Review, Rm5StoredPooled } from './types.ts';
import { childElements, descend, type XmlElement } from './xml-tree.ts';

export type CsvCell = string | number | null | undefined;

/**
 * CSV as RevMan Web writes it: UTF-8 with a byte-order mark, CRLF line ends, a cell quoted
 * only when it must be (a comma, a quote, a line break, or spaces at either end).
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  // Text cells are made inert for spreadsheets (export/safe-text.ts); numbers never change.
  const data = rows.map((r) =>
    r.map((c) => (c === null || c === undefined ? '' : typeof c === 'number' ? (Number.isFinite(c) ? String(c) : '') : csvSafeText(c))),
  );
  return `\uFEFF${Papa.unparse({ fields: [...header], data }, { newline: '\r\n', quotes: false, header: true })}\r\n`;
}

// ---------------------------------------------------------------------------------------
// RIS

const RIS_TYPES: Record<string, string> = {
  JOURNAL_ARTICLE: 'JOUR',
  BOOK: 'BOOK',
  BOOK_SECTION: 'CHAP',
  CONFERENCE_PROC: 'CONF',
  CORRESPONDENCE: 'PCOMM',
  COCHRANE_REVIEW: 'JOUR',
  COCHRANE_PROTOCOL: 'JOUR',
  UNPUBLISHED: 'UNPB',
  SOFTWARE: 'COMP',
  OTHER: 'GEN',
};

/** One line of a RIS value: line breaks and tabs become spaces (RIS tags are line-based). */
const risValue = (s: string): string => s.replace(/[\r\n\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();

/** Authors as RIS wants them, one per AU line: split at ';' when present, else at ','. */
export function splitAuthors(authors: string): string[] {
  const text = risValue(authors);
  if (text === '') return [];
  return text
    .split(text.includes(';') ? ';' : ',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

/**
 * Every report as one RIS record, NS = the study's RevMan name (what RevMan Web matches the
 * study data on). A study without reports still gets a record (TY and NS only, as in RevMan
 * Web's own packages), so that importing the RIS creates the study.
 */
export function reviewToRis(doc: ReviewDocument): string {
  const types = new Map((doc.revman?.reports ?? []).map((r) => [r.reportId, r.type]));
  const out: string[] = [];
  const line = (tag: string, value: string) => {
    const v = risValue(value);
    if (v !== '') out.push(`${tag}  - ${v}`);
  };
  for (const s of doc.studies) {
    const reports = s.reports.length > 0 ? s.reports : [null];
    for (const r of reports) {
      const ty = (r && RIS_TYPES[types.get(r.id) ?? 'JOURNAL_ARTICLE']) ?? 'JOUR';
      out.push(`TY  - ${ty}`);
      if (r) {
        for (const a of splitAuthors(r.authors)) line('AU', a);
        line('TI', r.title);
        line(ty === 'JOUR' ? 'JO' : 'T2', r.journal);
        if (r.year !== null) line('PY', String(r.year));
        line('DO', r.doi);
        line('AN', r.pmid);
      }
      line('NS', s.label);
      out.push('ER  - ', '');
    }
  }
  return out.join('\r\n');
}

// ---------------------------------------------------------------------------------------
// Study data CSVs (RevMan Web data extraction)

export interface RevmanWebFiles {
  /** File name (no directory) → content. */
  [name: string]: string;
}

const plain = (e: XmlElement | undefined): string => (e ? richToPlain(e.children).trim() : '');

const CHAR_LABELS: Record<string, string> = {
  CHAR_METHODS: 'Methods',
  CHAR_PARTICIPANTS: 'Participants',
  CHAR_INTERVENTIONS: 'Interventions',
  CHAR_OUTCOMES: 'Outcomes',
  CHAR_NOTES: 'Notes',
  CHAR_REASON_FOR_EXCLUSION: 'Reason for exclusion',
  CHAR_STUDY_NAME: 'Study name',
  CHAR_STARTING_DATE: 'Starting date',
  CHAR_CONTACT_INFORMATION: 'Contact information',
};
const DEFAULT_CHARS = ['CHAR_METHODS', 'CHAR_PARTICIPANTS', 'CHAR_INTERVENTIONS', 'CHAR_OUTCOMES', 'CHAR_NOTES'];

interface TreeStudy {
  id: string;
  name: string;
  year: string;
  dataSource: string;
}

function treeStudies(root: XmlElement): TreeStudy[] {
  const studies = descend(root, 'STUDIES_AND_REFERENCES', 'STUDIES');
  return childElements(studies).flatMap((section) =>
    childElements(section, 'STUDY').map((s) => ({ id: s.attrs.ID ?? '', name: s.attrs.NAME ?? s.attrs.ID ?? '', year: s.attrs.YEAR ?? '', dataSource: s.attrs.DATA_SOURCE ?? '' })),
  );
}

/** Study information: `Study,Year,Data source,Char: Methods,…` (the layout of RevMan Web's package). */
export function studyInformationCsv(root: XmlElement): string {
  const chars = new Map<string, Map<string, string>>();
  const columns: Array<{ key: string; label: string }> = DEFAULT_CHARS.map((k) => ({ key: k, label: CHAR_LABELS[k] as string }));
  const cos = descend(root, 'CHARACTERISTICS_OF_STUDIES');
  for (const [table, rowName] of CHAR_TABLES) {
    const t = descend(cos, table);
    for (const row of childElements(t, rowName)) {
      const m = new Map<string, string>();
      for (const c of childElements(row)) {
        const user = /^CHAR_USER_DEF_(\d)$/.exec(c.name);
        const key = user ? `USER_DEF_${user[1]}:${t?.attrs[`USER_DEF_${user[1]}_NAME`]?.trim() ?? ''}` : c.name;
        if (!columns.some((x) => x.key === key)) {
          const label = user ? t?.attrs[`USER_DEF_${user[1]}_NAME`]?.trim() || `User-defined ${user[1]}` : (CHAR_LABELS[c.name] ?? c.name.replace(/^CHAR_/, ''));
          columns.push({ key, label });
        }
        m.set(key, plain(c));
      }
      chars.set(row.attrs.STUDY_ID ?? '', m);
    }
  }
  const header = ['Study', 'Year', 'Data source', ...columns.map((c) => `Char: ${c.label}`)];
  return toCsv(
    header,
    treeStudies(root).map((s) => [s.name, s.year, s.dataSource, ...columns.map((c) => chars.get(s.id)?.get(c.key) ?? '')]),
  );
}

const ROB_WORDS: Record<string, string> = { YES: 'Low risk', NO: 'High risk', UNKNOWN: 'Unclear risk' };

/**
 * Risk of bias (RoB 1, one row per study): `Study` and per item `Domain (judgement): NAME`,
 * `Domain (support): NAME` (RevMan Web's layout). An item judged per outcome group gets a
 * pair of columns per group, `NAME (GROUP)` [designed]. Unjudged cells are empty.
 */
export function riskOfBiasCsv(root: XmlElement): string {
  const columns: Array<{ name: string; item: string; group: string }> = [];
  const cells = new Map<string, { judgement: string; support: string }>();
  for (const item of childElements(descend(root, 'QUALITY_ITEMS'), 'QUALITY_ITEM')) {
    const name = plain(descend(item, 'NAME'));
    const id = item.attrs.ID ?? '';
    const groups = childElements(item, 'QUALITY_ITEM_DATA_ENTRY_GROUP');
    if (item.attrs.LEVEL === 'GROUP' && groups.length > 0) {
      for (const g of groups) columns.push({ name: `${name} (${plain(descend(g, 'NAME'))})`, item: id, group: g.attrs.ID ?? '' });
    } else columns.push({ name, item: id, group: '' });
    for (const e of childElements(descend(item, 'QUALITY_ITEM_DATA'), 'QUALITY_ITEM_DATA_ENTRY')) {
      cells.set(`${id}|${e.attrs.GROUP_ID ?? ''}|${e.attrs.STUDY_ID ?? ''}`, {
        judgement: ROB_WORDS[e.attrs.RESULT ?? ''] ?? '',
        support: plain(descend(e, 'DESCRIPTION')),
      });
    }
  }
  const header = ['Study', ...columns.flatMap((c) => [`Domain (judgement): ${c.name}`, `Domain (support): ${c.name}`])];
  return toCsv(
    header,
    treeStudies(root).map((s) => [
      s.name,
      ...columns.flatMap((c) => {
        const v = cells.get(`${c.item}|${c.group}|${s.id}`) ?? (c.group ? cells.get(`${c.item}||${s.id}`) : undefined);
        return [v?.judgement ?? '', v?.support ?? ''];
      }),
    ]),
  );
}

interface PlacedRow {
  comparison: { no: number | null; name: string };
  outcome: Rm5Outcome;
  subgroup: { no: number | null; name: string } | null;
  row: Rm5DataRow;
}

function placedRows(review: Rm5Review): PlacedRow[] {
  const out: PlacedRow[] = [];
  for (const c of review.comparisons)
    for (const o of c.outcomes) {
      for (const row of o.rows) out.push({ comparison: c, outcome: o, subgroup: null, row });
      for (const sg of o.subgroups) for (const row of sg.rows) out.push({ comparison: c, outcome: o, subgroup: sg, row });
    }
  return out;
}

/**
 * Study arms [designed]: one row per study and arm as the analyses name them (group labels),
 * `Study,Arm,Group,N`, N the largest total the study reports for that arm.
 */
export function studyArmsCsv(review: Rm5Review): string {
  const names = new Map(review.studies.map((s) => [s.id, s.name]));
  const arms = new Map<string, { study: string; arm: string; group: string; n: number | null }>();
  for (const p of placedRows(review)) {
    if (p.row.kind === 'IPD' || p.row.kind === 'OTHER') continue;
    const sides = [
      ['Experimental', p.outcome.groupLabel1 || 'Experimental', p.row.total1],
      ['Control', p.outcome.groupLabel2 || 'Control', p.row.total2],
    ] as const;
    for (const [group, arm, n] of sides) {
      const key = `${p.row.studyId}\u0000${arm}\u0000${group}`;
      const prev = arms.get(key);
      const total = n ?? null;
      if (!prev) arms.set(key, { study: p.row.studyId, arm, group, n: total });
      else if (total !== null && (prev.n === null || total > prev.n)) prev.n = total;
    }
  }
  const order = new Map(review.studies.map((s, i) => [s.id, i]));
  const rows = [...arms.values()].sort((a, b) => (order.get(a.study) ?? 0) - (order.get(b.study) ?? 0));
  return toCsv(['Study', 'Arm', 'Group', 'N'], rows.map((r) => [names.get(r.study) ?? r.study, r.arm, r.group, r.n]));
}

/**
 * Study results [designed]: arm-level rows (cases, N, mean, SD) for dichotomous and continuous
 * data, a contrast-level row (estimate, SE; O−E, variance) for generic inverse variance and
 * O−E data, keyed by study, analysis and subgroup.
 */
export function studyResultsCsv(review: Rm5Review): string {
  const names = new Map(review.studies.map((s) => [s.id, s.name]));
  const header = ['Study', 'Analysis group', 'Analysis number', 'Analysis name', 'Subgroup', 'Result level', 'Arm', 'Group', 'Cases', 'N', 'Mean', 'SD', 'Effect measure', 'Estimate', 'SE', 'O-E', 'Variance', 'Footnotes'];
  const rows: CsvCell[][] = [];
  for (const p of placedRows(review)) {
    const head = [names.get(p.row.studyId) ?? p.row.studyId, p.comparison.no, p.outcome.no, p.outcome.name, p.subgroup?.name ?? ''];
    const r = p.row;
    const measure = p.outcome.settings.effectMeasure ?? '';
    if (r.kind === 'DICH' || r.kind === 'CONT') {
      const arm = (label: string | null, group: string, cases: number | null, n: number | null, mean: number | null, sd: number | null) =>
        rows.push([...head, 'Arm', label || group, group, cases, n, mean, sd, '', null, null, null, null, r.footnote ?? '']);
      if (r.kind === 'DICH') {
        arm(p.outcome.groupLabel1, 'Experimental', r.events1, r.total1, null, null);
        arm(p.outcome.groupLabel2, 'Control', r.events2, r.total2, null, null);
      } else {
        arm(p.outcome.groupLabel1, 'Experimental', null, r.total1, r.mean1, r.sd1);
        arm(p.outcome.groupLabel2, 'Control', null, r.total2, r.mean2, r.sd2);
      }
    } else if (r.kind === 'IV') rows.push([...head, 'Contrast', '', '', null, null, null, null, measure, r.estimate, r.se, null, null, r.footnote ?? '']);
    else if (r.kind === 'IPD') rows.push([...head, 'Contrast', '', '', null, null, null, null, measure, null, null, r.oMinusE, r.variance, r.footnote ?? '']);
  }
  return toCsv(header, rows);
}

// ---------------------------------------------------------------------------------------
// RevMan 5 analysis CSV (Fleiss93_CR.csv)

export const RM5_CSV_HEADER = [
  'Comparison Number', 'Outcome Number', 'Subgroup Number', 'Name', 'Data Type', 'Statistical Method', 'Effect Measure', 'Analysis Model',
  'Events 1', 'Mean 1', 'SD 1', 'Total 1', 'Events 2', 'Mean 2', 'SD 2', 'Total 2', 'Effect Estimate', 'SE', 'CI Start', 'CI End', 'Weight',
  'Q', 'P(Q)', 'I²(Q)', 'Tau²', 'Z', 'P(Z)', 'Qint', 'P(Qint)', 'I²(Qint)', 'df',
  'Group Label 1', 'Group Label 2', 'Left Graph Label', 'Right Graph Label', 'Year of study', 'User defined order',
] as const;

/** Numbers as RevMan 5's CSV prints them: at most 8 decimals, no trailing zeros. */
export function csvNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '';
  const s = x.toFixed(8).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

const DATA_TYPES: Record<string, string> = { DICH: 'DIC', CONT: 'CON', IV: 'GIV', IPD: 'IPD', OTHER: 'OTH' };

function methodOf(o: Rm5Outcome): string {
  if (o.kind === 'DICH') return o.settings.method ?? (o.settings.effectMeasure === 'PETO_OR' ? 'PETO' : 'MH');
  if (o.kind === 'IPD') return 'PETO';
  return o.kind === 'OTHER' ? '' : 'IV';
}

/** The RevMan 5 analysis CSV of a parsed review whose computed attributes are filled in. */
export function rm5ReviewToCsv(review: Rm5Review): string {
  const studies = new Map(review.studies.map((s) => [s.id, s]));
  const rows: CsvCell[][] = [];
  const empty = (n: number) => Array.from({ length: n }, () => '');
  const n = csvNumber;
  const pooled = (s: Rm5StoredPooled, o: Rm5Outcome, own: boolean): CsvCell[] => {
    const arms = o.kind === 'DICH' || o.kind === 'CONT';
    const events = (e: number | null) => (o.kind === 'CONT' ? '0' : arms ? n(e) : '');
    return [
      events(s.events1), '', '', n(s.total1), events(s.events2), '', '', n(s.total2),
      n(s.effectSize), '', n(s.ciStart), n(s.ciEnd), n(s.weight),
      n(s.chi2), n(s.pChi2), n(s.i2), n(s.tau2), n(s.z), n(s.pZ),
      ...(own ? [n(o.stored.q), n(o.stored.pQ), n(o.stored.i2Q)] : ['', '', '']),
      n(s.df),
    ];
  };
  const studyRow = (c: number | null, o: Rm5Outcome, sg: number | null, r: Rm5DataRow): CsvCell[] => {
    const st = studies.get(r.studyId);
    const d = r.kind === 'DICH' ? [n(r.events1), '0', '0', n(r.total1), n(r.events2), '0', '0', n(r.total2)]
      : r.kind === 'CONT' ? ['0', n(r.mean1), n(r.sd1), n(r.total1), '0', n(r.mean2), n(r.sd2), n(r.total2)]
        : r.kind === 'IV' ? ['', '', '', n(r.total1), '', '', '', n(r.total2)]
          : empty(8);
    return [
      n(c), n(o.no), n(sg ?? 0), st?.name ?? r.studyId, '', '', '', '', ...d,
      n(r.stored.effectSize), n(r.stored.se), n(r.stored.ciStart), n(r.stored.ciEnd), n(r.stored.weight),
      ...empty(10), ...empty(4), st?.year ?? '', n(r.order),
    ];
  };
  for (const c of review.comparisons) {
    rows.push([n(c.no), '0', '0', c.name, ...empty(RM5_CSV_HEADER.length - 4)]);
    for (const o of c.outcomes) {
      rows.push([
        n(c.no), n(o.no), '0', o.name, DATA_TYPES[o.kind] ?? o.kind, methodOf(o), o.settings.effectMeasure ?? '', o.settings.random ? 'Random' : 'Fixed',
        ...pooled(o.stored, o, true),
        o.groupLabel1 ?? '', o.groupLabel2 ?? '', o.graphLabel1 ?? '', o.graphLabel2 ?? '', '', '',
      ]);
      for (const r of o.rows) rows.push(studyRow(c.no, o, null, r));
      for (const sg of o.subgroups) {
        rows.push([n(c.no), n(o.no), n(sg.no), sg.name, '', '', '', '', ...pooled(sg.stored, o, false), ...empty(6)]);
        for (const r of sg.rows) rows.push(studyRow(c.no, o, sg.no, r));
      }
    }
  }
  return toCsv(RM5_CSV_HEADER, rows);
}

/** The review's analyses with every statistic recomputed (the .rm5 export's), as the RevMan 5 CSV. */
export function reviewDocumentToRm5Csv(doc: ReviewDocument): string {
  return rm5ReviewToCsv(parseRm5Tree(reviewDocumentToRm5(doc)));
}

/** File names of a RevMan Web export (designed after RevMan Web's data package names). */
export const REVMAN_WEB_FILES = {
  references: 'references.ris',
  studyInformation: 'study-information.csv',
  studyArms: 'study-arms.csv',
  studyResults: 'study-results.csv',
  riskOfBias: 'risk-of-bias.csv',
} as const;

/** Every RevMan Web file of the review: name → content. */
export function reviewDocumentToRevmanWeb(doc: ReviewDocument): RevmanWebFiles {
  const root = reviewDocumentToRm5(doc);
  const review = parseRm5Tree(root);
  return {
    [REVMAN_WEB_FILES.references]: reviewToRis(doc),
    [REVMAN_WEB_FILES.studyInformation]: studyInformationCsv(root),
    [REVMAN_WEB_FILES.studyArms]: studyArmsCsv(review),
    [REVMAN_WEB_FILES.studyResults]: studyResultsCsv(review),
    [REVMAN_WEB_FILES.riskOfBias]: riskOfBiasCsv(root),
  };
}
