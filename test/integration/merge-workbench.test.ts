import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, type ApiClient } from '@grove/shared';
import { createBackend, type Backend } from '../../db/src/backend.ts';
import { createExampleReview } from '../../db/src/example/create-example.ts';
import { forkReview } from '../../db/src/merge/fork.ts';
import { createReviewFile } from '../../db/src/review-file.ts';
import { readEvents } from '../../db/src/merge/events.ts';
import { query } from '../support/merge-fixtures.ts';
import { tempDir } from '../support/temp.ts';
import { refusal } from '../support/refusal.ts';

// File › Merge a reviewer's copy… and the conflicts queue through the API (merge.*): the
// same merge as `grove merge` on the open review, conflicts described in words, each way of
// resolving one, undo reopening it, the reviewer-slot rule, and bad copies refused with
// nothing written.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function backendOn(file: string): { backend: Backend; client: ApiClient } {
  let tick = 0;
  const backend = createBackend({ host: 'in-process', now: () => new Date(Date.UTC(2026, 0, 1) + tick++ * 1000).toISOString() });
  backend.openFile(file);
  cleanups.push(() => backend.closeFile());
  return { backend, client: inProcessClient(backend.connect()) };
}

/** Ann's review (a.grove) and Bea's fork of it (bea.grove), each edited through the API; Bea's copy as base64. */
async function twoCopies() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const a = path.join(t.dir, 'a.grove');
  createExampleReview(a).close();
  let ann = '';
  let bea = '';
  {
    const { backend, client } = backendOn(a);
    ann = (await client.call('reviewers.create', { reviewer: { name: 'Ann Archer', initials: 'AA', email: '' } })).id;
    bea = (await client.call('reviewers.create', { reviewer: { name: 'Bea Blake', initials: 'BB', email: '' } })).id;
    backend.closeFile();
  }
  const b = path.join(t.dir, 'bea.grove');
  forkReview(a, b, 'Bea Blake');

  const target = backendOn(a);
  const copy = backendOn(b);
  const annC = target.client;
  const beaC = copy.client;
  await annC.call('session.setReviewer', { reviewerId: ann });
  await beaC.call('session.setReviewer', { reviewerId: bea });
  const studies = await annC.call('studies.list', {});
  const [s1, s2, s3, s4] = studies;
  if (!s1 || !s2 || !s3 || !s4) throw new Error('the example has eight studies');
  const field = (await annC.call('form.get', {})).fields.find((f) => f.type === 'text');
  if (!field) throw new Error('the example form has a text field');

  await beaC.call('studies.update', { id: s1.id, patch: { notes: 'Bea: s1' } });
  await beaC.call('studies.update', { id: s2.id, patch: { notes: 'Bea: s2' } });
  await beaC.call('studies.update', { id: s3.id, patch: { notes: 'Bea: s3' } });
  await beaC.call('studies.update', { id: s4.id, patch: { notes: 'Bea: s4' } });
  await beaC.call('characteristics.set', {
    studyId: s1.id,
    fieldId: field.id,
    slot: bea,
    content: { status: 'value', value: 'Bea in her copy' },
  });
  await annC.call('studies.update', { id: s2.id, patch: { notes: 'Ann: s2' } });
  await annC.call('studies.update', { id: s3.id, patch: { notes: 'Ann: s3' } });
  await annC.call('studies.update', { id: s4.id, patch: { notes: 'Ann: s4' } });
  // The same slot filled in the target too (Bea at Ann's desk, say): a conflict in Bea's own slot.
  await annC.call('characteristics.set', {
    studyId: s1.id,
    fieldId: field.id,
    slot: bea,
    content: { status: 'value', value: 'Bea on Ann’s laptop' },
  });
  copy.backend.closeFile();
  return {
    a,
    b,
    dir: t.dir,
    client: annC,
    backend: target.backend,
    ann,
    bea,
    s1,
    s2,
    s3,
    s4,
    field,
    copyBase64: fs.readFileSync(b).toString('base64'),
  };
}

const notes = async (client: ApiClient, id: string) => (await client.call('studies.get', { id })).notes;

