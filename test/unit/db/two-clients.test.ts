import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, inProcessClient, type ApiClient } from '@grove/shared';
import { freshBackend } from '../../support/review-fixtures.ts';
import { refusal } from '../../support/refusal.ts';

// Two people on one backend (two tabs of one `grove serve`, two windows): each client has
// its own reviewer, every audit entry names the caller's, and undo/redo take back only
// the caller's reviewer's own changes, refusing rather than overwriting another's later edit.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function twoReviewers() {
  const f = freshBackend('example');
  cleanups.push(f.cleanup);
  const a = inProcessClient(f.backend.connect());
  const b = inProcessClient(f.backend.connect());
  const ann = await a.call('reviewers.create', { reviewer: { name: 'Ann Archer', initials: 'AA', email: '' } });
  const bob = await a.call('reviewers.create', { reviewer: { name: 'Bob Baker', initials: 'BB', email: '' } });
  await a.call('session.setReviewer', { reviewerId: ann.id });
  await b.call('session.setReviewer', { reviewerId: bob.id });
  const studies = await a.call('studies.list', {});
  const id = (label: string) => studies.find((s) => s.label === label)!.id;
  const eisen = id('Eisen 2012');
  const kaplan = id('Kaplan 2011');
  /** The example's own notes, which an undo puts back. */
  const original = { eisen: await notesOf(a, eisen), kaplan: await notesOf(a, kaplan) };
  return { ...f, a, b, ann, bob, eisen, kaplan, original };
}

async function notesOf(client: ApiClient, id: string): Promise<string> {
  return (await client.call('studies.get', { id })).notes;
}

describe('a reviewer per client', () => {
  it('keeps each client its own reviewer, and names the caller in every audit entry', async () => {
    const { a, b, ann, bob, eisen, kaplan, backend } = await twoReviewers();
    expect(await a.call('session.get', {})).toEqual({ reviewerId: ann.id });
    expect(await b.call('session.get', {})).toEqual({ reviewerId: bob.id });
    // The host's own client (the CLI, a page that sends no id) is a third, untouched.
    expect(await dispatch(backend, 'session.get', {})).toMatchObject({ ok: true, value: { reviewerId: null } });

    await a.call('studies.update', { id: eisen, patch: { notes: 'by Ann' } });
    await b.call('studies.update', { id: kaplan, patch: { notes: 'by Bob' } });
    const [bobs, anns] = await a.call('audit.list', { limit: 2 });
    expect(anns).toMatchObject({ entityId: eisen, reviewerId: ann.id, reviewerName: 'Ann Archer' });
    expect(bobs).toMatchObject({ entityId: kaplan, reviewerId: bob.id, reviewerName: 'Bob Baker' });
  });

  it('keeps calls apart when they run at the same time', async () => {
    const { a, b, ann, bob, eisen, kaplan } = await twoReviewers();
    await Promise.all([
      a.call('studies.update', { id: eisen, patch: { notes: 'Ann, at once' } }),
      b.call('studies.update', { id: kaplan, patch: { notes: 'Bob, at once' } }),
      a.call('session.get', {}),
      b.call('session.get', {}),
    ]);
    const entries = await a.call('audit.list', { limit: 2 });
    expect(new Map(entries.map((e) => [e.entityId, e.reviewerId]))).toEqual(
      new Map([
        [eisen, ann.id],
        [kaplan, bob.id],
      ]),
    );
  });

  it('forgets every client’s reviewer when another review is opened', async () => {
    const { a, b, backend, file } = await twoReviewers();
    backend.openFile(file);
    expect(await a.call('session.get', {})).toEqual({ reviewerId: null });
    expect(await b.call('session.get', {})).toEqual({ reviewerId: null });
  });
});

