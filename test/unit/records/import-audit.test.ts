import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forkReview } from '../../../db/src/merge/fork.ts';
import { mergeReviewFiles } from '../../../db/src/merge/merge-files.ts';
import { importSearchFile } from '../../../db/src/records/import-search.ts';
import { redoLast, undoLast } from '../../../db/src/history.ts';
import { openReviewFile } from '../../../db/src/review-file.ts';
import { exampleReview, query } from '../../support/merge-fixtures.ts';
import { tempDir } from '../../support/temp.ts';

// An import's audit entries keep each record's raw text once, in the record row (not copied
// into the entry that creates it): undo and redo still give back whole records, and a merge
// still rebuilds them, raw text included, in another copy, also when the records were
// deleted again before the merge.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const EXPORT = [
  'TY  - JOUR',
  'TI  - Peer support for adults with severe mental illness: a randomised controlled trial',
  'AU  - Smith, John',
  'PY  - 2019',
  'JO  - Psychiatric Services',
  'AB  - Adults with severe mental illness were randomised to peer support or usual care.',
  'ER  - ',
  '',
  'TY  - JOUR',
  'TI  - Exercise for depression in older people',
  'AU  - Brown, Carol',
  'PY  - 2020',
  'ER  - ',
  '',
].join('\n');

const actor = (name: string) => ({ reviewerId: null, reviewerName: name, now: new Date().toISOString() });

function setup() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const a = exampleReview(t.dir);
  const b = path.join(t.dir, 'b.grove');
  forkReview(a, b, 'Bea Blake');
  const exportFile = path.join(t.dir, 'medline.ris');
  fs.writeFileSync(exportFile, EXPORT);
  return { a, b, exportFile };
}

function withReview<T>(file: string, fn: (db: ReturnType<typeof openReviewFile>['db']) => T): T {
  const review = openReviewFile(file);
  try {
    return fn(review.db);
  } finally {
    review.close();
  }
}

type RecordRow = { id: string; title: string; abstract: string | null; raw: string };
const records = (file: string) => query(file, (db) => db.prepare('SELECT id, title, abstract, raw FROM record ORDER BY id').all() as RecordRow[]);
const recordAudits = (file: string) =>
  query(
    file,
    (db) =>
      db.prepare("SELECT action, before_row, after_row FROM audit_entry WHERE table_name = 'record' ORDER BY id").all() as {
        action: string;
        before_row: string | null;
        after_row: string | null;
      }[],
  );

describe('the audit entries of an import', () => {
  it('keep every column of a record but its raw text, which the record row holds once', () => {
    const { a, exportFile } = setup();
    withReview(a, (db) => importSearchFile(db, actor('Ann'), exportFile, { source: 'MEDLINE', searchedOn: '2024-03-01' }));
    const stored = records(a);
    expect(stored).toHaveLength(2);
    expect(stored[0]!.raw).toContain('TY  - JOUR');
    const audits = recordAudits(a);
    expect(audits.map((e) => e.action)).toEqual(['create', 'create']);
    for (const e of audits) {
      const after = JSON.parse(e.after_row!) as Record<string, unknown>;
      expect(after).not.toHaveProperty('raw');
      expect(after).not.toHaveProperty('abstract');
      const row = query(a, (db) => db.prepare('SELECT * FROM record WHERE id = ?').get(after.id)) as Record<string, unknown>;
      const { raw, abstract, ...rest } = row;
      expect(raw).toBeTypeOf('string');
      expect(abstract === null || typeof abstract === 'string').toBe(true);
      expect(after).toEqual(rest);
    }
  });

  it('still undo as a whole and redo whole records, raw text included', () => {
    const { a, exportFile } = setup();
    withReview(a, (db) => importSearchFile(db, actor('Ann'), exportFile, { source: 'MEDLINE', searchedOn: '2024-03-01' }));
    const imported = records(a);
    withReview(a, (db) => undoLast(db, actor('Ann')));
    expect(records(a)).toEqual([]);
    withReview(a, (db) => redoLast(db, actor('Ann')));
    expect(records(a)).toEqual(imported);
  });

  it('let a merge rebuild the records with their raw text in another copy', () => {
    const { a, b, exportFile } = setup();
    withReview(b, (db) => importSearchFile(db, actor('Bea Blake'), exportFile, { source: 'MEDLINE', searchedOn: '2024-03-01' }));
    mergeReviewFiles(a, b);
    expect(records(a)).toEqual(records(b));
    expect(records(a)[0]!.raw).toContain('TI  - ');
    expect(records(a).map((r) => r.abstract)).toContain('Adults with severe mental illness were randomised to peer support or usual care.');
  });

  it('let a merge replay an import that was undone before it (the raw text read from the entry that deleted it)', () => {
    const { a, b, exportFile } = setup();
    withReview(b, (db) => {
      importSearchFile(db, actor('Bea Blake'), exportFile, { source: 'MEDLINE', searchedOn: '2024-03-01' });
      undoLast(db, actor('Bea Blake'));
    });
    expect(records(b)).toEqual([]);
    mergeReviewFiles(a, b);
    expect(records(a)).toEqual([]);
    // Redo in the copy, merged again: the records arrive whole.
    withReview(b, (db) => redoLast(db, actor('Bea Blake')));
    mergeReviewFiles(a, b);
    expect(records(a)).toEqual(records(b));
    expect(records(a)).toHaveLength(2);
  });
});
