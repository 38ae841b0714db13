// Method presets (issue 3). "RevMan 5" reproduces RevMan 5 (spec §1.1–1.5); "Cochrane 2025"
// is the random-effects method set RevMan Web adopted in January 2025 (spec §1.6): REML,
// HKSJ, a prediction interval, the Q-profile τ² interval and I² from τ².
import type { AnalysisSettings, DichotomousMeasure, EffectMeasure, PoolingMethod } from './types.ts';

export type PresetName = 'revman5' | 'cochrane2025';

/** A preset fixes every setting except the fixed-effect method, which depends on the data. */
export type Preset = Omit<AnalysisSettings, 'method'> & {
  name: PresetName;
  label: string;
  /** Fixed-effect method for dichotomous data (Peto OR always uses Peto). */
  dichotomousMethod: Exclude<PoolingMethod, 'PETO'>;
};

export const REVMAN5_PRESET: Preset = {
  name: 'revman5',
  label: 'RevMan 5',
  dichotomousMethod: 'MH',
  model: 'fixed',
  tau2Estimator: 'DL',
  ciMethod: 'wald',
  predictionInterval: false,
  tau2Ci: false,
  i2Method: 'Q',
  ciLevel: 0.95,
  studyCiLevel: 0.95,
  overall: true,
  subgroupTest: true,
  pValues: 'revman5',
};

export const COCHRANE2025_PRESET: Preset = {
  name: 'cochrane2025',
  label: 'Cochrane 2025',
  // Random effects are inverse-variance; the MH-based Q of RevMan 5 is not used.
  dichotomousMethod: 'IV',
  model: 'random',
  tau2Estimator: 'REML',
  ciMethod: 'hksj',
  predictionInterval: 't-k-1',
  tau2Ci: true,
  i2Method: 'tau2',
  ciLevel: 0.95,
  studyCiLevel: 0.95,
  overall: true,
  subgroupTest: true,
  pValues: 'exact',
};

export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  revman5: REVMAN5_PRESET,
  cochrane2025: COCHRANE2025_PRESET,
};

/** The preset's fixed-effect method for a measure: Peto for Peto OR, MH/IV for other binary, IV otherwise. */
export function defaultMethod(preset: Preset, effectMeasure: EffectMeasure): PoolingMethod {
  if (effectMeasure === 'PETO_OR') return 'PETO';
  if (isDichotomousMeasure(effectMeasure)) return preset.dichotomousMethod;
  return 'IV';
}

export function isDichotomousMeasure(m: EffectMeasure): m is DichotomousMeasure {
  return m === 'RR' || m === 'OR' || m === 'RD' || m === 'PETO_OR';
}

/** Settings of a preset for a given measure. */
export function presetSettings(preset: Preset, effectMeasure: EffectMeasure): AnalysisSettings {
  // One literal, in the order the preset lists them, not `...rest` of the preset: V8 copies
  // a rest object through its runtime, a third of parsing each `grove meta` request (issue 11).
  return {
    model: preset.model,
    tau2Estimator: preset.tau2Estimator,
    ciMethod: preset.ciMethod,
    predictionInterval: preset.predictionInterval,
    tau2Ci: preset.tau2Ci,
    i2Method: preset.i2Method,
    ciLevel: preset.ciLevel,
    studyCiLevel: preset.studyCiLevel,
    overall: preset.overall,
    subgroupTest: preset.subgroupTest,
    pValues: preset.pValues,
    method: defaultMethod(preset, effectMeasure),
  };
}
