// An .rm5 file as a Grove review document (issue 6 step 2): studies and their references,
// characteristics (user-defined fields become extraction-form fields), risk of bias (RevMan's
// standard items map to Grove's RoB 1 domains; YES/NO/UNKNOWN → low/high/unclear), and
// every comparison, outcome, subgroup and data row with its settings. What Grove does not
// model is kept (verbatim XML, attributes, rich-text markup) so an export writes it back.
// Pure: ids and the clock are passed in. The result is validated and written by db/.
import { importedRevmanForm } from './imported-form.ts';
import { emptyProtocol } from '../model/protocol.ts';
import type { ExtractionForm, FormField } from '../model/extraction-form.ts';
import type { CharacteristicValue } from '../model/characteristic.ts';
import type { ReviewDocument } from '../model/review-document.ts';
import type { Study, StudyStatus } from '../model/study.ts';
import { ROB1_DOMAINS, isRob1GroupableDomain, type Rob1DomainId } from '../rob/rob1-domains.ts';
import { emptyRob1Assessment, type Rob1Assessment, type Rob1GroupableDomainEntry } from '../rob/rob1-assessment.ts';
import { qualityItemId, rm5StudyId, uniqueRm5Id } from './ids.ts';
import { DEFAULT_ROB1_OVERALL_RULE } from '../rob/rob1-overall.ts';
import { parseJavaDouble, parseYesNo } from './numbers.ts';
import { innerXml, markupPartKey, richToPlain } from './rich-text.ts';
import { childElements, descend, firstChild, writeXmlElement, type XmlElement } from './xml-tree.ts';
import {
  emptyRevmanSection,
  RM5_OUTCOME_KINDS,
  type RevmanAnalysis,
  type RevmanDataRow,
  type RevmanRobItem,
  type RevmanSection,
} from './document-section.ts';

export interface Rm5ImportReport {
  imported: {
    studies: number;
    references: number;
    characteristics: number;
    riskOfBiasJudgements: number;
    riskOfBiasItemsAdded: number;
    comparisons: number;
    analyses: number;
    subgroups: number;
    dataRows: number;
  };
  /** What was not brought in (or not as Grove data), and why. */
  skipped: Array<{ what: string; reason: string }>;
}

export const STUDY_SECTIONS: ReadonlyArray<[string, StudyStatus]> = [
  ['INCLUDED_STUDIES', 'included'],
  ['EXCLUDED_STUDIES', 'excluded'],
  ['AWAITING_STUDIES', 'awaiting-classification'],
  ['ONGOING_STUDIES', 'ongoing'],
];

export const CHAR_TABLES: ReadonlyArray<[table: string, row: string, status: StudyStatus]> = [
  ['CHARACTERISTICS_OF_INCLUDED_STUDIES', 'INCLUDED_CHAR', 'included'],
  ['CHARACTERISTICS_OF_EXCLUDED_STUDIES', 'EXCLUDED_CHAR', 'excluded'],
  ['CHARACTERISTICS_OF_AWAITING_STUDIES', 'AWAITING_CHAR', 'awaiting-classification'],
  ['CHARACTERISTICS_OF_ONGOING_STUDIES', 'ONGOING_CHAR', 'ongoing'],
];

/** Top-level parts Grove models; every other top-level element is kept verbatim. */
export const MODELED_TOP = ['STUDIES_AND_REFERENCES', 'CHARACTERISTICS_OF_STUDIES', 'QUALITY_ITEMS', 'ANALYSES_AND_DATA'];

export const CHAR_FIELD_SECTION_ID = 'section-revman-characteristics';
export const charFieldId = (element: string): string => `rm5-${element.toLowerCase().replace(/_/g, '-')}`;

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

/** Attributes other than the ones named (they are modeled elsewhere). */
export function otherAttributes(e: XmlElement, ...modeled: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.attrs)) if (!modeled.includes(k)) out[k] = v;
  return out;
}

