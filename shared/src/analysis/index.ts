// The analysis stage's pure core: from extracted data to analyses, Table 2 and results text.
export * from './review-data.ts';
export * from './analysis-spec.ts';
export * from './assemble.ts';
export * from './wording.ts';
export * from './table2.ts';
export * from './forest-input.ts';
export * from './dashboard-entry.ts';
