import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { emptyProtocol, neutralRctForm } from '@grove/shared';
import { GROVE_APPLICATION_ID, ReviewFileError, checkSqliteHeader, openConnection, type Db, type OpenOptions } from './connection.ts';
import { keepOutlineUpToDate } from './outline-upkeep.ts';
import { keepScalesUpToDate } from './scale-upkeep.ts';
import { keepAttachmentsWhole } from './fulltext/blob-upkeep.ts';
import { assertNotNewer, migrate, schemaVersion } from './migrate.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';
import { writeProtocol } from './repositories/protocol-repo.ts';
import { writeForm } from './repositories/form-repo.ts';
import { cloudSyncWarning } from './cloud-folder.ts';
import { removeStaleTemps, tempPathBeside } from './fs/atomic-write.ts';
import { ReviewLockedError, acquireReviewLock, type LockHolder, type ReviewLock } from './lock/review-lock.ts';
import { DEFAULT_ROB_SETTINGS, writeRobSettings } from './repositories/rob-repo.ts';

// A review file on disk: creating one, and opening one safely. Opening never writes to
// a file until it is known to be a Grove review this version can read, and only one
// process at a time opens a file for editing (lock/review-lock.ts).

export const REVIEW_FILE_EXTENSION = '.grove';

/** Why a review is open read-only, for the banner and the CLI. */
export type ReadOnlyReason =
  | { kind: 'requested'; message: string }
  | { kind: 'locked'; message: string; holder: LockHolder }
  | { kind: 'not-writable'; message: string };

export interface ReviewFile {
  readonly path: string;
  readonly db: Db;
  /** Set when opening migrated the file; the copy made before migrating. */
  readonly backup: string | null;
  /** Null when open for editing. */
  readonly readOnly: ReadOnlyReason | null;
  /** Things the user should know (a cloud-synced folder), shown by every host. */
  readonly warnings: readonly string[];
  /**
   * How another thread opens the same data read-only (the ranking worker): the file SQLite
   * reads (the review, or the private copy of one on a read-only medium) and the addon.
   */
  readonly reader: { readonly file: string; readonly nativeBinding: string | undefined };
  close(): void;
}

export interface ReviewOpenOptions extends OpenOptions {
  /** Who takes the write lock, named to a second writer ("grove serve", "the Grove desktop app"). */
  app?: string;
  /** Open without the write lock, read-only. */
  readOnly?: boolean;
  /** When another process writes the file: fail (default) or fall back to read-only. */
  whenLocked?: 'fail' | 'read-only';
  /**
   * The caller only reads (an export, a report): a current file is opened read-only,
   * without the lock, so it can be read while another process edits it. An older file
   * still needs the lock, to be upgraded after a backup.
   */
  forReading?: boolean;
}

const appName = (options: ReviewOpenOptions) => options.app ?? 'Grove';

export interface CreateOptions extends ReviewOpenOptions {
  title?: string;
  overwrite?: boolean;
  /** Fills the new review (an import, the example) before it is put in place. */
  build?: (db: Db) => void;
}

/**
 * Creates a review. It is built in a temporary file beside `file` and renamed into place
 * only when complete, so a crash, a kill or a full disk leaves no half-made review (and
 * with `overwrite`, the previous file stays whole until the rename). The target's write
 * lock is held throughout, so a file another process has open is never replaced.
 */
