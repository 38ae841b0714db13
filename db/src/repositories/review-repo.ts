import type { Db } from '../connection.ts';
import { cached } from '../statements.ts';

// The review row: the file's identity and when it was last changed (stamped by every
// change in changes.ts).

export interface ReviewStamp {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function readReviewStamp(db: Db): ReviewStamp {
  const r = cached(db, 'SELECT id, created_at, updated_at FROM review WHERE singleton = 1').get() as {
    id: string;
    created_at: string;
    updated_at: string;
  };
  return { id: r.id, createdAt: r.created_at, updatedAt: r.updated_at };
}
