import { csvSafeText } from '../export/safe-text.ts';
import type { Breakdown, FlowCount, OtherSource, PrismaFlow } from './flow.ts';
import { PRISMA_LABELS as L } from './labels.ts';

// The flow diagram as the PRISMA2020 R package and Shiny app read it (Haddaway et al.,
// Campbell Syst Rev 2022;18:e1230; the template inst/extdata/PRISMA.csv): the columns
// data,node,box,description,boxtext,tooltips,url,n, every row of the current template in its
// order. Counts are plain integers; an unknown count is left empty, which the app reads as
// "not reported" and hides. Lists ("Name, n; Name, n") carry records per database or register
// and exclusions per reason. The template's own labels for an update ("New studies…") are
// replaced by the official labels for a new review in `boxtext`, as the notes recommend, and a
// hand-entered count says so in its tooltip.

const HEADER = 'data,node,box,description,boxtext,tooltips,url,n';
const DB_PLACEHOLDER = 'Database 1, xxx; Database 2, xxx; Database 3, xxx';
const REG_PLACEHOLDER = 'Register 1, xxx; Register 2, xxx; Register 3, xxx';

interface Row {
  data: string;
  node: string;
  box: string;
  description: string;
  boxtext: string;
  /** The value: a count, a list, or empty for "not reported". */
  n: string;
  /** Whether the count was entered by hand (said in the tooltip). */
  handEntered?: boolean;
}

