import type { SearchCounts } from '../model/search-counts.ts';

// The PRISMA 2020 flow diagram as data: the boxes of the template for new reviews with
// searches of databases, registers and other sources (Page et al., BMJ 2021;372:n71; the
// "v2" template), each count tagged with where it came from. The diagram (flow-svg.ts), the
// PRISMA2020 app's CSV (flow-csv.ts) and the workbench all draw from this one value.
//
// Where a count comes from, decided here once:
// - `data`: computed from what the review holds (records and their search log, screening
//   decisions, studies and their reports, the analysis model);
// - `hand-entered`: the review's PRISMA counts as typed in (the protocol stage), used only
//   where the review does not hold the data: a review like the seed example keeps its counts
//   but not its records. Records removed by automation tools can only ever be entered.
// - null: not known. Unknown is not zero, and the diagram says "not recorded".

export type CountSource = 'data' | 'hand-entered';

/** A known count and where it came from; null when the review does not know it. */
export type FlowCount = { readonly n: number; readonly source: CountSource } | null;

export interface NamedCount {
  readonly name: string;
  readonly count: FlowCount;
}

/** What the other-methods sources are, for the PRISMA2020 CSV's three rows. */
export type OtherSourceKind = 'websites' | 'organisations' | 'citations' | 'other';

export interface OtherSource extends NamedCount {
  readonly kind: OtherSourceKind;
}

/** A box that lists items below its total (records per database, exclusions per reason). */
export interface Breakdown<T extends NamedCount = NamedCount> {
  readonly total: FlowCount;
  readonly items: readonly T[];
}

/** Full-text retrieval and assessment, as each identification column has it. */
export interface ReportsFlow {
  readonly sought: FlowCount;
  readonly notRetrieved: FlowCount;
  readonly assessed: FlowCount;
  /** Reports excluded, with a count per reason when the reasons are known. */
  readonly reportsExcluded: Breakdown;
}

export interface PrismaFlow {
  readonly identification: {
    readonly databases: Breakdown;
    readonly registers: Breakdown;
    readonly removedBeforeScreening: {
      readonly duplicates: FlowCount;
      readonly automation: FlowCount;
      readonly other: FlowCount;
    };
  };
  readonly screening: {
    readonly screened: FlowCount;
    /** Records excluded at title and abstract. */
    readonly recordsExcluded: FlowCount;
  } & ReportsFlow;
  readonly otherMethods: {
    readonly identified: Breakdown<OtherSource>;
  } & ReportsFlow;
  readonly included: {
    readonly studies: FlowCount;
    readonly reports: FlowCount;
    readonly studiesInMetaAnalysis: FlowCount;
  };
}

// ---- What the review holds, as the db layer reads it ----------------------------------

/** Records identified, from the review's records and search log (issue 13). */
export interface RecordCounts {
  readonly databases: readonly { name: string; n: number }[];
  readonly registers: readonly { name: string; n: number }[];
  readonly otherSources: readonly { name: string; kind: OtherSourceKind; n: number }[];
  readonly duplicates: number;
  /** Records removed before screening for other reasons (e.g. retracted, out of date range). */
  readonly otherRemoved: number;
}

/** Full-text outcomes of one identification column, from screening decisions (assessed follows: `reportsAssessed`). */
export interface ReportCounts {
  readonly sought: number;
  /** Reports marked "Full text could not be obtained". */
  readonly notRetrieved: number;
  readonly excludedByReason: readonly { reason: string; n: number }[];
}

/**
 * PRISMA 2020: every report sought and retrieved is assessed for eligibility (Page et al.
 * 2021, the flow's arrows sought → not retrieved, sought → assessed). Reports still being
 * read are counted as assessed: the diagram reports the review as it stands.
 */
export function reportsAssessed(sought: number, notRetrieved: number): number {
  return sought - notRetrieved;
}

/** Screening decisions (issue 14's screening); title/abstract applies to database and register records. */
export interface ScreeningCounts {
  readonly screened: number;
  readonly excluded: number;
  readonly databases: ReportCounts;
  readonly otherMethods: ReportCounts;
}

