import { afterEach, describe, expect, it } from 'vitest';
import { screeningReview } from '../../support/screening-fixtures.ts';

// The review's stopping rule for priority screening (issue 15): stored with the screening
// settings through the audited write path (in the activity log, undoable), the same for every
// reviewer and after the file is opened again, and the rule ranking.progress uses unless the
// caller tries another.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function review() {
  const r = await screeningReview(6, ['Ana', 'Ben']);
  cleanups.push(r.cleanup);
  await r.as('Ana');
  return r;
}

const HYPERGEOMETRIC = { kind: 'hypergeometric', recall: 0.95, confidence: 0.95 } as const;

describe('the stored stopping rule', () => {
  it('starts as the Callaghan–Müller-Hansen test at 95% recall and 95% confidence, and ranking.progress uses it', async () => {
    const r = await review();
    expect((await r.client.call('screening.settings.get', {})).stoppingRule).toEqual(HYPERGEOMETRIC);
    const p = await r.client.call('ranking.progress', {});
    expect(p.stopping.rule).toEqual(HYPERGEOMETRIC);
    expect(p.methodsText).toMatch(/Callaghan and Müller-Hansen \(2020\).*95% confidence level.*recall was below 95%/);
    expect(p.methodsText).toMatch(/No records had been screened yet \(6 records\)\./);
  });

  it('is stored through the audited path, used by ranking.progress, seen by another reviewer and after reopening, and undone', async () => {
    const r = await review();
    const saved = await r.client.call('screening.settings.update', { patch: { stoppingRule: { kind: 'buffer', buffer: 2 } } });
    expect(saved.stoppingRule).toEqual({ kind: 'buffer', buffer: 2 });
    const [entry] = await r.client.call('audit.list', { limit: 1 });
    expect(entry).toMatchObject({ entity: 'screening settings', fields: ['stoppingRule'], reviewerName: 'Ana' });
    expect(entry!.summary).toMatch(/Set the stopping rule: 2 consecutive excludes/);

    for (const id of r.ids.slice(0, 2))
      await r.client.call('screening.decide', { stage: 'title-abstract', recordId: id, decision: 'exclude' });
    const met = await r.client.call('ranking.progress', {});
    expect(met.stopping).toMatchObject({ rule: { kind: 'buffer', buffer: 2 }, stop: true, statistic: 2 });
    expect(met.methodsText).toMatch(/a buffer of 2 consecutive records judged irrelevant/);
    expect(met.methodsText).toMatch(/2 of 6 records had been screened \(0 were included or marked maybe\) and the stopping rule was met\./);

    // Another rule can be tried without being stored.
    const tried = await r.client.call('ranking.progress', { rule: { kind: 'buffer', buffer: 3 } });
    expect(tried.stopping).toMatchObject({ rule: { kind: 'buffer', buffer: 3 }, stop: false });
    expect(tried.methodsText).toMatch(/the stopping rule had not been met/);

    // The review's rule, not a reviewer's: Ben sees it too, and so does the file opened again.
    await r.as('Ben');
    expect((await r.client.call('ranking.progress', {})).stopping.rule).toEqual({ kind: 'buffer', buffer: 2 });
    r.backend.closeFile();
    r.backend.openFile(r.file);
    expect((await r.client.call('screening.settings.get', {})).stoppingRule).toEqual({ kind: 'buffer', buffer: 2 });

    // Undo the two decisions and the rule: the default is back.
    await r.as('Ana');
    await r.client.call('history.undo', {});
    await r.client.call('history.undo', {});
    const undone = await r.client.call('history.undo', {});
    expect(undone.undone).toMatch(/Edit screening settings/);
    expect((await r.client.call('screening.settings.get', {})).stoppingRule).toEqual(HYPERGEOMETRIC);
    expect((await r.client.call('ranking.progress', {})).stopping.rule).toEqual(HYPERGEOMETRIC);
  });

  it('refuses a rule outside its range, naming the field, and stores nothing', async () => {
    const r = await review();
    await expect(
      r.client.call('screening.settings.update', { patch: { stoppingRule: { kind: 'hypergeometric', recall: 1, confidence: 0.95 } } }),
    ).rejects.toMatchObject({ code: 'VALIDATION', issues: [{ path: 'patch.stoppingRule.recall', message: 'must be less than 1' }] });
    await expect(r.client.call('screening.settings.update', { patch: { stoppingRule: { kind: 'buffer', buffer: 0 } } })).rejects.toThrow(
      /at least 1/,
    );
    expect((await r.client.call('screening.settings.get', {})).stoppingRule).toEqual(HYPERGEOMETRIC);
    expect(await r.client.call('audit.list', { limit: 50 })).not.toContainEqual(expect.objectContaining({ entity: 'screening settings' }));
  });
});
