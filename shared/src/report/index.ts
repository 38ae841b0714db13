// Printable tables: one data model, three outputs (HTML for print/PDF, CSV, DOCX).
export * from './report-table.ts';
export * from './table1.ts';
export * from './table-docx.ts';
