import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, type ApiClient, type ApiError, type AssembledAnalysis } from '@grove/shared';
import { analyzeRm5Review } from '@grove/shared/rm5/analyze-review';
import { createBackend } from '../../../db/src/backend.ts';
import { createExampleReview } from '../../../db/src/example/create-example.ts';
import { importRm5 } from '../../../db/src/rm5/import-rm5.ts';
import { parseRm5Text } from '../../../db/src/rm5/load-rm5.ts';
import { SAMPLE_RM5 } from '../rm5/sample-rm5.ts';
import { tempDir } from '../../support/temp.ts';

// The one analysis model over the API: the outline with ids and RevMan numbers, derived rows
// with provenance that follow the extraction, detaching with a reason, direct rows, outcome
// settings, undo, and imported RevMan outcomes analysed exactly as `grove rm5 analyze` does.

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
/** The pooled estimate, or null when there is none. */
const pooled = (x: { analysis: AssembledAnalysis }): number | null => {
  const o = x.analysis.result?.overall;
  return o?.estimable ? o.estimate : null;
};
const fail = (p: Promise<unknown>) => p.then(() => null).catch((e: unknown) => e as ApiError);

describe('the one analysis model: a native review', () => {
  it('outlines the planned outcome as comparison 1, outcome 1.1, with derived rows and their provenance', async () => {
    const client = fleiss();
    const outline = await client.call('outcomes.outline', {});
    expect(outline).toHaveLength(1);
    expect(outline[0]).toMatchObject({ id: 'CMP-001', number: '1', name: 'Intervention versus control' });
    expect(outline[0]!.outcomes.map((o) => [o.id, o.number, o.name, o.dataType, o.studies])).toEqual([
      ['CMP-001.01', '1.1', 'Medical utilisation: post-intervention', 'continuous', 5],
    ]);
    const detail = await client.call('outcomes.get', { id: 'CMP-001.01' });
    expect(detail.rows.map((r) => [r.origin, r.studyLabel])).toEqual([
      ['derived', 'Davis'],
      ['derived', 'Florell'],
      ['derived', 'Gruen'],
      ['derived', 'Hart'],
      ['derived', 'Wilson'],
    ]);
    const davis = detail.rows[0]!;
    expect(davis.origin === 'derived' && davis.provenance.timepointLabel).toBeTruthy();
    expect(davis.origin === 'derived' && davis.provenance.interventionArms.length).toBe(1);
    // The dashboard's analysis is the same analysis, under the outcome's id.
    const [listed] = await client.call('analyses.list', {});
    expect(listed!.id).toBe('CMP-001.01');
    expect(pooled(listed!)).toBe(pooled(detail));
  });

  it('follows the extraction: a changed arm result changes the derived row and the pooled result; undo restores both', async () => {
    const client = fleiss();
    const before = await client.call('outcomes.get', { id: 'CMP-001.01' });
    const davis = before.rows[0]!;
    if (davis.origin !== 'derived' || davis.values.kind !== 'continuous') throw new Error('expected a derived continuous row');
    const arm = davis.provenance.interventionArms[0]!;
    await client.call('results.set', {
      studyOutcomeId: davis.provenance.studyOutcomeId,
      timepointId: davis.provenance.timepointId,
      armId: arm.id,
      result: { kind: 'continuous', mean: davis.values.mean1 + 10, sd: davis.values.sd1, n: davis.values.total1, derivation: null },
    });
    const after = await client.call('outcomes.get', { id: 'CMP-001.01' });
    expect(after.rows[0]!.values).toMatchObject({ mean1: davis.values.mean1 + 10 });
    expect(pooled(after)).not.toBe(pooled(before));
    await client.call('history.undo', {});
    const undone = await client.call('outcomes.get', { id: 'CMP-001.01' });
    expect(pooled(undone)).toBe(pooled(before));
  });

  it('detaches a derived row with a reason kept in the audit log; deleting it brings the derived row back', async () => {
    const client = fleiss();
    const before = await client.call('outcomes.get', { id: 'CMP-001.01' });
    const davis = before.rows[0]!;
    if (davis.values.kind !== 'continuous') throw new Error('continuous expected');
    expect((await fail(client.call('outcomes.rows.detach', { outcomeId: 'CMP-001.01', studyId: davis.studyId, reason: '  ' })))?.code).toBe(
      'VALIDATION',
    );
    const detached = await client.call('outcomes.rows.detach', {
      outcomeId: 'CMP-001.01',
      studyId: davis.studyId,
      reason: 'SD taken from the authors’ correction',
      values: { ...davis.values, sd1: davis.values.sd1 * 2 },
    });
    const row = detached.rows.find((r) => r.studyId === davis.studyId)!;
    expect(row).toMatchObject({
      origin: 'detached',
      reason: 'SD taken from the authors’ correction',
      values: { sd1: davis.values.sd1 * 2 },
    });
    expect(row.origin === 'detached' && row.provenance?.timepointId).toBe(davis.origin === 'derived' && davis.provenance.timepointId);
    expect(detached.rows.filter((r) => r.studyId === davis.studyId)).toHaveLength(1);
    expect(pooled(detached)).not.toBe(pooled(before));
    const audit = await client.call('audit.list', {});
    expect(JSON.stringify(audit)).toContain('SD taken from the authors’ correction');
    expect(
      (await fail(client.call('outcomes.rows.detach', { outcomeId: 'CMP-001.01', studyId: davis.studyId, reason: 'again' })))?.code,
    ).toBe('CONFLICT');
    const back = await client.call('outcomes.rows.delete', { outcomeId: 'CMP-001.01', rowId: row.id });
    expect(back.rows[0]).toMatchObject({ origin: 'derived', studyId: davis.studyId });
    expect(pooled(back)).toBe(pooled(before));
  });

  it('changes settings (the outcome then stops following the conventions) and refuses settings its data type cannot have', async () => {
    const client = fleiss();
    const fixed = await client.call('outcomes.update', { id: 'CMP-001.01', settings: { model: 'fixed' } });
    expect(fixed.outcome.source).toMatchObject({ kind: 'planned', followsConventions: false });
    expect(fixed.analysis.input?.model).toBe('fixed');
    const random = await client.call('outcomes.update', { id: 'CMP-001.01', settings: { model: 'random' }, name: 'Utilisation' });
    expect(random.outcome.name).toBe('Utilisation');
    expect(pooled(random)).not.toBe(pooled(fixed));
    const e = await fail(client.call('outcomes.update', { id: 'CMP-001.01', settings: { effectMeasure: 'RR' } }));
    expect(e?.issues?.[0]?.path).toBe('settings.effectMeasure');
    expect((await fail(client.call('outcomes.get', { id: 'CMP-009.01' })))?.code).toBe('NOT_FOUND');
  });
});

