import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openConnection, ReviewFileError } from '../connection.ts';
import { recordChange } from '../changes.ts';
import { tempPathBeside } from '../fs/atomic-write.ts';
import { acquireReviewLock } from '../lock/review-lock.ts';
import { openReviewFile } from '../review-file.ts';
import { listReviewers, reviewerRow } from '../repositories/reviewer-repo.ts';
import { settleForRename, snapshotInto } from '../repositories/merge-repo.ts';
import { writeSiteId } from '../repositories/site-repo.ts';
import { forgetSyncState } from '../repositories/sync-state-repo.ts';
import { TABLES } from '../tables.ts';
import { siteIdOf } from './site-clock.ts';

// `grove fork FILE --reviewer NAME -o COPY`: a co-reviewer's copy. It holds the whole
// review and its history, under a site id of its own, so its changes and the original's
// merge back later (docs/merging.md). The reviewer is added (in the copy, as the copy's
// first change) when the review lacks them. The copy is made from one snapshot, under
// the review lock, beside its target and renamed into place: a kill leaves no copy or a
// whole one. It inherits no team sync state (docs/team-server.md, "Forks").

export interface ForkResult {
  copy: string;
  site: string;
  reviewerId: string;
  reviewerAdded: boolean;
}

function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => (/^[\p{L}\p{N}]/u.test(p) ? p.charAt(0).toUpperCase() : ''))
    .join('')
    .slice(0, 4);
}

export function forkReview(file: string, copy: string, reviewerName: string, now = new Date().toISOString()): ForkResult {
  const abs = path.resolve(file);
  const copyAbs = path.resolve(copy);
  const name = reviewerName.trim();
  if (name === '') throw new ReviewFileError(abs, 'Name the co-reviewer the copy is for (--reviewer NAME).');
  if (fs.existsSync(copyAbs)) throw new ReviewFileError(copyAbs, `${copyAbs} already exists; choose another name or delete it first.`);
  const source = openReviewFile(abs, { app: 'grove fork' });
  try {
    const copyLock = acquireReviewLock(copyAbs, 'grove fork');
    try {
      const temp = tempPathBeside(copyAbs);
      try {
        snapshotInto(source.db, temp);
        const db = openConnection(temp);
        let result: ForkResult;
        try {
          const site = randomUUID();
          if (site === siteIdOf(source.db)) throw new Error('A new site id repeated the original’s.');
          writeSiteId(db, site);
          // Not the original's team sync: its server URL names the original's role, and its
          // positions say what the original pulled and pushed. The copy's first sync, by its
          // own member, starts from the server's beginning: the events it holds are known and
          // neither counted nor applied again, and of its history it sends only what the
          // server lacks (the original's unpushed changes among them, keyed by their origin).
          forgetSyncState(db);
          const existing = listReviewers(db).find((r) => r.name.trim().toLowerCase() === name.toLowerCase());
          let reviewerId = existing?.id ?? '';
          if (!existing) {
            reviewerId = randomUUID();
            const row = reviewerRow(reviewerId, { name, initials: initialsOf(name), email: '' }, now);
            recordChange(db, { reviewerId, reviewerName: name, now }, `Add reviewer "${name}" for their copy`, (w) => {
              w.insert(TABLES.reviewer, row, `Added reviewer "${name}"`);
            });
          }
          settleForRename(db);
          result = { copy: copyAbs, site, reviewerId, reviewerAdded: !existing };
        } finally {
          db.close();
        }
        const fd = fs.openSync(temp, 'r+');
        try {
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
        fs.renameSync(temp, copyAbs);
        return result;
      } catch (err) {
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(temp + suffix, { force: true });
        throw err;
      }
    } finally {
      copyLock.release();
    }
  } finally {
    source.close();
  }
}
