// The .rm5 reader on small synthetic files covering the format pitfalls (rm5-format.md §9).
import { describe, expect, it } from 'vitest';
import { decodeRm5Bytes, declaredEncoding, parseRm5, rm5OutcomeToAnalysisInput, Rm5ParseError } from '../../shared/src/rm5/index.ts';
import { analyze } from '../../shared/src/stats/index.ts';

const XML = `<?xml version="1.0" encoding="ISO-8859-1"?>
<COCHRANE_REVIEW REVMAN_SUB_VERSION="5.2.11 " REVMAN_VERSION="5" ID="1" DOI="">
<COVER_SHEET><TITLE>Caf\u00e9 &#8220;trial&#8221;</TITLE></COVER_SHEET>
<STUDIES_AND_REFERENCES><STUDIES><INCLUDED_STUDIES>
<STUDY ID="STD-A" NAME="A 2001" YEAR="2001"/><STUDY ID="STD-B" NAME="B 2002" YEAR="2002"/>
</INCLUDED_STUDIES></STUDIES></STUDIES_AND_REFERENCES>
<ANALYSES_AND_DATA CALCULATED_DATA="YES">
<COMPARISON ID="CMP-001" NO="1"><NAME>X vs Y</NAME>
<IV_OUTCOME ID="CMP-001.02" NO="2" LOG_DATA="YES" RANDOM="NO" TOTALS="YES" SUBGROUPS="NO" CI_STUDY="95" CI_TOTAL="95" CHI2="NaN" TAU2="">
<NAME>Generic</NAME><EFFECT_MEASURE>Hazard Ratio</EFFECT_MEASURE>
<IV_DATA STUDY_ID="STD-A" ESTIMATE="-0.59776" SE="0.2" ORDER="3"/>
<IV_DATA
   SE="0.3"
   ESTIMATE="0.1" STUDY_ID="STD-B" ORDER="4"><FOOTNOTE>adjusted</FOOTNOTE></IV_DATA>
</IV_OUTCOME>
<DICH_OUTCOME ID="CMP-001.01" NO="1" EFFECT_MEASURE="RR" METHOD="MH" RANDOM="YES" TOTALS="SUB" SUBGROUPS="YES" SUBGROUP_TEST="YES" CI_STUDY="95" CI_TOTAL="99" Q="1.3" P_Q="-1.55E-15">
<NAME>Deaths</NAME>
<DICH_SUBGROUP ID="CMP-001.01.01" NO="1"><NAME>Adults</NAME>
<DICH_DATA STUDY_ID="STD-A" EVENTS_1="0" TOTAL_1="100" EVENTS_2="7" TOTAL_2="99" ESTIMABLE="YES" SE="1.45"/>
<DICH_DATA STUDY_ID="STD-B" EVENTS_1="0" TOTAL_1="10" EVENTS_2="0" TOTAL_2="10" ESTIMABLE="NO"/>
</DICH_SUBGROUP>
<DICH_SUBGROUP ID="CMP-001.01.02" NO="2"><NAME>Adults</NAME>
<DICH_DATA STUDY_ID="STD-B" EVENTS_1="3" TOTAL_1="30" EVENTS_2="6" TOTAL_2="31"/>
</DICH_SUBGROUP>
</DICH_OUTCOME>
</COMPARISON></ANALYSES_AND_DATA></COCHRANE_REVIEW>`;

function latin1Bytes(s: string): Uint8Array {
  // Encode as windows-1252: only the characters used here.
  return Uint8Array.from([...s].map((c) => (c === '\u2019' ? 0x92 : c.charCodeAt(0))));
}

describe('rm5 decoding', () => {
  it('reads the declared encoding and decodes ISO-8859-1 as windows-1252', () => {
    const bytes = latin1Bytes('<?xml version="1.0" encoding="ISO-8859-1"?><R>caf\u00e9 it\u2019s</R>');
    expect(declaredEncoding(bytes)).toBe('iso-8859-1');
    expect(decodeRm5Bytes(bytes)).toContain('caf\u00e9 it\u2019s');
  });
  it('defaults to UTF-8 and honours a BOM', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...Array.from('<R>\u00e9</R>', (c) => c.charCodeAt(0)).slice(0, 3), 0xc3, 0xa9, ...'</R>'.split('').map((c) => c.charCodeAt(0))]);
    expect(decodeRm5Bytes(utf8)).toBe('<R>\u00e9</R>');
  });
});

describe('rm5 parsing', () => {
  const review = parseRm5(XML);
  it('reads review attributes, studies and text with character references', () => {
    expect(review.revmanSubVersion).toBe('5.2.11');
    expect(review.title).toBe('Caf\u00e9 \u201ctrial\u201d');
    expect(review.studies.map((s) => s.name)).toEqual(['A 2001', 'B 2002']);
    expect(review.calculatedData).toBe(true);
  });
  it('sorts outcomes of different kinds by NO and reads settings', () => {
    const [dich, iv] = review.comparisons[0]!.outcomes;
    expect(dich!.kind).toBe('DICH');
    expect(iv!.kind).toBe('IV');
    expect(iv!.settings.effectMeasure).toBe('Hazard Ratio');
    expect(iv!.settings.logData).toBe(true);
    expect(iv!.stored.chi2).toBeNaN();
    expect(iv!.stored.tau2).toBeNull();
    expect(iv!.rows[1]).toMatchObject({ kind: 'IV', estimate: 0.1, se: 0.3, footnote: 'adjusted' });
    expect(dich!.settings).toMatchObject({ totals: 'SUB', ciTotal: 99, subgroups: true, random: true });
    expect(dich!.stored.pQ).toBeCloseTo(-1.55e-15, 20);
    expect(dich!.subgroups).toHaveLength(2);
  });
  it('maps outcomes to analyses (duplicate subgroup names stay separate)', () => {
    const dich = review.comparisons[0]!.outcomes[0]!;
    const conv = rm5OutcomeToAnalysisInput(dich, review.studies);
    expect(conv.ok).toBe(true);
    if (!conv.ok) return;
    expect(conv.input).toMatchObject({ dataType: 'dichotomous', effectMeasure: 'RR', method: 'MH', model: 'random', ciLevel: 0.99, overall: false });
    const result = analyze(conv.input);
    expect(result.subgroups).toHaveLength(2);
    expect(result.rows[1]!.estimable).toBe(false);
    expect(result.rows[0]!.se).toBeCloseTo(1.4538, 4);
    const iv = rm5OutcomeToAnalysisInput(review.comparisons[0]!.outcomes[1]!, review.studies);
    expect(iv.ok && iv.input.dataType === 'generic' && iv.input.logScale).toBe(true);
  });
  it('fails clearly on non-rm5 input', () => {
    expect(() => parseRm5('<foo/>')).toThrow(Rm5ParseError);
  });
});