describe('the one analysis model: an imported RevMan review', () => {
  it('keeps RevMan’s ids and numbers and analyses every outcome as grove rm5 analyze does', async () => {
    const client = sample();
    const outline = await client.call('outcomes.outline', {});
    const loaded = parseRm5Text('sample.rm5', SAMPLE_RM5);
    const expected = analyzeRm5Review(loaded.review).outcomes;
    const outcomes = outline.flatMap((c) => c.outcomes);
    expect(outcomes.map((o) => o.id)).toEqual(['CMP-001.01', 'CMP-001.02', 'CMP-001.03', 'CMP-001.04']);
    expect(outcomes.map((o) => o.dataType)).toEqual(['dichotomous', 'continuous', 'generic', 'oe-variance']);
    expect(outcomes[0]!.subgroups.map((s) => [s.id, s.number])).toEqual([
      ['CMP-001.01.01', '1.1.1'],
      ['CMP-001.01.02', '1.1.2'],
    ]);
    expect(outcomes.map((o) => o.number)).toEqual(outline.flatMap((c, i) => c.outcomes.map((_, j) => `${i + 1}.${j + 1}`)));
    for (const o of outcomes) {
      const detail = await client.call('outcomes.get', { id: o.id });
      const want = expected.find((x) => x.id === o.id)!;
      expect(detail.rows.every((r) => r.origin === 'direct')).toBe(true);
      if (want.overall?.estimable) expect(pooled(detail)).toBeCloseTo(want.overall.estimate!, 12);
      else expect(detail.analysis.result?.overall?.estimable ?? false).toBe(false);
    }
  });

  it('edits a direct row (validated at the cell), and undo restores it', async () => {
    const client = sample();
    const outline = await client.call('outcomes.outline', {});
    const cont = outline.flatMap((c) => c.outcomes).find((o) => o.dataType === 'continuous')!;
    const before = await client.call('outcomes.get', { id: cont.id });
    const row = before.rows[0]!;
    if (row.values.kind !== 'continuous') throw new Error('continuous expected');
    const e = await fail(
      client.call('outcomes.rows.update', {
        outcomeId: cont.id,
        rowId: row.id,
        values: { kind: 'dichotomous', events1: 1, total1: 2, events2: 1, total2: 2 },
      }),
    );
    expect(e?.issues?.[0]?.path).toBe('values.kind');
    const edited = await client.call('outcomes.rows.update', {
      outcomeId: cont.id,
      rowId: row.id,
      values: { ...row.values, mean1: row.values.mean1 + 5 },
    });
    expect(edited.analysis.result?.rows[0]?.estimate).not.toBe(before.analysis.result?.rows[0]?.estimate);
    await client.call('history.undo', {});
    const undone = await client.call('outcomes.get', { id: cont.id });
    expect(undone.rows[0]!.values).toEqual(row.values);
    expect(pooled(undone)).toBe(pooled(before));
  });

  it('adds and deletes a direct row in a subgroup, refusing events above the total, unknown studies and a missing subgroup', async () => {
    const client = sample();
    const dich = (await client.call('outcomes.outline', {})).flatMap((c) => c.outcomes).find((o) => o.id === 'CMP-001.01')!;
    const before = await client.call('outcomes.get', { id: dich.id });
    const studyId = before.rows[0]!.studyId;
    const noSubgroup = await fail(
      client.call('outcomes.rows.create', {
        outcomeId: dich.id,
        studyId,
        values: { kind: 'dichotomous', events1: 1, total1: 4, events2: 1, total2: 4 },
      }),
    );
    expect(noSubgroup?.issues?.[0]?.path).toBe('subgroupId');
    const bad = await fail(
      client.call('outcomes.rows.create', {
        outcomeId: dich.id,
        studyId,
        subgroupId: 'CMP-001.01.02',
        values: { kind: 'dichotomous', events1: 5, total1: 4, events2: 1, total2: 4 },
      }),
    );
    expect(bad?.issues?.[0]?.path).toBe('values.events1');
    const unknown = await fail(
      client.call('outcomes.rows.create', {
        outcomeId: dich.id,
        studyId: 'nope',
        subgroupId: 'CMP-001.01.02',
        values: { kind: 'dichotomous', events1: 1, total1: 4, events2: 1, total2: 4 },
      }),
    );
    expect(unknown?.issues?.[0]?.path).toBe('studyId');
    const added = await client.call('outcomes.rows.create', {
      outcomeId: dich.id,
      studyId,
      subgroupId: 'CMP-001.01.02',
      values: { kind: 'dichotomous', events1: 1, total1: 40, events2: 9, total2: 40 },
    });
    expect(added.rows).toHaveLength(before.rows.length + 1);
    // A study may be in several subgroups; the new row pools in subgroup 1.1.2.
    expect(added.analysis.result?.subgroups[1]?.k).toBe((before.analysis.result?.subgroups[1]?.k ?? 0) + 1);
    const removed = await client.call('outcomes.rows.delete', { outcomeId: dich.id, rowId: added.rows.at(-1)!.id });
    expect(removed.rows).toHaveLength(before.rows.length);
  });

  it('pools an imported outcome of two studies, as RevMan does (the minimum of three is the seed review\'s rule)', async () => {
    const client = sample();
    const protocol = await client.call('protocol.get', {});
    expect(protocol.conventions.minStudiesForMetaAnalysis).toBe(2);
    const list = await client.call('analyses.list', {});
    const two = list.filter((a) => a.analysis.result?.overall?.estimable && a.analysis.result.overall.k === 2);
    expect(two.length).toBeGreaterThan(0);
    for (const a of two) expect(a.analysis.synthesis).toBe('meta-analysis');
  });

  it('shows imported outcomes in the dashboard, Table 2 and the summary of findings', async () => {
    const client = sample();
    const list = await client.call('analyses.list', {});
    const outline = (await client.call('outcomes.outline', {})).flatMap((c) => c.outcomes).filter((o) => o.studies > 0);
    expect(list.map((a) => a.id)).toEqual(outline.map((o) => o.id));
    const t2 = await client.call('outputs.table2', {});
    const metaAnalysed = list.filter((a) => a.analysis.synthesis === 'meta-analysis' && a.analysis.result?.overall?.estimable);
    expect(t2.groups.flatMap((g) => g.rows).length).toBe(metaAnalysed.length);
  });
});

