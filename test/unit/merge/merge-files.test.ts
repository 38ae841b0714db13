import { LATEST_SCHEMA_VERSION } from '../../../db/src/migrations/index.ts';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { forkReview } from '../../../db/src/merge/fork.ts';
import { MergeRefusedError, mergeReviewFiles } from '../../../db/src/merge/merge-files.ts';
import { TABLES } from '../../../db/src/tables.ts';
import { createReviewFile } from '../../../db/src/review-file.ts';
import { listOpenConflicts } from '../../../db/src/repositories/merge-repo.ts';
import { useTempDirs } from '../../support/temp.ts';
import { edit, exampleReview, query, undo } from '../../support/merge-fixtures.ts';

// grove fork and grove merge on real files: the three-way rule per field, conflicts
// queued, delete-versus-update never applied silently, a second merge a no-op, a `cp`
// copy re-identified, undo of a merge, and the refusals.

const dir = useTempDirs();

type StudyRow = { id: string; label: string; notes: string; status: string };
const studies = (file: string) =>
  query(file, (db) => db.prepare('SELECT id, label, notes, status FROM study ORDER BY id').all() as StudyRow[]);

function setup() {
  const d = dir();
  const a = exampleReview(d);
  const b = path.join(d, 'b.grove');
  forkReview(a, b, 'Bea Blake');
  const [s1, s2, s3] = studies(a);
  if (!s1 || !s2 || !s3) throw new Error('the example needs three studies');
  return { d, a, b, s1, s2, s3 };
}

describe('grove fork', () => {
  it('makes a copy with a new site id and the co-reviewer, and the original unchanged', () => {
    const { a, b } = setup();
    const siteA = query(a, (db) => db.prepare('SELECT id FROM site').pluck().get());
    const siteB = query(b, (db) => db.prepare('SELECT id FROM site').pluck().get());
    expect(siteB).not.toBe(siteA);
    expect(query(b, (db) => db.prepare('SELECT name, initials FROM reviewer').all())).toContainEqual({ name: 'Bea Blake', initials: 'BB' });
    expect(query(a, (db) => db.prepare("SELECT count(*) FROM reviewer WHERE name = 'Bea Blake'").pluck().get())).toBe(0);
    expect(() => forkReview(a, b, 'Bea Blake')).toThrow(/already exists/);
  });
});

