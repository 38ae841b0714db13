import { describe, expect, it } from 'vitest';
import { emptySearchCounts } from '../../../shared/src/model/search-counts.ts';
import {
  buildPrismaFlow,
  handEnteredConflicts,
  prismaFlowChecks,
  prismaFlowCsv,
  prismaFlowSvg,
  type PrismaFlowInputs,
} from '../../../shared/src/prisma/index.ts';
import { SEED_COUNTS } from './seed-flow.ts';

// The PRISMA 2020 flow as data: where each count comes from, the checks a reader would make,
// and the two outputs (SVG and the PRISMA2020 app's CSV).

const seedInputs: PrismaFlowInputs = {
  handEntered: SEED_COUNTS,
  records: null,
  screening: null,
  studies: { included: 8, reportsOfIncluded: 11 },
  studiesInMetaAnalysis: null,
};

/** A review holding its records and screening decisions, with consistent numbers. */
const dataInputs: PrismaFlowInputs = {
  handEntered: { ...emptySearchCounts(), databaseRecords: 999 },
  records: {
    databases: [
      { name: 'MEDLINE (Ovid)', n: 600 },
      { name: 'Embase (Ovid)', n: 500 },
    ],
    registers: [{ name: 'ClinicalTrials.gov', n: 100 }],
    otherSources: [
      { name: 'Citation searching', kind: 'citations', n: 12 },
      { name: 'Contacting authors', kind: 'other', n: 3 },
    ],
    duplicates: 300,
    otherRemoved: 0,
  },
  screening: {
    screened: 900,
    excluded: 860,
    databases: {
      sought: 40,
      notRetrieved: 2,
      excludedByReason: [
        { reason: 'Not randomised', n: 20 },
        { reason: 'Wrong population', n: 12 },
      ],
    },
    otherMethods: { sought: 15, notRetrieved: 1, excludedByReason: [{ reason: 'Not randomised', n: 11 }] },
  },
  studies: { included: 7, reportsOfIncluded: 9 },
  studiesInMetaAnalysis: 5,
};

describe('the flow from what the review holds', () => {
  it('takes the seed’s hand-entered counts where the review holds no records, and studies from the data', () => {
    const f = buildPrismaFlow(seedInputs);
    expect(f.identification.databases.total).toEqual({ n: 7198, source: 'hand-entered' });
    expect(f.otherMethods.identified.total).toEqual({ n: 225, source: 'hand-entered' });
    expect(f.screening.screened).toEqual({ n: 4277, source: 'hand-entered' });
    expect(f.screening.recordsExcluded).toEqual({ n: 4179, source: 'hand-entered' });
    expect(f.screening.assessed).toEqual({ n: 98, source: 'hand-entered' });
    expect(f.screening.reportsExcluded.total).toEqual({ n: 87, source: 'hand-entered' });
    expect(f.included.studies).toEqual({ n: 8, source: 'data' });
    expect(f.included.reports).toEqual({ n: 11, source: 'data' });
    expect(f.included.studiesInMetaAnalysis).toEqual({ n: 6, source: 'hand-entered' });
    // Unknown is not zero.
    expect(f.identification.registers.total).toBeNull();
    expect(f.identification.removedBeforeScreening).toEqual({ duplicates: null, automation: null, other: null });
    expect(f.screening.sought).toBeNull();
    expect(prismaFlowChecks(f)).toEqual([]);
  });

  it('prefers the review’s records and decisions to hand-entered counts, with totals as sums', () => {
    const f = buildPrismaFlow(dataInputs);
    expect(f.identification.databases.total).toEqual({ n: 1100, source: 'data' });
    expect(f.identification.databases.items.map((i) => [i.name, i.count?.n])).toEqual([
      ['MEDLINE (Ovid)', 600],
      ['Embase (Ovid)', 500],
    ]);
    expect(f.identification.registers.total).toEqual({ n: 100, source: 'data' });
    expect(f.otherMethods.identified.total).toEqual({ n: 15, source: 'data' });
    expect(f.screening.reportsExcluded.total).toEqual({ n: 32, source: 'data' });
    expect(f.otherMethods.reportsExcluded.total).toEqual({ n: 11, source: 'data' });
    // Assessed = sought − not retrieved, in each column.
    expect([f.screening.sought, f.screening.notRetrieved, f.screening.assessed]).toEqual([
      { n: 40, source: 'data' },
      { n: 2, source: 'data' },
      { n: 38, source: 'data' },
    ]);
    expect(f.otherMethods.assessed).toEqual({ n: 14, source: 'data' });
    expect(f.included.studiesInMetaAnalysis).toEqual({ n: 5, source: 'data' });
    // Automation-tool removals can only be entered by hand, and were not.
    expect(f.identification.removedBeforeScreening.automation).toBeNull();
    expect(prismaFlowChecks(f)).toEqual([]);
  });

  it('uses hand-entered studies only while the review holds no studies', () => {
    const f = buildPrismaFlow({ ...seedInputs, studies: null });
    expect(f.included.studies).toEqual({ n: 8, source: 'hand-entered' });
    const empty = buildPrismaFlow({ ...seedInputs, handEntered: emptySearchCounts(), studies: null });
    expect(empty.included.studies).toBeNull();
  });
});

