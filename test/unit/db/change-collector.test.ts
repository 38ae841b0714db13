import { afterEach, describe, expect, it } from 'vitest';
import { collectChanges, mergeChanges } from '../../../db/src/change-collector.ts';
import { recordChange, type Actor } from '../../../db/src/changes.ts';
import { openReviewFile } from '../../../db/src/review-file.ts';
import { TABLES } from '../../../db/src/tables.ts';
import { freshBackend } from '../../support/review-fixtures.ts';

// What one API call changed: recordChange announces each committed change to the call's
// collection scope; several changes are merged into one summary.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const actor: Actor = { reviewerId: null, reviewerName: '', now: '2026-01-01T00:00:00.000Z' };

function openDb() {
  const f = freshBackend('empty');
  cleanups.push(f.cleanup);
  f.backend.closeFile();
  const review = openReviewFile(f.file);
  cleanups.push(() => review.close());
  return review.db;
}

const study = (id: string, label: string) => ({
  id,
  label,
  status: 'included',
  identifiers: '',
  notes: '',
  created_at: actor.now,
  updated_at: actor.now,
});

describe('change collection', () => {
  it('merges the changes of one call: every touched row, the last change’s id and label', async () => {
    const db = openDb();
    const { value, change } = await collectChanges(async () => {
      recordChange(db, actor, 'Add study "A"', (w) => w.insert(TABLES.study, study('a', 'A'), 'Added A'));
      recordChange(db, actor, 'Add studies "B" and "A2"', (w) => {
        w.insert(TABLES.study, study('b', 'B'), 'Added B');
        w.update(TABLES.study, 'a', { label: 'A2' }, () => 'Renamed A');
      });
      return 42;
    });
    expect(value).toBe(42);
    const last = db.prepare('SELECT max(id) AS id FROM change').get() as { id: number };
    expect(change).toEqual({
      id: last.id,
      label: 'Add studies "B" and "A2"',
      touched: [
        { table: 'study', ids: ['a', 'b'] },
        { table: 'review', ids: ['1'] },
      ],
    });
  });

  it('reports nothing for a change that wrote no row, or that rolled back', async () => {
    const db = openDb();
    const nothing = await collectChanges(async () => recordChange(db, actor, 'Nothing', () => undefined));
    expect(nothing.change).toBeNull();
    const failed = collectChanges(async () =>
      recordChange(db, actor, 'Fails', (w) => {
        w.insert(TABLES.study, study('c', 'C'), 'Added C');
        throw new Error('disk full');
      }),
    );
    await expect(failed).rejects.toThrow('disk full');
    expect(db.prepare('SELECT count(*) AS n FROM study').get()).toEqual({ n: 0 });
  });

  it('keeps concurrent calls apart, even across awaits', async () => {
    const db = openDb();
    const tick = () => new Promise((r) => setTimeout(r, 5));
    const [x, y] = await Promise.all([
      collectChanges(async () => {
        await tick();
        recordChange(db, actor, 'X', (w) => w.insert(TABLES.study, study('x', 'X'), 'Added X'));
        await tick();
      }),
      collectChanges(async () => {
        recordChange(db, actor, 'Y', (w) => w.insert(TABLES.study, study('y', 'Y'), 'Added Y'));
        await tick();
        await tick();
      }),
    ]);
    expect(x.change?.touched[0]).toEqual({ table: 'study', ids: ['x'] });
    expect(y.change?.touched[0]).toEqual({ table: 'study', ids: ['y'] });
  });

  it('a change outside any call is recorded but reported to no one', () => {
    const db = openDb();
    expect(() => recordChange(db, actor, 'CLI', (w) => w.insert(TABLES.study, study('z', 'Z'), 'Added Z'))).not.toThrow();
    expect(mergeChanges([])).toBeNull();
  });
});
