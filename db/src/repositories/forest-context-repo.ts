import type { Db } from '../connection.ts';
import { cached } from '../statements.ts';

// What a forest plot needs from the RevMan tables besides the analysed model, read without
// loading the whole RevMan section (its verbatim XML parts can be megabytes): names' kept
// markup, study years (SORT_BY="YEAR") and stored rows' RevMan ORDER (SORT_BY="USER").

type Cell = string | number | null;

export interface ForestContextRows {
  /** revman_part rows whose key starts with "markup:" (see rm5/rich-text.ts markupPartKey). */
  markup: Map<string, string>;
  /** RevMan's "Year of study" by Grove study id, as stored (text). */
  studyYears: Map<string, string | null>;
  /** RevMan's ORDER of each stored data row, by row id. */
  rowOrder: Map<string, number | null>;
}

export function readForestContextRows(db: Db): ForestContextRows {
  const parts = cached(db, "SELECT key, content FROM revman_part WHERE key >= 'markup:' AND key < 'markup;'").all() as Array<
    Record<string, Cell>
  >;
  const years = cached(db, 'SELECT study_id, year FROM revman_study').all() as Array<Record<string, Cell>>;
  const orders = cached(db, 'SELECT id, rm5_order FROM stored_data_row').all() as Array<Record<string, Cell>>;
  return {
    markup: new Map(parts.map((p) => [String(p.key), String(p.content)])),
    studyYears: new Map(years.map((y) => [String(y.study_id), y.year === null ? null : String(y.year)])),
    rowOrder: new Map(orders.map((o) => [String(o.id), o.rm5_order === null ? null : Number(o.rm5_order)])),
  };
}
