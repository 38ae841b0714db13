import path from 'node:path';
import { createExampleReview } from '../../db/src/example/create-example.ts';
import { openReviewFile } from '../../db/src/review-file.ts';
import { recordChange, type ChangeWriter } from '../../db/src/changes.ts';
import { undoLast } from '../../db/src/history.ts';

// Review copies for the merge tests: an example review and edits made through the one
// audited write path, as the workbench makes them.

export function exampleReview(dir: string, name = 'a.grove'): string {
  const file = path.join(dir, name);
  createExampleReview(file, { example: 'fleiss1993' }).close();
  return file;
}

export function edit(file: string, reviewer: string, label: string, fn: (w: ChangeWriter) => void): void {
  const review = openReviewFile(file);
  try {
    recordChange(review.db, { reviewerId: null, reviewerName: reviewer, now: new Date().toISOString() }, label, fn);
  } finally {
    review.close();
  }
}

export function undo(file: string, reviewer: string): void {
  const review = openReviewFile(file);
  try {
    undoLast(review.db, { reviewerId: null, reviewerName: reviewer, now: new Date().toISOString() });
  } finally {
    review.close();
  }
}

export function query<T>(file: string, fn: (db: ReturnType<typeof openReviewFile>['db']) => T): T {
  const review = openReviewFile(file, { readOnly: true });
  try {
    return fn(review.db);
  } finally {
    review.close();
  }
}
