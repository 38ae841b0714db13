import type { BibRecord, PublicationKind } from '@grove/shared/records/index';
import type { RecordDetail, RecordsPage, StoredRecord } from '@grove/shared';
import { recordsPageArgsSchema, type RecordsPageArgs } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';

// The records imported into a review. A record's id is deterministic: the SHA-256 of the
// export's bytes and the record's ordinal in it, so two copies of a review that import the
// same export hold the same ids (what merging copies relies on).

export const searchIdFor = (fileSha256: string): string => `search-${fileSha256.slice(0, 24)}`;
export const recordIdFor = (fileSha256: string, ordinal: number): string => `rec-${fileSha256.slice(0, 24)}-${ordinal}`;

/** A record's bibliographic columns as stored: the same for an imported export and a review document. */
export type BibliographicFields = { kind: string | null } & Pick<
  BibRecord,
  | 'title'
  | 'authors'
  | 'year'
  | 'journal'
  | 'journalAbbrev'
  | 'volume'
  | 'issue'
  | 'pages'
  | 'doi'
  | 'pmid'
  | 'pmcid'
  | 'embaseId'
  | 'abstract'
  | 'registryIds'
  | 'raw'
>;

export function bibliographicColumns(r: BibliographicFields): Row {
  return {
    kind: r.kind,
    title: r.title,
    authors: JSON.stringify(r.authors),
    year: r.year,
    journal: r.journal,
    journal_abbrev: r.journalAbbrev,
    volume: r.volume,
    issue: r.issue,
    pages: r.pages,
    doi: r.doi,
    pmid: r.pmid,
    pmcid: r.pmcid,
    embase_id: r.embaseId,
    abstract: r.abstract,
    registry_ids: JSON.stringify(r.registryIds),
    raw: r.raw,
  };
}

export function recordRow(searchId: string, ordinal: number, r: BibRecord, id: string): Row {
  return { id, search_id: searchId, ordinal, line: r.line, source_id: r.id, ...bibliographicColumns(r), removal_reason: null };
}

type DbRow = Record<string, string | number | null>;
const str = (v: string | number | null | undefined): string | null => (v === null || v === undefined ? null : String(v));

/** The columns a record summary is read from (everything but the raw text), with its status. */
const SUMMARY = `
  r.id, r.search_id, r.ordinal, r.line, r.source_id, r.kind, r.title, r.authors, r.year, r.journal, r.journal_abbrev,
  r.volume, r.issue, r.pages, r.doi, r.pmid, r.pmcid, r.embase_id, r.abstract, r.registry_ids, r.removal_reason,
  s.source AS search_source, s.file_name, m.kept_id AS merged_into,
  (SELECT count(*) FROM record_merge k WHERE k.kept_id = r.id) AS merged_count`;
const FROM = `FROM record r JOIN search_log s ON s.id = r.search_id LEFT JOIN record_merge m ON m.record_id = r.id`;

/** A record row's bibliographic columns as the API and the review document carry them. */
export function recordFields(r: DbRow) {
  return {
    sourceId: String(r.source_id),
    line: Number(r.line),
    kind: str(r.kind),
    title: str(r.title),
    authors: JSON.parse(String(r.authors)) as string[],
    year: r.year === null ? null : Number(r.year),
    journal: str(r.journal),
    volume: str(r.volume),
    issue: str(r.issue),
    pages: str(r.pages),
    doi: str(r.doi),
    pmid: str(r.pmid),
    pmcid: str(r.pmcid),
    embaseId: str(r.embase_id),
    abstract: str(r.abstract),
    registryIds: JSON.parse(String(r.registry_ids)) as string[],
  };
}

function toStored(r: DbRow): StoredRecord {
  const mergedInto = str(r.merged_into);
  const removalReason = str(r.removal_reason);
  return {
    id: String(r.id),
    searchId: String(r.search_id),
    source: String(r.search_source),
    fileName: str(r.file_name),
    ...recordFields(r),
    status: mergedInto !== null ? 'duplicate' : removalReason !== null ? 'removed' : 'remaining',
    mergedInto,
    mergedCount: Number(r.merged_count),
    removalReason,
  };
}

const STATUS_WHERE = {
  all: '1',
  remaining: 'm.record_id IS NULL AND r.removal_reason IS NULL',
  duplicate: 'm.record_id IS NOT NULL',
  removed: 'm.record_id IS NULL AND r.removal_reason IS NOT NULL',
} as const;

const SORT_SQL = {
  title: 'r.title IS NULL, r.title COLLATE NOCASE',
  year: 'r.year IS NULL, r.year',
  authors: "r.authors = '[]', r.authors COLLATE NOCASE",
  journal: 'r.journal IS NULL, r.journal COLLATE NOCASE',
  source: 's.position, r.ordinal',
} as const;

/** Escapes LIKE's wildcards so that a search for "50%" means those characters. */
const likeWord = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function recordCounts(db: Db): RecordsPage['counts'] {
  const r = cached(
    db,
    `SELECT count(*) AS all_, sum(m.record_id IS NOT NULL) AS duplicate,
            sum(m.record_id IS NULL AND r.removal_reason IS NOT NULL) AS removed
     FROM record r LEFT JOIN record_merge m ON m.record_id = r.id`,
  ).get() as { all_: number; duplicate: number | null; removed: number | null };
  const duplicate = r.duplicate ?? 0;
  const removed = r.removed ?? 0;
  return { all: r.all_, remaining: r.all_ - duplicate - removed, duplicate, removed };
}

