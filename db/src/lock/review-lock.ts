import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReviewFileError } from '../connection.ts';
import { removeStaleTemps, tempPathBeside } from '../fs/atomic-write.ts';

// One writer per review file. A writer (the workbench in either host, a CLI command that
// writes) holds `REVIEW.grove.lock` beside the file, naming the process, the host and
// since when. A second writer is refused with those facts and may open the file read-only
// instead. A lock left by a crashed process (a pid no longer alive on this host) is stale
// and is cleared by the next writer; a lock from another host is never judged stale, since
// we cannot see its processes (a review on a shared drive).

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** What holds it, for the message: "grove serve", "the Grove desktop app", "grove new". */
  app: string;
}

export interface ReviewLock {
  readonly file: string;
  readonly holder: LockHolder;
  release(): void;
}

export class ReviewLockedError extends ReviewFileError {
  constructor(
    file: string,
    readonly holder: LockHolder,
  ) {
    super(
      file,
      `${file} is open for editing in another Grove (${holder.app}, process ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
        'Close it there first, or open it read-only.',
    );
    this.name = 'ReviewLockedError';
  }
}

export function lockPathFor(file: string): string {
  return `${path.resolve(file)}.lock`;
}

function parseHolder(text: string): LockHolder | null {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.since === 'string')
      return { pid: v.pid, host: v.host, since: v.since, app: typeof v.app === 'string' ? v.app : 'Grove' };
  } catch {
    // an unreadable lock file is judged below
  }
  return null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds the lock on `file` now, or null when nobody (a stale lock counts as nobody). */
export function lockHolder(file: string): LockHolder | null {
  let text: string;
  try {
    text = fs.readFileSync(lockPathFor(file), 'utf8');
  } catch {
    return null;
  }
  const holder = parseHolder(text);
  if (!holder) return null;
  if (holder.host === os.hostname() && !processAlive(holder.pid)) return null;
  return holder;
}

/**
 * Takes the write lock on `file`, or throws ReviewLockedError naming the holder. The lock
 * file appears complete or not at all: it is written beside the target and hard-linked
 * into place, which fails if a lock already exists (where the file system has no hard
 * links, an exclusive create is used instead).
 */
export function acquireReviewLock(file: string, app: string): ReviewLock {
  const abs = path.resolve(file);
  const lockPath = lockPathFor(abs);
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), app };
  const body = `${JSON.stringify(holder)}\n`;
  removeStaleTemps(lockPath);
  // Within one process the lock is shared (one backend reopening its file, a test's two
  // backends): it guards against other processes, whose writes SQLite cannot order with ours.
  const mine = held.get(lockPath);
  if (mine) {
    mine.count++;
    return makeHandle(abs, lockPath, mine.holder);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(lockPath, body)) return makeLock(abs, lockPath, holder);
    let text = '';
    try {
      text = fs.readFileSync(lockPath, 'utf8');
    } catch {
      continue; // released between our create and our read: try again
    }
    const current = parseHolder(text);
    if (current && (current.host !== holder.host || processAlive(current.pid))) throw new ReviewLockedError(abs, current);
    // Stale (its process is gone) or unreadable (an older Grove's crash mid-write): clear it,
    // but only if it is still the file we judged, so two processes clearing at once cannot
    // both win.
    const stale = `${lockPath}.stale-${process.pid}`;
    try {
      fs.renameSync(lockPath, stale);
      const moved = fs.readFileSync(stale, 'utf8');
      fs.rmSync(stale, { force: true });
      if (moved !== text) {
        // Someone replaced the lock in between: put theirs back if the slot is free.
        tryCreate(lockPath, moved);
      }
    } catch {
      // another process cleared it first
    }
  }
  const current = lockHolder(abs);
  throw new ReviewLockedError(abs, current ?? { pid: 0, host: 'unknown', since: 'unknown', app: 'Grove' });
}

function tryCreate(lockPath: string, body: string): boolean {
  const temp = tempPathBeside(lockPath);
  try {
    fs.writeFileSync(temp, body, { flag: 'wx' });
  } catch (err) {
    fs.rmSync(temp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' ? 'the file system is read-only' : (err as Error).message;
    throw new ReviewFileError(lockPath, `Cannot lock ${lockPath.replace(/\.lock$/, '')} for editing: ${why}. Nothing was written.`);
  }
  try {
    fs.linkSync(temp, lockPath);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
    try {
      fs.writeFileSync(lockPath, body, { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

const held = new Map<string, { holder: LockHolder; count: number }>();
let exitHookInstalled = false;

function makeLock(file: string, lockPath: string, holder: LockHolder): ReviewLock {
  held.set(lockPath, { holder, count: 1 });
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A normal exit (Ctrl+C handled, an uncaught error) releases every lock; a kill -9
    // leaves one behind, which the next writer finds stale.
    process.on('exit', () => {
      for (const p of held.keys()) releaseIfOurs(p);
    });
  }
  return makeHandle(file, lockPath, holder);
}

function makeHandle(file: string, lockPath: string, holder: LockHolder): ReviewLock {
  let released = false;
  return {
    file,
    holder,
    release() {
      if (released) return;
      released = true;
      const entry = held.get(lockPath);
      if (entry && --entry.count > 0) return;
      held.delete(lockPath);
      releaseIfOurs(lockPath);
    },
  };
}

function releaseIfOurs(lockPath: string): void {
  try {
    const current = parseHolder(fs.readFileSync(lockPath, 'utf8'));
    if (current && current.pid === process.pid && current.host === os.hostname()) fs.rmSync(lockPath, { force: true });
  } catch {
    // already gone
  }
}