describe('arithmetic checks', () => {
  const rules = (inputs: PrismaFlowInputs) => prismaFlowChecks(buildPrismaFlow(inputs)).map((c) => c.rule);

  it('flags records that do not add up from identification to screening', () => {
    const r = { ...dataInputs.records!, duplicates: 250 };
    const checks = prismaFlowChecks(buildPrismaFlow({ ...dataInputs, records: r }));
    expect(checks.map((c) => c.rule)).toEqual(['identification.screened']);
    expect(checks[0]!.message).toBe('1,200 records identified − 250 removed before screening = 950, but 900 were screened.');
  });

  it('flags screened − excluded ≠ sought, sought − not retrieved ≠ assessed, and reports that do not reach the included box', () => {
    const s = dataInputs.screening!;
    expect(rules({ ...dataInputs, screening: { ...s, excluded: 850 } })).toEqual(['screening.sought']);
    // From the review's data assessed is sought − not retrieved by construction; a flow whose
    // assessed count says otherwise is flagged.
    const flow = buildPrismaFlow(dataInputs);
    const off = { ...flow, screening: { ...flow.screening, assessed: { n: 37, source: 'data' as const } } };
    expect(prismaFlowChecks(off).map((c) => c.rule)).toEqual(['databases.retrieval', 'included.reports']);
    expect(rules({ ...dataInputs, studies: { included: 7, reportsOfIncluded: 10 } })).toEqual(['included.reports']);
  });

  it('flags more studies in the meta-analysis than included, and fewer reports than studies', () => {
    expect(rules({ ...seedInputs, studiesInMetaAnalysis: 9 })).toEqual(['included.metaAnalysis']);
    expect(
      rules({
        ...seedInputs,
        handEntered: { ...SEED_COUNTS, fullTextReportsExcluded: 91 },
        studies: { included: 8, reportsOfIncluded: 7 },
      }),
    ).toEqual(['included.reportsPerStudy']);
  });

  it('names hand-entered counts that the review’s data contradict', () => {
    const f = buildPrismaFlow({ ...seedInputs, studies: { included: 9, reportsOfIncluded: 11 } });
    const c = handEnteredConflicts(f, SEED_COUNTS);
    expect(c).toHaveLength(1);
    expect(c[0]!.message).toBe(
      'The review holds 9 studies included; the PRISMA counts entered by hand say 8. The diagram shows the review’s data.',
    );
  });
});

/** Every text element's content, in document order. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}
/** The text of one box (its lines joined by spaces). */
function boxText(svg: string, id: string): string {
  const m = new RegExp(`<g data-box="${id}">([\\s\\S]*?)</g>`).exec(svg);
  if (!m) throw new Error(`no box ${id}`);
  return svgTexts(m[1]!).join(' ');
}

describe('the SVG diagram', () => {
  const svg = prismaFlowSvg(buildPrismaFlow(seedInputs), { xmlDeclaration: true });

  it('shows the seed’s counts in PRISMA 2020’s boxes, marking those entered by hand', () => {
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(boxText(svg, 'identified')).toBe('Records identified from*: Databases (n = 7,198†) Registers (n = not recorded)');
    expect(boxText(svg, 'other-identified')).toBe('Records identified from: Other sources (n = 225†)');
    expect(boxText(svg, 'records-screened')).toBe('Records screened (n = 4,277†)');
    expect(boxText(svg, 'records-excluded')).toBe('Records excluded** (n = 4,179†)');
    expect(boxText(svg, 'reports-assessed')).toBe('Reports assessed for eligibility (n = 98†)');
    expect(boxText(svg, 'reports-excluded')).toBe('Reports excluded (n = 87†)');
    expect(boxText(svg, 'included')).toBe('Studies included in review (n = 8) Reports of included studies (n = 11)');
    expect(boxText(svg, 'meta-analysis')).toBe('Studies included in meta-analysis (n = 6†)');
    expect(svgTexts(svg)).toContain('† Entered by hand: the review holds the count but not the records or decisions behind it.');
    // Header bars and phase labels of the template.
    expect(boxText(svg, 'header-databases')).toBe('Identification of studies via databases and registers');
    expect(boxText(svg, 'header-other')).toBe('Identification of studies via other methods');
    expect(['identification', 'screening', 'included'].map((p) => boxText(svg, `phase-${p}`))).toEqual([
      'Identification',
      'Screening',
      'Included',
    ]);
  });

  it('draws the template’s arrows: 5 down the main column, 6 into side boxes, 2 down the other column and its elbow', () => {
    expect(svg.match(/<polyline /g)).toHaveLength(14);
    expect(svg.match(/marker-end="url\(#prisma-arrow\)"/g)).toHaveLength(14);
  });

  it('lists reasons and sources from the data, without the hand-entered footnote, and escapes names', () => {
    const withNames: PrismaFlowInputs = {
      ...dataInputs,
      records: { ...dataInputs.records!, databases: [{ name: 'Web <of> "Science" & co', n: 1100 }] },
    };
    const s = prismaFlowSvg(buildPrismaFlow(withNames));
    expect(boxText(s, 'reports-excluded')).toBe('Reports excluded (n = 32): Not randomised (n = 20) Wrong population (n = 12)');
    expect(boxText(s, 'identified')).toContain('Web <of> "Science" & co (n = 1,100)');
    expect(s).toContain('Web &lt;of&gt; &quot;Science&quot; &amp; co');
    expect(s).not.toContain('†');
  });
});

