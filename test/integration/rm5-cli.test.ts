import fs from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { runGrove } from '../support/run-cli.ts';
import { tempDir } from '../support/temp.ts';

// `grove rm5 analyze` as a user runs it, on small .rm5 files written here (no corpus needed):
// a sound file is recomputed and compared; malformed input names the file and the problem and
// exits with code 2.

const { dir, cleanup } = tempDir('grove-rm5-cli-');
afterAll(cleanup);
const at = (name: string) => path.join(dir, name);

// Two studies, one RR outcome with RevMan's stored numbers for the first row (0.5 zero-cell
// correction; rm5-format.md §6: 0/100 vs 7/99 gives RR 0.0660, SE 1.4538).
const SOUND = `<?xml version="1.0" encoding="ISO-8859-1"?>
<COCHRANE_REVIEW REVMAN_VERSION="5" TYPE="INTERVENTION" ID="1">
<COVER_SHEET><TITLE>Small review</TITLE></COVER_SHEET>
<STUDIES_AND_REFERENCES><STUDIES><INCLUDED_STUDIES>
<STUDY ID="STD-A-2001" NAME="A 2001" YEAR="2001"/>
<STUDY ID="STD-B-2002" NAME="B 2002" YEAR="2002"/>
</INCLUDED_STUDIES></STUDIES></STUDIES_AND_REFERENCES>
<ANALYSES_AND_DATA CALCULATED_DATA="YES">
<COMPARISON ID="CMP-001" NO="1"><NAME>X vs Y</NAME>
<DICH_OUTCOME CI_STUDY="95" CI_TOTAL="95" EFFECT_MEASURE="RR" ID="CMP-001.01" METHOD="MH" NO="1" RANDOM="NO" SUBGROUPS="NO" TOTALS="YES">
<NAME>Deaths</NAME>
<DICH_DATA EFFECT_SIZE="0.066006600660066" ESTIMABLE="YES" EVENTS_1="0" EVENTS_2="7" ORDER="1" STUDY_ID="STD-A-2001" TOTAL_1="100" TOTAL_2="99"/>
<DICH_DATA EVENTS_1="3" EVENTS_2="6" ORDER="2" STUDY_ID="STD-B-2002" TOTAL_1="30" TOTAL_2="31"/>
</DICH_OUTCOME>
</COMPARISON></ANALYSES_AND_DATA></COCHRANE_REVIEW>
`;