/** Statistics RevMan computes: never stored by Grove, recomputed on export. */
export const COMPUTED_POOLED = [
  'CHI2',
  'CI_END',
  'CI_START',
  'DF',
  'EFFECT_SIZE',
  'ESTIMABLE',
  'EVENTS_1',
  'EVENTS_2',
  'I2',
  'I2_Q',
  'LOG_CI_END',
  'LOG_CI_START',
  'LOG_EFFECT_SIZE',
  'P_CHI2',
  'P_Q',
  'P_Z',
  'Q',
  'STUDIES',
  'TAU2',
  'TOTAL_1',
  'TOTAL_2',
  'WEIGHT',
  'Z',
];
export const COMPUTED_ROW = [
  'CI_END',
  'CI_START',
  'EFFECT_SIZE',
  'ESTIMABLE',
  'LOG_CI_END',
  'LOG_CI_START',
  'LOG_EFFECT_SIZE',
  'O_E',
  'SE',
  'VAR',
  'WEIGHT',
];
export const OUTCOME_SETTINGS = [
  'ID',
  'NO',
  'EFFECT_MEASURE',
  'METHOD',
  'RANDOM',
  'CI_STUDY',
  'CI_TOTAL',
  'TOTALS',
  'SUBGROUPS',
  'SUBGROUP_TEST',
  'SWAP_EVENTS',
  'LOG_DATA',
  'SORT_BY',
  'UNITS',
  'SCALE',
  'SHOW_PARTICIPANTS',
];
/** Inputs of a data row by kind (IV's SE is an input, not a computed value). */
export const ROW_INPUTS: Record<string, string[]> = {
  DICH: ['EVENTS_1', 'TOTAL_1', 'EVENTS_2', 'TOTAL_2'],
  CONT: ['MEAN_1', 'SD_1', 'TOTAL_1', 'MEAN_2', 'SD_2', 'TOTAL_2'],
  IV: ['ESTIMATE', 'SE', 'TOTAL_1', 'TOTAL_2'],
  IPD: ['O_E', 'VAR', 'TOTAL_1', 'TOTAL_2'],
  OTHER: [],
};
const OUTCOME_CHILDREN = ['NAME', 'GROUP_LABEL_1', 'GROUP_LABEL_2', 'GRAPH_LABEL_1', 'GRAPH_LABEL_2', 'EFFECT_MEASURE'];

export interface Rm5ToDocumentOptions {
  newId: () => string;
  now: string;
  /** Shown in the report, e.g. the file name. */
  source: string;
}

const textIn = (e: XmlElement | undefined): string | null => (e ? richToPlain(e.children) : null);
const rmName = (e: XmlElement | undefined): string => (e ? richToPlain(e.children) : '');

function robDomainFor(name: string): Rob1DomainId | null {
  const n = name.trim().toLowerCase();
  const d = ROB1_DOMAINS.find((x) => x.label.toLowerCase() === n || x.revman50Name?.toLowerCase() === n);
  return d ? d.id : null;
}

const RESULT_TO_JUDGEMENT = { YES: 'low', NO: 'high', UNKNOWN: 'unclear' } as const;

/** Which of several entries for one study, item and group Grove uses: the first with a RESULT, else with support text, else the first. */
function chooseRepeatedJudgement(entries: readonly XmlElement[]): number {
  const withResult = entries.findIndex((e) => e.attrs.RESULT === 'YES' || e.attrs.RESULT === 'NO' || e.attrs.RESULT === 'UNKNOWN');
  if (withResult >= 0) return withResult;
  const withSupport = entries.findIndex((e) => richToPlain(firstChild(e, 'DESCRIPTION')?.children ?? []) !== '');
  return Math.max(0, withSupport);
}

function reportYear(yr: string | null): number | null {
  if (!yr) return null;
  const m = /^\s*(\d{4})/.exec(yr);
  const y = m ? Number(m[1]) : NaN;
  return y >= 1800 && y <= 2100 ? y : null;
}

