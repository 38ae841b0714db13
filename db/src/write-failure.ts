import { ApiError } from '@grove/shared';

// An edit that SQLite could not write (a full disk, an I/O error, a file made read-only
// under the running app) is rolled back by SQLite: the review is as it was before the
// edit. The user is told that, naming the file, instead of SQLite's bare "database or disk
// is full".

const REASONS: ReadonlyArray<[RegExp, string]> = [
  [/^SQLITE_FULL/, 'the disk is full'],
  [/^SQLITE_READONLY/, 'the file or its folder can no longer be written'],
  [/^SQLITE_IOERR/, 'the disk reported an error'],
];

/** The ApiError to answer a failed write of `file` with, or null when `err` is not a write failure. */
export function writeFailure(err: unknown, file: string): ApiError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const reason = REASONS.find(([re]) => re.test(code))?.[1];
  if (!reason) return null;
  return new ApiError(
    'CONFLICT',
    `Cannot save the change to ${file}: ${reason}. The change was not saved; the review is as it was before it.${
      reason === 'the disk is full' ? ' Free some space and try again.' : ''
    }`,
  );
}
