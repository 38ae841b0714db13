// Records (issue 13): parsing database exports into Grove's record model, and deduplication.
export * from './record.ts';
export * from './detect-format.ts';
export * from './encoding.ts';
export * from './identifiers.ts';
export * from './authors.ts';
export * from './read-export.ts';
export { finishRecord, parseYear, formatPages } from './finish-record.ts';
export { mapColumns, applyColumnChoices, describeColumns, CSV_FIELDS, type ColumnChoices, type CsvField } from './formats/csv-columns.ts';
export { recordsToRis, recordToRis, risSafe, type RisRecord } from './write-ris.ts';
export { completeFromMembers, type CompletableRecord } from './merged-fields.ts';
