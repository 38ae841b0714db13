import type { SearchLogEntry } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { ChangeWriter, Row } from '../changes.ts';
import { cached } from '../statements.ts';
import { TABLES } from '../tables.ts';

// The search log: one entry per search (an imported export file) or per total entered by
// hand. What PRISMA calls "records identified" from a source is the records parsed from an
// imported file, or the number entered by hand.

/** The ids and names of the entries holding totals entered by hand (one per kind). */
export const ENTERED_IDS = { database: 'entered-database', other: 'entered-other' } as const;
export const ENTERED_SOURCES = {
  database: 'Databases (total entered by hand)',
  other: 'Other sources (total entered by hand)',
} as const;

export type SearchKind = keyof typeof ENTERED_IDS;

type DbRow = Record<string, string | number | null>;

function toEntry(r: DbRow): SearchLogEntry {
  const origin = r.origin === 'entered' ? 'entered' : 'imported';
  const recordsParsed = Number(r.records_parsed);
  const hits = r.hits_reported === null ? null : Number(r.hits_reported);
  return {
    id: String(r.id),
    kind: r.kind === 'other' ? 'other' : 'database',
    origin,
    source: String(r.source),
    interface: String(r.interface),
    searchedOn: r.searched_on === null ? null : String(r.searched_on),
    strategy: String(r.strategy),
    hitsReported: hits,
    recordsParsed,
    identified: origin === 'entered' ? (hits ?? 0) : recordsParsed,
    fileName: r.file_name === null ? null : String(r.file_name),
    fileSha256: r.file_sha256 === null ? null : String(r.file_sha256),
    format: r.format === null ? null : String(r.format),
    skipped: JSON.parse(String(r.skipped)) as SearchLogEntry['skipped'],
    warnings: JSON.parse(String(r.warnings)) as SearchLogEntry['warnings'],
    createdAt: String(r.created_at),
  };
}

export function listSearchLog(db: Db): SearchLogEntry[] {
  return (cached(db, 'SELECT * FROM search_log ORDER BY position, id').all() as DbRow[]).map(toEntry);
}

export function findSearchByFile(db: Db, sha256: string): SearchLogEntry | null {
  const r = cached(db, 'SELECT * FROM search_log WHERE file_sha256 = ?').get(sha256) as DbRow | undefined;
  return r ? toEntry(r) : null;
}

export function nextSearchPosition(db: Db): number {
  return (cached(db, 'SELECT coalesce(max(position), -1) + 1 AS p FROM search_log').get() as { p: number }).p;
}

/** Records identified per kind of source (null where the log has no entry of that kind). */
export function identifiedTotals(db: Db): Record<SearchKind, number | null> {
  const rows = cached(
    db,
    `SELECT kind, sum(CASE origin WHEN 'entered' THEN coalesce(hits_reported, 0) ELSE records_parsed END) AS n
     FROM search_log GROUP BY kind`,
  ).all() as { kind: SearchKind; n: number }[];
  const out: Record<SearchKind, number | null> = { database: null, other: null };
  for (const r of rows) out[r.kind] = r.n;
  return out;
}

/** Records parsed from the imported searches of one kind. */
export function importedTotal(db: Db, kind: SearchKind): number {
  return (
    cached(db, "SELECT coalesce(sum(records_parsed), 0) AS n FROM search_log WHERE origin = 'imported' AND kind = ?").get(kind) as {
      n: number;
    }
  ).n;
}

export interface ImportedSearch {
  id: string;
  position: number;
  kind: SearchKind;
  source: string;
  interface: string;
  searchedOn: string;
  strategy: string;
  hitsReported: number | null;
  recordsParsed: number;
  fileName: string;
  fileSha256: string;
  format: string;
  skipped: { line: number; message: string }[];
  warnings: { line: number; message: string }[];
  createdAt: string;
}

export function importedSearchRow(s: ImportedSearch): Row {
  return {
    id: s.id,
    position: s.position,
    kind: s.kind,
    origin: 'imported',
    source: s.source,
    interface: s.interface,
    searched_on: s.searchedOn,
    strategy: s.strategy,
    hits_reported: s.hitsReported,
    records_parsed: s.recordsParsed,
    file_name: s.fileName,
    file_sha256: s.fileSha256,
    format: s.format,
    skipped: JSON.stringify(s.skipped),
    warnings: JSON.stringify(s.warnings),
    created_at: s.createdAt,
  };
}

/** The row of a search-log entry as the review document carries it (the exact inverse of toEntry). */
export function searchLogRow(e: SearchLogEntry, position: number): Row {
  return {
    id: e.id,
    position,
    kind: e.kind,
    origin: e.origin,
    source: e.source,
    interface: e.interface,
    searched_on: e.searchedOn,
    strategy: e.strategy,
    hits_reported: e.hitsReported,
    records_parsed: e.recordsParsed,
    file_name: e.fileName,
    file_sha256: e.fileSha256,
    format: e.format,
    skipped: JSON.stringify(e.skipped),
    warnings: JSON.stringify(e.warnings),
    created_at: e.createdAt,
  };
}

/**
 * Sets the total entered by hand for one kind of source (null removes the entry), as the
 * PRISMA counts form edits "records identified from databases / other sources".
 */
export function writeEnteredTotal(w: ChangeWriter, kind: SearchKind, value: number | null, now: string): void {
  const id = ENTERED_IDS[kind];
  const exists = cached(w.db, 'SELECT 1 FROM search_log WHERE id = ?').get(id) !== undefined;
  if (value === null) {
    if (exists) w.delete(TABLES.searchLog, id, `Removed the ${kind === 'database' ? 'database' : 'other-source'} total entered by hand`);
    return;
  }
  if (exists) {
    w.update(TABLES.searchLog, id, { hits_reported: value }, () => `Edited ${ENTERED_SOURCES[kind]}`);
    return;
  }
  w.insert(
    TABLES.searchLog,
    enteredTotalRow(kind, value, kind === 'database' ? 0 : nextSearchPosition(w.db), now),
    `Entered ${ENTERED_SOURCES[kind]}: ${value}`,
  );
}

export function enteredTotalRow(kind: SearchKind, value: number, position: number, now: string): Row {
  return { id: ENTERED_IDS[kind], position, kind, origin: 'entered', source: ENTERED_SOURCES[kind], hits_reported: value, created_at: now };
}
