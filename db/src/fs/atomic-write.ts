import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { randomBytes } from 'node:crypto';

// Writing a file so that a crash, a kill or a full disk leaves either the old file or the
// complete new one, never a partial file in its place: the bytes go to a temporary file
// beside the target (same folder, so the rename stays on one file system), are fsynced,
// and the temporary file is renamed over the target. A directory output is built the same
// way as a temporary directory renamed into place. Every failure names the target.

/** A write that failed, with the target's name in the message. */
export class OutputFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutputFileError';
  }
}

/**
 * Temporary names start with `.` and end with `.grove-tmp`, and carry the writing process's
 * host and pid: a process killed mid-write leaves its temporary file, and the next write to
 * the same target (or the next open of the same review) removes it once that process is
 * known to be gone.
 */
export const TEMP_SUFFIX = '.grove-tmp';
/** This machine's name as it appears in temporary file names. */
export const HOST_TAG =
  os
    .hostname()
    .replace(/[^A-Za-z0-9-]/g, '_')
    .slice(0, 40) || 'host';

export function tempPathBeside(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${HOST_TAG}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`,
  );
}

/** Whether no process `pid` runs on this machine (its temporary files can go). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes temporary files (and folders) for `target` left by dead processes of this host. */
export function removeStaleTemps(target: string): void {
  const abs = path.resolve(target);
  const prefix = `.${path.basename(abs)}.${HOST_TAG}.`;
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(abs));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.includes(TEMP_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid > 0 && processGone(pid))
      fs.rmSync(path.join(path.dirname(abs), name), { recursive: true, force: true });
  }
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOSPC') return 'the disk is full';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'EROFS') return 'the file system is read-only';
  if (e.code === 'ENOENT') return 'its folder does not exist';
  return e.message ?? String(err);
}

function fsyncDir(dir: string): void {
  // Makes the rename itself durable. Windows cannot open a directory for fsync; there
  // the rename is as durable as NTFS makes it.
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // best effort: not every platform or file system supports it
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function writeAndSync(file: string, data: string | Uint8Array): void {
  const fd = fs.openSync(file, 'wx', 0o644);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `data` to `target` atomically: afterwards `target` holds either its old content
 * or all of `data`. Strings are written as UTF-8. Throws OutputFileError naming `target`.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const abs = path.resolve(target);
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) throw new OutputFileError(abs, `Cannot write ${abs}: it is a folder.`);
  removeStaleTemps(abs);
  const temp = tempPathBeside(abs);
  try {
    writeAndSync(temp, data);
    fs.renameSync(temp, abs);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw new OutputFileError(
      abs,
      `Cannot write ${abs}: ${reason(err)}. ${fs.existsSync(abs) ? 'The previous file is unchanged.' : 'Nothing was written.'}`,
    );
  }
  fsyncDir(path.dirname(abs));
}

/** How many files `writeFilesAtomic` writes and syncs at once (bounded: open files). */
const PARALLEL_WRITES = 32;

/**
 * Writes several files into one folder (created if missing), each exactly as
 * `writeFileAtomic` would: afterwards every target holds its old content or all of its new
 * data, and a failure names the file and removes every temporary file. The temporary files
 * are written and fsynced concurrently (the syncs overlap instead of queueing one by one),
 * the folder is read for stale temporary files once and made durable once at the end: a
 * plot per outcome can be hundreds of files.
 */
export async function writeFilesAtomic(
  dir: string,
  files: ReadonlyArray<readonly [name: string, data: string | Uint8Array]>,
): Promise<void> {
  const absDir = path.resolve(dir);
  fs.mkdirSync(absDir, { recursive: true });
  const present = new Set(fs.readdirSync(absDir));
  const staleTemps = [...present].some((n) => n.endsWith(TEMP_SUFFIX));
  const jobs = files.map(([name, data]) => {
    if (name !== path.basename(name) || name === '.' || name === '..')
      throw new OutputFileError(absDir, `Cannot write ${absDir}: "${name}" is not a plain file name.`);
    const abs = path.join(absDir, name);
    if (present.has(name) && fs.statSync(abs).isDirectory()) throw new OutputFileError(abs, `Cannot write ${abs}: it is a folder.`);
    if (staleTemps) removeStaleTemps(abs);
    return { abs, data, temp: tempPathBeside(abs) };
  });
  const failed = (abs: string, err: unknown): OutputFileError => {
    for (const j of jobs) fs.rmSync(j.temp, { force: true });
    return new OutputFileError(
      abs,
      `Cannot write ${abs}: ${reason(err)}. ${fs.existsSync(abs) ? 'The previous file is unchanged.' : 'Nothing was written.'}`,
    );
  };
  for (let i = 0; i < jobs.length; i += PARALLEL_WRITES) {
    const batch = jobs.slice(i, i + PARALLEL_WRITES);
    const results = await Promise.allSettled(
      batch.map(async (j) => {
        const handle = await fs.promises.open(j.temp, 'wx', 0o644);
        try {
          await handle.writeFile(j.data);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }),
    );
    const k = results.findIndex((r) => r.status === 'rejected');
    if (k >= 0) throw failed(batch[k]!.abs, (results[k] as PromiseRejectedResult).reason);
  }
  for (const j of jobs) {
    try {
      fs.renameSync(j.temp, j.abs);
    } catch (err) {
      throw failed(j.abs, err);
    }
  }
  fsyncDir(absDir);
}

/**
 * Writes a folder of files atomically: they are written into a temporary folder beside
 * `dir`, which then replaces `dir`. An existing `dir` is replaced only if it holds nothing
 * but files this export writes or `ownFile` recognises as an earlier export's (so a user's
 * other files are never deleted); otherwise the write is refused. Returns the paths written.
 */
export function writeDirAtomic(
  dir: string,
  files: Readonly<Record<string, string | Uint8Array>>,
  ownFile: (name: string) => boolean = () => false,
): string[] {
  const abs = path.resolve(dir);
  const names = Object.keys(files);
  for (const name of names) {
    if (name !== path.basename(name) || name === '.' || name === '..')
      throw new OutputFileError(abs, `Cannot write ${abs}: "${name}" is not a plain file name.`);
  }
  let existing: string[] | null = null;
  if (fs.existsSync(abs)) {
    if (!fs.statSync(abs).isDirectory()) throw new OutputFileError(abs, `Cannot write ${abs}: it exists and is not a folder.`);
    existing = fs.readdirSync(abs);
    const foreign = existing.filter((f) => !names.includes(f) && !ownFile(f));
    if (foreign.length > 0)
      throw new OutputFileError(
        abs,
        `Cannot write ${abs}: the folder holds other files (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); choose an empty or new folder.`,
      );
  }
  removeStaleTemps(abs);
  const temp = tempPathBeside(abs);
  const old = existing ? tempPathBeside(abs) : null;
  try {
    fs.mkdirSync(temp);
    for (const name of names) writeAndSync(path.join(temp, name), files[name]!);
    fsyncDir(temp);
    // A directory cannot be renamed over a non-empty one: move the old one aside first,
    // then put the new one in place, then delete the old one.
    if (old) fs.renameSync(abs, old);
    try {
      fs.renameSync(temp, abs);
    } catch (err) {
      if (old) fs.renameSync(old, abs);
      throw err;
    }
  } catch (err) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw new OutputFileError(
      abs,
      `Cannot write ${abs}: ${reason(err)}. ${existing ? 'The previous folder is unchanged.' : 'Nothing was written.'}`,
    );
  }
  if (old) fs.rmSync(old, { recursive: true, force: true });
  fsyncDir(path.dirname(abs));
  return names.map((n) => path.join(abs, n));
}