function field(text: string): string {
  const s = csvSafeText(text);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const num = (c: FlowCount): string => (c === null ? '' : String(c.n));
const byHand = (c: FlowCount): boolean => c?.source === 'hand-entered';
/** A name inside a "Name, n; Name, n" list cannot hold the separators. */
const listName = (s: string) => s.replace(/[,;]+/g, ' ').replace(/\s+/g, ' ').trim();

/** "Name, n; Name, n" when every item is known, otherwise the bare total (or empty). */
function listCell(b: Breakdown): string {
  if (b.items.length > 0 && b.items.every((i) => i.count !== null))
    return b.items.map((i) => `${listName(i.name)}, ${i.count!.n}`).join('; ');
  return num(b.total);
}

/** The three other-methods rows: sources by kind; unclassified ones take a free row, relabelled. */
function otherRows(identified: Breakdown<OtherSource>): { n: string; boxtext: string; handEntered: boolean }[] {
  const kinds = ['websites', 'organisations', 'citations'] as const;
  const labels: string[] = [L.websites, L.organisations, L.citations];
  const rows = kinds.map((k, i) => {
    const items = identified.items.filter((s) => s.kind === k);
    const known = items.length > 0 && items.every((s) => s.count !== null);
    return { n: known ? String(items.reduce((t, s) => t + s.count!.n, 0)) : '', boxtext: labels[i]!, handEntered: false };
  });
  const unclassified = identified.items.filter((s) => s.kind === 'other');
  let extra: { n: number; name: string; handEntered: boolean } | null = null;
  if (unclassified.length > 0 && unclassified.every((s) => s.count !== null))
    extra = {
      n: unclassified.reduce((t, s) => t + s.count!.n, 0),
      name: unclassified.length === 1 ? unclassified[0]!.name : L.otherSources,
      handEntered: unclassified.some((s) => byHand(s.count)),
    };
  else if (identified.items.length === 0 && identified.total !== null)
    extra = { n: identified.total.n, name: L.otherSources, handEntered: byHand(identified.total) };
  if (extra) {
    const free = rows.find((r) => r.n === '') ?? rows[rows.length - 1]!;
    free.n = free.n === '' ? String(extra.n) : String(Number(free.n) + extra.n);
    free.boxtext = free.n === String(extra.n) ? extra.name : `${free.boxtext} and ${extra.name.toLowerCase()}`;
    free.handEntered = extra.handEntered;
  }
  return rows;
}

function rows(flow: PrismaFlow): Row[] {
  const id = flow.identification;
  const s = flow.screening;
  const o = flow.otherMethods;
  const inc = flow.included;
  const [web, org, cit] = otherRows(o.identified);
  const count = (data: string, node: string, box: string, description: string, boxtext: string, c: FlowCount): Row => ({
    data,
    node,
    box,
    description,
    boxtext,
    n: num(c),
    handEntered: byHand(c),
  });
  return [
    { data: 'NA', node: 'node4', box: 'prevstud', description: 'Grey title box; Previous studies', boxtext: 'Previous studies', n: '0' },
    // A new review: no previous version, so the app leaves the previous-studies column out.
    {
      data: 'previous_studies',
      node: 'node5',
      box: 'box1',
      description: 'Studies included in previous version of review',
      boxtext: 'Studies included in previous version of review',
      n: '0',
    },
    {
      data: 'previous_reports',
      node: 'NA',
      box: 'box1',
      description: 'Reports of studies included in previous version of review',
      boxtext: 'Reports of studies included in previous version of review',
      n: '0',
    },
    {
      data: 'NA',
      node: 'node6',
      box: 'newstud',
      description: `Yellow title box; ${L.databasesHeader}`,
      boxtext: L.databasesHeader,
      n: '0',
    },
    count('database_results', 'node7', 'box2', 'Records identified from: Databases', L.databases, id.databases.total),
    {
      data: 'database_specific_results',
      node: 'NA',
      box: 'box2',
      description: 'Records identified from: specific databases',
      boxtext: 'Specific Databases',
      n: id.databases.items.length ? listCell(id.databases) : DB_PLACEHOLDER,
    },
    count('register_results', 'NA', 'box2', 'Records identified from: Registers', L.registers, id.registers.total),
    {
      data: 'register_specific_results',
      node: 'NA',
      box: 'box2',
      description: 'Records identified from: specific registers',
      boxtext: 'Specific Registers',
      n: id.registers.items.length ? listCell(id.registers) : REG_PLACEHOLDER,
    },
    { data: 'NA', node: 'node16', box: 'othstud', description: `Grey title box; ${L.otherHeader}`, boxtext: L.otherHeader, n: '0' },
    { data: 'website_results', node: 'node17', box: 'box11', description: `Records identified from: ${web!.boxtext}`, ...web! },
    { data: 'organisation_results', node: '', box: 'box11', description: `Records identified from: ${org!.boxtext}`, ...org! },
    { data: 'citations_results', node: 'NA', box: 'box11', description: `Records identified from: ${cit!.boxtext}`, ...cit! },
    count('duplicates', 'node8', 'box3', 'Duplicate records', L.duplicates, id.removedBeforeScreening.duplicates),
    count('excluded_automatic', 'NA', 'box3', L.automation, L.automation, id.removedBeforeScreening.automation),
    count('excluded_other', 'NA', 'box3', L.otherRemoved, L.otherRemoved, id.removedBeforeScreening.other),
    count('records_screened', 'node9', 'box4', 'Records screened (databases and registers)', L.screened, s.screened),
    count('records_excluded', 'node10', 'box5', 'Records excluded (databases and registers)', 'Records excluded', s.recordsExcluded),
    count('dbr_sought_reports', 'node11', 'box6', 'Reports sought for retrieval (databases and registers)', L.sought, s.sought),
    count('dbr_notretrieved_reports', 'node12', 'box7', 'Reports not retrieved (databases and registers)', L.notRetrieved, s.notRetrieved),
    count('other_sought_reports', 'node18', 'box12', 'Reports sought for retrieval (other)', L.sought, o.sought),
    count('other_notretrieved_reports', 'node19', 'box13', 'Reports not retrieved (other)', L.notRetrieved, o.notRetrieved),
    count('dbr_assessed', 'node13', 'box8', 'Reports assessed for eligibility (databases and registers)', L.assessed, s.assessed),
    {
      data: 'dbr_excluded',
      node: 'node14',
      box: 'box9',
      description: 'Reports excluded (databases and registers): reasons and numbers separated by ;',
      boxtext: 'Reports excluded',
      n: listCell(s.reportsExcluded),
      handEntered: byHand(s.reportsExcluded.total),
    },
    count('other_assessed', 'node20', 'box14', 'Reports assessed for eligibility (other)', L.assessed, o.assessed),
    {
      data: 'other_excluded',
      node: 'node21',
      box: 'box15',
      description: 'Reports excluded (other): reasons and numbers separated by ;',
      boxtext: 'Reports excluded',
      n: listCell(o.reportsExcluded),
      handEntered: byHand(o.reportsExcluded.total),
    },
    count('new_studies', 'node15', 'box10', 'New studies included in review', L.studiesIncluded, inc.studies),
    count('new_reports', 'NA', 'box10', 'Reports of new included studies', L.reportsIncluded, inc.reports),
    // A new review: the total is the new studies (no previous version to add).
    count('total_studies', 'node22', 'box16', 'Total studies included in review', L.studiesIncluded, inc.studies),
    count('total_reports', 'NA', 'box16', 'Reports of total included studies', L.reportsIncluded, inc.reports),
    {
      data: 'identification',
      node: 'node1',
      box: 'identification',
      description: 'Blue identification box',
      boxtext: L.identification,
      n: '0',
    },
    { data: 'screening', node: 'node2', box: 'screening', description: 'Blue screening box', boxtext: L.screening, n: '0' },
    { data: 'included', node: 'node3', box: 'included', description: 'Blue included box', boxtext: L.included, n: '0' },
    count(
      'total_studies_ma',
      'node23',
      'box17',
      'Total studies included in meta-analysis',
      L.studiesInMetaAnalysis,
      inc.studiesInMetaAnalysis,
    ),
    {
      data: 'total_reports_ma',
      node: 'NA',
      box: 'box17',
      description: 'Reports of total included studies in meta-analysis',
      boxtext: 'Reports of studies included in meta-analysis',
      n: '',
    },
  ];
}

/** The PRISMA2020 app's CSV (RFC 4180, CRLF-free, a final newline). */
export function prismaFlowCsv(flow: PrismaFlow): string {
  const lines = rows(flow).map((r) => {
    const tooltip = r.node === 'NA' || r.node === '' ? 'NA' : `${r.description}${r.handEntered ? ' (entered by hand)' : ''}`;
    const url = r.node === 'NA' || r.node === '' ? 'NA' : `${r.data === 'NA' ? r.box : r.data}.html`;
    return [r.data, r.node, r.box, r.description, r.boxtext, tooltip, url, r.n].map(field).join(',');
  });
  return `${[HEADER, ...lines].join('\n')}\n`;
}
