import Papa from 'papaparse';
import { type ScreeningText } from './models.ts';

// Reads a labelled screening set (ASReview's simulation format): one record per row with
// `title` and `abstract` columns, an id column and a 1/0 label column, both named by the
// caller. Every problem names the file, the column and the row (the header is row 1).

export interface LabelledSet {
  ids: string[];
  records: ScreeningText[];
  labels: (0 | 1)[];
}

export class LabelledSetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelledSetError';
  }
}

export function parseLabelledCsv(text: string, fileName: string, fields: { labelField: string; idField: string }): LabelledSet {
  // Spreadsheet exports often start with a byte-order mark, which would otherwise become
  // part of the first column's name.
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (fatal) throw new LabelledSetError(`${fileName}: row ${(fatal.row ?? 0) + 2}: ${fatal.message}.`);
  const columns = parsed.meta.fields ?? [];
  for (const [column, role] of [
    [fields.idField, 'id column (--id-field)'],
    [fields.labelField, 'label column (--label-field)'],
    ['title', 'title column'],
    ['abstract', 'abstract column'],
  ] as const) {
    if (!columns.includes(column)) {
      throw new LabelledSetError(
        `${fileName}: has no column "${column}" (the ${role}); its columns are ${columns.map((c) => `"${c}"`).join(', ')}.`,
      );
    }
  }
  const set: LabelledSet = { ids: [], records: [], labels: [] };
  const seen = new Map<string, number>();
  parsed.data.forEach((row, i) => {
    const rowNumber = i + 2;
    const id = (row[fields.idField] ?? '').trim();
    if (id === '') throw new LabelledSetError(`${fileName}: row ${rowNumber}: the id column "${fields.idField}" is empty.`);
    const earlier = seen.get(id);
    if (earlier !== undefined)
      throw new LabelledSetError(
        `${fileName}: row ${rowNumber}: id "${id}" in column "${fields.idField}" was already used in row ${earlier}.`,
      );
    seen.set(id, rowNumber);
    const label = (row[fields.labelField] ?? '').trim();
    if (label !== '0' && label !== '1') {
      throw new LabelledSetError(`${fileName}: row ${rowNumber}: the label column "${fields.labelField}" must be 1 or 0, not "${label}".`);
    }
    set.ids.push(id);
    set.records.push({ title: row.title ?? '', abstract: row.abstract ?? '' });
    set.labels.push(label === '1' ? 1 : 0);
  });
  if (set.ids.length === 0) throw new LabelledSetError(`${fileName}: has no records.`);
  return set;
}