describe('changing an outcome’s data type, as RevMan allows it', () => {
  it('changes an outcome without rows freely: the type-specific settings start afresh, the others stay; undo restores it', async () => {
    const client = sample();
    const added = await client.call('outline.add', { kind: 'outcome', comparisonId: 'CMP-001', name: 'Relapse', dataType: 'dichotomous' });
    await client.call('outcomes.update', {
      id: added.id,
      settings: { model: 'random', ciTotal: 99, effectMeasure: 'OR', swapEvents: true },
    });
    const changed = await client.call('outcomes.setDataType', { id: added.id, dataType: 'continuous' });
    expect(changed.outcome.dataType).toBe('continuous');
    expect(changed.outcome.settings).toMatchObject({ effectMeasure: 'MD', method: 'IV', swapEvents: false, model: 'random', ciTotal: 99 });
    // A continuous row is now what it takes.
    const studyId = (await client.call('outcomes.get', { id: 'CMP-001.02' })).rows[0]!.studyId;
    const withRow = await client.call('outcomes.rows.create', {
      outcomeId: added.id,
      studyId,
      values: { kind: 'continuous', mean1: 1, sd1: 1, total1: 10, mean2: 2, sd2: 1, total2: 10 },
    });
    expect(withRow.rows).toHaveLength(1);
    await client.call('history.undo', {});
    await client.call('history.undo', {});
    const undone = await client.call('outcomes.get', { id: added.id });
    expect(undone.outcome.dataType).toBe('dichotomous');
    expect(undone.outcome.settings).toMatchObject({ effectMeasure: 'OR', swapEvents: true });
    // The same type again is no change at all.
    const again = await client.call('outcomes.setDataType', { id: added.id, dataType: 'dichotomous' });
    expect(again.outcome.dataType).toBe('dichotomous');
  });

  it('asks for confirmation while the outcome has rows, then deletes them in one audited, undoable change', async () => {
    const client = sample();
    const before = await client.call('outcomes.get', { id: 'CMP-001.01' });
    expect(before.rows.length).toBeGreaterThan(0);
    const refused = await fail(client.call('outcomes.setDataType', { id: 'CMP-001.01', dataType: 'generic' }));
    expect(refused?.code).toBe('CONFLICT');
    expect(refused?.message).toContain(`Outcome 1.1 has ${before.rows.length} data rows of dichotomous data`);
    expect((await client.call('outcomes.get', { id: 'CMP-001.01' })).rows).toHaveLength(before.rows.length);

    const changed = await client.call('outcomes.setDataType', { id: 'CMP-001.01', dataType: 'generic', clearRows: true });
    expect(changed.outcome.dataType).toBe('generic');
    expect(changed.rows).toEqual([]);
    expect(changed.outcome.subgroups.map((s) => s.id)).toEqual(before.outcome.subgroups.map((s) => s.id));
    const outline = (await client.call('outcomes.outline', {})).flatMap((c) => c.outcomes);
    expect(outline.find((o) => o.id === 'CMP-001.01')?.dataType).toBe('generic');
    const audit = JSON.stringify(await client.call('audit.list', {}));
    expect(audit).toContain(`Changed the data type of outcome 1.1 ${before.outcome.name} from dichotomous to generic inverse variance`);

    await client.call('history.undo', {});
    const undone = await client.call('outcomes.get', { id: 'CMP-001.01' });
    expect(undone.outcome.dataType).toBe('dichotomous');
    expect(undone.rows.map((r) => [r.id, r.values])).toEqual(before.rows.map((r) => [r.id, r.values]));
    expect(pooled(undone)).toBe(pooled(before));
  });

  it('refuses a derived outcome of a native review: its type is the planned outcome’s', async () => {
    const client = fleiss();
    const e = await fail(client.call('outcomes.setDataType', { id: 'CMP-001.01', dataType: 'dichotomous', clearRows: true }));
    expect(e?.code).toBe('VALIDATION');
    expect(e?.issues?.[0]?.path).toBe('dataType');
    expect(e?.message).toContain('derived from the arm-level extraction');
    expect((await client.call('outcomes.get', { id: 'CMP-001.01' })).outcome.dataType).toBe('continuous');
  });
});

