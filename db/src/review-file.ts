import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { defaultExtractionForm, emptyProtocol } from '@grove/shared';
import { GROVE_APPLICATION_ID, ReviewFileError, checkSqliteHeader, openConnection, type Db, type OpenOptions } from './connection.ts';
import { keepOutlineUpToDate } from './outline-upkeep.ts';
import { assertNotNewer, migrate, schemaVersion } from './migrate.ts';
import { writeProtocol } from './repositories/protocol-repo.ts';
import { writeForm } from './repositories/form-repo.ts';

// A review file on disk: creating one, and opening one safely. Opening never writes to
// a file until it is known to be a Grove review this version can read.

export const REVIEW_FILE_EXTENSION = '.grove';

export interface ReviewFile {
  readonly path: string;
  readonly db: Db;
  /** Set when opening migrated the file; the copy made before migrating. */
  readonly backup: string | null;
  close(): void;
}

export function createReviewFile(file: string, options: OpenOptions & { title?: string; overwrite?: boolean } = {}): ReviewFile {
  const abs = path.resolve(file);
  if (fs.existsSync(abs)) {
    if (!options.overwrite) throw new ReviewFileError(abs, `${abs} already exists; choose another name or delete it first.`);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(abs + suffix, { force: true });
  }
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const db = openConnection(abs, options);
  try {
    db.pragma(`application_id = ${GROVE_APPLICATION_ID}`);
    migrate(db, null);
    initialiseReview(db, options.title ?? 'Untitled review');
  } catch (err) {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(abs + suffix, { force: true });
    throw err;
  }
  return wrap(abs, db, null);
}

/** The singleton rows every review has. */
export function initialiseReview(db: Db, title: string, now = new Date().toISOString(), id: string = randomUUID()): void {
  db.transaction(() => {
    db.prepare('INSERT INTO review (singleton, id, created_at, updated_at) VALUES (1, ?, ?, ?)').run(id, now, now);
    db.prepare('INSERT INTO protocol (singleton, title) VALUES (1, ?)').run(title);
    writeProtocol(db, emptyProtocol(title));
    db.prepare('INSERT INTO search_counts (singleton) VALUES (1)').run();
    writeForm(db, defaultExtractionForm());
  })();
}

/** Checks that `file` is a Grove review this version can read, without modifying it. */
export function inspectReviewFile(file: string, options: OpenOptions = {}): { version: number } {
  const abs = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new ReviewFileError(abs, `${abs} does not exist.`);
  }
  if (!stat.isFile()) throw new ReviewFileError(abs, `${abs} is not a file.`);
  const header = new Uint8Array(100);
  const fd = fs.openSync(abs, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  checkSqliteHeader(abs, header, stat.size);

  let db: Db | null = null;
  try {
    db = openConnection(abs, { ...options, readonly: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== GROVE_APPLICATION_ID) {
      throw new ReviewFileError(abs, `${abs} is an SQLite database but not a Grove review.`);
    }
    const version = schemaVersion(db);
    assertNotNewer(abs, version);
    // Touch the schema so that a damaged file fails here, with its name, not mid-session.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return { version };
  } catch (err) {
    if (err instanceof ReviewFileError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new ReviewFileError(abs, `${abs} cannot be read as a Grove review: ${reason}.`);
  } finally {
    db?.close();
  }
}

export function openReviewFile(file: string, options: OpenOptions = {}): ReviewFile {
  const abs = path.resolve(file);
  inspectReviewFile(abs, options);
  const db = openConnection(abs, options);
  try {
    const { backup } = migrate(db, abs);
    return wrap(abs, db, backup);
  } catch (err) {
    db.close();
    throw err;
  }
}

function wrap(abs: string, db: Db, backup: string | null): ReviewFile {
  keepOutlineUpToDate(db);
  let open = true;
  return {
    path: abs,
    db,
    backup,
    close() {
      if (!open) return;
      open = false;
      // Fold the WAL back into the main file so that the .grove file alone is the review
      // a user can copy, back up and send.
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    },
  };
}