export function readRecordsPage(db: Db, input: RecordsPageArgs): RecordsPage {
  const args = recordsPageArgsSchema.parse(input);
  const where: string[] = [STATUS_WHERE[args.status]];
  const params: (string | number)[] = [];
  if (args.searchId !== null) {
    where.push('r.search_id = ?');
    params.push(args.searchId);
  }
  for (const word of args.search.trim().split(/\s+/).filter(Boolean).slice(0, 20)) {
    where.push(
      `(coalesce(r.title, '') || ' ' || r.authors || ' ' || coalesce(r.journal, '') || ' ' || coalesce(r.abstract, '') || ' ' ||
        coalesce(r.doi, '') || ' ' || coalesce(r.pmid, '') || ' ' || r.registry_ids || ' ' || r.source_id) LIKE ? ESCAPE '\\'`,
    );
    params.push(likeWord(word));
  }
  const whereSql = where.join(' AND ');
  const total = (db.prepare(`SELECT count(*) AS n ${FROM} WHERE ${whereSql}`).get(...params) as { n: number }).n;
  const order = `${SORT_SQL[args.sort]}${args.descending ? ' DESC' : ''}, r.id`;
  const rows = db
    .prepare(`SELECT ${SUMMARY} ${FROM} WHERE ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, args.limit, args.offset) as DbRow[];
  return { total, offset: args.offset, rows: rows.map(toStored), counts: recordCounts(db) };
}

/** The records left after deduplication and other removals, in import order. */
export function readRemainingRecords(db: Db): StoredRecord[] {
  return (cached(db, `SELECT ${SUMMARY} ${FROM} WHERE ${STATUS_WHERE.remaining} ORDER BY s.position, r.ordinal`).all() as DbRow[]).map(
    toStored,
  );
}

export function findRecord(db: Db, id: string): StoredRecord | null {
  const r = cached(db, `SELECT ${SUMMARY} ${FROM} WHERE r.id = ?`).get(id) as DbRow | undefined;
  return r ? toStored(r) : null;
}

export function readRecordDetail(db: Db, id: string): RecordDetail | null {
  const stored = findRecord(db, id);
  if (!stored) return null;
  const raw = (cached(db, 'SELECT raw FROM record WHERE id = ?').get(id) as { raw: string }).raw;
  const members = (
    cached(db, 'SELECT record_id, method, reviewer_name, reason FROM record_merge WHERE kept_id = ? ORDER BY record_id').all(id) as DbRow[]
  ).map((m) => ({
    id: String(m.record_id),
    method: m.method === 'reviewer' ? ('reviewer' as const) : ('automatic' as const),
    reviewerName: String(m.reviewer_name),
    reason: String(m.reason),
  }));
  return { ...stored, raw, members };
}

/** Every record as the deduplication engine reads it, in a stable order; `id` is the stored id. */
export function readRecordsForDedupe(db: Db): BibRecord[] {
  return (
    cached(
      db,
      // Every column the engine reads and none after them: the raw text (stored after the
      // abstract) is not needed, and SQLite reads a row's columns only up to the last one asked for.
      `SELECT r.id, r.line, r.kind, r.title, r.authors, r.year, r.journal, r.journal_abbrev, r.volume, r.issue, r.pages,
              r.doi, r.pmid, r.pmcid, r.embase_id, r.abstract, r.registry_ids, s.file_name
         FROM record r JOIN search_log s ON s.id = r.search_id ORDER BY s.position, r.ordinal`,
    ).all() as DbRow[]
  ).map((r) => ({
    id: String(r.id),
    source: str(r.file_name) ?? '',
    line: Number(r.line),
    kind: str(r.kind) as PublicationKind | null,
    title: str(r.title),
    authors: JSON.parse(String(r.authors)) as string[],
    year: r.year === null ? null : Number(r.year),
    journal: str(r.journal),
    journalAbbrev: str(r.journal_abbrev),
    volume: str(r.volume),
    issue: str(r.issue),
    pages: str(r.pages),
    doi: str(r.doi),
    pmid: str(r.pmid),
    pmcid: str(r.pmcid),
    embaseId: str(r.embase_id),
    abstract: str(r.abstract),
    registryIds: JSON.parse(String(r.registry_ids)) as string[],
    raw: '',
  }));
}

/** The stored rows of every record, for the review document (raw included). */
export function readRecordRows(db: Db): Row[] {
  return cached(db, 'SELECT r.* FROM record r JOIN search_log s ON s.id = r.search_id ORDER BY s.position, r.ordinal').all() as Row[];
}

export function recordExists(db: Db, id: string): boolean {
  return cached(db, 'SELECT 1 FROM record WHERE id = ?').get(id) !== undefined;
}

/** How complete a record is: the number of its fields that have a value (the kept record of a merge is the most complete). */
export function completeness(r: StoredRecord | BibRecord): number {
  const values = [r.title, r.year, r.journal, r.volume, r.issue, r.pages, r.doi, r.pmid, r.pmcid, r.abstract];
  return values.filter((v) => v !== null && v !== '').length + (r.authors.length > 0 ? 1 : 0);
}

/** Records removed for a reason other than duplication (PRISMA's "other removals"). */
export function countRemoved(db: Db): number {
  return recordCounts(db).removed;
}

export function reportExists(db: Db, id: string): boolean {
  return cached(db, 'SELECT 1 FROM report WHERE id = ?').get(id) !== undefined;
}

export function readReportRecordLinks(db: Db): { reportId: string; recordId: string }[] {
  return (
    cached(db, 'SELECT id, record_id FROM report WHERE record_id IS NOT NULL ORDER BY id').all() as { id: string; record_id: string }[]
  ).map((r) => ({ reportId: r.id, recordId: r.record_id }));
}