describe('grove merge', () => {
  it('applies what the target still holds, skips what it already holds, queues the rest', () => {
    const { a, b, s1, s2, s3 } = setup();
    edit(b, 'Bea Blake', 'Notes', (w) => {
      w.update(TABLES.study, s1.id, { notes: 'from B' }, () => 'n');
      w.update(TABLES.study, s2.id, { notes: 'both said this' }, () => 'n');
      w.update(TABLES.study, s3.id, { notes: 'B thinks so' }, () => 'n');
    });
    edit(a, 'Ann Archer', 'Notes', (w) => {
      w.update(TABLES.study, s2.id, { notes: 'both said this' }, () => 'n');
      w.update(TABLES.study, s3.id, { notes: 'A thinks otherwise' }, () => 'n');
    });
    const report = mergeReviewFiles(a, b);
    expect(report.backup).toMatch(/a\.pre-merge\.grove$/);
    expect(fs.existsSync(report.backup ?? '')).toBe(true);
    expect(report.conflicts).toEqual([
      expect.objectContaining({
        table: 'study',
        key: s3.id,
        field: 'notes',
        base: s3.notes,
        local: 'A thinks otherwise',
        incoming: 'B thinks so',
        reviewer: 'Bea Blake',
      }),
    ]);
    const after = new Map(studies(a).map((s) => [s.id, s.notes]));
    expect(after.get(s1.id)).toBe('from B');
    expect(after.get(s2.id)).toBe('both said this');
    expect(after.get(s3.id)).toBe('A thinks otherwise');
    expect(query(a, (db) => db.prepare("SELECT name FROM reviewer WHERE name = 'Bea Blake'").pluck().all())).toEqual(['Bea Blake']);
    expect(query(a, (db) => listOpenConflicts(db)).length).toBe(1);
    expect(report.byReviewer.find((r) => r.reviewer === 'Bea Blake')).toMatchObject({ conflicts: 1 });

    // Merging the same copy again changes nothing.
    const bytes = fs.readFileSync(a);
    const again = mergeReviewFiles(a, b);
    expect(again).toMatchObject({ applied: 0, skipped: 0, conflicts: [], events: 0, backup: null });
    expect(fs.readFileSync(a).equals(bytes)).toBe(true);

    // The merge is one change, undone at once, and then it can be merged again.
    undo(a, 'Ann Archer');
    expect(new Map(studies(a).map((s) => [s.id, s.notes])).get(s1.id)).toBe(s1.notes);
    expect(query(a, (db) => listOpenConflicts(db)).length).toBe(0);
    expect(mergeReviewFiles(a, b).conflicts.length).toBe(1);
  });

  it('reports delete-versus-update as a conflict either way round, never applying it', () => {
    const { a, b, s1 } = setup();
    const fieldId = query(a, (db) => db.prepare('SELECT id FROM form_field ORDER BY position LIMIT 1').pluck().get() as string);
    const row = {
      id: `cv-${s1.id}`,
      study_id: s1.id,
      field_id: fieldId,
      slot: 'final',
      status: 'value',
      value: '"12 weeks"',
      source_note: '',
      comment: '',
      decided_by: null,
      updated_at: 'x',
    };
    const insertRow = { ...row };
    edit(a, 'Ann Archer', 'Extract', (w) => w.insert(TABLES.characteristic, insertRow, 'x'));
    const c = path.join(path.dirname(a), 'c.grove');
    forkReview(a, c, 'Cy Cole');
    edit(c, 'Cy Cole', 'Clear', (w) => w.delete(TABLES.characteristic, row.id, 'x'));
    edit(a, 'Ann Archer', 'Edit', (w) => w.update(TABLES.characteristic, row.id, { comment: 'checked' }, () => 'x'));
    const report = mergeReviewFiles(a, c);
    expect(report.conflicts.map((x) => [x.table, x.key, x.field, x.incoming])).toEqual([['characteristic_value', row.id, 'comment', null]]);
    expect(query(a, (db) => db.prepare('SELECT comment FROM characteristic_value WHERE id = ?').pluck().get(row.id))).toBe('checked');

    // And the other way: the target deleted it, the copy edited it.
    edit(b, 'Bea Blake', 'Edit', (w) => w.update(TABLES.study, s1.id, { notes: 'B edit' }, () => 'x'));
    void b;
    const d2 = path.join(path.dirname(a), 'd.grove');
    forkReview(c, d2, 'Di Dunn');
    edit(d2, 'Di Dunn', 'Restore', (w) => w.insert(TABLES.characteristic, { ...insertRow, comment: 'Di' }, 'x'));
    const r2 = mergeReviewFiles(c, a);
    // c deleted the row; a's update of it arrives: a conflict, the row stays deleted in c.
    expect(r2.conflicts.some((x) => x.key === row.id && x.local === null && x.incoming === 'checked')).toBe(true);
    expect(query(c, (db) => db.prepare('SELECT count(*) FROM characteristic_value WHERE id = ?').pluck().get(row.id))).toBe(0);
  });

  it('meets a reviewer added in two copies on their name, one reviewer in the merged review', () => {
    const { d, a, s1 } = setup();
    const c1 = path.join(d, 'c1.grove');
    const c2 = path.join(d, 'c2.grove');
    forkReview(a, c1, 'Cy Cole');
    forkReview(a, c2, 'Cy Cole');
    edit(c2, 'Cy Cole', 'Notes', (w) => w.update(TABLES.study, s1.id, { notes: 'from the second copy' }, () => 'n'));
    mergeReviewFiles(a, c1);
    const second = mergeReviewFiles(a, c2);
    expect(second.conflicts).toEqual([]);
    expect(query(a, (db) => db.prepare("SELECT count(*) FROM reviewer WHERE name = 'Cy Cole'").pluck().get())).toBe(1);
    expect(query(a, (db) => db.prepare("SELECT count(*) FROM merge_alias WHERE table_name = 'reviewer'").pluck().get())).toBe(1);
    expect(new Map(studies(a).map((s) => [s.id, s.notes])).get(s1.id)).toBe('from the second copy');
  });

  it('re-identifies a copy made with cp, keeping both sides, and finds it again', () => {
    const { d, a, s1, s2 } = setup();
    const copied = path.join(d, 'copied.grove');
    fs.copyFileSync(a, copied);
    edit(a, 'Ann Archer', 'A', (w) => w.update(TABLES.study, s1.id, { notes: 'A side' }, () => 'n'));
    edit(copied, 'Ann on the train', 'Copy', (w) => w.update(TABLES.study, s2.id, { notes: 'copy side' }, () => 'n'));
    const report = mergeReviewFiles(a, copied);
    expect(report.reidentified).toHaveLength(1);
    expect(report.conflicts).toEqual([]);
    const notes = new Map(studies(a).map((s) => [s.id, s.notes]));
    expect(notes.get(s1.id)).toBe('A side');
    expect(notes.get(s2.id)).toBe('copy side');
    expect(mergeReviewFiles(a, copied)).toMatchObject({ events: 0, reidentified: report.reidentified });
    // The copy's later changes come in under the same new identity.
    edit(copied, 'Ann on the train', 'More', (w) => w.update(TABLES.study, s1.id, { label: `${s1.label} (renamed)` }, () => 'n'));
    const more = mergeReviewFiles(a, copied);
    expect(more).toMatchObject({ events: 1, reidentified: report.reidentified, conflicts: [] });
    expect(new Map(studies(a).map((s) => [s.id, s.label])).get(s1.id)).toBe(`${s1.label} (renamed)`);
  });

  it('refuses different reviews and different schema versions, changing nothing', () => {
    const d = dir();
    const a = exampleReview(d);
    const other = path.join(d, 'other.grove');
    createReviewFile(other, { title: 'Another review' }).close();
    const bytes = fs.readFileSync(a);
    expect(() => mergeReviewFiles(a, other)).toThrow(MergeRefusedError);
    expect(() => mergeReviewFiles(a, other)).toThrow(/is not a copy of the review/);
    const b = path.join(d, 'b.grove');
    forkReview(a, b, 'Bea');
    const raw = new Database(b);
    raw.pragma('user_version = 6');
    raw.close();
    expect(() => mergeReviewFiles(a, b)).toThrow(
      new RegExp(`schema v6 and .* v${LATEST_SCHEMA_VERSION}: copies are merged only at one schema version`),
    );
    expect(fs.readFileSync(a).equals(bytes)).toBe(true);
  });
});
