import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../connection.ts';
import { tempPathBeside } from '../fs/atomic-write.ts';
import { snapshotInto } from '../repositories/merge-repo.ts';

// The copy of a review made before a merge writes to it: `NAME.pre-merge.grove` beside it
// (then -2, -3, …, never overwriting one), written under a temporary name and renamed, so
// a kill leaves no partial backup that looks like a good one.

export function backupBeforeMerge(db: Db, file: string): string {
  const dir = path.dirname(file);
  const base = path.basename(file).replace(/\.grove$/i, '');
  let target = path.join(dir, `${base}.pre-merge.grove`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `${base}.pre-merge-${n}.grove`);
  const temp = tempPathBeside(file);
  try {
    snapshotInto(db, temp);
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  return target;
}

/**
 * The copy of a review made before a sync writes to it: `NAME.pre-sync.grove`, replaced at
 * each sync that brings something in (a team syncs often; the review's undo takes back
 * the last sync, and this file is the review as it was just before it). Written under a
 * temporary name and renamed over the previous one, so there is always one whole backup.
 */
export function backupBeforeSync(db: Db, file: string): string {
  const target = path.join(path.dirname(file), `${path.basename(file).replace(/\.grove$/i, '')}.pre-sync.grove`);
  const temp = tempPathBeside(file);
  try {
    snapshotInto(db, temp);
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  return target;
}