describe('the PRISMA2020 app’s CSV', () => {
  const parse = (csv: string) => {
    const rows = new Map<string, string[]>();
    for (const line of csv.trimEnd().split('\n').slice(1)) {
      const cells = [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
        .map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'))
        .slice(0, 8);
      if (cells[0] !== 'NA') rows.set(cells[0]!, cells);
    }
    return rows;
  };

  it('writes the template’s header and rows, with the seed’s counts as plain integers', () => {
    const csv = prismaFlowCsv(buildPrismaFlow(seedInputs));
    expect(csv.split('\n')[0]).toBe('data,node,box,description,boxtext,tooltips,url,n');
    const rows = parse(csv);
    const n = (id: string) => rows.get(id)?.[7];
    expect([...rows.keys()]).toEqual([
      'previous_studies',
      'previous_reports',
      'database_results',
      'database_specific_results',
      'register_results',
      'register_specific_results',
      'website_results',
      'organisation_results',
      'citations_results',
      'duplicates',
      'excluded_automatic',
      'excluded_other',
      'records_screened',
      'records_excluded',
      'dbr_sought_reports',
      'dbr_notretrieved_reports',
      'other_sought_reports',
      'other_notretrieved_reports',
      'dbr_assessed',
      'dbr_excluded',
      'other_assessed',
      'other_excluded',
      'new_studies',
      'new_reports',
      'total_studies',
      'total_reports',
      'identification',
      'screening',
      'included',
      'total_studies_ma',
      'total_reports_ma',
    ]);
    expect(n('database_results')).toBe('7198');
    // 225 from other sources, no breakdown: one row relabelled, the others empty (hidden).
    expect(rows.get('website_results')?.[4]).toBe('Other sources');
    expect(n('website_results')).toBe('225');
    expect([n('organisation_results'), n('citations_results')]).toEqual(['', '']);
    expect(n('records_screened')).toBe('4277');
    expect(n('records_excluded')).toBe('4179');
    expect(n('dbr_assessed')).toBe('98');
    expect(n('dbr_excluded')).toBe('87');
    expect([n('new_studies'), n('new_reports'), n('total_studies_ma')]).toEqual(['8', '11', '6']);
    // Unknown counts are empty, never 0; no previous version of a new review.
    expect([n('duplicates'), n('dbr_sought_reports'), n('register_results')]).toEqual(['', '', '']);
    expect([n('previous_studies'), n('previous_reports')]).toEqual(['0', '0']);
    expect(n('database_specific_results')).toBe('Database 1, xxx; Database 2, xxx; Database 3, xxx');
    expect(rows.get('records_screened')?.[5]).toBe('Records screened (databases and registers) (entered by hand)');
    expect(rows.get('new_studies')?.[5]).toBe('New studies included in review');
  });

  it('writes lists for sources and reasons, and keeps names from breaking them or the spreadsheet', () => {
    const inputs: PrismaFlowInputs = {
      ...dataInputs,
      records: {
        ...dataInputs.records!,
        databases: [
          { name: 'Ovid, MEDLINE; 1946-', n: 600 },
          { name: '=HYPERLINK("x")', n: 500 },
        ],
      },
    };
    const rows = parse(prismaFlowCsv(buildPrismaFlow(inputs)));
    expect(rows.get('database_results')?.[7]).toBe('1100');
    expect(rows.get('database_specific_results')?.[7]).toBe('Ovid MEDLINE 1946-, 600; =HYPERLINK("x"), 500');
    expect(rows.get('dbr_excluded')?.[7]).toBe('Not randomised, 20; Wrong population, 12');
    expect(rows.get('citations_results')?.[7]).toBe('12');
    expect(rows.get('website_results')?.[4]).toBe('Contacting authors');
    expect(rows.get('website_results')?.[7]).toBe('3');
    const formula = prismaFlowCsv(
      buildPrismaFlow({ ...dataInputs, records: { ...dataInputs.records!, otherSources: [{ name: '=cmd', kind: 'other', n: 1 }] } }),
    );
    expect(formula).toContain(",'=cmd,");
  });
});
