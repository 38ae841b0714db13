import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { openConnection, type Db } from '../../db/src/connection.ts';
import { recordChange, type Row } from '../../db/src/changes.ts';
import { undoLast } from '../../db/src/history.ts';
import { TABLES } from '../../db/src/tables.ts';
import { writeSiteId } from '../../db/src/repositories/site-repo.ts';
import { listOpenConflicts, snapshotInto } from '../../db/src/repositories/merge-repo.ts';
import { forgetClock } from '../../db/src/merge/site-clock.ts';
import { naturalRowId } from '../../db/src/merge/row-identity.ts';
import { readEvents } from '../../db/src/merge/events.ts';
import { unseenEvents } from '../../db/src/merge/merge-files.ts';
import { applyEvents, type MergeTally } from '../../db/src/merge/apply-events.ts';
import { createExampleReview } from '../../db/src/example/create-example.ts';

// Property tests of merging (issue 16): random edit histories, with undos, on three copies
// of one review (the original A and two forks B and C), each reviewer writing shared
// fields (study notes, the final slot of characteristic values) and their own slot. Then:
//   1. merging B and C into A in either order gives identical review contents;
//   2. merging the same copy again changes nothing;
//   3. every value a copy changed is in the target or listed as a conflict for that row
//      and field (so delete-versus-update and insert-versus-insert are reported, never
//      silently applied one way);
//   4. reviewer-slot rows in the merged target equal their owner's copy.
// Used by test/unit/merge/merge-properties.test.ts (a small sample, seconds) and by
// test/merge/run.ts (a bigger run).

const VALUES = ['"a"', '"b"', '"c"'] as const;
type Copy = 'A' | 'B' | 'C';

export type Op =
  | { kind: 'notes'; study: number; value: number }
  | { kind: 'set'; study: number; field: number; own: boolean; value: number }
  | { kind: 'clear'; study: number; field: number; own: boolean }
  | { kind: 'undo' };

export const arbitraryOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('notes' as const), study: fc.nat(2), value: fc.nat(2) }),
  fc.record({ kind: fc.constant('set' as const), study: fc.nat(2), field: fc.nat(1), own: fc.boolean(), value: fc.nat(2) }),
  fc.record({ kind: fc.constant('clear' as const), study: fc.nat(2), field: fc.nat(1), own: fc.boolean() }),
  fc.constant({ kind: 'undo' as const }),
);

export const arbitraryHistories = fc.record({
  A: fc.array(arbitraryOp, { maxLength: 6 }),
  B: fc.array(arbitraryOp, { maxLength: 6 }),
  C: fc.array(arbitraryOp, { maxLength: 6 }),
});
export type Histories = { [K in Copy]: Op[] };

/** The example review the copies start from, made once per run. */
export function makeBase(dir: string): string {
  const file = path.join(dir, 'base.grove');
  createExampleReview(file, { example: 'fleiss1993' }).close();
  return file;
}

interface Universe {
  studies: string[];
  fields: string[];
}

function universe(db: Db): Universe {
  return {
    studies: db.prepare('SELECT id FROM study ORDER BY id LIMIT 3').pluck().all() as string[],
    fields: db.prepare('SELECT id FROM form_field ORDER BY id LIMIT 2').pluck().all() as string[],
  };
}

function openCopy(base: string, file: string, site: string | null): Db {
  fs.copyFileSync(base, file);
  const db = openConnection(file);
  if (site) {
    writeSiteId(db, site);
    forgetClock(db);
  }
  return db;
}

function runOp(db: Db, u: Universe, copy: Copy, op: Op): void {
  const actor = { reviewerId: null, reviewerName: `Reviewer ${copy}`, now: new Date().toISOString() };
  if (op.kind === 'undo') {
    undoLast(db, actor);
    return;
  }
  const study = u.studies[op.study] ?? '';
  recordChange(db, actor, `${op.kind} by ${copy}`, (w) => {
    if (op.kind === 'notes') {
      w.update(TABLES.study, study, { notes: VALUES[op.value] ?? '' }, () => 'notes');
      return;
    }
    const field = u.fields[op.field] ?? '';
    const slot = op.own ? `slot-${copy}` : 'final';
    const id = naturalRowId('characteristic_value', study, field, slot);
    const exists = db.prepare('SELECT 1 FROM characteristic_value WHERE id = ?').get(id) !== undefined;
    if (op.kind === 'clear') {
      if (exists) w.delete(TABLES.characteristic, id, 'cleared');
      return;
    }
    const value = VALUES[op.value] ?? '';
    if (exists) w.update(TABLES.characteristic, id, { value }, () => 'value', { updated_at: actor.now });
    else
      w.insert(
        TABLES.characteristic,
        {
          id,
          study_id: study,
          field_id: field,
          slot,
          status: 'value',
          value,
          source_note: '',
          comment: '',
          decided_by: null,
          updated_at: actor.now,
        },
        'set',
      );
  });
}

