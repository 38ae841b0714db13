// Calculators for deriving analysable statistics (Cochrane Handbook v6 ch. 6). Change
// scores are left for later (issue 3).
export * from './derivation.ts';
export * from './combine-groups.ts';
export * from './sd-from.ts';
export * from './median-to-mean.ts';
