import type { Db } from '../connection.ts';
import { cached } from '../statements.ts';

// The counts the PRISMA flow diagram reads from the review's studies. (Records, the search
// log and screening decisions add their own reads here when the review holds them.)

export interface StudyCounts {
  /** All studies, whatever their status: zero means the review holds no studies yet. */
  all: number;
  included: number;
  /** Reports (publications) of the included studies. */
  reportsOfIncluded: number;
}

export function readStudyCounts(db: Db): StudyCounts {
  return cached(
    db,
    `SELECT
       (SELECT count(*) FROM study) AS "all",
       (SELECT count(*) FROM study WHERE status = 'included') AS included,
       (SELECT count(*) FROM report r JOIN study s ON s.id = r.study_id WHERE s.status = 'included') AS reportsOfIncluded`,
  ).get() as StudyCounts;
}