describe('grove rm5 analyze', () => {
  it('recomputes every row and the total with the file’s settings, in grove meta’s shapes', () => {
    fs.writeFileSync(at('sound.rm5'), SOUND, 'latin1');
    const run = runGrove(['rm5', 'analyze', at('sound.rm5'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { outcomes: Array<Record<string, unknown>> };
    expect(out.outcomes).toHaveLength(1);
    const o = out.outcomes[0] as {
      id: string;
      dataType: string;
      effectMeasure: string;
      method: string;
      model: string;
      rows: Array<{ studyId: string; estimate: number; se: number; weight: number }>;
      overall: { estimate: number; ciLower: number; ciUpper: number; se: number; z: number; p: number; q: number; df: number; pQ: number; i2: number; tau2: number };
      subgroups: unknown[];
    };
    expect(o).toMatchObject({ id: 'CMP-001.01', dataType: 'dichotomous', effectMeasure: 'RR', method: 'MH', model: 'fixed', subgroups: [] });
    expect(o.rows.map((r) => r.studyId)).toEqual(['STD-A-2001', 'STD-B-2002']);
    expect(o.rows[0]!.estimate).toBeCloseTo(0.5 / 101 / (7.5 / 100), 12);
    expect(o.rows[0]!.se).toBeCloseTo(1.4538, 4);
    expect(o.rows[0]!.weight + o.rows[1]!.weight).toBeCloseTo(100, 9);
    expect(Object.keys(o.overall).sort()).toEqual(
      expect.arrayContaining(['estimate', 'ciLower', 'ciUpper', 'se', 'z', 'p', 'q', 'df', 'pQ', 'i2', 'tau2']),
    );
    expect(o.overall.df).toBe(1);
  });

  it('--compare reports each stored number with its distance and a matched/total summary', () => {
    const run = runGrove(['rm5', 'analyze', at('sound.rm5'), '--compare', '--json']);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      outcomes: Array<{ comparison: { matched: number; total: number; checks: Array<{ field: string; revman: number; grove: number; relError: number; ok: boolean }> } }>;
      summary: { matched: number; total: number; tolerance: number };
    };
    const checks = out.outcomes[0]!.comparison.checks;
    expect(checks).toEqual([expect.objectContaining({ field: 'EFFECT_SIZE', revman: 0.066006600660066, ok: true })]);
    expect(out.summary).toMatchObject({ matched: 1, total: 1, tolerance: 1e-9 });
  });

  it('--compare on the O−E and variance fixture (values from metafor) matches every number; new --from imports it with nothing set aside', () => {
    const fixture = path.join(import.meta.dirname, '../stats/fixtures/oe-variance.rm5');
    const run = runGrove(['rm5', 'analyze', fixture, '--compare']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('CMP-001.02 Overall survival by timing of chemotherapy (random effects) [oe-variance HR PETO random]');
    expect(run.stdout).toContain('TOTAL 787/787 matched at relative 1e-9');
    const made = runGrove(['new', at('oe.grove'), '--from', fixture]);
    expect(made.status).toBe(0);
    // The import report goes to standard error.
    expect(made.stderr).toContain('1 comparisons, 3 outcomes, 6 subgroups and 139 data rows.');
    expect(made.stderr).not.toContain('Not brought in');
  });

  it('--compare exits with 1 and names the number when RevMan’s stored value is not reproduced', () => {
    fs.writeFileSync(at('off.rm5'), SOUND.replace('EFFECT_SIZE="0.066006600660066"', 'EFFECT_SIZE="0.07"'), 'latin1');
    const run = runGrove(['rm5', 'analyze', at('off.rm5'), '--compare']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/MISMATCH row 1 STD-A-2001 EFFECT_SIZE: RevMan 0\.07/);
    expect(run.stdout).toMatch(/TOTAL 0\/1 matched/);
  });

  it.each([
    ['truncated XML', 'truncated.rm5', SOUND.slice(0, SOUND.indexOf('<DICH_DATA EVENTS_1="3"') + 30), /truncated\.rm5: not well-formed XML at line \d+/],
    [
      'a data row pointing to a missing study',
      'dangling.rm5',
      SOUND.replace('STUDY_ID="STD-B-2002"', 'STUDY_ID="STD-Gone-1999"'),
      /dangling\.rm5: CMP-001\.01 DICH_DATA #2 \(line 13\): STUDY_ID "STD-Gone-1999" is not a study of this file/,
    ],
    ['a text file renamed .rm5', 'notes.rm5', 'These are my notes about the review.\n', /notes\.rm5: not an \.rm5 file: it does not start with an XML declaration/],
    ['XML that is not a RevMan review', 'other.rm5', '<?xml version="1.0"?><html><body/></html>', /other\.rm5: not an \.rm5 file: no COCHRANE_REVIEW root element/],
    ['an empty file', 'empty.rm5', '', /empty\.rm5 is empty, not an \.rm5 file/],
  ])('refuses %s with exit code 2 and a message naming the file and problem', (_what, name, content, message) => {
    fs.writeFileSync(at(name), content, 'latin1');
    const run = runGrove(['rm5', 'analyze', at(name), '--json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('refuses a ZIP archive renamed .rm5 and a missing file with exit code 2', () => {
    fs.writeFileSync(at('package.rm5'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]));
    const zip = runGrove(['rm5', 'analyze', at('package.rm5')]);
    expect(zip.status).toBe(2);
    expect(zip.stderr).toMatch(/package\.rm5: it is a ZIP archive/);
    const missing = runGrove(['rm5', 'analyze', at('nowhere.rm5')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nowhere\.rm5 does not exist/);
  });
});

describe('grove export --revman-web and --rm5-csv', () => {
  it('writes the RIS and the four study-data CSVs into DIR, and the RevMan 5 analysis CSV', () => {
    fs.writeFileSync(at('export.rm5'), SOUND.replace('NAME="B 2002"', 'NAME="B, &quot;the&quot; 2002"'), 'latin1');
    const created = runGrove(['new', at('export.grove'), '--from', at('export.rm5')]);
    expect(created.status).toBe(0);
    const web = at('web');
    const run = runGrove(['export', at('export.grove'), '--revman-web', web, '--rm5-csv', at('analysis.csv')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(fs.readdirSync(web).sort()).toEqual(['references.ris', 'risk-of-bias.csv', 'study-arms.csv', 'study-information.csv', 'study-results.csv']);
    const ris = fs.readFileSync(path.join(web, 'references.ris'), 'utf8');
    expect(ris).toContain('NS  - A 2001\r\n');
    expect(ris).toContain('NS  - B, "the" 2002\r\n');
    const info = fs.readFileSync(path.join(web, 'study-information.csv'), 'utf8');
    expect(info).toContain('\r\n"B, ""the"" 2002",2002,');
    const csv = fs.readFileSync(at('analysis.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toMatch(/^Comparison Number,Outcome Number,Subgroup Number,Name,Data Type,/);
    expect(csv[1]).toBe('1,0,0,X vs Y,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,');
    expect(csv[2]).toMatch(/^1,1,0,Deaths,DIC,MH,RR,Fixed,3,,,130,13,,,130,/);
    expect(csv[3]).toMatch(/^1,1,0,A 2001,,,,,0,0,0,100,7,0,0,99,0\.0660066,/);
    expect(csv[4]).toMatch(/^1,1,0,"B, ""the"" 2002",/);
  });

  it('refuses an export without a format with exit code 2', () => {
    const run = runGrove(['export', at('export.grove')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--revman-web DIR or --rm5-csv OUT\.csv/);
  });
});

// A RevMan Web data package in Fleiss1993.zip's layout, written here: the article and a
// `…-data.zip` inside the outer zip holding the analysis-data CSVs and the study-data files.
const ID = '111222333444555666';
const SETTINGS = `\uFEFFAnalysis group,Analysis number,Analysis name,Analysis group name,Data type,Log-scale data,Experimental group label,Control group label,Statistical method,Effect measure,Unit of effect measure,Analysis model,Subgroup estimates,Overall estimates,Test for subgroup differences,Swap event and non-event,Study CI,Estimate CI
1,1,Deaths,X vs Y,Dichotomous,true,X,Y,MH,Risk Ratio,,Fixed effect,true,true,true,false,95%,95%
`;
const DATA_ROWS = `\uFEFFAnalysis group,Analysis number,Analysis name,Subgroup,Applicability,Study,Study year,GIV Mean,GIV SE,Experimental mean,Experimental SD,Experimental cases,Experimental N,Control mean,Control SD,Control cases,Control N,O-E,Variance,Weight,Mean,CI start,CI end,Footnotes
1,1,Deaths,,SUBGROUP_AND_OVERALL,A 2001,2001,0.0,0.0,0.0,0.0,0,100,0.0,0.0,7,99,0.0,0.0,0,0,0,0,
1,1,Deaths,,SUBGROUP_AND_OVERALL,"B, the 2002",2002,0.0,0.0,0.0,0.0,3,30,0.0,0.0,6,31,0.0,0.0,0,0,0,0,
`;
function packageZip(inner: Record<string, string>): Uint8Array {
  const data = zipSync(Object.fromEntries(Object.entries(inner).map(([k, v]) => [k, strToU8(v)])));
  return zipSync({ [`Pkg/${ID}-article.pdf`]: strToU8('%PDF-1.4'), [`Pkg/${ID}-files/${ID}-data.zip`]: data });
}

describe('grove new --from PACKAGE.zip (RevMan Web data package)', () => {
  it('imports studies, references and analyses, reports what it left out, and recomputes like the .rm5', () => {
    fs.writeFileSync(
      at('pkg.zip'),
      packageZip({
        [`${ID}-analysis-data/${ID}-overall-estimates-and-settings.csv`]: SETTINGS,
        [`${ID}-analysis-data/${ID}-data-rows.csv`]: DATA_ROWS,
        [`${ID}-study-data/${ID}-included.ris`]: 'TY  - JOUR\r\nTI  - Tea\r\nNS  - A 2001\r\nER  - \r\n',
        [`${ID}-study-data/${ID}-study-information.csv`]: '\uFEFFStudy,Year,Data source,Char: Methods\r\nA 2001,2001,PUB,"Randomised, blind"\r\n"B, the 2002",2002,UNPUB,\r\n',
      }),
    );
    const run = runGrove(['new', at('pkg.grove'), '--from', at('pkg.zip')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/Imported 2 studies, 1 references, 1 characteristics/);
    expect(run.stderr).toMatch(/1 comparisons, 1 outcomes, 0 subgroups and 2 data rows/);
    expect(run.stderr).toMatch(/other file\(s\) in the package \(111222333444555666-article\.pdf\)/);
    const csv = runGrove(['export', at('pkg.grove'), '--rm5-csv', at('pkg.csv')]);
    expect(csv.status).toBe(0);
    const lines = fs.readFileSync(at('pkg.csv'), 'utf8').split('\r\n');
    expect(lines[2]).toMatch(/^1,1,0,Deaths,DIC,MH,RR,Fixed,3,,,130,13,,,130,/);
    expect(lines[3]).toMatch(/^1,1,0,A 2001,,,,,0,0,0,100,7,0,0,99,0\.0660066,/);
  });

  it.each([
    ['a ZIP without the analysis CSVs', 'empty-pkg.zip', () => packageZip({ 'readme.txt': 'hello' }), /empty-pkg\.zip: not a RevMan Web data package: no …-overall-estimates-and-settings\.csv or …-data-rows\.csv/],
    ['a file that is not a ZIP', 'text.zip', () => strToU8('not a zip'), /text\.zip: not a ZIP archive/],
    [
      'analysis CSVs without their columns',
      'bad-cols.zip',
      () => packageZip({ [`${ID}-analysis-data/${ID}-overall-estimates-and-settings.csv`]: SETTINGS, [`${ID}-analysis-data/${ID}-data-rows.csv`]: 'x,y\n1,2\n' }),
      /bad-cols\.zip: data-rows\.csv: no "Analysis group"/,
    ],
  ])('refuses %s with exit code 2 and leaves no review file behind', (_what, name, bytes, message) => {
    fs.writeFileSync(at(name), bytes());
    const out = at(`${name}.grove`);
    const run = runGrove(['new', out, '--from', at(name)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });
});