export function rm5ToReviewDocument(
  root: XmlElement,
  options: Rm5ToDocumentOptions,
): { document: ReviewDocument; report: Rm5ImportReport } {
  const { newId, now } = options;
  const skipped: Rm5ImportReport['skipped'] = [];
  const revman: RevmanSection = emptyRevmanSection();
  const part = (key: string, content: string): void => {
    revman.parts.push({ key, content });
  };
  // A name with inline markup (Vitamin D<SUB>3</SUB>): Grove holds the plain text, the
  // markup is kept beside it for the export and for formatted display (rich-text.ts).
  const keepMarkup = (ownerId: string, e: XmlElement | undefined): void => {
    if (!e || !e.children.some((c) => typeof c !== 'string')) return;
    part(markupPartKey(ownerId, e.name), JSON.stringify({ plain: richToPlain(e.children), xml: innerXml(e) }));
  };

  // Root and sections kept verbatim, in file order.
  part('root-attributes', JSON.stringify(root.attrs));
  const topOrder: string[] = [];
  for (const top of childElements(root)) {
    topOrder.push(top.name);
    if (!MODELED_TOP.includes(top.name)) {
      part(`section:${top.name}`, writeXmlElement(top));
      const hasContent = top.children.some((c) => typeof c !== 'string' || c.trim() !== '');
      if (hasContent && top.name !== 'COVER_SHEET' && top.name !== 'EXTENSIONS') {
        skipped.push({ what: top.name, reason: 'not part of Grove’s review model; kept unchanged for an .rm5 export' });
      }
    }
  }
  part('top-order', JSON.stringify(topOrder));
  const title = textIn(descend(root, 'COVER_SHEET', 'TITLE'))?.trim() || options.source.replace(/\.rm5$/i, '');

  // Studies and their references.
  const sar = firstChild(root, 'STUDIES_AND_REFERENCES');
  const studiesEl = firstChild(sar, 'STUDIES');
  part('attrs:STUDIES_AND_REFERENCES', JSON.stringify(sar?.attrs ?? {}));
  part('attrs:STUDIES', JSON.stringify(studiesEl?.attrs ?? {}));
  const otherRefs = firstChild(sar, 'OTHER_REFERENCES');
  if (otherRefs) part('xml:OTHER_REFERENCES', writeXmlElement(otherRefs));
  if (childElements(otherRefs).some((c) => childElements(c).length > 0)) {
    skipped.push({
      what: 'OTHER_REFERENCES',
      reason: 'additional and other-version references are not attached to studies in Grove; kept unchanged for an .rm5 export',
    });
  }
  const studies: Study[] = [];
  const uuidOf = new Map<string, string>();
  const takenStudyIds = new Set<string>();
  let references = 0;
  for (const [section, status] of STUDY_SECTIONS) {
    const sec = firstChild(studiesEl, section);
    part(`attrs:${section}`, JSON.stringify(sec?.attrs ?? {}));
    for (const s of childElements(sec, 'STUDY')) {
      const id = newId();
      const name = (s.attrs.NAME ?? '').trim();
      const fileId = s.attrs.ID ?? '';
      // Real files repeat a study id or leave it (or the name) empty: such a study is kept
      // as its own study under a fresh id, and data naming the id belong to the first.
      let rm5Id = fileId;
      if (fileId === '' || uuidOf.has(fileId)) {
        rm5Id = uniqueRm5Id(fileId || rm5StudyId(name || `Study ${studies.length + 1}`), takenStudyIds);
        skipped.push({
          what: `${section} STUDY ${fileId === '' ? 'without an ID' : `ID="${fileId}"`}${name ? ` (${name})` : ''}`,
          reason:
            fileId === ''
              ? `has no ID; brought in as ${rm5Id}`
              : `the ID is used by an earlier study too; brought in as a separate study with ID ${rm5Id} (data, characteristics and risk of bias naming ${fileId} stay with the first)`,
        });
      } else uuidOf.set(rm5Id, id);
      takenStudyIds.add(rm5Id);
      if (name === '') skipped.push({ what: `STUDY ${rm5Id}`, reason: `has no NAME; shown as "${rm5Id}"` });
      const idents = childElements(firstChild(s, 'IDENTIFIERS'), 'IDENTIFIER').map((i) => ({
        type: i.attrs.TYPE ?? '',
        value: i.attrs.VALUE ?? '',
        attributes: otherAttributes(i, 'TYPE', 'VALUE'),
      }));
      const reports = childElements(s, 'REFERENCE').map((r, i) => {
        references++;
        const reportId = newId();
        const field = (n: string) => textIn(firstChild(r, n)) ?? '';
        const rIdents = childElements(firstChild(r, 'IDENTIFIERS'), 'IDENTIFIER');
        const doi = rIdents.find((x) => x.attrs.TYPE === 'DOI')?.attrs.VALUE ?? '';
        const pmid = rIdents.find((x) => x.attrs.TYPE === 'PUBMED')?.attrs.VALUE ?? '';
        const cut = (v: string, max: number, what: string) => {
          if (v.length <= max) return v;
          skipped.push({
            what: `${s.attrs.NAME ?? rm5Id} reference ${i + 1} ${what}`,
            reason: `longer than ${max} characters; shortened in Grove (the full text is kept for export)`,
          });
          return v.slice(0, max);
        };
        revman.reports.push({
          reportId,
          type: r.attrs.TYPE ?? null,
          fields: childElements(r).map((c) => ({ name: c.name, xml: writeXmlElement(c) })),
          attributes: otherAttributes(r, 'TYPE'),
        });
        const notes = r.attrs.NOTES ?? '';
        return {
          id: reportId,
          studyId: id,
          title: cut(field('TI'), 2000, 'title'),
          authors: cut(field('AU'), 5000, 'authors'),
          journal: cut(field('SO'), 500, 'source'),
          year: reportYear(field('YR')),
          doi: /^10\.\d{4,9}\/\S+$/.test(doi) && doi.length <= 300 ? doi : '',
          pmid: /^\d{1,9}$/.test(pmid) ? pmid : '',
          citation: '',
          isPrimary: r.attrs.PRIMARY === 'YES',
          notes: cut(notes, 20000, 'notes'),
          createdAt: now,
          updatedAt: now,
        };
      });
      revman.studies.push({
        studyId: id,
        rm5Id,
        year: s.attrs.YEAR ?? null,
        dataSource: s.attrs.DATA_SOURCE ?? null,
        identifiers: idents,
        attributes: otherAttributes(s, 'ID', 'NAME', 'YEAR', 'DATA_SOURCE'),
      });
      studies.push({
        id,
        label: name || rm5Id,
        status,
        identifiers: idents
          .map((x) => `${x.type}: ${x.value}`)
          .join('; ')
          .slice(0, 1000),
        notes: '',
        createdAt: now,
        updatedAt: now,
        reports,
      });
    }
  }

  // Characteristics of studies: one long-text field per RevMan column, in their own section.
  const cos = firstChild(root, 'CHARACTERISTICS_OF_STUDIES');
  part('attrs:CHARACTERISTICS_OF_STUDIES', JSON.stringify(cos?.attrs ?? {}));
  const fields = new Map<string, FormField>();
  const characteristics: CharacteristicValue[] = [];
  // A study's characteristic may appear more than once (the same element twice in a row, or
  // the study's row twice). Every occurrence is kept verbatim for the export (memo key
  // `char:<study>:<element>`, then `#2`, `#3` …; layouts `char-layout:<study>`, then `#2` …);
  // Grove shows the first non-empty one and remembers which (`char-shown:<study>:<element>`).
  const charOccurrences = new Map<string, number>();
  const charShown = new Map<string, number>();
  const charRows = new Map<string, number>();
  for (const [table, rowName] of CHAR_TABLES) {
    const t = firstChild(cos, table);
    if (!t) continue;
    part(`attrs:${table}`, JSON.stringify(t.attrs));
    const extra = childElements(t).filter((c) => c.name !== rowName);
    part(`extra:${table}`, extra.map(writeXmlElement).join('\n'));
    for (const row of childElements(t, rowName)) {
      const studyId = uuidOf.get(row.attrs.STUDY_ID ?? '');
      if (!studyId) {
        skipped.push({ what: `${rowName} ${row.attrs.STUDY_ID ?? ''}`, reason: 'names no study of the file' });
        continue;
      }
      const rowNo = (charRows.get(studyId) ?? 0) + 1;
      charRows.set(studyId, rowNo);
      const layout: Array<{ name: string; attrs: Record<string, string>; occurrence?: number }> = [];
      for (const c of childElements(row)) {
        const occurrenceKey = `${studyId}:${c.name}`;
        const occurrence = (charOccurrences.get(occurrenceKey) ?? 0) + 1;
        charOccurrences.set(occurrenceKey, occurrence);
        layout.push(occurrence === 1 ? { name: c.name, attrs: c.attrs } : { name: c.name, attrs: c.attrs, occurrence });
        const m = /^CHAR_USER_DEF_(\d)$/.exec(c.name);
        const label = m
          ? t.attrs[`USER_DEF_${m[1]}_NAME`]?.trim() || `User-defined ${m[1]}`
          : (CHAR_LABELS[c.name] ?? c.name.replace(/^CHAR_/, '').toLowerCase());
        const fieldId = charFieldId(c.name);
        if (!fields.has(fieldId)) {
          fields.set(fieldId, {
            id: fieldId,
            sectionId: CHAR_FIELD_SECTION_ID,
            label,
            type: 'longText',
            unit: '',
            options: [],
            help: `RevMan ${c.name}`,
          });
        }
        const plain = richToPlain(c.children);
        part(`char:${studyId}:${c.name}${occurrence === 1 ? '' : `#${occurrence}`}`, JSON.stringify({ plain, xml: innerXml(c) }));
        if (plain === '' || charShown.has(occurrenceKey)) continue;
        charShown.set(occurrenceKey, occurrence);
        if (occurrence > 1) part(`char-shown:${occurrenceKey}`, String(occurrence));
        characteristics.push({
          studyId,
          fieldId,
          slot: 'final',
          content: { status: 'value', value: plain },
          sourceNote: '',
          comment: '',
          decidedBy: null,
          updatedAt: now,
        });
      }
      part(
        `char-layout:${studyId}${rowNo === 1 ? '' : `#${rowNo}`}`,
        JSON.stringify({ table, attrs: otherAttributes(row, 'STUDY_ID'), layout }),
      );
    }
  }
  const studyLabel = (studyId: string): string => studies.find((x) => x.id === studyId)?.label ?? studyId;
  for (const [studyId, rows] of charRows) {
    if (rows > 1)
      skipped.push({
        what: `characteristics of ${studyLabel(studyId)}`,
        reason: `the study has ${rows} rows in the characteristics tables; all are kept unchanged for an .rm5 export, Grove shows the first non-empty value of each field`,
      });
  }
  for (const [key, n] of charOccurrences) {
    const [studyId = '', element = ''] = key.split(':');
    if (n <= 1 || (charRows.get(studyId) ?? 0) > 1) continue;
    const used = charShown.get(key);
    skipped.push({
      what: `${studyLabel(studyId)} ${CHAR_LABELS[element] ?? element} (${n} entries)`,
      reason: `repeated in the file; Grove shows ${used === undefined ? 'none (all are empty)' : `entry ${used}, the first non-empty one`}; all ${n} are kept unchanged for an .rm5 export`,
    });
  }
  // Labels must be unique enough to tell apart: a user-defined field may reuse a standard name.
  const seen = new Set<string>();
  const revmanFields = [...fields.values()].map((f) => {
    let label = f.label;
    if (seen.has(label.toLowerCase())) label = `${label} (RevMan)`;
    seen.add(label.toLowerCase());
    return { ...f, label };
  });
  const form: ExtractionForm = importedRevmanForm(
    { id: CHAR_FIELD_SECTION_ID, title: 'Characteristics of studies (RevMan)', description: 'Brought in from a RevMan 5 file.' },
    revmanFields,
  );

  // Risk of bias.
  const qi = firstChild(root, 'QUALITY_ITEMS');
  part('attrs:QUALITY_ITEMS', JSON.stringify(qi?.attrs ?? {}));
  const assessments = new Map<string, Rob1Assessment>();
  const groupedEntries = new Map<string, Map<Rob1DomainId, Rob1GroupableDomainEntry>>();
  const outcomeGroups: Array<{ id: string; name: string }> = [];
  const usedDomains = new Set<Rob1DomainId>();
  let robJudgements = 0;
  let robAdded = 0;
  const takenItemIds = new Set<string>();
  childElements(qi, 'QUALITY_ITEM').forEach((item, position) => {
    const name = rmName(firstChild(item, 'NAME'));
    // An item ID used twice (or missing) gets a fresh one: judgements are keyed by it.
    let itemRm5Id = item.attrs.ID ?? '';
    if (itemRm5Id === '' || takenItemIds.has(itemRm5Id)) {
      const fresh = uniqueRm5Id(itemRm5Id || qualityItemId(position + 1), takenItemIds);
      skipped.push({
        what: `QUALITY_ITEM ${itemRm5Id === '' ? 'without an ID' : `ID="${itemRm5Id}"`} (${name})`,
        reason: itemRm5Id === '' ? `has no ID; brought in as ${fresh}` : `the ID is used by an earlier item too; brought in as ${fresh}`,
      });
      itemRm5Id = fresh;
    }
    takenItemIds.add(itemRm5Id);
    let domain = robDomainFor(name);
    if (domain && usedDomains.has(domain)) domain = null;
    if (domain) usedDomains.add(domain);
    else robAdded++;
    const groups = childElements(item, 'QUALITY_ITEM_DATA_ENTRY_GROUP');
    const groupNames = new Map<string, string>();
    for (const g of groups) {
      let gname = rmName(firstChild(g, 'NAME')) || g.attrs.ID || 'Outcome group';
      if ([...groupNames.values()].includes(gname)) gname = `${gname} (${g.attrs.ID ?? ''})`;
      groupNames.set(g.attrs.ID ?? '', gname.slice(0, 200));
      if (!outcomeGroups.some((o) => o.name === gname))
        outcomeGroups.push({ id: (g.attrs.ID ?? gname).slice(0, 64), name: gname.slice(0, 200) });
    }
    const desc = firstChild(item, 'DESCRIPTION');
    const record: RevmanRobItem = {
      id: newId(),
      position,
      rm5Id: itemRm5Id,
      no: parseJavaDouble(item.attrs.NO),
      name,
      coreItem: item.attrs.CORE_ITEM === 'YES',
      level: item.attrs.LEVEL === 'GROUP' ? 'GROUP' : 'STUDY',
      descriptionXml: desc ? writeXmlElement(desc) : '',
      domain,
      groups: groups.map((g) => ({
        rm5Id: g.attrs.ID ?? '',
        no: parseJavaDouble(g.attrs.NO),
        name: rmName(firstChild(g, 'NAME')),
        refIds: g.attrs.REF_IDS ?? null,
        attributes: otherAttributes(g, 'ID', 'NO', 'REF_IDS'),
      })),
      attributes: otherAttributes(item, 'ID', 'NO', 'CORE_ITEM', 'LEVEL'),
    };
    revman.robItems.push(record);
    keepMarkup(record.id, firstChild(item, 'NAME'));
    groups.forEach((g, i) => keepMarkup(`${record.id}/${i}`, firstChild(g, 'NAME')));
    const dataEl = firstChild(item, 'QUALITY_ITEM_DATA');
    part(`attrs:QUALITY_ITEM_DATA:${record.rm5Id}`, JSON.stringify(dataEl?.attrs ?? {}));
    // A study may be judged more than once on the same item and group (real files repeat an
    // entry two or three times). Grove takes one judgement, the first entry with a RESULT (or
    // else with a support text, or else the first), and keeps every entry verbatim, in file
    // order, for the export (`rob-repeats:<study>:<item>:<group>`).
    const entries = childElements(dataEl, 'QUALITY_ITEM_DATA_ENTRY');
    const sameJudgement = new Map<string, XmlElement[]>();
    for (const entry of entries) {
      const key = `${entry.attrs.STUDY_ID ?? ''}\u0000${entry.attrs.GROUP_ID ?? ''}`;
      sameJudgement.set(key, [...(sameJudgement.get(key) ?? []), entry]);
    }
    for (const entry of entries) {
      const studyId = uuidOf.get(entry.attrs.STUDY_ID ?? '');
      if (!studyId) {
        skipped.push({
          what: `risk of bias ${record.rm5Id} entry for ${entry.attrs.STUDY_ID ?? '?'}`,
          reason: 'names no study of the file',
        });
        continue;
      }
      const repeats = sameJudgement.get(`${entry.attrs.STUDY_ID ?? ''}\u0000${entry.attrs.GROUP_ID ?? ''}`) ?? [entry];
      if (repeats.length > 1) {
        const used = chooseRepeatedJudgement(repeats);
        if (entry !== repeats[used]) continue;
        part(
          `rob-repeats:${studyId}:${record.rm5Id}:${entry.attrs.GROUP_ID ?? ''}`,
          JSON.stringify({ used, xml: repeats.map(writeXmlElement) }),
        );
        const group = entry.attrs.GROUP_ID ? ` (${groupNames.get(entry.attrs.GROUP_ID) ?? entry.attrs.GROUP_ID})` : '';
        skipped.push({
          what: `risk of bias "${name}"${group} for ${studyLabel(studyId)} (${repeats.length} entries)`,
          reason: `the study is judged ${repeats.length} times on this item; Grove uses entry ${used + 1}, ${used === 0 ? 'the first' : 'the first with a judgement'}; all ${repeats.length} are kept unchanged for an .rm5 export`,
        });
      }
      const result =
        entry.attrs.RESULT === 'YES' || entry.attrs.RESULT === 'NO' || entry.attrs.RESULT === 'UNKNOWN' ? entry.attrs.RESULT : null;
      const groupRm5Id = entry.attrs.GROUP_ID ?? '';
      const d = firstChild(entry, 'DESCRIPTION');
      const supportXml = d ? innerXml(d) : '';
      const support = d ? richToPlain(d.children).slice(0, 20000) : '';
      const attributes = otherAttributes(entry, 'STUDY_ID', 'RESULT', 'GROUP_ID');
      robJudgements++;
      const judgement = result ? RESULT_TO_JUDGEMENT[result] : null;
      if (domain && (groupRm5Id === '' || isRob1GroupableDomain(domain))) {
        part(
          `rob:${studyId}:${record.rm5Id}:${groupRm5Id}`,
          JSON.stringify({ plain: support, xml: supportXml, hasDescription: !!d, attributes }),
        );
        const a = assessments.get(studyId) ?? emptyRob1Assessment();
        assessments.set(studyId, a);
        if (groupRm5Id === '') {
          (a as Record<Rob1DomainId, Rob1GroupableDomainEntry>)[domain] = { level: 'study', judgement, support };
        } else {
          const byDomain = groupedEntries.get(studyId) ?? new Map<Rob1DomainId, Rob1GroupableDomainEntry>();
          groupedEntries.set(studyId, byDomain);
          const cur = byDomain.get(domain);
          const g = { outcomeGroup: groupNames.get(groupRm5Id) ?? groupRm5Id, judgement, support };
          byDomain.set(
            domain,
            cur && cur.level === 'outcome-group'
              ? { level: 'outcome-group', groups: [...cur.groups, g] }
              : { level: 'outcome-group', groups: [g] },
          );
        }
      } else {
        revman.robEntries.push({ itemId: record.id, studyId, groupRm5Id, result, supportXml: d ? writeXmlElement(d) : '', attributes });
      }
    }
  });
  // A grouped judgement wins over a study-level one of the same domain (Grove holds one shape).
  for (const [studyId, byDomain] of groupedEntries) {
    const a = assessments.get(studyId) ?? emptyRob1Assessment();
    for (const [domain, entry] of byDomain) (a as Record<Rob1DomainId, Rob1GroupableDomainEntry>)[domain] = entry;
    assessments.set(studyId, a);
  }
  if (robAdded > 0)
    skipped.push({
      what: `${robAdded} risk-of-bias item(s) beyond RevMan's standard seven`,
      reason: 'Grove’s RoB 1 has the seven standard domains; their judgements are kept for an .rm5 export but not shown',
    });

  // Comparisons, outcomes, subgroups, data rows.
  const ad = firstChild(root, 'ANALYSES_AND_DATA');
  part('attrs:ANALYSES_AND_DATA', JSON.stringify(ad?.attrs ?? {}));
  let skippedOutcomes = 0;
  childElements(ad, 'COMPARISON').forEach((cmp, cPos) => {
    const cmpId = newId();
    const outcomeEls = childElements(cmp).filter((c) => /_OUTCOME$/.test(c.name));
    keepMarkup(cmpId, firstChild(cmp, 'NAME'));
    revman.comparisons.push({
      id: cmpId,
      position: cPos,
      rm5Id: cmp.attrs.ID ?? '',
      no: parseJavaDouble(cmp.attrs.NO),
      name: rmName(firstChild(cmp, 'NAME')),
      attributes: otherAttributes(cmp, 'ID', 'NO'),
      extraXml: childElements(cmp)
        .filter((c) => c.name !== 'NAME' && !/_OUTCOME$/.test(c.name))
        .map(writeXmlElement)
        .join('\n'),
    });
    outcomeEls.forEach((o, oPos) => {
      const kind = o.name.replace(/_OUTCOME$/, '') as RevmanAnalysis['kind'];
      if (!(RM5_OUTCOME_KINDS as readonly string[]).includes(kind)) return;
      const a = o.attrs;
      const analysisId = newId();
      const totals = (a.TOTALS ?? 'YES').trim().toUpperCase();
      const labelOf = (n: string) => textIn(firstChild(o, n));
      const measure = a.EFFECT_MEASURE ?? textIn(firstChild(o, 'EFFECT_MEASURE'));
      for (const n of OUTCOME_CHILDREN) keepMarkup(analysisId, firstChild(o, n));
      revman.analyses.push({
        id: analysisId,
        comparisonId: cmpId,
        position: oPos,
        rm5Id: a.ID ?? '',
        no: parseJavaDouble(a.NO),
        kind,
        name: rmName(firstChild(o, 'NAME')),
        effectMeasure: measure ?? null,
        method: a.METHOD ?? null,
        random: parseYesNo(a.RANDOM) ?? false,
        ciStudy: parseJavaDouble(a.CI_STUDY) ?? 95,
        ciTotal: parseJavaDouble(a.CI_TOTAL) ?? 95,
        totals: totals === 'SUB' || totals === 'NO' ? totals : 'YES',
        subgroups: parseYesNo(a.SUBGROUPS) ?? false,
        subgroupTest: parseYesNo(a.SUBGROUP_TEST) ?? false,
        swapEvents: kind === 'DICH' ? (parseYesNo(a.SWAP_EVENTS) ?? false) : false,
        logData: kind === 'IV' ? (parseYesNo(a.LOG_DATA) ?? false) : false,
        sortBy: a.SORT_BY ?? null,
        units: a.UNITS ?? null,
        scale: parseJavaDouble(a.SCALE),
        showParticipants: parseYesNo(a.SHOW_PARTICIPANTS),
        groupLabel1: labelOf('GROUP_LABEL_1'),
        groupLabel2: labelOf('GROUP_LABEL_2'),
        graphLabel1: labelOf('GRAPH_LABEL_1'),
        graphLabel2: labelOf('GRAPH_LABEL_2'),
        // Without subgroups there is no test for subgroup differences: RevMan writes placeholder
        // Q/P_Q/I2_Q (0.0/1.0/0.0 in 5.2+, P_Q 0.0 in 5.0, even noise like Q=2E-32 with I2_Q=100),
        // which are kept as found rather than recomputed.
        attributes: otherAttributes(
          o,
          ...OUTCOME_SETTINGS,
          ...COMPUTED_POOLED.filter((k) => childElements(o, `${kind}_SUBGROUP`).length > 0 || !['Q', 'P_Q', 'I2_Q'].includes(k)),
        ),
        extraXml: childElements(o)
          .filter((c) => !OUTCOME_CHILDREN.includes(c.name) && c.name !== `${kind}_SUBGROUP` && c.name !== `${kind}_DATA`)
          .map(writeXmlElement)
          .join('\n'),
      });
      if (kind === 'OTHER') {
        skippedOutcomes++;
        skipped.push({
          what: `${a.ID ?? ''} ${rmName(firstChild(o, 'NAME'))}`,
          reason: '"Other data" outcomes are stored but not analysed',
        });
      }
      let rowPos = 0;
      const addRows = (container: XmlElement, subgroupId: string | null) => {
        for (const r of childElements(container, `${kind}_DATA`)) {
          const ra = r.attrs;
          const n = (k: string) => (ROW_INPUTS[kind]?.includes(k) ? parseJavaDouble(ra[k]) : null);
          const studyId = uuidOf.get(ra.STUDY_ID ?? '') ?? '';
          const fn = firstChild(r, 'FOOTNOTE');
          const row: RevmanDataRow = {
            id: newId(),
            analysisId,
            subgroupId,
            position: rowPos++,
            studyId,
            kind,
            events1: n('EVENTS_1'),
            total1: n('TOTAL_1'),
            events2: n('EVENTS_2'),
            total2: n('TOTAL_2'),
            mean1: n('MEAN_1'),
            sd1: n('SD_1'),
            mean2: n('MEAN_2'),
            sd2: n('SD_2'),
            estimate: n('ESTIMATE'),
            se: n('SE'),
            oMinusE: n('O_E'),
            variance: n('VAR'),
            order: parseJavaDouble(ra.ORDER),
            footnote: fn ? innerXml(fn) : null,
            attributes:
              kind === 'OTHER'
                ? otherAttributes(r, 'STUDY_ID', 'ORDER')
                : otherAttributes(r, 'STUDY_ID', 'ORDER', ...COMPUTED_ROW, ...(ROW_INPUTS[kind] ?? [])),
          };
          revman.rows.push(row);
        }
      };
      addRows(o, null);
      childElements(o, `${kind}_SUBGROUP`).forEach((sg, sPos) => {
        const sgId = newId();
        keepMarkup(sgId, firstChild(sg, 'NAME'));
        revman.subgroups.push({
          id: sgId,
          analysisId,
          position: sPos,
          rm5Id: sg.attrs.ID ?? '',
          no: parseJavaDouble(sg.attrs.NO),
          name: rmName(firstChild(sg, 'NAME')),
          attributes: otherAttributes(sg, 'ID', 'NO', ...COMPUTED_POOLED),
        });
        addRows(sg, sgId);
      });
    });
  });

  const protocol = emptyProtocol(title.slice(0, 500));
  // RevMan pools every outcome with two or more studies; the minimum of three is the seed
  // review's own rule and must not turn an imported outcome RevMan pooled into "narrative synthesis".
  protocol.conventions.minStudiesForMetaAnalysis = 2;
  const document: ReviewDocument = {
    format: 'grove-review',
    formatVersion: 3,
    review: { id: newId(), createdAt: now, updatedAt: now },
    protocol,
    searchCounts: {
      databaseRecords: null,
      otherSourceRecords: null,
      recordsAfterDeduplication: null,
      recordsExcludedAtTitleAbstract: null,
      fullTextReportsAssessed: null,
      fullTextReportsExcluded: null,
      studiesIncluded: null,
      reportsOfIncludedStudies: null,
      studiesInMetaAnalysis: null,
      participants: null,
    },
    reviewers: [],
    studies,
    auditLog: [],
    extractionForm: form,
    characteristics,
    studyData: { arms: [], outcomes: [], timepoints: [], results: [] },
    riskOfBias: {
      settings: {
        tool: 'rob1',
        // RevMan stores no key domains: the review has not chosen any, so every domain decides.
        overallRule: { keyDomains: [...DEFAULT_ROB1_OVERALL_RULE.keyDomains], fallback: DEFAULT_ROB1_OVERALL_RULE.fallback },
        outcomeGroups,
        secondReviewerFraction: 0.1,
        sampleSeed: 1,
      },
      assessments: [...assessments].map(([studyId, assessment]) => ({
        studyId,
        label: studies.find((s) => s.id === studyId)?.label ?? '',
        slot: 'final',
        assessment,
        overall: 'pending' as const,
        overallReason: '',
      })),
      rob2: [],
    },
    revman,
  };
  void skippedOutcomes;
  return {
    document,
    report: {
      imported: {
        studies: studies.length,
        references,
        characteristics: characteristics.length,
        riskOfBiasJudgements: robJudgements,
        riskOfBiasItemsAdded: robAdded,
        comparisons: revman.comparisons.length,
        analyses: revman.analyses.length,
        subgroups: revman.subgroups.length,
        dataRows: revman.rows.length,
      },
      skipped,
    },
  };
}
