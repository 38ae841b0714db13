import { afterEach, describe, expect, it } from 'vitest';
import { emptyReportFields } from '@grove/shared';
import { freshBackend } from '../../support/review-fixtures.ts';

// Undo is a stack over whole changes; every step is also in the audit log.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function open(kind: 'empty' | 'example' = 'empty') {
  const f = freshBackend(kind);
  cleanups.push(f.cleanup);
  return f;
}

describe('undo', () => {
  it('undoes changes newest first, down to an empty history', async () => {
    const { client } = open();
    expect(await client.call('history.status', {})).toEqual({ canUndo: false, undoLabel: null, canRedo: false, redoLabel: null });
    const a = await client.call('studies.create', { study: { label: 'A 2001', status: 'included', identifiers: '', notes: '' } });
    await client.call('studies.update', { id: a.id, patch: { label: 'A 2002', notes: 'renamed' } });
    await client.call('protocol.update', { patch: { question: 'Does it work?' } });

    expect((await client.call('history.undo', {})).undone).toBe('Edit protocol: question');
    expect((await client.call('protocol.get', {})).question).toBe('');
    expect((await client.call('history.undo', {})).undone).toBe('Edit study "A 2001"');
    expect(await client.call('studies.get', { id: a.id })).toMatchObject({ label: 'A 2001', notes: '' });
    expect((await client.call('history.undo', {})).undone).toBe('Add study "A 2001"');
    expect(await client.call('studies.list', {})).toEqual([]);
    expect(await client.call('history.undo', {})).toMatchObject({ canUndo: false, undoLabel: null, undone: null });
  });

  it('restores a deleted study with its reports, ids and timestamps intact', async () => {
    const { client } = open('example');
    const before = await client.call('studies.list', {});
    const cook = before.find((s) => s.label === 'Cook 2012a')!;
    await client.call('studies.delete', { id: cook.id });
    expect((await client.call('review.summary', {})).counts).toMatchObject({ studies: 7, reports: 8 });
    await client.call('history.undo', {});
    expect(await client.call('studies.list', {})).toEqual(before);
  });

  it('does not record a change that changes nothing (an autosave of the same value)', async () => {
    const { client } = open('example');
    const protocol = await client.call('protocol.get', {});
    const auditBefore = await client.call('audit.list', {});
    await client.call('protocol.update', { patch: { eligibility: protocol.eligibility } });
    expect(await client.call('audit.list', {})).toEqual(auditBefore);
  });

  it('writes the undo itself to the audit log and marks the undone change', async () => {
    const { client } = open();
    const s = await client.call('studies.create', {
      study: { label: 'B 2010', status: 'included', identifiers: '', notes: '' },
      reports: [{ ...emptyReportFields(), title: 'One' }],
    });
    await client.call('history.undo', {});
    const log = await client.call('audit.list', {});
    // Newest first: the undo deleted the report then the study (reverse order of creation).
    expect(log.map((e) => [e.action, e.entity, e.summary])).toEqual([
      ['delete', 'study', 'Undo: Add study "B 2010"'],
      ['delete', 'report', 'Undo: Add study "B 2010"'],
      ['create', 'report', 'Added report "One" to "B 2010"'],
      ['create', 'study', 'Added study "B 2010"'],
    ]);
    expect(log[2]?.undoneBy).toBe(log[0]?.changeId);
    expect(log.find((e) => e.entityId === s.id && e.action === 'create')?.undoneBy).toBe(log[0]?.changeId);
  });

  it('lists protocol changes with the fields that changed', async () => {
    const { client } = open('example');
    const p = await client.call('protocol.get', {});
    await client.call('protocol.update', {
      patch: {
        eligibility: { ...p.eligibility, other: 'English language only' },
        outcomeDomains: p.outcomeDomains.filter((d) => d.name !== 'Social outcomes'),
        plannedOutcomes: p.plannedOutcomes.filter((o) => o.domainId !== 'domain-social-outcomes'),
      },
    });
    const log = await client.call('audit.list', {});
    expect(log.find((e) => e.entity === 'protocol')?.fields).toEqual(['eligibility.other']);
    expect(log.filter((e) => e.action === 'delete').map((e) => e.summary)).toContain('Removed outcome domain "Social outcomes"');
    await client.call('history.undo', {});
    expect(await client.call('protocol.get', {})).toEqual(p);
  });
});
