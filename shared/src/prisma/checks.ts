import type { SearchCounts } from '../model/search-counts.ts';
import { NOUNS, nounFor } from '../text/plural.ts';
import type { Breakdown, FlowCount, PrismaFlow, ReportsFlow } from './flow.ts';

// The arithmetic a reader of the flow diagram would check (PRISMA 2020 notes, §6). They are
// warnings, never errors: PRISMA lets records, reports and studies differ (one record can lead
// to several reports), and a check is only made when every count it needs is known.

export interface FlowCheck {
  /** Stable id of the rule, for tests and for linking a warning to its boxes. */
  readonly rule: string;
  readonly message: string;
}

const n = (c: FlowCount): number | null => (c ? c.n : null);
const fmt = (x: number) => x.toLocaleString('en-US');

function allKnown(...xs: (number | null)[]): boolean {
  return xs.every((x) => x !== null);
}

function breakdownCheck(rule: string, what: string, b: Breakdown, out: FlowCheck[]): void {
  const total = n(b.total);
  const items = b.items.map((i) => n(i.count));
  if (total === null || items.length === 0 || !allKnown(...items)) return;
  const sum = (items as number[]).reduce((s, x) => s + x, 0);
  if (sum !== total) out.push({ rule, message: `${what}: the items add up to ${fmt(sum)}, not the ${fmt(total)} given as the total.` });
}

function reportsChecks(column: string, r: ReportsFlow, out: FlowCheck[]): void {
  const [sought, notRetrieved, assessed] = [n(r.sought), n(r.notRetrieved), n(r.assessed)];
  if (allKnown(sought, notRetrieved, assessed) && sought! - notRetrieved! !== assessed)
    out.push({
      rule: `${column}.retrieval`,
      message: `${fmt(sought!)} reports sought − ${fmt(notRetrieved!)} not retrieved = ${fmt(sought! - notRetrieved!)}, but ${fmt(assessed!)} were assessed.`,
    });
  const excluded = n(r.reportsExcluded.total);
  if (allKnown(assessed, excluded) && excluded! > assessed!)
    out.push({ rule: `${column}.excluded`, message: `${fmt(excluded!)} reports excluded is more than the ${fmt(assessed!)} assessed.` });
  breakdownCheck(`${column}.reasons`, 'Reports excluded', r.reportsExcluded, out);
}

/** Where the diagram's numbers do not add up, in the words a reader would use. */
export function prismaFlowChecks(flow: PrismaFlow): FlowCheck[] {
  const out: FlowCheck[] = [];
  const id = flow.identification;
  const s = flow.screening;

  breakdownCheck('databases.sum', 'Records from databases', id.databases, out);
  breakdownCheck('registers.sum', 'Records from registers', id.registers, out);
  breakdownCheck('other.sum', 'Records from other methods', flow.otherMethods.identified, out);

  // Identified − removed before screening = screened (databases and registers only). Records
  // removed by automation tools are often not reported: with every other count known, the
  // check is still made, treating an unknown automation count as none.
  const identified = n(id.databases.total) === null ? null : (n(id.databases.total) ?? 0) + (n(id.registers.total) ?? 0);
  const removed = id.removedBeforeScreening;
  const [dup, other, screened] = [n(removed.duplicates), n(removed.other), n(s.screened)];
  if (allKnown(identified, dup, other, screened)) {
    const left = identified! - dup! - (n(removed.automation) ?? 0) - other!;
    if (left !== screened)
      out.push({
        rule: 'identification.screened',
        message: `${fmt(identified!)} records identified − ${fmt(identified! - left)} removed before screening = ${fmt(left)}, but ${fmt(screened!)} were screened.`,
      });
  } else if (allKnown(identified, screened) && screened! > identified! + (n(flow.otherMethods.identified.total) ?? 0)) {
    out.push({ rule: 'identification.screened', message: `${fmt(screened!)} records screened is more than the records identified.` });
  }

  const excluded = n(s.recordsExcluded);
  if (allKnown(screened, excluded)) {
    if (excluded! > screened!)
      out.push({ rule: 'screening.excluded', message: `${fmt(excluded!)} records excluded is more than the ${fmt(screened!)} screened.` });
    else if (n(s.sought) !== null && screened! - excluded! !== n(s.sought))
      out.push({
        rule: 'screening.sought',
        message: `${fmt(screened!)} records screened − ${fmt(excluded!)} excluded = ${fmt(screened! - excluded!)}, but ${fmt(n(s.sought)!)} reports were sought.`,
      });
  }
  reportsChecks('databases', s, out);
  reportsChecks('other', flow.otherMethods, out);

  // Reports assessed − reports excluded, over both columns, = reports of included studies.
  const inc = flow.included;
  const remaining = [s, flow.otherMethods]
    .filter((r) => n(r.assessed) !== null)
    .map((r) => (n(r.reportsExcluded.total) === null ? null : n(r.assessed)! - n(r.reportsExcluded.total)!));
  const reports = n(inc.reports);
  if (remaining.length > 0 && allKnown(...remaining) && reports !== null) {
    const left = (remaining as number[]).reduce((a, b) => a + b, 0);
    if (left !== reports)
      out.push({
        rule: 'included.reports',
        message: `Reports assessed − reports excluded = ${fmt(left)}, but ${fmt(reports)} reports of included studies are counted.`,
      });
  }
  const studies = n(inc.studies);
  if (allKnown(studies, reports) && reports! < studies!)
    out.push({
      rule: 'included.reportsPerStudy',
      message: `${fmt(studies!)} studies included but ${reports === 0 ? 'no reports' : `only ${fmt(reports!)} ${nounFor(reports!, NOUNS.report)}`} of them.`,
    });
  const ma = n(inc.studiesInMetaAnalysis);
  if (allKnown(studies, ma) && ma! > studies!)
    out.push({
      rule: 'included.metaAnalysis',
      message: `${fmt(ma!)} studies in the meta-analysis is more than the ${fmt(studies!)} included.`,
    });
  return out;
}

/** Hand-entered counts that the review's data now contradict (the data are shown). */
export function handEnteredConflicts(flow: PrismaFlow, hand: SearchCounts): FlowCheck[] {
  const out: FlowCheck[] = [];
  const pairs: [string, FlowCount, number | null][] = [
    ['studies included', flow.included.studies, hand.studiesIncluded],
    ['reports of included studies', flow.included.reports, hand.reportsOfIncludedStudies],
    ['studies in the meta-analysis', flow.included.studiesInMetaAnalysis, hand.studiesInMetaAnalysis],
    ['records from databases', flow.identification.databases.total, hand.databaseRecords],
    ['records screened', flow.screening.screened, hand.recordsAfterDeduplication],
  ];
  for (const [what, count, typed] of pairs)
    if (count?.source === 'data' && typed !== null && typed !== count.n)
      out.push({
        rule: `hand-entered.${what.replace(/\s+/g, '-')}`,
        message: `The review holds ${fmt(count.n)} ${what}; the PRISMA counts entered by hand say ${fmt(typed)}. The diagram shows the review’s data.`,
      });
  return out;
}
