// The record of methods attached to every result ("every result records the methods it used").
import { describeCorrection, isRevManCorrection } from './continuity-correction.ts';
import type { AnalysisInput, MethodsUsed } from './types.ts';

export function describeMethods(input: AnalysisInput, ratio: boolean): MethodsUsed {
  const random = input.model === 'random';
  const notes: string[] = [];
  const tau2FromMh = random && input.tau2Estimator === 'DL' && input.method !== 'IV';
  if (tau2FromMh) {
    notes.push(
      input.method === 'MH'
        ? 'τ² by DerSimonian–Laird from the Mantel–Haenszel-based Q, then inverse-variance random effects (RevMan 5).'
        : input.dataType === 'oe-variance'
          ? 'τ² by DerSimonian–Laird from the Peto Q, then inverse-variance random effects on the (O−E)/V estimates.'
          : 'τ² by DerSimonian–Laird from the Peto Q, then inverse-variance random effects on the Peto log odds ratios.',
    );
  }
  if (random && input.ciMethod !== 'wald') notes.push('HKSJ needs at least 2 studies; a single study keeps the Wald interval.');
  if (random && input.predictionInterval !== false) {
    notes.push('Prediction interval: μ̂ ± c·√(τ² + SE(μ̂)²) with the Wald (model) SE of μ̂.');
  }
  if (!random && input.i2Method === 'tau2') notes.push('Fixed-effect model: I² is computed from Q.');
  const zeroCell =
    input.dataType === 'oe-variance'
      ? 'none; studies with variance 0 are not estimable'
      : input.dataType !== 'dichotomous'
      ? 'not applicable'
      : input.effectMeasure === 'PETO_OR'
        ? 'none (Peto); studies with no events or all events are not estimable'
        : input.effectMeasure === 'RD'
          ? '0.5 added to all cells of a study with a zero cell for the SE; the RD itself uses the raw counts'
          : '0.5 added to all four cells of a study with a zero cell; studies with no events or all events in both arms are not estimable';
  const cc = input.continuityCorrection;
  const customCorrection = input.dataType === 'dichotomous' && input.effectMeasure !== 'PETO_OR' && cc !== undefined && !isRevManCorrection(cc);
  if (customCorrection) notes.push(`Beyond RevMan: continuity correction ${describeCorrection(cc)} (Sweeting 2004).`);
  const methods: MethodsUsed = {
    dataType: input.dataType,
    effectMeasure: input.effectMeasure,
    ratio,
    method: input.method,
    model: input.model,
    tau2Estimator: random ? input.tau2Estimator : null,
    tau2FromMantelHaenszelQ: tau2FromMh,
    ciMethod: random ? input.ciMethod : 'wald',
    predictionInterval: random ? input.predictionInterval : false,
    tau2Ci: random && input.tau2Ci ? 'Q-profile' : null,
    i2Method: random ? input.i2Method : 'Q',
    ciLevel: input.ciLevel,
    studyCiLevel: input.studyCiLevel,
    pValues: input.pValues,
    zeroCellCorrection: customCorrection ? describeCorrection(cc) : zeroCell,
    subgroupTest: input.subgroupTest
      ? random
        ? 'Q across subgroup random-effects estimates, separate τ² per subgroup (RevMan 5)'
        : 'Q across subgroup fixed-effect estimates (RevMan 5)'
      : null,
    notes,
  };
  if (input.dataType === 'continuous' && input.effectMeasure === 'SMD') {
    methods.smdFormula = "Hedges' adjusted g, J = 1 − 3/(4N − 9), SE² = N/(n1·n2) + g²/(2(N − 3.94)) (RevMan)";
  }
  return methods;
}