describe('merge.fromUpload', () => {
  it('merges a co-reviewer’s copy into the open review after a backup, with its report, and queues the conflicts in words', async () => {
    const { client, dir, copyBase64, s1, s2, s3, s4, field } = await twoCopies();
    const report = await client.call('merge.fromUpload', { fileName: 'bea.grove', contentBase64: copyBase64 });
    expect(report).toMatchObject({ conflicts: 4, reidentified: false });
    expect(report.events).toBeGreaterThan(0);
    expect(report.byReviewer.find((r) => r.reviewer === 'Bea Blake')).toMatchObject({ conflicts: 4 });
    expect(report.backup).toBe(path.join(dir, 'a.pre-merge.grove'));
    expect(fs.existsSync(report.backup ?? '')).toBe(true);
    expect(report.reportText).toMatch(/^Merged \d+ change\(s\) from bea\.grove/);
    // No temporary copy left beside the review.
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);

    expect(await notes(client, s1.id)).toBe('Bea: s1');
    expect(await notes(client, s2.id)).toBe('Ann: s2');
    const { conflicts } = await client.call('merge.conflicts', {});
    expect(conflicts.map((c) => [c.what, c.study, c.fieldLabel, c.local, c.incoming, c.reviewer])).toEqual([
      ['study', s2.label, 'notes', 'Ann: s2', 'Bea: s2', 'Bea Blake'],
      ['study', s3.label, 'notes', 'Ann: s3', 'Bea: s3', 'Bea Blake'],
      ['study', s4.label, 'notes', 'Ann: s4', 'Bea: s4', 'Bea Blake'],
      ['characteristic', s1.label, field.label, JSON.stringify('Bea on Ann’s laptop'), JSON.stringify('Bea in her copy'), 'Bea Blake'],
    ]);
    expect(conflicts[3]).toMatchObject({ slotReviewer: 'Bea Blake', mergeLabel: 'Merge bea.grove', canTakeTheirs: true });
    expect(conflicts[0]).toMatchObject({ base: s2.notes, current: 'Ann: s2', slotReviewer: null });

    // Merging the same copy again brings nothing in and writes no backup.
    const again = await client.call('merge.fromUpload', { fileName: 'bea.grove', contentBase64: copyBase64 });
    expect(again).toMatchObject({ events: 0, applied: 0, conflicts: 0, backup: null });
  });

  it('resolves each way as one undoable change in the activity log, and an undo reopens the conflict', async () => {
    const { a, client, copyBase64, s2, s3, s4 } = await twoCopies();
    await client.call('merge.fromUpload', { fileName: 'bea.grove', contentBase64: copyBase64 });
    const byStudy = async () => new Map((await client.call('merge.conflicts', {})).conflicts.map((c) => [c.study, c.id]));
    const ids = await byStudy();

    expect(await client.call('merge.resolve', { conflictId: ids.get(s2.label)!, choice: 'local' })).toEqual({
      conflictId: ids.get(s2.label),
      value: 'Ann: s2',
    });
    expect(await notes(client, s2.id)).toBe('Ann: s2');
    await client.call('merge.resolve', { conflictId: ids.get(s3.label)!, choice: 'incoming' });
    expect(await notes(client, s3.id)).toBe('Bea: s3');
    await client.call('merge.resolve', { conflictId: ids.get(s4.label)!, choice: 'other', value: 'Agreed at the meeting' });
    expect(await notes(client, s4.id)).toBe('Agreed at the meeting');
    expect([...(await byStudy()).keys()]).toEqual([expect.any(String)]); // only the slot conflict is left
    const [latest] = await client.call('audit.list', { limit: 1 });
    expect(latest).toMatchObject({
      reviewerName: 'Ann Archer',
      entity: 'merge conflict',
      fields: ['resolution', 'resolvedValue', 'resolvedAt', 'resolvedBy'],
    });
    expect(latest?.summary).toBe(`Resolve conflict: notes of study of ${s4.label} (entered a value)`);

    // The queue is this copy's own: its resolutions are never passed on, the fields they wrote are.
    const entries = query(a, (db) => readEvents(db)).flatMap((e) => e.entries);
    expect(entries.some((x) => x.table === 'merge_conflict')).toBe(false);
    expect(entries.some((x) => x.table === 'study' && x.after?.notes === 'Agreed at the meeting')).toBe(true);

    // A resolved conflict is not decided twice.
    expect((await refusal(client.call('merge.resolve', { conflictId: ids.get(s4.label)!, choice: 'local' }))).code).toBe('CONFLICT');

    // One undo takes the resolution back: the field and the queue both.
    await client.call('history.undo', {});
    expect(await notes(client, s4.id)).toBe('Ann: s4');
    expect((await byStudy()).get(s4.label)).toBe(ids.get(s4.label));
    await client.call('history.undo', {});
    expect(await notes(client, s3.id)).toBe('Ann: s3');
    expect((await byStudy()).has(s3.label)).toBe(true);
  });

  it('leaves a conflict in a reviewer’s own slot to that reviewer', async () => {
    const { client, copyBase64, bea, s1, field } = await twoCopies();
    await client.call('merge.fromUpload', { fileName: 'bea.grove', contentBase64: copyBase64 });
    const slot = (await client.call('merge.conflicts', {})).conflicts.find((c) => c.slotReviewer !== null)!;
    const err = await refusal(client.call('merge.resolve', { conflictId: slot.id, choice: 'incoming' }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/Bea Blake’s own characteristic: only they can resolve it/);
    await client.call('session.setReviewer', { reviewerId: bea });
    await client.call('merge.resolve', { conflictId: slot.id, choice: 'incoming' });
    const values = await client.call('characteristics.list', { studyId: s1.id });
    expect(JSON.stringify(values)).toContain('Bea in her copy');
    expect(field.id).toBeTruthy();
  });

  it('refuses a file that is no review, or another review, naming the file and changing nothing', async () => {
    const { a, dir, client } = await twoCopies();
    const before = fs.readFileSync(a);
    const bad = await refusal(
      client.call('merge.fromUpload', { fileName: 'notes.grove', contentBase64: Buffer.from('not a review').toString('base64') }),
    );
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toMatch(/notes\.grove/);
    expect(bad.message).not.toMatch(/\.tmp|grove-upload/);

    const other = path.join(dir, 'other.grove');
    createReviewFile(other, { title: 'Another review' }).close();
    const foreign = await refusal(
      client.call('merge.fromUpload', { fileName: 'other.grove', contentBase64: fs.readFileSync(other).toString('base64') }),
    );
    expect(foreign.code).toBe('VALIDATION');
    expect(foreign.message).toMatch(/other\.grove is not a copy of the review in .*a\.grove.*Nothing was changed/);
    expect(fs.readFileSync(a).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'a.pre-merge.grove'))).toBe(false);
    expect((await client.call('merge.conflicts', {})).conflicts).toEqual([]);
  });
});
