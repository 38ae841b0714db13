import type { RecordsSection } from '@grove/shared';
import type { Db } from '../connection.ts';
import { cached } from '../statements.ts';
import { enteredTotalRow, listSearchLog, searchLogRow } from './records-search-log-repo.ts';
import { bibliographicColumns, recordFields } from './records-repo.ts';

// The records section of the review document: read from, and written into, a review's
// records tables, row for row (the exact inverse of each other). Absent (undefined) when
// no export was imported and nothing was deduplicated.

type DbRow = Record<string, string | number | null>;
const str = (v: string | number | null | undefined): string | null => (v === null || v === undefined ? null : String(v));

export function readRecordsSection(db: Db): RecordsSection | undefined {
  const records = cached(
    db,
    'SELECT r.* FROM record r JOIN search_log s ON s.id = r.search_id ORDER BY s.position, r.ordinal',
  ).all() as DbRow[];
  if (records.length === 0) return undefined;
  const merges = cached(db, 'SELECT * FROM record_merge ORDER BY record_id').all() as DbRow[];
  const queue = cached(db, 'SELECT * FROM dedup_pair ORDER BY id').all() as DbRow[];
  const links = cached(db, 'SELECT id, record_id FROM report WHERE record_id IS NOT NULL ORDER BY id').all() as DbRow[];
  return {
    searchLog: listSearchLog(db),
    records: records.map((r) => ({
      id: String(r.id),
      searchId: String(r.search_id),
      ordinal: Number(r.ordinal),
      ...recordFields(r),
      journalAbbrev: str(r.journal_abbrev),
      raw: String(r.raw),
      removalReason: str(r.removal_reason),
    })),
    merges: merges.map((m) => ({
      recordId: String(m.record_id),
      keptId: String(m.kept_id),
      method: m.method === 'reviewer' ? 'reviewer' : 'automatic',
      reviewerId: str(m.reviewer_id),
      reviewerName: String(m.reviewer_name),
      reason: String(m.reason),
      pairId: str(m.pair_id),
      createdAt: String(m.created_at),
    })),
    queue: queue.map((p) => ({
      id: String(p.id),
      recordA: String(p.record_a),
      recordB: String(p.record_b),
      confidence: Number(p.confidence),
      reason: String(p.reason),
      evidence: JSON.parse(String(p.evidence)) as RecordsSection['queue'][number]['evidence'],
      decision: (p.decision as RecordsSection['queue'][number]['decision']) ?? null,
      reviewerId: str(p.reviewer_id),
      reviewerName: String(p.reviewer_name),
      decidedAt: str(p.decided_at),
      decidedChange: p.decided_change === null ? null : Number(p.decided_change),
      createdAt: String(p.created_at),
    })),
    reportLinks: links.map((l) => ({ reportId: String(l.id), recordId: String(l.record_id) })),
  };
}

function insert(db: Db, table: string, row: DbRow): void {
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
    ...cols.map((c) => row[c] ?? null),
  );
}

/** Writes the section into a review being built from a document (inside its transaction; reports already written). */
export function writeRecordsSection(db: Db, section: RecordsSection): void {
  section.searchLog.forEach((e, i) => insert(db, 'search_log', searchLogRow(e, i)));
  for (const r of section.records)
    insert(db, 'record', {
      id: r.id,
      search_id: r.searchId,
      ordinal: r.ordinal,
      line: r.line,
      source_id: r.sourceId,
      ...bibliographicColumns(r),
      removal_reason: r.removalReason,
    });
  for (const m of section.merges)
    insert(db, 'record_merge', {
      record_id: m.recordId,
      kept_id: m.keptId,
      method: m.method,
      reviewer_id: m.reviewerId,
      reviewer_name: m.reviewerName,
      reason: m.reason,
      pair_id: m.pairId,
      created_at: m.createdAt,
    });
  for (const p of section.queue)
    insert(db, 'dedup_pair', {
      id: p.id,
      record_a: p.recordA,
      record_b: p.recordB,
      confidence: p.confidence,
      reason: p.reason,
      evidence: JSON.stringify(p.evidence),
      decision: p.decision,
      reviewer_id: p.reviewerId,
      reviewer_name: p.reviewerName,
      decided_at: p.decidedAt,
      // Change ids are not carried across; the order of decisions is.
      decided_change: p.decidedChange,
      created_at: p.createdAt,
    });
  const link = db.prepare('UPDATE report SET record_id = ? WHERE id = ?');
  for (const l of section.reportLinks) link.run(l.recordId, l.reportId);
}

/** A review built from a document without a records section: its hand-entered totals become search-log entries. */
export function writeEnteredTotals(
  db: Db,
  counts: { databaseRecords: number | null; otherSourceRecords: number | null },
  now: string,
): void {
  const rows: DbRow[] = [];
  if (counts.databaseRecords !== null) rows.push(enteredTotalRow('database', counts.databaseRecords, 0, now));
  if (counts.otherSourceRecords !== null) rows.push(enteredTotalRow('other', counts.otherSourceRecords, 1, now));
  for (const r of rows) insert(db, 'search_log', r);
}