export function createReviewFile(file: string, options: CreateOptions = {}): ReviewFile {
  const abs = path.resolve(file);
  if (fs.existsSync(abs) && !options.overwrite)
    throw new ReviewFileError(abs, `${abs} already exists; choose another name or delete it first.`);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const lock = acquireReviewLock(abs, appName(options));
  try {
    removeStaleTemps(abs);
    const temp = tempPathBeside(abs);
    try {
      const db = openConnection(temp, options);
      try {
        db.pragma(`application_id = ${GROVE_APPLICATION_ID}`);
        migrate(db, null);
        initialiseReview(db, options.title ?? 'Untitled review');
        options.build?.(db);
        // Everything into the main file, and the journal back to a rollback journal while
        // it moves, so that no -wal of the temporary name is needed by the renamed file.
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.pragma('journal_mode = DELETE');
      } finally {
        db.close();
      }
      fsyncFile(temp);
      // An old -wal beside the target belongs to the file being replaced; SQLite would
      // replay it into the new one.
      for (const suffix of ['-wal', '-shm']) fs.rmSync(abs + suffix, { force: true });
      fs.renameSync(temp, abs);
    } catch (err) {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(temp + suffix, { force: true });
      if (err instanceof ReviewFileError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || /SQLITE_FULL|disk is full|database or disk is full/i.test(String((err as Error).message)))
        throw new ReviewFileError(
          abs,
          `Cannot create ${abs}: the disk is full. ${fs.existsSync(abs) ? 'The existing file is unchanged.' : 'No file was created.'}`,
        );
      throw err;
    }
    return openLocked(abs, options, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The singleton rows every review has, with nothing of any one review in them: the neutral
 * RCT extraction form and RoB 1 with no review-specific key domains (the schema's own
 * rob_settings default is the seed's rule, kept for files made before this).
 */
export function initialiseReview(db: Db, title: string, now = new Date().toISOString(), id: string = randomUUID()): void {
  db.transaction(() => {
    db.prepare('INSERT INTO review (singleton, id, created_at, updated_at) VALUES (1, ?, ?, ?)').run(id, now, now);
    db.prepare('INSERT INTO protocol (singleton, title) VALUES (1, ?)').run(title);
    writeProtocol(db, emptyProtocol(title));
    db.prepare('INSERT INTO search_counts (singleton) VALUES (1)').run();
    writeForm(db, neutralRctForm());
    writeRobSettings(db, DEFAULT_ROB_SETTINGS);
  })();
}

function readHeader(abs: string): { header: Uint8Array; size: number } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new ReviewFileError(abs, `${abs} does not exist.`);
  }
  if (!stat.isFile()) throw new ReviewFileError(abs, `${abs} is not a file.`);
  const header = new Uint8Array(100);
  let fd: number;
  try {
    fd = fs.openSync(abs, 'r');
  } catch (err) {
    throw new ReviewFileError(abs, `${abs} cannot be read: ${(err as Error).message}.`);
  }
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  return { header, size: stat.size };
}

function walSize(abs: string): number {
  try {
    return fs.statSync(`${abs}-wal`).size;
  } catch {
    return 0;
  }
}

/**
 * Checks that `file` is a Grove review this version can read, without modifying it.
 * A file whose main part looks short but that has a WAL beside it (a crash during a
 * checkpoint) is given to SQLite to read through the WAL first, and only then judged.
 */
export function inspectReviewFile(file: string, options: OpenOptions = {}): { version: number } {
  const abs = path.resolve(file);
  const { header, size } = readHeader(abs);
  const wal = walSize(abs);
  checkSqliteHeader(abs, header, size, wal);
  return withReadConnection(abs, options, (db) => {
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== GROVE_APPLICATION_ID) {
      throw new ReviewFileError(abs, `${abs} is an SQLite database but not a Grove review.`);
    }
    const version = schemaVersion(db);
    assertNotNewer(abs, version);
    // Touch the schema so that a damaged file fails here, with its name, not mid-session.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (wal > 0 && headerSaysTruncated(header, size)) {
      // The main file alone is short; judge the file as SQLite sees it, WAL included.
      const problems = db.pragma('quick_check(5)', { simple: false }) as Array<{ quick_check: string }>;
      if (problems.length !== 1 || problems[0]!.quick_check !== 'ok')
        throw new ReviewFileError(abs, `${abs} is damaged (${problems.map((p) => p.quick_check).join('; ')}). Restore it from a backup.`);
    }
    return { version };
  });
}

function headerSaysTruncated(header: Uint8Array, size: number): boolean {
  try {
    checkSqliteHeader('', header, size, 0);
    return false;
  } catch {
    return true;
  }
}

