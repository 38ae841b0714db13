import type Database from 'better-sqlite3';
import type { Db } from './connection.ts';

// Prepared statements, cached per connection by SQL text. Preparing is the expensive part
// of a small query (better-sqlite3 compiles it each time), and repositories run the same
// few statements over and over.

const caches = new WeakMap<Db, Map<string, Database.Statement>>();

export function cached(db: Db, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
