// Calculators for deriving analysable statistics (Cochrane Handbook v6 ch. 6, 15, 23; Tierney 2007).
export * from './derivation.ts';
export * from './combine-groups.ts';
export * from './sd-from.ts';
export * from './median-to-mean.ts';
export * from './change-from-baseline.ts';
export * from './cluster-trials.ts';
export * from './shared-control.ts';
export * from './hazard-ratio.ts';
export * from './nnt.ts';
