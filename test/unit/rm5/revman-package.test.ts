import { describe, expect, it } from 'vitest';
import { parseRm5Tree } from '@grove/shared/rm5/parse';
import { parseRis, revmanPackageToRm5, type RevmanPackageFiles } from '@grove/shared/rm5/revman-web-package';
import { rm5ToReviewDocument } from '@grove/shared/rm5/to-review-document';
import { childElements, descend } from '@grove/shared/rm5/xml-tree';
import { reviewDocumentToRevmanWeb, reviewToRis } from '@grove/shared/rm5/revman-web';

// A RevMan Web data package mapped to the .rm5 tree (issue 6 step 4), on files written here in
// the package's layout (no corpus): settings, data rows with a subgroup, study information
// with quoted cells, risk of bias and RIS.

const BOM = '\uFEFF';
const PACKAGE: RevmanPackageFiles = {
  settings: `${BOM}Analysis group,Analysis number,Analysis name,Analysis group name,Data source,Data source eligibility,Data type,Log-scale data,Outcome,Intervention grouping,Experimental intervention,Control intervention,Subgroup by,Filter criteria,Experimental group label,Control group label,Statistical method,Effect measure,Unit of effect measure,Analysis model,Subgroup estimates,Overall estimates,Test for subgroup differences,Swap event and non-event,Study CI,Estimate CI,Mean\r
1,1,Deaths,"Tea, hot vs cold",Custom input,#N/A,Dichotomous,true,,,,,,,Hot tea,Cold tea,MH,Risk Ratio,,Random effect,true,true,true,false,95%,90%,0.5\r
1,2,Score,"Tea, hot vs cold",Custom input,#N/A,Contrast level,true,,,,,,,,,IV,Hazard Ratio,,Fixed effect,true,true,false,false,95%,95%,0\r
`,
  dataRows: `${BOM}Analysis group,Analysis number,Analysis name,Subgroup,Applicability,Study,Study year,GIV Mean,GIV SE,Experimental mean,Experimental SD,Experimental cases,Experimental N,Control mean,Control SD,Control cases,Control N,O-E,Variance,Weight,Mean,CI start,CI end,Footnotes
1,1,Deaths,Adults,SUBGROUP_AND_OVERALL,"Smith, A 2001",2001,0.0,0.0,0.0,0.0,3,30,0.0,0.0,6,31,0.0,0.0,50,0.5,0.1,1.2,"day 6, not 7"
1,1,Deaths,Children,SUBGROUP_AND_OVERALL,Jones 2002,2002,0.0,0.0,0.0,0.0,1,20,0.0,0.0,2,20,0.0,0.0,50,0.5,0.1,1.2,
1,2,Score,,SUBGROUP_AND_OVERALL,Jones 2002,2002,-0.3,0.2,0.0,0.0,0,0,0.0,0.0,0,0,0.0,0.0,100,0.7,0.5,1.1,
`,
  subgroups: `${BOM}Analysis group,Analysis number,Subgroup,Subgroup number,Weight,Mean\r\n1,1,Adults,1,50,0.5\r\n1,1,Children,2,50,0.5\r\n`,
  studyInformation: `${BOM}Study,Year,Data source,Char: Methods,Char: Participants,Char: Interventions,Char: Outcomes,Char: Notes,Char: Funding\r
"Smith, A 2001",2001,PUB,"Randomised, ""double"" blind\nTwo centres",Adults,,,,Tea board\r
Jones 2002,2002,UNPUB,,,,,,\r
`,
  riskOfBias: `${BOM}Study,Domain (judgement): Allocation concealment (selection bias),Domain (support): Allocation concealment (selection bias)\r
"Smith, A 2001",Low risk,"Sealed, opaque envelopes"\r
Jones 2002,Not applicable,\r
`,
  ris: [{ section: 'INCLUDED_STUDIES', text: `${BOM}TY  - JOUR\r\nAU  - Smith A\r\nAU  - Brown B\r\nTI  - Hot tea\r\nJO  - J Tea\r\nPY  - 2001\r\nDO  - 10.1000/tea.2\r\nAN  - 1234567\r\nNS  - Smith, A 2001\r\nER  - \r\n\r\nTY  - JOUR\r\nNS  - Jones 2002\r\nER  - \r\n` }],
};

const mapped = () => revmanPackageToRm5(PACKAGE, { title: 'Tea package', id: '123456789' });

