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
