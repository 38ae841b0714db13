import Database from 'better-sqlite3';

// Opening a review file: the pragmas every connection needs, and the checks that tell
// a Grove review from any other file before we write a byte to it.

export type Db = Database.Database;

/** `PRAGMA application_id` of every Grove review: "GROV" in ASCII. */
export const GROVE_APPLICATION_ID = 0x47524f56;

const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenOptions {
  /** Path to an Electron-ABI better_sqlite3.node (the Electron host only). */
  nativeBinding?: string | undefined;
  readonly?: boolean;
}

/** Why a path cannot be opened as a review, in words that name the file. */
export class ReviewFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReviewFileError';
  }
}

export function openConnection(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    if (!options.readonly) {
      // WAL lets a reader (a second window, `grove info`) look while we write;
      // NORMAL sync is durable across application crashes under WAL.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Reads the first bytes of a file to decide, without SQLite, whether it can be a
 * review: a text file, an empty file or a truncated database fail here with a message
 * that names the file. `walSize` is the size of the file's -wal (0 when there is none).
 */
export function checkSqliteHeader(file: string, header: Uint8Array, size: number, walSize = 0): void {
  if (size === 0) throw new ReviewFileError(file, `${file} is empty, not a Grove review.`);
  const text = new TextDecoder('latin1').decode(header.subarray(0, 16));
  if (size < 100 || text !== SQLITE_HEADER) {
    throw new ReviewFileError(file, `${file} is not a Grove review (it is not an SQLite database).`);
  }
  // Page size is stored big-endian at offset 16; 1 means 65536.
  const raw = ((header[16] ?? 0) << 8) | (header[17] ?? 0);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw new ReviewFileError(file, `${file} is damaged: its SQLite header is invalid.`);
  }
  // Bytes 28..31: database size in pages, valid when "version-valid-for" matches the change counter.
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const pages = view.getUint32(28);
  const changeCounter = view.getUint32(24);
  const validFor = view.getUint32(92);
  // With a WAL beside it the main file may legitimately be short (a crash during a
  // checkpoint): SQLite recovers it from the WAL, and the caller judges it after that.
  if (pages > 0 && changeCounter === validFor && size < pages * pageSize && walSize === 0) {
    throw new ReviewFileError(
      file,
      `${file} is truncated: the database says ${pages * pageSize} bytes but the file has ${size}. Restore it from a backup.`,
    );
  }
}