export interface PrismaFlowInputs {
  /** The PRISMA counts entered by hand. */
  readonly handEntered: SearchCounts;
  /** Null while the review holds no records. */
  readonly records: RecordCounts | null;
  /** Null while the review holds no screening decisions. */
  readonly screening: ScreeningCounts | null;
  /** Included studies and their reports; null when the review holds no studies at all. */
  readonly studies: { readonly included: number; readonly reportsOfIncluded: number } | null;
  /** Studies in at least one meta-analysis; null when no analysis of the review has data. */
  readonly studiesInMetaAnalysis: number | null;
}

const fromData = (n: number): FlowCount => ({ n, source: 'data' });
const entered = (n: number | null): FlowCount => (n === null ? null : { n, source: 'hand-entered' });
const sum = (xs: readonly { n: number }[]) => xs.reduce((s, x) => s + x.n, 0);

function reportsFlow(c: ReportCounts): ReportsFlow {
  const reasons = c.excludedByReason.map((r) => ({ name: r.reason, count: fromData(r.n) }));
  return {
    sought: fromData(c.sought),
    notRetrieved: fromData(c.notRetrieved),
    assessed: fromData(reportsAssessed(c.sought, c.notRetrieved)),
    reportsExcluded: { total: fromData(sum(c.excludedByReason)), items: reasons },
  };
}

const UNKNOWN_REPORTS: ReportsFlow = { sought: null, notRetrieved: null, assessed: null, reportsExcluded: { total: null, items: [] } };

/** The flow diagram from what the review holds, hand-entered counts filling only what the data cannot. */
export function buildPrismaFlow(inputs: PrismaFlowInputs): PrismaFlow {
  const { handEntered: hand, records, screening, studies } = inputs;
  const named = (xs: readonly { name: string; n: number }[]) => xs.map((x) => ({ name: x.name, count: fromData(x.n) }));

  const identification: PrismaFlow['identification'] = records
    ? {
        databases: { total: fromData(sum(records.databases)), items: named(records.databases) },
        registers: { total: fromData(sum(records.registers)), items: named(records.registers) },
        removedBeforeScreening: { duplicates: fromData(records.duplicates), automation: null, other: fromData(records.otherRemoved) },
      }
    : {
        databases: { total: entered(hand.databaseRecords), items: [] },
        registers: { total: null, items: [] },
        removedBeforeScreening: { duplicates: null, automation: null, other: null },
      };

  const otherIdentified: Breakdown<OtherSource> = records
    ? {
        total: fromData(sum(records.otherSources)),
        items: records.otherSources.map((s) => ({ name: s.name, kind: s.kind, count: fromData(s.n) })),
      }
    : { total: entered(hand.otherSourceRecords), items: [] };

  // Hand-entered counts hold no retrieval step and no reasons: those stay unknown.
  const screeningFlow: PrismaFlow['screening'] = screening
    ? { screened: fromData(screening.screened), recordsExcluded: fromData(screening.excluded), ...reportsFlow(screening.databases) }
    : {
        screened: entered(hand.recordsAfterDeduplication),
        recordsExcluded: entered(hand.recordsExcludedAtTitleAbstract),
        sought: null,
        notRetrieved: null,
        assessed: entered(hand.fullTextReportsAssessed),
        reportsExcluded: { total: entered(hand.fullTextReportsExcluded), items: [] },
      };

  return {
    identification,
    screening: screeningFlow,
    otherMethods: { identified: otherIdentified, ...(screening ? reportsFlow(screening.otherMethods) : UNKNOWN_REPORTS) },
    included: {
      studies: studies ? fromData(studies.included) : entered(hand.studiesIncluded),
      reports: studies ? fromData(studies.reportsOfIncluded) : entered(hand.reportsOfIncludedStudies),
      studiesInMetaAnalysis:
        inputs.studiesInMetaAnalysis !== null ? fromData(inputs.studiesInMetaAnalysis) : entered(hand.studiesInMetaAnalysis),
    },
  };
}
