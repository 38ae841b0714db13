import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mergeReviewFiles } from '../../../db/src/merge/merge-files.ts';
import { readEventDigests, readEvents } from '../../../db/src/merge/events.ts';
import { listOpenConflicts } from '../../../db/src/repositories/merge-repo.ts';
import { buildMergeLoad } from '../../support/merge-load.ts';
import { edit, query } from '../../support/merge-fixtures.ts';
import { TABLES } from '../../../db/src/tables.ts';
import { useTempDirs } from '../../support/temp.ts';

// A merge reads the target's rows a batch of events at a time and records the events it took
// in a batch at a time (apply-events.ts, current-rows.ts). A copy whose every study is edited
// again and again across batch boundaries must still come in as if event by event: each
// study ends as the copy left it, except those the target edited itself (one conflict per
// incoming edit), and every event is recorded as seen once, with the digest it was read with.

const dir = useTempDirs();

type Notes = { id: string; notes: string };
const notesOf = (file: string) => query(file, (db) => db.prepare('SELECT id, notes FROM study ORDER BY id').all() as Notes[]);

describe('a merge of more events than one batch', () => {
  it('ends with the copy’s rows, a conflict per edit of a row the target changed, and every event seen once', () => {
    // 200 studies, each edited 25 times (event e edits study e % 200): 5,000 events, past two batch boundaries.
    const { target, copy, studyIds } = buildMergeLoad(dir(), 5_000);
    expect(studyIds).toHaveLength(200);
    const incoming = query(copy, (db) => readEvents(db)).filter((e) => e.label === 'Edit notes');
    expect(incoming).toHaveLength(5_000);

    const report = mergeReviewFiles(target, copy);
    expect(report.events).toBe(5_001); // the edits, and adding the copy's reviewer

    // The target edited every tenth study itself: it keeps its value, each incoming edit of it a conflict.
    const edited = new Set(studyIds.filter((_, i) => i % 10 === 0));
    const theirs = new Map(notesOf(copy).map((s) => [s.id, s.notes]));
    for (const s of notesOf(target)) expect(s.notes).toBe(edited.has(s.id) ? 'Ann was here' : theirs.get(s.id));
    expect(report.conflicts).toHaveLength(edited.size * 25);
    expect(new Set(report.conflicts.map((c) => c.key))).toEqual(edited);
    expect(report.applied).toBe(5_001 - edited.size * 25);
    expect(query(target, (db) => listOpenConflicts(db))).toHaveLength(edited.size * 25);

    // Every incoming event recorded once, under the digest the copy's history gives it.
    const seen = query(target, (db) => db.prepare('SELECT site_id, seq, digest FROM merged_event').all()) as {
      site_id: string;
      seq: number;
      digest: string;
    }[];
    expect(seen).toHaveLength(5_001);
    const digests = new Map(seen.map((r) => [`${r.site_id} ${r.seq}`, r.digest]));
    for (const e of incoming) expect(digests.get(`${e.site} ${e.seq}`)).toBe(e.digest);

    // Merging it again brings nothing.
    const again = mergeReviewFiles(target, copy);
    expect(again.events).toBe(0);
  });
});

describe('an event’s digest', () => {
  it('is SHA-256 over its header, then each entry’s table, before and after as stored (what other copies and servers hold)', () => {
    const { copy } = buildMergeLoad(dir(), 50);
    const rows = query(copy, (db) =>
      db
        .prepare(
          `SELECT c.id, c.hlc, c.reviewer_name, c.label, ae.table_name, ae.before_row, ae.after_row
           FROM audit_entry ae JOIN change c ON c.id = ae.change_id WHERE ae.table_name IS NOT NULL ORDER BY ae.change_id, ae.id`,
        )
        .all(),
    ) as {
      id: number;
      hlc: string;
      reviewer_name: string;
      label: string;
      table_name: string;
      before_row: string | null;
      after_row: string | null;
    }[];
    const hashes = new Map<number, ReturnType<typeof createHash>>();
    for (const r of rows) {
      let h = hashes.get(r.id);
      if (!h) hashes.set(r.id, (h = createHash('sha256').update(JSON.stringify([r.hlc, r.reviewer_name, r.label]))));
      h.update(r.table_name)
        .update(r.before_row ?? 'null')
        .update(r.after_row ?? 'null');
    }
    const expected = new Map([...hashes].map(([id, h]) => [id, h.digest('hex').slice(0, 32)]));
    const events = query(copy, (db) => readEvents(db));
    expect(events.length).toBeGreaterThan(50);
    for (const e of events) expect(e.digest).toBe(expected.get(e.changeId));
    // Read without the rows (what a merge compares to find a copy made outside Grove): the same digests.
    expect(query(copy, (db) => readEventDigests(db))).toEqual(new Map(events.map((e) => [`${e.site} ${e.seq}`, e.digest])));
  });

  it('is the same when an event’s rows are not one after another in the history', () => {
    // Rows written under another copy's change X, then Y, then X again, in one change: the
    // reader, which takes a digest as soon as it moves on, must notice and read again.
    const { target, studyIds } = buildMergeLoad(dir(), 50);
    const [s0, s1] = studyIds;
    if (!s0 || !s1) throw new Error('the load needs two studies');
    const origin = (seq: number) => ({ site: 'other-site', seq, hlc: `000000000000001.00000${seq}`, reviewer: 'Cy', label: `Edit ${seq}` });
    edit(target, 'Cy', 'Merge by hand', (w) => {
      w.setOrigin(origin(1));
      w.update(TABLES.study, s0, { notes: 'x one' }, () => 'n');
      w.setOrigin(origin(2));
      w.update(TABLES.study, s1, { notes: 'y' }, () => 'n');
      w.setOrigin(origin(1));
      w.update(TABLES.study, s0, { notes: 'x two' }, () => 'n');
      w.setOrigin(null);
    });
    const rows = query(target, (db) =>
      db.prepare("SELECT before_row, after_row FROM audit_entry WHERE origin_site = 'other-site' AND origin_seq = 1 ORDER BY id").all(),
    ) as { before_row: string; after_row: string }[];
    expect(rows).toHaveLength(2);
    const h = createHash('sha256').update(JSON.stringify([origin(1).hlc, 'Cy', 'Edit 1']));
    for (const r of rows) h.update('study').update(r.before_row).update(r.after_row);
    const x = query(target, (db) => readEvents(db)).find((e) => e.site === 'other-site' && e.seq === 1);
    expect(x?.entries.map((e) => e.after?.notes)).toEqual(['x one', 'x two']);
    expect(x?.digest).toBe(h.digest('hex').slice(0, 32));
    expect(query(target, (db) => readEventDigests(db)).get('other-site 1')).toBe(x?.digest);
  });
});
