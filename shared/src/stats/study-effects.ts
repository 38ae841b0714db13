// Study-level effects for any data type, plus what MH/Peto pooling needs.
import { continuousStudyEffect } from './continuous-effects.ts';
import { dichotomousStudyEffect, toTwoByTwo, type TwoByTwo } from './dichotomous-effects.ts';
import { genericStudyEffect } from './generic-effects.ts';
import { oeVarianceStudyEffect } from './oe-variance.ts';
import type { PoolableStudy } from './pool-studies.ts';
import type { AnalysisInput, StudyEffect } from './types.ts';

export interface StudyComputation {
  effect: StudyEffect;
  /** Present when the study is estimable. */
  poolable: PoolableStudy | null;
}

export function computeStudies(input: AnalysisInput): StudyComputation[] {
  switch (input.dataType) {
    case 'dichotomous':
      return input.rows.map((row) => {
        const effect = dichotomousStudyEffect(row, input.effectMeasure, input.continuityCorrection);
        return { effect, poolable: effect.estimable ? poolableOf(effect, toTwoByTwo(row)) : null };
      });
    case 'continuous':
      return input.rows.map((row) => withPoolable(continuousStudyEffect(row, input.effectMeasure)));
    case 'generic':
      return input.rows.map((row) => withPoolable(genericStudyEffect(row)));
    case 'oe-variance':
      return input.rows.map((row) => {
        const effect = oeVarianceStudyEffect(row);
        return { effect, poolable: effect.estimable ? poolableOf(effect) : null };
      });
  }
}

/**
 * What pooling needs of an estimable study. Built by assignment, not by spreading an
 * optional { peto }: a spread per study cost `grove meta` more than the study's arithmetic.
 */
function poolableOf(effect: Extract<StudyEffect, { estimable: true }>, table?: TwoByTwo): PoolableStudy {
  const poolable: PoolableStudy = { y: effect.y, v: effect.se * effect.se };
  if (table) poolable.table = table;
  if (effect.peto) poolable.peto = effect.peto;
  return poolable;
}

function withPoolable(effect: StudyEffect): StudyComputation {
  return { effect, poolable: effect.estimable ? { y: effect.y, v: effect.se * effect.se } : null };
}

/** Whether results are exponentiated for display (ratio measures, O−E data and log-scale generic data). */
export function isRatioAnalysis(input: AnalysisInput): boolean {
  if (input.dataType === 'generic') return input.logScale;
  if (input.dataType === 'oe-variance') return true;
  return input.effectMeasure === 'OR' || input.effectMeasure === 'RR' || input.effectMeasure === 'PETO_OR';
}
