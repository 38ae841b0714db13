import type { Reviewer, ReviewerFields } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';

type DbRow = Record<string, string | number | null>;

export function reviewerRow(id: string, f: ReviewerFields, createdAt: string): Row {
  return { id, name: f.name, initials: f.initials, email: f.email, created_at: createdAt };
}

function toReviewer(r: DbRow): Reviewer {
  return { id: String(r.id), name: String(r.name), initials: String(r.initials), email: String(r.email), createdAt: String(r.created_at) };
}

export function listReviewers(db: Db): Reviewer[] {
  return (cached(db, 'SELECT * FROM reviewer ORDER BY created_at, rowid').all() as DbRow[]).map(toReviewer);
}

export function getReviewer(db: Db, id: string): Reviewer | null {
  const r = cached(db, 'SELECT * FROM reviewer WHERE id = ?').get(id) as DbRow | undefined;
  return r ? toReviewer(r) : null;
}
