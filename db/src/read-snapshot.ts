import type { Db } from './connection.ts';

// An export reads many tables; run outside a transaction, each SELECT could see a different
// state of a review that another connection is editing. Inside one read transaction, SQLite's
// WAL gives every SELECT the same snapshot.

export function readSnapshot<T>(db: Db, read: () => T): T {
  if (db.inTransaction) return read();
  db.prepare('BEGIN').run();
  try {
    return read();
  } finally {
    db.prepare('COMMIT').run();
  }
}
