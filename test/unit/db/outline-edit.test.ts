import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyGradeAssessment, inProcessClient, type ApiClient, type ApiError, type OutlineComparison } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { createExampleReview } from '../../../db/src/example/create-example.ts';
import { importRm5 } from '../../../db/src/rm5/import-rm5.ts';
import { parseRm5Text } from '../../../db/src/rm5/load-rm5.ts';
import { SAMPLE_RM5 } from '../rm5/sample-rm5.ts';
import { tempDir } from '../../support/temp.ts';
import { addArmLevelStudy, planOutcome, type Call } from '../../support/arm-level-data.ts';

// Editing the outline of the one analysis model: add, rename, move and delete comparisons,
// outcomes and subgroups; ids stay while RevMan's numbers follow the order; deleting takes
// rows and GRADE ratings along and undo brings them all back; planned outcomes stay.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function open(make: (file: string) => void): ApiClient {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'r.grove');
  make(file);
  let tick = 0;
  const backend = createBackend({ host: 'in-process', now: () => new Date(Date.UTC(2026, 0, 1) + tick++ * 1000).toISOString() });
  backend.openFile(file);
  cleanups.push(() => {
    backend.closeFile();
    cleanup();
  });
  return inProcessClient(backend);
}

const fleiss = () => open((file) => createExampleReview(file, { example: 'fleiss1993' }).close());
const sample = () => open((file) => importRm5(parseRm5Text('sample.rm5', SAMPLE_RM5), file).review.close());
const fail = (p: Promise<unknown>) => p.then(() => null).catch((e: unknown) => e as ApiError);
const numbered = (outline: OutlineComparison[]) =>
  outline.flatMap((c) => [[c.id, c.number, c.name], ...c.outcomes.map((o) => [o.id, o.number, o.name])]);

