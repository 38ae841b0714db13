import type { ExtractionForm, FormField, FormSection } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { ChangeWriter, Row } from '../changes.ts';
import { TABLES } from '../tables.ts';
import { cached } from '../statements.ts';

// The extraction form: sections and fields in order. Updates diff by id so that values
// already extracted for a field survive a rename or a move to another section.

type DbRow = Record<string, string | number | null>;

const sectionRow = (s: FormSection, position: number): Row => ({ id: s.id, position, title: s.title, description: s.description });
const fieldRow = (f: FormField, position: number): Row => ({
  id: f.id,
  section_id: f.sectionId,
  position,
  label: f.label,
  type: f.type,
  unit: f.unit,
  options: JSON.stringify(f.options),
  help: f.help,
});

export function readForm(db: Db): ExtractionForm {
  const sections = (cached(db, 'SELECT * FROM form_section ORDER BY position, rowid').all() as DbRow[]).map((r) => ({
    id: String(r.id),
    title: String(r.title),
    description: String(r.description),
  }));
  const order = new Map(sections.map((s, i) => [s.id, i]));
  const fields = (cached(db, 'SELECT * FROM form_field ORDER BY position, rowid').all() as DbRow[])
    .map((r) => ({
      id: String(r.id),
      sectionId: String(r.section_id),
      label: String(r.label),
      type: String(r.type) as FormField['type'],
      unit: String(r.unit),
      options: JSON.parse(String(r.options)) as FormField['options'],
      help: String(r.help),
    }))
    .sort((a, b) => (order.get(a.sectionId) ?? 0) - (order.get(b.sectionId) ?? 0));
  return { sections, fields };
}

export function writeForm(db: Db, form: ExtractionForm): void {
  cached(db, 'DELETE FROM form_field').run();
  cached(db, 'DELETE FROM form_section').run();
  const insert = (table: string, row: Row) => {
    const cols = Object.keys(row);
    cached(db, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
      ...cols.map((c) => row[c] ?? null),
    );
  };
  form.sections.forEach((s, i) => insert('form_section', sectionRow(s, i)));
  form.fields.forEach((f, i) => insert('form_field', fieldRow(f, i)));
}

export function updateForm(w: ChangeWriter, before: ExtractionForm, after: ExtractionForm): void {
  const sync = <T extends { id: string }>(
    spec: (typeof TABLES)['formSection'] | (typeof TABLES)['formField'],
    old: readonly T[],
    next: readonly T[],
    toRow: (item: T, i: number) => Row,
    name: (item: T) => string,
  ) => {
    const nextIds = new Set(next.map((x) => x.id));
    const oldIds = new Set(old.map((x) => x.id));
    for (const item of old) if (!nextIds.has(item.id)) w.delete(spec, item.id, `Removed ${spec.entity} "${name(item)}"`);
    next.forEach((item, i) => {
      if (oldIds.has(item.id)) w.update(spec, item.id, toRow(item, i), (f) => `Edited ${spec.entity} "${name(item)}": ${f.join(', ')}`);
      else w.insert(spec, toRow(item, i), `Added ${spec.entity} "${name(item)}"`);
    });
  };
  // Values of a removed field go first, row by row, so undo brings them back too.
  const kept = new Set(after.fields.map((f) => f.id));
  for (const f of before.fields) {
    if (kept.has(f.id)) continue;
    for (const { id } of cached(w.db, 'SELECT id FROM characteristic_value WHERE field_id = ?').all(f.id) as { id: string }[]) {
      w.delete(TABLES.characteristic, id, `Deleted a value of removed field "${f.label}"`);
    }
  }
  // Fields first when removing (they point at sections); the FK is deferred anyway.
  sync(TABLES.formField, before.fields, after.fields, fieldRow, (f) => f.label);
  sync(TABLES.formSection, before.sections, after.sections, sectionRow, (s) => s.title);
}