describe('several rows as one change (a pasted block)', () => {
  it('saves every row in one change that one undo takes back', async () => {
    const client = sample();
    const before = await client.call('outcomes.get', { id: 'CMP-001.02' });
    const [a, b] = before.rows;
    if (a?.values.kind !== 'continuous' || b?.values.kind !== 'continuous') throw new Error('two continuous rows expected');
    const edited = await client.call('outcomes.rows.updateMany', {
      outcomeId: 'CMP-001.02',
      rows: [
        { rowId: a.id, values: { ...a.values, mean1: 11 } },
        { rowId: b.id, values: { ...b.values, mean1: 12 } },
      ],
    });
    expect(edited.rows.slice(0, 2).map((r) => r.values.kind === 'continuous' && r.values.mean1)).toEqual([11, 12]);
    expect(pooled(edited)).not.toBe(pooled(before));
    const status = await client.call('history.status', {});
    expect(status.undoLabel).toContain('Edit 2 rows in 1.2');
    await client.call('history.undo', {});
    const undone = await client.call('outcomes.get', { id: 'CMP-001.02' });
    expect(undone.rows.map((r) => r.values)).toEqual(before.rows.map((r) => r.values));
  });

  it('writes nothing when one row is wrong, and names it', async () => {
    const client = sample();
    const before = await client.call('outcomes.get', { id: 'CMP-001.01' });
    const [a, b] = before.rows;
    if (a?.values.kind !== 'dichotomous' || b?.values.kind !== 'dichotomous') throw new Error('two dichotomous rows expected');
    const e = await fail(
      client.call('outcomes.rows.updateMany', {
        outcomeId: 'CMP-001.01',
        rows: [
          { rowId: a.id, values: { ...a.values, events1: 0 } },
          { rowId: b.id, values: { ...b.values, events1: b.values.total1 + 1 } },
        ],
      }),
    );
    expect(e?.issues?.[0]?.path).toBe('rows.1.values.events1');
    const derived = await fail(
      client.call('outcomes.rows.updateMany', { outcomeId: 'CMP-001.01', rows: [{ rowId: 'derived:x', values: a.values }] }),
    );
    expect(derived?.issues?.[0]?.path).toBe('rows.0.rowId');
    expect((await client.call('outcomes.get', { id: 'CMP-001.01' })).rows.map((r) => r.values)).toEqual(before.rows.map((r) => r.values));
  });
});