/** What the review holds that the generated edits touch (bookkeeping times left out). */
export function contents(db: Db): { studies: Row[]; values: Row[] } {
  return {
    studies: db.prepare('SELECT id, notes FROM study ORDER BY id').all() as Row[],
    values: db.prepare('SELECT id, study_id, field_id, slot, status, value, comment FROM characteristic_value ORDER BY id').all() as Row[],
  };
}

function merge(target: Db, other: Db): MergeTally {
  const { events } = unseenEvents(target, readEvents(other));
  return applyEvents(target, { reviewerId: null, reviewerName: 'merger', now: new Date().toISOString() }, 'Merge', events);
}

function clone(db: Db, file: string): Db {
  snapshotInto(db, file);
  return openConnection(file);
}

/** Checks the four properties for one set of histories; throws with what broke. */
export function checkHistories(base: string, work: string, h: Histories): void {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const a = openCopy(base, path.join(work, 'a.grove'), null);
  const b = openCopy(base, path.join(work, 'b.grove'), randomUUID());
  const c = openCopy(base, path.join(work, 'c.grove'), randomUUID());
  const dbs: Db[] = [a, b, c];
  try {
    const u = universe(a);
    const baseContents = contents(a);
    // Interleave the three copies' edits so their clocks interleave too.
    const longest = Math.max(h.A.length, h.B.length, h.C.length);
    for (let i = 0; i < longest; i++)
      for (const [copy, db] of [
        ['A', a],
        ['B', b],
        ['C', c],
      ] as const) {
        const op = h[copy][i];
        if (op) runOp(db, u, copy, op);
      }

    const bc = clone(a, path.join(work, 'a-bc.grove'));
    const cb = clone(a, path.join(work, 'a-cb.grove'));
    dbs.push(bc, cb);
    const firstB = merge(bc, b);
    checkAppliedOrConflicting(a, b, bc, baseContents, firstB, 'B into A');
    merge(bc, c);
    merge(cb, c);
    merge(cb, b);
    const x = contents(bc);
    const y = contents(cb);
    if (JSON.stringify(x) !== JSON.stringify(y))
      throw new Error(`merge order changed the contents:\n B then C: ${JSON.stringify(x)}\n C then B: ${JSON.stringify(y)}`);

    // Merging again changes nothing.
    for (const other of [b, c]) {
      const again = merge(bc, other);
      if (again.applied !== 0 || again.conflicts.length !== 0 || JSON.stringify(contents(bc)) !== JSON.stringify(x))
        throw new Error(
          `merging a copy again changed the target: ${JSON.stringify({ applied: again.applied, conflicts: again.conflicts })}`,
        );
    }

    // Reviewer-slot rows equal their owner's copy.
    for (const [copy, db] of [
      ['B', b],
      ['C', c],
    ] as const) {
      const own = (rows: Row[]) => JSON.stringify(rows.filter((r) => r.slot === `slot-${copy}`));
      if (own(contents(db).values) !== own(x.values)) throw new Error(`slot rows of ${copy} differ from ${copy}'s copy`);
    }
  } finally {
    for (const db of dbs) db.close();
  }
}

/** Property 3, for one merge of `other` into `target` (a clone of `local`). */
function checkAppliedOrConflicting(
  local: Db,
  other: Db,
  target: Db,
  base: ReturnType<typeof contents>,
  tally: MergeTally,
  what: string,
): void {
  const queued = new Set(listOpenConflicts(target).map((q) => `${q.table} ${q.key} ${q.field}`));
  if (queued.size === 0 && tally.conflicts.length > 0) throw new Error(`${what}: conflicts were reported but not queued`);
  const now = contents(target);
  const theirs = contents(other);
  const mine = contents(local);
  const check = (table: string, baseRows: Row[], otherRows: Row[], localRows: Row[], nowRows: Row[], fields: string[]) => {
    const byId = (rows: Row[]) => new Map(rows.map((r) => [String(r.id), r]));
    const [b0, o, l, n] = [byId(baseRows), byId(otherRows), byId(localRows), byId(nowRows)];
    for (const id of new Set([...b0.keys(), ...o.keys()])) {
      const was = b0.get(id);
      const want = o.get(id);
      const got = n.get(id);
      const rowConflict = [...queued].some((q) => q.startsWith(`${table} ${id} `));
      if (!want && was) {
        // The copy deleted it: gone from the target, or reported.
        if (got && !rowConflict) throw new Error(`${what}: ${table} ${id} deleted by the copy is still here without a conflict`);
        continue;
      }
      if (!want) continue;
      for (const f of fields) {
        if (was && Object.is(was[f], want[f])) continue;
        if (got && Object.is(got[f], want[f])) continue;
        if (queued.has(`${table} ${id} ${f}`) || rowConflict) continue;
        throw new Error(
          `${what}: ${table} ${id} ${f} = ${JSON.stringify(want[f])} in the copy, ${JSON.stringify(got?.[f])} in the target (local ${JSON.stringify(l.get(id)?.[f])}), and no conflict`,
        );
      }
    }
  };
  check('study', base.studies, theirs.studies, mine.studies, now.studies, ['notes']);
  check('characteristic_value', base.values, theirs.values, mine.values, now.values, ['status', 'value', 'comment']);
}