function withReadConnection<T>(abs: string, options: OpenOptions, read: (db: Db) => T): T {
  let db: Db | null = null;
  try {
    db = openConnection(abs, { ...options, readonly: true });
    return read(db);
  } catch (err) {
    if (err instanceof ReviewFileError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new ReviewFileError(abs, `${abs} cannot be read as a Grove review: ${reason}.`);
  } finally {
    db?.close();
  }
}

/** Why this process cannot write `abs` (a read-only file, folder or medium), or null. */
function notWritableReason(abs: string): string | null {
  try {
    fs.accessSync(abs, fs.constants.W_OK);
  } catch {
    return `${abs} is read-only (its permissions do not allow changes).`;
  }
  try {
    // SQLite writes its -wal and -shm files beside the review.
    fs.accessSync(path.dirname(abs), fs.constants.W_OK);
  } catch {
    return `${abs} is in a folder Grove cannot write to (a read-only folder or medium).`;
  }
  return null;
}

/**
 * Opens a review. For editing (the default) it takes the write lock, then migrates an
 * older file after a backup. It opens read-only instead, with the reason in `readOnly`,
 * when asked to, when the file or its folder cannot be written, or when another process
 * holds the lock and `whenLocked` is 'read-only'.
 */
export function openReviewFile(file: string, options: ReviewOpenOptions = {}): ReviewFile {
  const abs = path.resolve(file);
  const { version } = inspectReviewFile(abs, options);
  if (options.readOnly || (options.forReading && version === LATEST_SCHEMA_VERSION))
    return openReadOnly(abs, version, options, { kind: 'requested', message: `${abs} is open read-only, as asked.` });
  const notWritable = notWritableReason(abs);
  if (notWritable) return openReadOnly(abs, version, options, { kind: 'not-writable', message: notWritable });
  let lock: ReviewLock;
  try {
    lock = acquireReviewLock(abs, appName(options));
  } catch (err) {
    if (err instanceof ReviewLockedError && options.whenLocked === 'read-only')
      return openReadOnly(abs, version, options, {
        kind: 'locked',
        message: err.message.replace(/ Close it there first, or open it read-only\.$/, ' It is open here read-only.'),
        holder: err.holder,
      });
    throw err;
  }
  try {
    return openLocked(abs, options, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

function openLocked(abs: string, options: OpenOptions, lock: ReviewLock): ReviewFile {
  // What a killed import, migration backup or earlier writer left beside it.
  removeStaleTemps(abs);
  const db = openConnection(abs, options);
  try {
    const { backup } = migrate(db, abs);
    return wrap(abs, db, backup, null, lock, { file: abs, nativeBinding: options.nativeBinding });
  } catch (err) {
    db.close();
    throw err;
  }
}

function openReadOnly(abs: string, version: number, options: OpenOptions, reason: ReadOnlyReason): ReviewFile {
  if (version < LATEST_SCHEMA_VERSION)
    throw new ReviewFileError(
      abs,
      `${reason.message} It uses review schema v${version} and must be upgraded (to v${LATEST_SCHEMA_VERSION}, after a backup) before this Grove can show it, which needs it open for editing.`,
    );
  let source = abs;
  let copyDir: string | null = null;
  if (reason.kind === 'not-writable' && !folderWritable(abs)) {
    // SQLite needs a writable folder even to read a WAL-mode file (its -shm index). On a
    // read-only medium we read a private copy instead: the file itself is never touched.
    copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-read-only-'));
    source = path.join(copyDir, path.basename(abs));
    fs.copyFileSync(abs, source);
    if (fs.existsSync(`${abs}-wal`)) fs.copyFileSync(`${abs}-wal`, `${source}-wal`);
  }
  let db: Db;
  try {
    db = openConnection(source, { ...options, readonly: true });
  } catch (err) {
    if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
    throw new ReviewFileError(abs, `${abs} cannot be read: ${(err as Error).message}.`);
  }
  return wrap(abs, db, null, reason, null, { file: source, nativeBinding: options.nativeBinding }, copyDir);
}

function folderWritable(abs: string): boolean {
  try {
    fs.accessSync(path.dirname(abs), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The change hooks every connection that edits a review runs (the outline, the scales, the
 * PDFs' bytes), so that a change made on any connection (the merge worker's) keeps the
 * review as whole as one made on the backend's.
 */
export function keepReviewWhole(db: Db): void {
  keepScalesUpToDate(db);
  keepOutlineUpToDate(db);
  keepAttachmentsWhole(db);
}

function wrap(
  abs: string,
  db: Db,
  backup: string | null,
  readOnly: ReadOnlyReason | null,
  lock: ReviewLock | null,
  reader: ReviewFile['reader'],
  copyDir: string | null = null,
): ReviewFile {
  // The outline follows the protocol and extraction; a read-only file is shown as it is.
  if (!readOnly) keepReviewWhole(db);
  let open = true;
  const warning = cloudSyncWarning(abs);
  return {
    path: abs,
    db,
    backup,
    readOnly,
    warnings: warning ? [warning] : [],
    reader,
    close() {
      if (!open) return;
      open = false;
      try {
        // Fold the WAL back into the main file so that the .grove file alone is the review
        // a user can copy, back up and send.
        if (!readOnly) db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
        lock?.release();
        if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
      }
    },
  };
}
