// @grove/shared: the pure core every other layer builds on.
// Nothing here may import Node, Electron, the DOM, or another Grove folder.
export * from './api/contract.ts';
export * from './api/errors.ts';
export * from './api/dispatch.ts';
export * from './api/bridge.ts';
export * from './model/ids.ts';
export * from './model/protocol.ts';
export * from './model/study.ts';
export * from './model/reviewer.ts';
export * from './model/audit.ts';
export * from './model/search-counts.ts';
export * from './model/review-document.ts';
export * from './api/contract-extraction.ts';
export * from './model/extraction-form.ts';
export * from './model/characteristic.ts';
export * from './model/study-data.ts';
export * from './model/timepoint-rules.ts';
export * from './model/default-form.ts';
export * from './api/contract-analysis.ts';
export * from './analysis/index.ts';
export * from './report/index.ts';
export * from './api/contract-double.ts';
export * from './api/contract-rob2.ts';
export * from './grade/index.ts';
export * from './api/contract-revman.ts';
export * from './api/contract-settings.ts';
export * from './api/contract-files.ts';