describe('RevMan Web data package → .rm5 tree', () => {
  it('brings in studies with their references, years and data sources, matched by name (commas and quotes included)', () => {
    const { root } = mapped();
    const studies = childElements(descend(root, 'STUDIES_AND_REFERENCES', 'STUDIES', 'INCLUDED_STUDIES'), 'STUDY');
    expect(studies.map((s) => [s.attrs.NAME, s.attrs.YEAR, s.attrs.DATA_SOURCE])).toEqual([
      ['Smith, A 2001', '2001', 'PUB'],
      ['Jones 2002', '2002', 'UNPUB'],
    ]);
    const ref = childElements(studies[0], 'REFERENCE')[0]!;
    expect(childElements(ref).map((c) => c.name)).toEqual(['AU', 'TI', 'SO', 'YR', 'IDENTIFIERS']);
    expect(childElements(descend(ref, 'IDENTIFIERS')).map((i) => [i.attrs.TYPE, i.attrs.VALUE])).toEqual([
      ['DOI', '10.1000/tea.2'],
      ['PUBMED', '1234567'],
    ]);
  });

  it('maps settings words to RevMan codes, subgroups and data rows, and says what it left out', () => {
    const { root, skipped } = mapped();
    const review = parseRm5Tree(root);
    const [dich, iv] = review.comparisons[0]!.outcomes;
    expect(review.comparisons[0]!.name).toBe('Tea, hot vs cold');
    expect(dich).toMatchObject({ kind: 'DICH', name: 'Deaths', groupLabel1: 'Hot tea', groupLabel2: 'Cold tea' });
    expect(dich!.settings).toMatchObject({ effectMeasure: 'RR', method: 'MH', random: true, ciStudy: 95, ciTotal: 90, totals: 'YES', subgroups: true, subgroupTest: true });
    expect(dich!.subgroups.map((s) => [s.name, s.rows.length])).toEqual([
      ['Adults', 1],
      ['Children', 1],
    ]);
    expect(dich!.subgroups[0]!.rows[0]).toMatchObject({ kind: 'DICH', events1: 3, total1: 30, events2: 6, total2: 31, footnote: 'day 6, not 7' });
    expect(iv).toMatchObject({ kind: 'IV', settings: { effectMeasure: 'Hazard Ratio', logData: true, random: false, subgroupTest: false } });
    expect(iv!.rows[0]).toMatchObject({ kind: 'IV', estimate: -0.3, se: 0.2 });
    expect(skipped.map((s) => s.what)).toEqual(expect.arrayContaining(['1 risk-of-bias cell(s) such as "Not applicable"', 'the estimates stored in the package']));
  });

  it('gives a review document with characteristics (user-defined too) and RoB judgements', () => {
    let n = 0;
    const { document, report } = rm5ToReviewDocument(mapped().root, { newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, now: '2026-01-01T00:00:00.000Z', source: 'tea.zip' });
    expect(report.imported).toMatchObject({ studies: 2, references: 2, comparisons: 1, analyses: 2, subgroups: 2, dataRows: 3, riskOfBiasJudgements: 1 });
    const labels = new Map(document.extractionForm.fields.map((f) => [f.id, f.label]));
    const smith = document.studies.find((s) => s.label === 'Smith, A 2001')!;
    const chars = document.characteristics.filter((c) => c.studyId === smith.id && c.content.status === 'value').map((c) => [labels.get(c.fieldId), c.content.status === 'value' ? c.content.value : null]);
    expect(chars).toEqual(
      expect.arrayContaining([
        ['Methods', 'Randomised, "double" blind\nTwo centres'],
        ['Funding', 'Tea board'],
      ]),
    );
    // And back out: the RevMan Web export writes the same study information and RIS.
    const files = reviewDocumentToRevmanWeb(document);
    expect(files['study-information.csv']).toContain('"Smith, A 2001",2001,PUB,"Randomised, ""double"" blind\nTwo centres",Adults,,,,');
    expect(parseRis(reviewToRis(document)).map((r) => [r.fields.get('NS')?.[0], r.fields.get('AU')])).toEqual([
      ['Smith, A 2001', ['Smith A', 'Brown B']],
      ['Jones 2002', undefined],
    ]);
  });

  it('refuses analysis files without the package’s columns', () => {
    expect(() => revmanPackageToRm5({ ...PACKAGE, dataRows: 'a,b\n1,2\n' }, { title: 'x' })).toThrow(/data-rows\.csv: no "Analysis group", "Analysis number", "Study" column/);
  });
});
