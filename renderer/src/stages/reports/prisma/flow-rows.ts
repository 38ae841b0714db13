import type { FlowCount, PrismaFlow } from '@grove/shared/prisma/index';
import { formatCount, PRISMA_LABELS as L } from '@grove/shared/prisma/index';

// The diagram's counts as rows of a table, for reading without the figure (screen readers,
// copying into a manuscript) and to say where each count came from.

export interface FlowRow {
  readonly phase: 'Identification' | 'Screening' | 'Included';
  readonly column: 'Databases and registers' | 'Other methods' | '';
  readonly label: string;
  /** Indented under the row before it (a database, a reason). */
  readonly detail: boolean;
  readonly count: FlowCount;
}

export function countValue(c: FlowCount): string {
  return c === null ? 'not recorded' : formatCount(c.n);
}

export function sourceText(c: FlowCount): string {
  return c === null ? '—' : c.source === 'hand-entered' ? 'entered by hand' : 'from the review’s data';
}

export function flowRows(flow: PrismaFlow): FlowRow[] {
  const rows: FlowRow[] = [];
  const add = (phase: FlowRow['phase'], column: FlowRow['column'], label: string, count: FlowCount, detail = false) =>
    rows.push({ phase, column, label, count, detail });
  const db = 'Databases and registers' as const;
  const other = 'Other methods' as const;
  const id = flow.identification;
  add('Identification', db, `Records from ${L.databases.toLowerCase()}`, id.databases.total);
  for (const i of id.databases.items) add('Identification', db, i.name, i.count, true);
  add('Identification', db, `Records from ${L.registers.toLowerCase()}`, id.registers.total);
  for (const i of id.registers.items) add('Identification', db, i.name, i.count, true);
  add('Identification', db, L.duplicates, id.removedBeforeScreening.duplicates);
  add('Identification', db, L.automation, id.removedBeforeScreening.automation);
  add('Identification', db, L.otherRemoved, id.removedBeforeScreening.other);
  add('Identification', other, 'Records identified', flow.otherMethods.identified.total);
  for (const i of flow.otherMethods.identified.items) add('Identification', other, i.name, i.count, true);
  const s = flow.screening;
  add('Screening', db, L.screened, s.screened);
  add('Screening', db, 'Records excluded', s.recordsExcluded);
  for (const [column, r] of [
    [db, s],
    [other, flow.otherMethods],
  ] as const) {
    add('Screening', column, L.sought, r.sought);
    add('Screening', column, L.notRetrieved, r.notRetrieved);
    add('Screening', column, L.assessed, r.assessed);
    add('Screening', column, L.reportsExcluded, r.reportsExcluded.total);
    for (const i of r.reportsExcluded.items) add('Screening', column, i.name, i.count, true);
  }
  add('Included', '', L.studiesIncluded, flow.included.studies);
  add('Included', '', L.reportsIncluded, flow.included.reports);
  add('Included', '', L.studiesInMetaAnalysis, flow.included.studiesInMetaAnalysis);
  return rows;
}