describe('editing the outline', () => {
  it('adds a comparison and an outcome with RevMan’s defaults, numbered after the others', async () => {
    const client = fleiss();
    const cmp = await client.call('outline.add', { kind: 'comparison', name: 'Peer support versus waiting list' });
    expect(cmp.id).toBe('CMP-002');
    const out = await client.call('outline.add', { kind: 'outcome', comparisonId: 'CMP-002', name: 'Admissions', dataType: 'dichotomous' });
    expect(out.id).toBe('CMP-002.01');
    expect(numbered(out.outline)).toEqual([
      ['CMP-001', '1', 'Intervention versus control'],
      ['CMP-001.01', '1.1', 'Medical utilisation: post-intervention'],
      ['CMP-002', '2', 'Peer support versus waiting list'],
      ['CMP-002.01', '2.1', 'Admissions'],
    ]);
    const detail = await client.call('outcomes.get', { id: 'CMP-002.01' });
    expect(detail.outcome.settings).toMatchObject({ effectMeasure: 'RR', method: 'MH', model: 'fixed', ciStudy: 95, totals: 'YES' });
    expect(detail.rows).toEqual([]);
    const bad = await fail(client.call('outline.add', { kind: 'outcome', comparisonId: 'CMP-001.01', name: 'x', dataType: 'continuous' }));
    expect(bad?.issues?.[0]?.path).toBe('comparisonId');
  });

  it('moves an outcome down: ids stay, numbers follow; the first cannot move up; undo restores the order', async () => {
    const client = sample();
    const before = await client.call('outcomes.outline', {});
    expect(before[0]!.outcomes.map((o) => o.id)).toEqual(['CMP-001.01', 'CMP-001.02', 'CMP-001.03', 'CMP-001.04']);
    const moved = await client.call('outline.move', { id: 'CMP-001.01', direction: 'down' });
    expect(moved.outline[0]!.outcomes.map((o) => [o.id, o.number])).toEqual([
      ['CMP-001.02', '1.1'],
      ['CMP-001.01', '1.2'],
      ['CMP-001.03', '1.3'],
      ['CMP-001.04', '1.4'],
    ]);
    // Subgroups are numbered under their outcome's new number.
    expect(moved.outline[0]!.outcomes[1]!.subgroups.map((s) => [s.id, s.number])).toEqual([
      ['CMP-001.01.01', '1.2.1'],
      ['CMP-001.01.02', '1.2.2'],
    ]);
    const first = await fail(client.call('outline.move', { id: 'CMP-001.02', direction: 'up' }));
    expect(first?.message).toMatch(/already first/);
    await client.call('history.undo', {});
    expect((await client.call('outcomes.outline', {}))[0]!.outcomes.map((o) => o.number)).toEqual(['1.1', '1.2', '1.3', '1.4']);
  });

  it('renames a comparison, an outcome and a subgroup', async () => {
    const client = sample();
    await client.call('outline.rename', { id: 'CMP-001', name: 'Aspirin versus placebo' });
    await client.call('outline.rename', { id: 'CMP-001.02', name: 'Pain (VAS)' });
    const r = await client.call('outline.rename', { id: 'CMP-001.01.02', name: 'Unblinded trials' });
    expect(r.outline[0]!.name).toBe('Aspirin versus placebo');
    expect(r.outline[0]!.outcomes[1]!.name).toBe('Pain (VAS)');
    expect(r.outline[0]!.outcomes[0]!.subgroups[1]!.name).toBe('Unblinded trials');
    const e = await fail(client.call('outline.rename', { id: 'CMP-009', name: 'x' }));
    expect(e?.code).toBe('NOT_FOUND');
  });

  it('deletes an outcome with its subgroups, rows and GRADE rating; undo brings every row back', async () => {
    const client = sample();
    const rows = (await client.call('outcomes.get', { id: 'CMP-001.01' })).rows;
    expect(rows.length).toBeGreaterThan(0);
    const rating = emptyGradeAssessment();
    rating.down.riskOfBias = { levels: 1, reason: 'Unblinded trials' };
    await client.call('grade.set', { analysisId: 'CMP-001.01', assessment: rating });
    expect((await client.call('grade.list', {})).map((g) => g.analysisId)).toContain('CMP-001.01');
    const after = await client.call('outline.delete', { id: 'CMP-001.01' });
    expect(after.outline[0]!.outcomes.map((o) => [o.id, o.number])).toEqual([
      ['CMP-001.02', '1.1'],
      ['CMP-001.03', '1.2'],
      ['CMP-001.04', '1.3'],
    ]);
    expect((await client.call('grade.list', {})).some((g) => g.analysisId === 'CMP-001.01')).toBe(false);
    await client.call('history.undo', {});
    const back = await client.call('outcomes.get', { id: 'CMP-001.01' });
    expect(back.outcome.number).toBe('1.1');
    expect(back.rows).toEqual(rows);
    expect(back.outcome.subgroups.map((s) => s.id)).toEqual(['CMP-001.01.01', 'CMP-001.01.02']);
    expect((await client.call('grade.list', {})).some((g) => g.analysisId === 'CMP-001.01')).toBe(true);
  });

  it('deletes a whole comparison, and undo restores it', async () => {
    const client = sample();
    const before = await client.call('outcomes.outline', {});
    const gone = await client.call('outline.delete', { id: 'CMP-001' });
    expect(gone.outline).toHaveLength(before.length - 1);
    await client.call('history.undo', {});
    expect(await client.call('outcomes.outline', {})).toEqual(before);
  });

  it('adds subgroups: the first takes the outcome’s rows; deleting a subgroup takes its rows', async () => {
    const client = sample();
    const cont = await client.call('outcomes.get', { id: 'CMP-001.02' });
    expect(cont.outcome.subgroups).toEqual([]);
    const n = cont.rows.length;
    const first = await client.call('outline.add', { kind: 'subgroup', outcomeId: 'CMP-001.02', name: 'Adults' });
    expect(first.id).toBe('CMP-001.02.01');
    const second = await client.call('outline.add', { kind: 'subgroup', outcomeId: 'CMP-001.02', name: 'Children' });
    const withGroups = await client.call('outcomes.get', { id: 'CMP-001.02' });
    expect(withGroups.outcome.subgroups.map((s) => [s.id, s.number, s.name])).toEqual([
      ['CMP-001.02.01', '1.2.1', 'Adults'],
      ['CMP-001.02.02', '1.2.2', 'Children'],
    ]);
    // Rows name their subgroup by its public id, as the outline does.
    expect(new Set(withGroups.rows.map((r) => r.subgroupId))).toEqual(new Set(['CMP-001.02.01']));
    // A study may sit in several subgroups: the same study added to the second one.
    const study = withGroups.rows[0]!;
    if (study.values.kind !== 'continuous') throw new Error('continuous expected');
    const sgKey = (await client.call('outcomes.get', { id: 'CMP-001.02' })).rows[0]!.subgroupId;
    const added = await client.call('outcomes.rows.create', {
      outcomeId: 'CMP-001.02',
      studyId: study.studyId,
      subgroupId: second.id,
      values: study.values,
    });
    expect(added.rows.filter((r) => r.studyId === study.studyId)).toHaveLength(2);
    expect(sgKey).not.toBeNull();
    const removed = await client.call('outline.delete', { id: 'CMP-001.02.01' });
    const left = await client.call('outcomes.get', { id: 'CMP-001.02' });
    expect(left.rows).toHaveLength(1);
    expect(removed.outline[0]!.outcomes[1]!.subgroups.map((s) => [s.id, s.number])).toEqual([['CMP-001.02.02', '1.2.1']]);
    await client.call('history.undo', {});
    expect((await client.call('outcomes.get', { id: 'CMP-001.02' })).rows).toHaveLength(n + 1);
  });

  it('keeps a planned outcome of a native review: it cannot be deleted or given subgroups by hand', async () => {
    const client = fleiss();
    const del = await fail(client.call('outline.delete', { id: 'CMP-001.01' }));
    expect(del?.code).toBe('CONFLICT');
    expect(del?.message).toMatch(/planned outcome of the protocol/);
    const cmp = await fail(client.call('outline.delete', { id: 'CMP-001' }));
    expect(cmp?.code).toBe('CONFLICT');
    const sg = await fail(client.call('outline.add', { kind: 'subgroup', outcomeId: 'CMP-001.01', name: 'x' }));
    expect(sg?.code).toBe('CONFLICT');
    expect((await client.call('outcomes.outline', {}))[0]!.outcomes).toHaveLength(1);
  });

  it('lets an imported outcome take arm-level data of a planned outcome: its RevMan rows stay direct rows; undo and unlink', async () => {
    const client = sample();
    const call: Call = (m, a) => client.call(m as 'protocol.get', a as never);
    const before = await client.call('outcomes.get', { id: 'CMP-001.02' });
    const direct = before.rows.map((r) => ({ study: r.studyLabel, origin: r.origin, values: r.values }));
    expect(direct.length).toBeGreaterThan(0);
    expect(direct.every((r) => r.origin === 'direct')).toBe(true);

    const planned = await planOutcome(call, 'Symptom score');
    // A study with data for the planned outcome: the outline gives it an outcome of its own…
    await addArmLevelStudy(call, {
      label: 'Newman 2024',
      plannedOutcomeId: planned.plannedOutcomeId,
      measure: 'Symptom scale',
      intervention: { mean: 4.1, sd: 1.2, n: 30 },
      control: { mean: 5.0, sd: 1.3, n: 31 },
    });
    const auto = (await client.call('outcomes.outline', {})).flatMap((c) => c.outcomes).filter((o) => o.source.kind === 'planned');
    expect(auto).toHaveLength(1);

    // …which gives way when the imported outcome takes the planned outcome's data.
    const linked = await client.call('outline.linkPlanned', { id: 'CMP-001.02', planned });
    const outcomes = linked.outline.flatMap((c) => c.outcomes);
    expect(outcomes.filter((o) => o.source.kind === 'planned').map((o) => o.id)).toEqual(['CMP-001.02']);
    // The comparison made for it alone went with it.
    expect(linked.outline.map((c) => c.name)).toEqual(['Tea vs water']);
    const after = await client.call('outcomes.get', { id: 'CMP-001.02' });
    expect(
      after.rows.filter((r) => r.origin === 'direct').map((r) => ({ study: r.studyLabel, origin: r.origin, values: r.values })),
    ).toEqual(direct);
    const derived = after.rows.filter((r) => r.origin === 'derived');
    expect(derived.map((r) => [r.studyLabel, r.values])).toEqual([
      ['Newman 2024', { kind: 'continuous', mean1: 4.1, sd1: 1.2, total1: 30, mean2: 5, sd2: 1.3, total2: 31 }],
    ]);
    // Its own settings stay (RevMan's SMD), and the new study is pooled with the others.
    expect(after.outcome.settings.effectMeasure).toBe('SMD');
    expect(after.analysis.result?.rows.map((r) => r.study)).toContain('Newman 2024');
    expect(after.analysis.result?.rows).toHaveLength(direct.length + 1);

    await client.call('history.undo', {});
    expect((await client.call('outcomes.get', { id: 'CMP-001.02' })).rows.map((r) => r.origin)).toEqual(direct.map(() => 'direct'));
    expect((await client.call('outcomes.outline', {})).flatMap((c) => c.outcomes).filter((o) => o.source.kind === 'planned')).toHaveLength(
      1,
    );

    await client.call('outline.linkPlanned', { id: 'CMP-001.02', planned });
    const unlinked = await client.call('outline.linkPlanned', { id: 'CMP-001.02', planned: null });
    expect(unlinked.outline.flatMap((c) => c.outcomes).find((o) => o.id === 'CMP-001.02')?.source).toEqual({ kind: 'entered' });
  });

  it('refuses to link an outcome with subgroups, a generic one, or to an unknown planned outcome, naming the field', async () => {
    const client = sample();
    const call: Call = (m, a) => client.call(m as 'protocol.get', a as never);
    const planned = await planOutcome(call, 'Colds');
    const sub = await fail(client.call('outline.linkPlanned', { id: 'CMP-001.01', planned }));
    expect(sub?.message).toMatch(/has subgroups/);
    const generic = await fail(client.call('outline.linkPlanned', { id: 'CMP-001.03', planned }));
    expect(generic?.message).toMatch(/only continuous and dichotomous/);
    const unknown = await fail(client.call('outline.linkPlanned', { id: 'CMP-001.02', planned: { ...planned, plannedOutcomeId: 'nope' } }));
    expect(unknown?.issues?.[0]?.path).toBe('planned.plannedOutcomeId');
    const notLinked = await fail(client.call('outline.linkPlanned', { id: 'CMP-001.02', planned: null }));
    expect(notLinked?.issues?.[0]?.path).toBe('planned');
  });
});
