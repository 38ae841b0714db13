// The one analysis model: outline, data rows, a native review's planned outline.
export * from './outline.ts';
export * from './data-rows.ts';
export * from './planned-outline.ts';
export * from './outcome-analysis.ts';
export * from './data-type-change.ts';