describe('undo and redo per reviewer', () => {
  it('undoes the caller’s own last change, even after another reviewer’s later change', async () => {
    const { a, b, eisen, kaplan, original } = await twoReviewers();
    await a.call('studies.update', { id: eisen, patch: { notes: 'by Ann' } });
    const bobsReply = await b.call('studies.update', { id: kaplan, patch: { notes: 'by Bob' } });
    expect(bobsReply.notes).toBe('by Bob');

    expect(await a.call('history.status', {})).toMatchObject({ canUndo: true, undoLabel: 'Edit study "Eisen 2012"' });
    expect(await b.call('history.status', {})).toMatchObject({ canUndo: true, undoLabel: 'Edit study "Kaplan 2011"' });

    const undone = await a.call('history.undo', {});
    expect(undone.undone).toBe('Edit study "Eisen 2012"');
    expect(await notesOf(a, eisen)).toBe(original.eisen);
    expect(await notesOf(a, kaplan)).toBe('by Bob');
    // Ann has nothing more of her own to undo (adding the reviewers was done before she was chosen).
    expect(undone).toMatchObject({ canUndo: false, canRedo: true, redoLabel: 'Edit study "Eisen 2012"' });
    // Bob's undo state is his own, untouched by Ann's undo.
    expect(await b.call('history.status', {})).toEqual({
      canUndo: true,
      undoLabel: 'Edit study "Kaplan 2011"',
      canRedo: false,
      redoLabel: null,
    });
  });

  it('gives each mutation reply the caller’s own undo state', async () => {
    const { backend, ann, bob, eisen, kaplan } = await twoReviewers();
    const seen: Record<string, string | null> = {};
    const as = (name: string, reviewerId: string) => {
      const client = inProcessClient(backend.connect(), { onMutation: (_m, _c, history) => void (seen[name] = history.undoLabel) });
      return client.call('session.setReviewer', { reviewerId }).then(() => client);
    };
    const a = await as('ann', ann.id);
    const b = await as('bob', bob.id);
    await a.call('studies.update', { id: eisen, patch: { notes: 'by Ann' } });
    await b.call('studies.update', { id: kaplan, patch: { notes: 'by Bob' } });
    expect(seen).toEqual({ ann: 'Edit study "Eisen 2012"', bob: 'Edit study "Kaplan 2011"' });
  });

  it('answers a change of reviewer with the new reviewer’s undo state', async () => {
    const { backend, ann, bob, eisen, kaplan } = await twoReviewers();
    const tab = backend.connect();
    const as = (reviewerId: string) => dispatch(tab, 'session.setReviewer', { reviewerId });
    await as(bob.id);
    await dispatch(tab, 'studies.update', { id: kaplan, patch: { notes: 'by Bob' } });
    await as(ann.id);
    await dispatch(tab, 'studies.update', { id: eisen, patch: { notes: 'by Ann' } });
    expect(await as(bob.id)).toMatchObject({ ok: true, change: null, history: { canUndo: true, undoLabel: 'Edit study "Kaplan 2011"' } });
    expect(await as(ann.id)).toMatchObject({ ok: true, history: { canUndo: true, undoLabel: 'Edit study "Eisen 2012"' } });
  });

  it('refuses to undo a change another reviewer has changed since, naming them, and writes nothing', async () => {
    const { a, b, eisen, original } = await twoReviewers();
    await a.call('studies.update', { id: eisen, patch: { notes: 'by Ann' } });
    await b.call('studies.update', { id: eisen, patch: { identifiers: 'Bob’s id' } });
    const before = await a.call('audit.list', { limit: 5 });

    const err = await refusal(a.call('history.undo', {}));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toBe(
      'Cannot undo "Edit study "Eisen 2012"": the study it changed was changed since by Bob Baker ("Edit study "Eisen 2012""). ' +
        'Undoing it would overwrite that change.',
    );
    expect(await a.call('audit.list', { limit: 5 })).toEqual(before);
    const study = await a.call('studies.get', { id: eisen });
    expect(study).toMatchObject({ notes: 'by Ann', identifiers: 'Bob’s id' });

    // Once Bob takes his edit back, the row is as Ann left it and her undo goes through.
    await b.call('history.undo', {});
    expect((await a.call('history.undo', {})).undone).toBe('Edit study "Eisen 2012"');
    expect(await notesOf(a, eisen)).toBe(original.eisen);
  });

  it('refuses to redo over another reviewer’s change to the same row', async () => {
    const { a, b, eisen } = await twoReviewers();
    await a.call('studies.update', { id: eisen, patch: { notes: 'by Ann' } });
    await a.call('history.undo', {});
    await b.call('studies.update', { id: eisen, patch: { notes: 'by Bob' } });
    // Bob's edit is not Ann's: her redo is still offered, but it would overwrite his notes.
    expect(await a.call('history.status', {})).toMatchObject({ canRedo: true, redoLabel: 'Edit study "Eisen 2012"' });
    const err = await refusal(a.call('history.redo', {}));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/^Cannot redo "Edit study "Eisen 2012"": the study it changed was changed since by Bob Baker/);
    expect(await notesOf(a, eisen)).toBe('by Bob');
  });

  it('redoes the caller’s undo after another reviewer’s edit elsewhere', async () => {
    const { a, b, eisen, kaplan } = await twoReviewers();
    await a.call('studies.update', { id: eisen, patch: { notes: 'by Ann' } });
    await a.call('history.undo', {});
    await b.call('studies.update', { id: kaplan, patch: { notes: 'by Bob' } });
    expect((await a.call('history.redo', {})).redone).toBe('Edit study "Eisen 2012"');
    expect(await notesOf(a, eisen)).toBe('by Ann');
    // Ann's own new edit, though, clears her redo stack.
    await a.call('history.undo', {});
    await a.call('studies.update', { id: kaplan, patch: { identifiers: 'Ann again' } });
    expect(await a.call('history.status', {})).toMatchObject({ canRedo: false });
  });

  it('with no reviewer chosen, undoes the changes made without one, never a reviewer’s', async () => {
    const { a, b, backend, eisen, kaplan, original } = await twoReviewers();
    const nobody = inProcessClient(backend.connect());
    await nobody.call('studies.update', { id: kaplan, patch: { notes: 'anonymous' } });
    await a.call('studies.update', { id: eisen, patch: { notes: 'by Ann' } });
    await b.call('studies.update', { id: eisen, patch: { identifiers: 'by Bob' } });
    expect((await nobody.call('history.undo', {})).undone).toBe('Edit study "Kaplan 2011"');
    expect(await notesOf(nobody, kaplan)).toBe(original.kaplan);
    // Next for nobody: adding Bob (made before Ann chose herself), not Ann's or Bob's edits.
    expect(await nobody.call('history.status', {})).toMatchObject({ undoLabel: 'Add reviewer "Bob Baker"' });
    expect(await notesOf(nobody, eisen)).toBe('by Ann');
  });
});
