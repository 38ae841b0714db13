import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { freshBackend } from '../../support/review-fixtures.ts';

// Redo is the undo of an undo: it re-applies the change last undone, as long as no new
// change came since, and it is kept in the file like undo.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function open() {
  const f = freshBackend('empty');
  cleanups.push(f.cleanup);
  return f;
}
const study = (label: string) => ({ study: { label, status: 'included' as const, identifiers: '', notes: '' } });

describe('redo', () => {
  it('re-applies undone changes newest undo first, and undo then reverts them again', async () => {
    const { client } = open();
    const a = await client.call('studies.create', study('A 2001'));
    await client.call('studies.update', { id: a.id, patch: { notes: 'first' } });
    await client.call('protocol.update', { patch: { question: 'Does it work?' } });

    await client.call('history.undo', {});
    await client.call('history.undo', {});
    expect(await client.call('history.status', {})).toEqual({
      canUndo: true,
      undoLabel: 'Add study "A 2001"',
      canRedo: true,
      redoLabel: 'Edit study "A 2001"',
    });

    const r1 = await client.call('history.redo', {});
    expect(r1.redone).toBe('Edit study "A 2001"');
    expect((await client.call('studies.get', { id: a.id })).notes).toBe('first');
    expect(r1).toMatchObject({ undoLabel: 'Edit study "A 2001"', redoLabel: 'Edit protocol: question' });

    expect((await client.call('history.redo', {})).redone).toBe('Edit protocol: question');
    expect((await client.call('protocol.get', {})).question).toBe('Does it work?');
    expect(await client.call('history.redo', {})).toMatchObject({ redone: null, canRedo: false });

    // Undo after redo walks back through the same changes.
    expect((await client.call('history.undo', {})).undone).toBe('Edit protocol: question');
    expect((await client.call('protocol.get', {})).question).toBe('');
    expect((await client.call('history.undo', {})).undone).toBe('Edit study "A 2001"');
    expect((await client.call('history.redo', {})).redone).toBe('Edit study "A 2001"');
    expect((await client.call('studies.get', { id: a.id })).notes).toBe('first');
  });

  it('forgets what it could redo once a new change is made', async () => {
    const { client } = open();
    await client.call('studies.create', study('A 2001'));
    await client.call('history.undo', {});
    expect((await client.call('history.status', {})).canRedo).toBe(true);
    await client.call('studies.create', study('B 2002'));
    expect(await client.call('history.status', {})).toMatchObject({ canRedo: false, redoLabel: null });
    expect((await client.call('history.redo', {})).redone).toBeNull();
    expect((await client.call('studies.list', {})).map((s) => s.label)).toEqual(['B 2002']);
  });

  it('restores a deleted study again when its undone delete is redone, and logs both steps', async () => {
    const { client } = open();
    const a = await client.call('studies.create', study('A 2001'));
    await client.call('studies.delete', { id: a.id });
    await client.call('history.undo', {});
    expect((await client.call('studies.list', {})).map((s) => s.label)).toEqual(['A 2001']);
    await client.call('history.redo', {});
    expect(await client.call('studies.list', {})).toEqual([]);
    const log = await client.call('audit.list', { limit: 2 });
    expect(log.map((e) => e.summary)).toEqual(['Redo: Delete study "A 2001"', 'Undo: Delete study "A 2001"']);
  });

  it('survives closing and reopening the file', async () => {
    const { backend, client, file } = open();
    await client.call('studies.create', study('A 2001'));
    await client.call('history.undo', {});
    backend.closeFile();

    const reopened = createBackend({ host: 'in-process' });
    reopened.openFile(file);
    try {
      const again = inProcessClient(reopened);
      expect(await again.call('history.status', {})).toMatchObject({ canRedo: true, redoLabel: 'Add study "A 2001"' });
      expect((await again.call('history.redo', {})).redone).toBe('Add study "A 2001"');
      expect((await again.call('studies.list', {})).map((s) => s.label)).toEqual(['A 2001']);
    } finally {
      reopened.closeFile();
      backend.openFile(file);
    }
  });
});
