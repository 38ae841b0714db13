import { pairKey } from '@grove/shared/screening/linking/index';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';
import { fromJsonList } from './json-columns.ts';

// Study linking (schema v10): records as reports of studies (report.record_id) and the
// pairs a reviewer said are not one study. Writes go through the handlers' ChangeWriter.

export interface LinkRecord {
  id: string;
  title: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  doi: string | null;
  pmid: string | null;
  abstract: string | null;
  registryIds: string[];
  /** The study it is a report of, and that report. */
  studyId: string | null;
  studyLabel: string | null;
  reportId: string | null;
}

type DbRow = Record<string, string | number | null>;

const LINK_RECORD_SQL = `
  SELECT r.id, r.title, r.authors, r.year, r.journal, r.doi, r.pmid, r.abstract, r.registry_ids,
         rep.id AS report_id, rep.study_id AS study_id, s.label AS study_label
    FROM record r
    LEFT JOIN report rep ON rep.id = (SELECT x.id FROM report x WHERE x.record_id = r.id ORDER BY x.created_at, x.id LIMIT 1)
    LEFT JOIN study s ON s.id = rep.study_id`;

function toLinkRecord(r: DbRow): LinkRecord {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    title: s(r.title),
    authors: fromJsonList(r.authors),
    year: r.year === null ? null : Number(r.year),
    journal: s(r.journal),
    doi: s(r.doi),
    pmid: s(r.pmid),
    abstract: s(r.abstract),
    registryIds: fromJsonList(r.registry_ids),
    studyId: s(r.study_id),
    studyLabel: s(r.study_label),
    reportId: s(r.report_id),
  };
}

/**
 * Of the given records, those a reviewer may link: not merged into another as a duplicate,
 * not removed (read one by one on the primary key: linking works on the few hundred records
 * at full text, never on the whole review).
 */
export function readLinkCandidates(db: Db, ids: Iterable<string>): LinkRecord[] {
  const one = cached(
    db,
    `${LINK_RECORD_SQL}
     WHERE r.id = ? AND r.removal_reason IS NULL AND NOT EXISTS (SELECT 1 FROM record_merge m WHERE m.record_id = r.id)`,
  );
  const out: LinkRecord[] = [];
  for (const id of new Set(ids)) {
    const r = one.get(id) as DbRow | undefined;
    if (r) out.push(toLinkRecord(r));
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Records that are reports of some study. */
export function readLinkedRecordIds(db: Db): string[] {
  return cached(db, 'SELECT DISTINCT record_id FROM report WHERE record_id IS NOT NULL').pluck().all() as string[];
}

export function readLinkRecord(db: Db, id: string): LinkRecord | null {
  const r = cached(db, `${LINK_RECORD_SQL} WHERE r.id = ?`).get(id) as DbRow | undefined;
  return r ? toLinkRecord(r) : null;
}

/** Every report that came from a record (a record may, by hand, have been linked twice). */
export function reportIdsOfRecord(db: Db, recordId: string): { id: string; studyId: string }[] {
  return (cached(db, 'SELECT id, study_id FROM report WHERE record_id = ? ORDER BY created_at, id').all(recordId) as DbRow[]).map((r) => ({
    id: String(r.id),
    studyId: String(r.study_id),
  }));
}

/** The pairs rejected, as `pairKey`s. */
export function readRejectedPairs(db: Db): Set<string> {
  const rows = cached(db, 'SELECT record_a, record_b FROM study_link_rejection').all() as { record_a: string; record_b: string }[];
  return new Set(rows.map((r) => pairKey(r.record_a, r.record_b)));
}

export function rejectionRow(id: string, a: string, b: string, now: string): Row {
  const [first, second] = a < b ? [a, b] : [b, a];
  return { id, record_a: first, record_b: second, rejected_at: now };
}

export function rejectionExists(db: Db, id: string): boolean {
  return cached(db, 'SELECT 1 FROM study_link_rejection WHERE id = ?').get(id) !== undefined;
}

export function studyLabelsTaken(db: Db): string[] {
  return (cached(db, 'SELECT label FROM study').all() as { label: string }[]).map((r) => r.label);
}

export interface StudyWithReports {
  id: string;
  label: string;
  status: string;
  reports: { reportId: string; recordId: string | null; title: string; year: number | null }[];
}

/** Every study (by label) with its reports (by position). */
export function readStudiesWithReports(db: Db, only?: string): StudyWithReports[] {
  const studies = (
    only === undefined
      ? cached(db, 'SELECT id, label, status FROM study').all()
      : cached(db, 'SELECT id, label, status FROM study WHERE id = ?').all(only)
  ) as { id: string; label: string; status: string }[];
  const reports = (
    only === undefined
      ? cached(db, 'SELECT id, study_id, record_id, title, year FROM report ORDER BY study_id, position, rowid').all()
      : cached(db, 'SELECT id, study_id, record_id, title, year FROM report WHERE study_id = ? ORDER BY position, rowid').all(only)
  ) as DbRow[];
  const byStudy = new Map<string, StudyWithReports['reports']>();
  for (const r of reports) {
    const list = byStudy.get(String(r.study_id)) ?? [];
    list.push({
      reportId: String(r.id),
      recordId: r.record_id === null ? null : String(r.record_id),
      title: String(r.title),
      year: r.year === null ? null : Number(r.year),
    });
    byStudy.set(String(r.study_id), list);
  }
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return studies
    .map((s) => ({ ...s, reports: byStudy.get(s.id) ?? [] }))
    .sort((a, b) => collator.compare(a.label, b.label) || a.id.localeCompare(b.id));
}
