import { afterEach, describe, expect, it } from 'vitest';
import { screeningReview } from '../../support/screening-fixtures.ts';

// The screening API on a real review file: decisions per reviewer, the next records,
// blinding, the conflicts queue, resolution and the status per stage.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function review(records: number, reviewers: string[]) {
  const r = await screeningReview(records, reviewers);
  cleanups.push(r.cleanup);
  return r;
}

describe('screening', () => {
  it('refuses to decide or ask for the next record when nobody is chosen', async () => {
    const r = await review(3, ['Ana']);
    await expect(r.client.call('screening.next', { stage: 'title-abstract' })).rejects.toThrow(/Choose who you are/);
    await expect(r.client.call('screening.decide', { stage: 'title-abstract', recordId: r.ids[0]!, decision: 'include' })).rejects.toThrow(
      /Choose who you are/,
    );
  });

  it('single screening: next gives records in file order, a decision moves on, and undo takes it back', async () => {
    const r = await review(5, ['Ana', 'Ben']);
    await r.as('Ana');
    const first = await r.client.call('screening.next', { stage: 'title-abstract', count: 2 });
    expect(first.records.map((x) => x.title)).toEqual(['Trial 1 of peer support', 'Trial 2 of peer support']);
    const decided = await r.client.call('screening.decide', {
      stage: 'title-abstract',
      recordId: r.ids[0]!,
      decision: 'exclude',
      note: 'adults',
    });
    expect(decided.mine).toMatchObject({ decision: 'exclude', note: 'adults', reviewerName: 'Ana' });
    expect(decided.final).toEqual({ decision: 'exclude', source: 'single' });
    const next = await r.client.call('screening.next', { stage: 'title-abstract', count: 1 });
    expect(next.records[0]!.recordId).toBe(r.ids[1]);
    // A single-screened record decided by Ana is not offered to Ben.
    await r.as('Ben');
    expect((await r.client.call('screening.next', { stage: 'title-abstract', count: 1 })).records[0]!.recordId).toBe(r.ids[1]);
    await r.as('Ana');
    await r.client.call('history.undo', {});
    expect((await r.client.call('screening.record', { stage: 'title-abstract', recordId: r.ids[0]! })).mine).toBeNull();
  });

  it('after a record continues from there and comes back round to records skipped earlier', async () => {
    const r = await review(6, ['Ana']);
    await r.as('Ana');
    const after4 = await r.client.call('screening.next', { stage: 'title-abstract', after: r.ids[3]!, count: 4 });
    expect(after4.records.map((x) => x.recordId)).toEqual([r.ids[4], r.ids[5], r.ids[0], r.ids[1]]);
  });

  it('dual screening of every record: blind until both decide, then a conflict that a third person resolves', async () => {
    const r = await review(4, ['Ana', 'Ben', 'Cy']);
    await r.as('Cy');
    await r.client.call('screening.settings.update', {
      patch: { stages: { 'title-abstract': { mode: 'dual', sample: { kind: 'all' } } } },
    });
    const id = r.ids[0]!;
    await r.as('Ana');
    const mine = await r.client.call('screening.decide', { stage: 'title-abstract', recordId: id, decision: 'include', note: 'RCT' });
    expect(mine.others).toBeNull();
    expect(mine.final).toBeNull();
    await r.as('Ben');
    // Ben is offered the record and sees nothing of Ana's decision.
    const offered = (await r.client.call('screening.next', { stage: 'title-abstract', count: 1 })).records[0]!;
    expect(offered.recordId).toBe(id);
    expect(offered.others).toBeNull();
    expect(offered.mine).toBeNull();
    expect(await r.client.call('screening.conflicts', { stage: 'title-abstract' })).toEqual([]);
    const both = await r.client.call('screening.decide', { stage: 'title-abstract', recordId: id, decision: 'exclude', note: 'not peer' });
    expect(both.others?.map((o) => [o.reviewerName, o.decision, o.note])).toEqual([['Ana', 'include', 'RCT']]);
    expect(both.final).toBeNull();
    const [conflict] = await r.client.call('screening.conflicts', { stage: 'title-abstract' });
    expect(conflict!.decisions.map((d) => [d.reviewerName, d.decision])).toEqual([
      ['Ana', 'include'],
      ['Ben', 'exclude'],
    ]);
    await r.as('Cy');
    const resolved = await r.client.call('screening.resolve', {
      stage: 'title-abstract',
      recordId: id,
      decision: 'include',
      note: 'peer-led',
    });
    expect(resolved.resolution).toMatchObject({ reviewerName: 'Cy', decision: 'include', note: 'peer-led' });
    expect(await r.client.call('screening.conflicts', { stage: 'title-abstract' })).toEqual([]);
    expect((await r.client.call('screening.record', { stage: 'title-abstract', recordId: id })).final).toEqual({
      decision: 'include',
      source: 'resolution',
    });
    // The included record goes on to full text.
    const status = await r.client.call('screening.status', {});
    expect(status.stages[0]).toMatchObject({ stage: 'title-abstract', records: 4, conflicts: 0, resolved: 1 });
    expect(status.stages[0]!.decisions).toEqual({ Ana: { include: 1, exclude: 0, maybe: 0 }, Ben: { include: 0, exclude: 1, maybe: 0 } });
    expect(status.stages[1]).toMatchObject({ stage: 'full-text', records: 1 });
  });

  it('a full-text exclusion needs one of the review’s reasons', async () => {
    const r = await review(2, ['Ana']);
    await r.as('Ana');
    await r.client.call('screening.decide', { stage: 'title-abstract', recordId: r.ids[0]!, decision: 'include' });
    await expect(r.client.call('screening.decide', { stage: 'full-text', recordId: r.ids[1]!, decision: 'include' })).rejects.toThrow(
      /not in the full-text stage/,
    );
    await expect(r.client.call('screening.decide', { stage: 'full-text', recordId: r.ids[0]!, decision: 'exclude' })).rejects.toThrow(
      /needs a reason/,
    );
    const settings = await r.client.call('screening.settings.update', {
      patch: { exclusionReasons: [{ label: 'Wrong population' }, { label: 'Not an RCT' }] },
    });
    const reason = settings.exclusionReasons[1]!;
    await r.client.call('screening.decide', { stage: 'full-text', recordId: r.ids[0]!, decision: 'exclude', reasonId: reason.id });
    const after = await r.client.call('screening.settings.get', {});
    expect(after.exclusionReasons.map((x) => [x.label, x.count])).toEqual([
      ['Wrong population', 0],
      ['Not an RCT', 1],
    ]);
    await expect(
      r.client.call('screening.settings.update', { patch: { exclusionReasons: [{ label: 'Wrong population' }] } }),
    ).rejects.toThrow(/given by a decision/);
  });
});
