// GRADE: certainty of evidence, absolute effects and the wording of informative statements.
export * from './certainty.ts';
export * from './absolute-effects.ts';
export * from './statement.ts';
export * from './sof-table.ts';
export * from './certainty-state.ts';
export * from './inconsistency-suggestion.ts';
