import type { Report, ReportFields, Study, StudyFields } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';

// Studies and their reports: row mapping and reads. Writes go through the service
// layer's ChangeWriter so that they are audited and undoable.

type DbRow = Record<string, string | number | null>;

export function studyRow(id: string, f: StudyFields, createdAt: string, updatedAt: string): Row {
  return { id, label: f.label, status: f.status, identifiers: f.identifiers, notes: f.notes, created_at: createdAt, updated_at: updatedAt };
}

export function studyPatchRow(patch: Partial<StudyFields>): Row {
  const row: Row = {};
  if (patch.label !== undefined) row.label = patch.label;
  if (patch.status !== undefined) row.status = patch.status;
  if (patch.identifiers !== undefined) row.identifiers = patch.identifiers;
  if (patch.notes !== undefined) row.notes = patch.notes;
  return row;
}

export function reportRow(id: string, studyId: string, position: number, f: ReportFields, createdAt: string, updatedAt: string): Row {
  return {
    id,
    study_id: studyId,
    position,
    title: f.title,
    authors: f.authors,
    journal: f.journal,
    year: f.year,
    doi: f.doi,
    pmid: f.pmid,
    citation: f.citation,
    is_primary: f.isPrimary ? 1 : 0,
    notes: f.notes,
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

export function reportPatchRow(patch: Partial<ReportFields>): Row {
  const row: Row = {};
  const map: Record<keyof ReportFields, string> = {
    title: 'title',
    authors: 'authors',
    journal: 'journal',
    year: 'year',
    doi: 'doi',
    pmid: 'pmid',
    citation: 'citation',
    isPrimary: 'is_primary',
    notes: 'notes',
  };
  for (const [key, column] of Object.entries(map) as [keyof ReportFields, string][]) {
    const v = patch[key];
    if (v === undefined) continue;
    row[column] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  }
  return row;
}

function toReport(r: DbRow): Report {
  return {
    id: String(r.id),
    studyId: String(r.study_id),
    title: String(r.title),
    authors: String(r.authors),
    journal: String(r.journal),
    year: r.year === null ? null : Number(r.year),
    doi: String(r.doi),
    pmid: String(r.pmid),
    citation: String(r.citation),
    isPrimary: r.is_primary === 1,
    notes: String(r.notes),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

function toStudy(r: DbRow, reports: Report[]): Study {
  return {
    id: String(r.id),
    label: String(r.label),
    status: String(r.status) as Study['status'],
    identifiers: String(r.identifiers),
    notes: String(r.notes),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    reports,
  };
}

/** Studies in the order reviewers expect them: by name, ignoring case and accents. */
export function listStudies(db: Db): Study[] {
  const reports = (cached(db, 'SELECT * FROM report ORDER BY study_id, position, rowid').all() as DbRow[]).map(toReport);
  const byStudy = new Map<string, Report[]>();
  for (const r of reports) {
    const list = byStudy.get(r.studyId) ?? [];
    list.push(r);
    byStudy.set(r.studyId, list);
  }
  const studies = (cached(db, 'SELECT * FROM study').all() as DbRow[]).map((r) => toStudy(r, byStudy.get(String(r.id)) ?? []));
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return studies.sort((a, b) => collator.compare(a.label, b.label) || a.id.localeCompare(b.id));
}

export function getStudy(db: Db, id: string): Study | null {
  const r = cached(db, 'SELECT * FROM study WHERE id = ?').get(id) as DbRow | undefined;
  if (!r) return null;
  const reports = (cached(db, 'SELECT * FROM report WHERE study_id = ? ORDER BY position, rowid').all(id) as DbRow[]).map(toReport);
  return toStudy(r, reports);
}

export function getReport(db: Db, id: string): Report | null {
  const r = cached(db, 'SELECT * FROM report WHERE id = ?').get(id) as DbRow | undefined;
  return r ? toReport(r) : null;
}

export function nextReportPosition(db: Db, studyId: string): number {
  const r = cached(db, 'SELECT coalesce(max(position), -1) + 1 AS p FROM report WHERE study_id = ?').get(studyId) as { p: number };
  return r.p;
}

export function countRows(db: Db, table: 'study' | 'report' | 'reviewer'): number {
  return (cached(db, `SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Study labels by id, for naming studies in lists without loading their reports. */
/** One study's label, or null when there is no such study. */
export function findStudyLabel(db: Db, studyId: string): string | null {
  const s = cached(db, 'SELECT label FROM study WHERE id = ?').get(studyId) as { label: string } | undefined;
  return s?.label ?? null;
}

export function studyLabels(db: Db): Map<string, string> {
  return new Map((cached(db, 'SELECT id, label FROM study').all() as { id: string; label: string }[]).map((s) => [s.id, s.label]));
}
