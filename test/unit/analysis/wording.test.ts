import { describe, expect, it } from 'vitest';
import { defaultConventions } from '../../../shared/src/model/protocol.ts';
import { resultsSentence, pValueText } from '../../../shared/src/analysis/wording.ts';
import type { AssembledAnalysis } from '../../../shared/src/analysis/assemble.ts';
import { analyze, presetSettings, REVMAN5_PRESET, type ContinuousAnalysisInput } from '../../../shared/src/stats/index.ts';

// The draft results sentence prints P by RevMan's one display rule (formatP in
// shared/src/stats/display.ts): "P < 0.00001" below the floor, "P = …" otherwise. The
// analysis is Fleiss 1993 (MD, fixed effect) as computed; only its overall P is set to
// each boundary, since the sentence's wording depends on P alone.

const FLEISS: [string, [number, number, number], [number, number, number]][] = [
  ['Davis', [13, 5.0, 4.7], [13, 6.5, 3.8]],
  ['Florell', [30, 4.9, 1.71], [50, 6.1, 2.3]],
  ['Gruen', [35, 22.5, 3.44], [35, 24.9, 10.65]],
  ['Hart', [20, 12.5, 1.47], [20, 12.3, 1.66]],
  ['Wilson', [8, 6.5, 0.76], [8, 7.38, 1.41]],
];

function fleiss(): AssembledAnalysis {
  const input: ContinuousAnalysisInput = {
    ...presetSettings(REVMAN5_PRESET, 'MD'),
    dataType: 'continuous',
    effectMeasure: 'MD',
    rows: FLEISS.map(([study, [total1, mean1, sd1], [total2, mean2, sd2]]) => ({ study, total1, mean1, sd1, total2, mean2, sd2 })),
  };
  return {
    spec: { outcomeId: 'o-use', categoryId: 'tc-post' },
    outcomeName: 'Medical utilisation',
    domainName: 'Medical utilisation',
    categoryName: 'Post-intervention',
    dataType: 'continuous',
    effectMeasure: 'MD',
    direction: 'lower-better',
    contributions: FLEISS.map(([label]) => ({ studyId: label, label, included: true, derivations: [], flipped: false })),
    input,
    result: analyze(input),
    synthesis: 'meta-analysis',
    participants: 232,
    minStudies: 2,
  };
}

function sentenceWithP(p: number): string {
  const a = fleiss();
  const result = a.result!;
  const overall = result.overall;
  if (!overall?.estimable) throw new Error('Fleiss 1993 has a pooled estimate');
  return resultsSentence({ ...a, result: { ...result, overall: { ...overall, p } } }, defaultConventions());
}

function pPart(sentence: string): string {
  const m = /, (P [<=] [0-9.]+)\)\.$/.exec(sentence);
  if (!m) throw new Error(`no P at the end of: ${sentence}`);
  return m[1]!;
}

describe('the draft results sentence prints P as RevMan does', () => {
  it('reads the computed analysis as RevMan rounds it (Fleiss 1993: P 0.01133769)', () => {
    const a = fleiss();
    expect(resultsSentence(a, defaultConventions())).toBe(
      'Five trials provided usable post-intervention data for meta-analysis, which found weak evidence for an effect of the intervention on medical utilisation (MD -0.71 (-1.26 to -0.16), P = 0.01).',
    );
  });

  it.each([
    [1e-12, 'P < 0.00001'],
    [0.0000099999, 'P < 0.00001'],
    [0.00001, 'P = 0.00001'],
    [0.000012, 'P = 0.00001'],
    [0.00009996, 'P = 0.0001'],
    [0.00049, 'P = 0.0005'],
    [0.0096, 'P = 0.01'],
    [0.0099, 'P = 0.01'],
    [0.03, 'P = 0.03'],
    [0.0349, 'P = 0.03'],
    [0.099, 'P = 0.10'],
  ])('P %s reads "%s"', (p, text) => {
    const s = sentenceWithP(p);
    expect(pPart(s)).toBe(text);
    expect(s).not.toContain('P = <');
  });

  it('says no evidence, with no P, from 0.1 up', () => {
    expect(sentenceWithP(0.1)).toMatch(/found no evidence for an effect of the intervention on medical utilisation\.$/);
  });

  it('keeps Table 2 column text without "P ="', () => {
    expect(pValueText(0.000001)).toBe('<0.00001');
    expect(pValueText(0.03)).toBe('0.03');
  });
});
