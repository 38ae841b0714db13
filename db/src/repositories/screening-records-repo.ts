import type { ScreeningStage } from '@grove/shared';
import type { Db } from '../connection.ts';
import { cached } from '../statements.ts';

// The records screening reads: the title/abstract stage's records (left after
// deduplication and other removals) in file order (search position, then the record's
// ordinal in its export), and the few fields the screening view shows.

export interface ScreeningRecordFields {
  id: string;
  title: string | null;
  authors: string[];
  journal: string | null;
  year: number | null;
  abstract: string | null;
  doi: string | null;
}

type FieldsRow = Omit<ScreeningRecordFields, 'authors'> & { authors: string };
const FIELDS = 'r.id, r.title, r.authors, r.journal, r.year, r.abstract, r.doi';
const toFields = (r: FieldsRow): ScreeningRecordFields => ({ ...r, authors: JSON.parse(r.authors) as string[] });

/** A record left after deduplication and other removals. */
const REMAINING = 'r.removal_reason IS NULL AND NOT EXISTS (SELECT 1 FROM record_merge m WHERE m.record_id = r.id)';

/** The title/abstract stage's record ids in file order. */
export function readTitleAbstractIds(db: Db): string[] {
  return cached(db, `SELECT r.id FROM search_log s JOIN record r ON r.search_id = s.id WHERE ${REMAINING} ORDER BY s.position, r.ordinal`)
    .pluck()
    .all() as string[];
}

export function readFields(db: Db, ids: readonly string[]): Map<string, ScreeningRecordFields> {
  const out = new Map<string, ScreeningRecordFields>();
  for (let i = 0; i < ids.length; i += 50) {
    const chunk = ids.slice(i, i + 50);
    const rows = cached(db, `SELECT ${FIELDS} FROM record r WHERE r.id IN (${chunk.map(() => '?').join(', ')})`).all(
      ...chunk,
    ) as FieldsRow[];
    for (const r of rows) out.set(r.id, toFields(r));
  }
  return out;
}

export interface FilePlace {
  position: number;
  ordinal: number;
  remaining: boolean;
}

/** Where a record is in file order, and whether it is left after deduplication; null for an unknown id. */
export function filePlace(db: Db, id: string): FilePlace | null {
  const row = cached(
    db,
    `SELECT s.position, r.ordinal, (${REMAINING}) AS remaining FROM record r JOIN search_log s ON s.id = r.search_id WHERE r.id = ?`,
  ).get(id) as { position: number; ordinal: number; remaining: number } | undefined;
  return row ? { position: row.position, ordinal: row.ordinal, remaining: row.remaining === 1 } : null;
}

/**
 * The title/abstract stage's records after `after` in file order (from the start when
 * null) that `slot` has not decided at `stage`: the candidates for a reviewer's next
 * records. One search (export) at a time, so SQLite walks each one's records in ordinal
 * order on the (search_id, ordinal) index and skips decided ones by index, never sorting.
 */
export function readUndecidedAfter(
  db: Db,
  stage: ScreeningStage,
  slot: string,
  after: { position: number; ordinal: number } | null,
  limit: number,
): Array<ScreeningRecordFields & { place: { position: number; ordinal: number } }> {
  const searches = cached(db, 'SELECT id, position FROM search_log WHERE position >= ? ORDER BY position').all(
    after?.position ?? -1,
  ) as Array<{
    id: string;
    position: number;
  }>;
  const out: Array<ScreeningRecordFields & { place: { position: number; ordinal: number } }> = [];
  const statement = cached(
    db,
    `SELECT ${FIELDS}, r.ordinal FROM record r
     WHERE r.search_id = @search AND r.ordinal > @ordinal AND ${REMAINING}
       AND NOT EXISTS (SELECT 1 FROM screening_decision d WHERE d.record_id = r.id AND d.stage = @stage AND d.slot = @slot)
     ORDER BY r.ordinal LIMIT @limit`,
  );
  for (const search of searches) {
    const ordinal = after !== null && search.position === after.position ? after.ordinal : 0;
    const rows = statement.all({ search: search.id, ordinal, stage, slot, limit: limit - out.length }) as Array<
      FieldsRow & { ordinal: number }
    >;
    for (const { ordinal: o, ...r } of rows) out.push({ ...toFields(r), place: { position: search.position, ordinal: o } });
    if (out.length >= limit) break;
  }
  return out;
}

/** Records found by other methods (search-log entries of kind 'other'): PRISMA's right-hand column. */
export function readOtherMethodRecordIds(db: Db): Set<string> {
  return new Set(
    cached(db, `SELECT r.id FROM search_log s JOIN record r ON r.search_id = s.id WHERE s.kind = 'other'`).pluck().all() as string[],
  );
}
