// Printable tables: one data model, three outputs (HTML for print/PDF, CSV, DOCX).
export * from './report-table.ts';
export * from './table1.ts';
// The DOCX writer (tableDocx) is imported from '@grove/shared/report/table-docx' by whoever
// writes Word files: the docx library it rests on is half a megabyte that every `grove`
// command would otherwise load and evaluate at start-up.
