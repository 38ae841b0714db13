// The metafor script of an analysis with the "glmm" block (issue 17) ends with the GLMM call
// that reproduces it: rma.glmm with Grove's model choice, quadrature and level. (Run in R by
// test/conformance/metafor-script.test.ts.)
import { describe, expect, it } from 'vitest';
import { metaforScript } from '../../shared/src/report/metafor-script.ts';
import { parseAnalysisInput, type AnalysisInput } from '../../shared/src/stats/index.ts';

const rows = [
  { study: 'MRC-1', events1: 49, total1: 615, events2: 67, total2: 624 },
  { study: 'CDP', events1: 44, total1: 758, events2: 64, total2: 771 },
];

function input(json: Record<string, unknown>): AnalysisInput {
  const p = parseAnalysisInput({ dataType: 'dichotomous', effectMeasure: 'OR', rows, ...json });
  if (!p.ok) throw new Error(p.errors.join('; '));
  return p.input;
}

describe('metafor script: the GLMM block', () => {
  it('random-effects analysis: ML with the block’s quadrature points at the analysis level, reported as grove-result glmm', () => {
    const script = metaforScript(input({ model: 'random', ciLevel: 90, glmm: { quadraturePoints: 1 } }));
    expect(script).toContain('# Beyond RevMan: the binomial-normal GLMM for the odds ratio (Stijnen 2010)');
    expect(script).toContain(
      'glmm <- rma.glmm(measure = "OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat, model = "UM.FS", method = "ML", nAGQ = 1, level = 90)',
    );
    expect(script.trimEnd().endsWith('report("glmm", as.numeric(glmm$beta), glmm$ci.lb, glmm$ci.ub, glmm$tau2, TRUE)')).toBe(true);
  });

  it('fixed-effect analysis: method "FE"; no block, no GLMM', () => {
    expect(metaforScript(input({ glmm: true }))).toContain('model = "UM.FS", method = "FE", level = 95)');
    expect(metaforScript(input({ model: 'fixed', glmm: { model: 'random' } }))).toContain('method = "ML", nAGQ = 7');
    expect(metaforScript(input({}))).not.toContain('rma.glmm');
  });
});
