import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './connection.ts';
import { ReviewFileError } from './connection.ts';
import { tempPathBeside } from './fs/atomic-write.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.ts';

// Bringing a file up to the current schema. Migrations run in one transaction, so a
// failure leaves the file exactly as it was; an existing file is copied beside itself
// first, because a user's only copy of two years' work deserves a second one.

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export class NewerFileError extends ReviewFileError {
  constructor(
    file: string,
    readonly fileVersion: number,
  ) {
    super(
      file,
      `${file} was saved by a newer version of Grove (review schema v${fileVersion}; this Grove reads up to v${LATEST_SCHEMA_VERSION}). ` +
        'Update Grove to open it. The file has not been changed.',
    );
    this.name = 'NewerFileError';
  }
}

export function assertNotNewer(file: string, version: number): void {
  if (version > LATEST_SCHEMA_VERSION) throw new NewerFileError(file, version);
}

/** Where the pre-migration copy of `file` goes: `<name>.pre-v<to>.grove`, never overwriting one. */
export function backupPathFor(file: string, toVersion: number): string {
  const dir = path.dirname(file);
  const base = path.basename(file).replace(/\.grove$/i, '');
  let candidate = path.join(dir, `${base}.pre-v${toVersion}.grove`);
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(dir, `${base}.pre-v${toVersion}-${n}.grove`);
  return candidate;
}

/**
 * Runs the pending migrations up to `target` (default: latest). Returns the backup path
 * when one was made. `file` is null for a brand-new database, which needs no backup.
 */
export function migrate(
  db: Db,
  file: string | null,
  target = LATEST_SCHEMA_VERSION,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number; backup: string | null } {
  const from = schemaVersion(db);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (from > latest) throw new NewerFileError(file ?? ':memory:', from);
  if (from >= target) return { from, to: from, backup: null };

  let backup: string | null = null;
  if (file !== null && from > 0) {
    backup = backupPathFor(file, target);
    // VACUUM INTO takes a consistent snapshot that includes pages still in the WAL. It is
    // written under a temporary name and renamed, so a kill leaves no partial backup that
    // looks like a good one (the temporary file is removed at the next open).
    const temp = tempPathBeside(file);
    try {
      db.prepare('VACUUM INTO ?').run(temp);
      fs.renameSync(temp, backup);
    } catch (err) {
      fs.rmSync(temp, { force: true });
      throw err;
    }
  }

  const run = db.transaction(() => {
    for (const m of migrations) {
      if (m.version <= from || m.version > target) continue;
      m.migrate(db);
      db.pragma(`user_version = ${m.version}`);
    }
  });
  run();
  return { from, to: target, backup };
}
