import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, SEED_FORM_IDS, type ApiClient } from '@grove/shared';
import { sdFromCi } from '@grove/shared/stats/index';
import { createReviewFromDocument } from '../../../db/src/document/import-review.ts';
import { exportReview } from '../../../db/src/document/export-review.ts';
import { freshBackend } from '../../support/review-fixtures.ts';
import { tempDir } from '../../support/temp.ts';

// Studies & data and risk of bias through the API, on real review files.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function example() {
  const f = freshBackend('example');
  cleanups.push(f.cleanup);
  return f;
}
async function rejects(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.catch((err: unknown) => err);
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}
async function study(client: ApiClient, label: string) {
  const s = (await client.call('studies.list', {})).find((x) => x.label === label);
  if (!s) throw new Error(`no study ${label}`);
  return s;
}

describe('risk of bias in the example review', () => {
  it('computes exactly the paper’s overall judgements with the default rule', async () => {
    const { client } = example();
    const overall = Object.fromEntries((await client.call('rob.list', {})).map((r) => [r.label, r.overall]));
    expect(overall).toEqual({
      'Ben-Zeev 2018': 'low',
      'Cook 2012a': 'low',
      'Cook 2012b': 'unclear',
      'Corrigan 2015': 'high',
      'Eisen 2012': 'unclear',
      'Kaplan 2011': 'unclear',
      'Rüsch 2014': 'high',
      'Russinova 2014': 'unclear',
    });
  });

  it('leaves what the paper does not state not judged', async () => {
    const { client } = example();
    const eisen = (await client.call('rob.list', {})).find((r) => r.label === 'Eisen 2012')!;
    expect(eisen.assessment.otherBias).toEqual({ level: 'study', judgement: null, support: '' });
    expect(eisen.assessment.sequenceGeneration).toEqual({
      level: 'study',
      judgement: 'unclear',
      support: 'Details of random sequence generation not reported',
    });
  });

  it('recomputes the overall judgement when a domain or the rule changes, and audits the judgement', async () => {
    const { client } = example();
    const reviewer = await client.call('reviewers.create', { reviewer: { name: 'Claire Cooper', initials: 'CC', email: '' } });
    await client.call('session.setReviewer', { reviewerId: reviewer.id });
    const ben = await study(client, 'Ben-Zeev 2018');
    const after = await client.call('rob.setDomain', {
      studyId: ben.id,
      domain: 'otherBias',
      entry: { level: 'study', judgement: 'unclear', support: 'Funding not stated' },
    });
    // Key domains all low, "other bias" unclear: the configured fallback (unclear).
    expect(after.overall).toBe('unclear');
    const [entry] = await client.call('audit.list', { limit: 1 });
    expect(entry).toMatchObject({ reviewerName: 'Claire Cooper', entity: 'risk-of-bias judgement', action: 'update' });
    expect(entry?.summary).toContain('Ben-Zeev 2018');
    await client.call('rob.settings.update', {
      patch: {
        overallRule: {
          keyDomains: ['sequenceGeneration', 'allocationConcealment', 'incompleteOutcomeData', 'selectiveReporting'],
          fallback: 'low',
        },
      },
    });
    expect((await client.call('rob.list', {})).find((r) => r.label === 'Ben-Zeev 2018')?.overall).toBe('low');
  });
});

describe('characteristics', () => {
  it('holds Table 1 with N/R as its own value and a source note', async () => {
    const { client } = example();
    const ben = await study(client, 'Ben-Zeev 2018');
    const values = await client.call('characteristics.list', { studyId: ben.id });
    const byField = Object.fromEntries(values.map((v) => [v.fieldId, v]));
    expect(byField[SEED_FORM_IDS.randomised]?.content).toEqual({ status: 'value', value: 163 });
    expect(byField[SEED_FORM_IDS.employed]?.content).toEqual({ status: 'not-reported' });
    expect(byField[SEED_FORM_IDS.category]?.content).toEqual({ status: 'value', value: 'category-self-management' });
    expect(byField[SEED_FORM_IDS.randomised]?.sourceNote).toBe('Published review, Table 1');
    const eisen = await study(client, 'Eisen 2012');
    const eisenValues = await client.call('characteristics.list', { studyId: eisen.id });
    // The paper does not state Eisen 2012's follow-up: no value, not N/R.
    expect(eisenValues.some((v) => v.fieldId === SEED_FORM_IDS.followUp)).toBe(false);
  });

  it('refuses a value that does not fit its field, naming it, and changes nothing', async () => {
    const { client } = example();
    const ben = await study(client, 'Ben-Zeev 2018');
    const before = await client.call('characteristics.list', { studyId: ben.id });
    const e1 = await rejects(
      client.call('characteristics.set', { studyId: ben.id, fieldId: SEED_FORM_IDS.female, content: { status: 'value', value: 140 } }),
    );
    expect(e1.code).toBe('VALIDATION');
    expect(e1.message).toMatch(/Female a percentage must be between 0 and 100/);
    const e2 = await rejects(
      client.call('characteristics.set', {
        studyId: ben.id,
        fieldId: SEED_FORM_IDS.randomised,
        content: { status: 'value', value: 'abc' },
      }),
    );
    expect(e2.message).toMatch(/Number randomised must be a whole number/);
    expect(await client.call('characteristics.list', { studyId: ben.id })).toEqual(before);
  });
});

describe('outcome data', () => {
  async function setUp(client: ApiClient) {
    const ben = await study(client, 'Ben-Zeev 2018');
    const wrap = await client.call('arms.create', {
      studyId: ben.id,
      arm: { label: 'WRAP group', role: 'intervention', description: '', randomised: 82 },
    });
    const focus = await client.call('arms.create', {
      studyId: ben.id,
      arm: { label: 'FOCUS', role: 'control', description: '', randomised: 81 },
    });
    const outcome = await client.call('studyOutcomes.create', {
      studyId: ben.id,
      outcome: {
        outcomeId: 'outcome-recovery',
        measure: 'Recovery Assessment Scale',
        direction: 'higher-better',
        dataType: 'continuous',
        notes: '',
      },
    });
    const post = await client.call('timepoints.create', {
      studyId: ben.id,
      timepoint: { label: 'End of treatment', weeksAfterTreatment: 0, categoryOverride: null },
    });
    const m3 = await client.call('timepoints.create', {
      studyId: ben.id,
      timepoint: { label: '3 months', weeksAfterTreatment: 13, categoryOverride: null },
    });
    const m6 = await client.call('timepoints.create', {
      studyId: ben.id,
      timepoint: { label: '6 months', weeksAfterTreatment: 26, categoryOverride: null },
    });
    return { ben, wrap, focus, outcome, post, m3, m6 };
  }

  it('classifies timepoints with the seed’s rules and picks the one analysed', async () => {
    const { client } = example();
    const { ben, post, m3, m6 } = await setUp(client);
    const data = await client.call('studyData.get', { studyId: ben.id });
    const tp = Object.fromEntries(data.timepoints.map((t) => [t.id, t]));
    expect(tp[post.id]).toMatchObject({ categoryId: 'timepoint-post-intervention', selected: true });
    expect(tp[m3.id]).toMatchObject({ categoryId: 'timepoint-short-term', selected: false });
    // Nearest to but not exceeding one year.
    expect(tp[m6.id]).toMatchObject({ categoryId: 'timepoint-short-term', selected: true });
    await client.call('timepoints.update', { id: m3.id, patch: { categoryOverride: 'timepoint-short-term' } });
    const again = await client.call('studyData.get', { studyId: ben.id });
    expect(again.timepoints.find((t) => t.id === m3.id)?.selected).toBe(true);
    expect(again.timepoints.find((t) => t.id === m6.id)?.selected).toBe(false);
  });

  it('stores a derived SD with its derivation, and refuses impossible results without losing others', async () => {
    const { client } = example();
    const { ben, wrap, focus, outcome, post } = await setUp(client);
    const sd = sdFromCi(3.1, 4.9, 40, { distribution: 't' });
    await client.call('results.set', {
      studyOutcomeId: outcome.id,
      timepointId: post.id,
      armId: wrap.id,
      result: { kind: 'continuous', mean: 4, sd: sd.value, n: 40, derivation: sd.derivation },
    });
    await client.call('results.set', {
      studyOutcomeId: outcome.id,
      timepointId: post.id,
      armId: focus.id,
      result: { kind: 'continuous', mean: 3.6, sd: 1.1, n: 41, derivation: null },
    });

    const sdZero = (await client
      .call('results.set', {
        studyOutcomeId: outcome.id,
        timepointId: post.id,
        armId: focus.id,
        result: { kind: 'continuous', mean: 3.6, sd: 0, n: 41, derivation: null },
      })
      .catch((e: unknown) => e as ApiError)) as ApiError;
    expect(sdZero.code).toBe('VALIDATION');
    expect(sdZero.issues?.[0]?.path).toBe('result.sd');
    const tooMany = await rejects(
      client.call('results.set', {
        studyOutcomeId: outcome.id,
        timepointId: post.id,
        armId: focus.id,
        result: { kind: 'continuous', mean: 3.6, sd: 1, n: 90, derivation: null },
      }),
    );
    expect(tooMany.message).toMatch(/N \(90\) is larger than the 81 randomised to “FOCUS”/);
    const wrongKind = await rejects(
      client.call('results.set', {
        studyOutcomeId: outcome.id,
        timepointId: post.id,
        armId: focus.id,
        result: { kind: 'dichotomous', events: 50, n: 41, derivation: null },
      }),
    );
    expect(wrongKind.message).toMatch(/continuous data/);

    const data = await client.call('studyData.get', { studyId: ben.id });
    expect(data.results).toHaveLength(2);
    const derived = data.results.find((r) => r.armId === wrap.id)!.result;
    expect(derived).toMatchObject({ kind: 'continuous', mean: 4, n: 40, derivation: { method: sd.derivation.method } });
    expect(data.results.find((r) => r.armId === focus.id)!.result).toMatchObject({ sd: 1.1, n: 41 });
  });

  it('exports everything and new --from restores it exactly; deleting the study and undoing brings its data back', async () => {
    const { client } = example();
    const { ben, wrap, outcome, post } = await setUp(client);
    const sd = sdFromCi(3.1, 4.9, 40, { distribution: 't' });
    await client.call('results.set', {
      studyOutcomeId: outcome.id,
      timepointId: post.id,
      armId: wrap.id,
      result: { kind: 'continuous', mean: 4, sd: sd.value, n: 40, derivation: sd.derivation },
    });
    const doc = await client.call('review.export', {});
    // Version 3: the analyses outline the result gave the review travels in the RevMan section.
    expect(doc.formatVersion).toBe(3);
    expect(new Set(doc.revman?.analyses.map((a) => a.planned?.plannedOutcomeId))).toEqual(new Set([outcome.outcomeId]));
    expect(doc.extractionForm.fields.length).toBeGreaterThan(10);
    expect(doc.characteristics.length).toBeGreaterThan(90);
    expect(doc.studyData.results[0]?.result.derivation?.method).toBe(sd.derivation.method);
    expect(doc.riskOfBias?.assessments.find((a) => a.studyId === 'study-corrigan-2015')).toMatchObject({
      overall: 'high',
      label: 'Corrigan 2015',
    });

    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const copy = createReviewFromDocument(path.join(dir, 'copy.grove'), 'doc', JSON.parse(JSON.stringify(doc)));
    expect(exportReview(copy.db)).toEqual(doc);
    copy.close();

    await client.call('studies.delete', { id: ben.id });
    expect((await client.call('rob.list', {})).some((r) => r.studyId === ben.id)).toBe(false);
    await client.call('history.undo', {});
    const back = await client.call('review.export', {});
    expect({ ...back, auditLog: [], review: null }).toEqual({ ...doc, auditLog: [], review: null });
  });
});

describe('batch results, value counts and form changes', () => {
  it('saves a pasted block as one change, undone in one step; a bad cell saves none', async () => {
    const { client } = example();
    const ben = await study(client, 'Ben-Zeev 2018');
    const arm1 = await client.call('arms.create', {
      studyId: ben.id,
      arm: { label: 'WRAP', role: 'intervention', description: '', randomised: 82 },
    });
    const arm2 = await client.call('arms.create', {
      studyId: ben.id,
      arm: { label: 'FOCUS', role: 'control', description: '', randomised: 81 },
    });
    const o = await client.call('studyOutcomes.create', {
      studyId: ben.id,
      outcome: { outcomeId: 'outcome-hope', measure: 'Herth Hope Index', direction: 'higher-better', dataType: 'continuous', notes: '' },
    });
    const t = await client.call('timepoints.create', {
      studyId: ben.id,
      timepoint: { label: 'End', weeksAfterTreatment: 0, categoryOverride: null },
    });
    const cell = (armId: string, mean: number, n: number) => ({
      studyOutcomeId: o.id,
      timepointId: t.id,
      armId,
      result: { kind: 'continuous' as const, mean, sd: 1, n, derivation: null },
    });
    const bad = await rejects(client.call('results.setMany', { cells: [cell(arm1.id, 3, 40), cell(arm2.id, 2, 90)] }));
    expect(bad.issues?.[0]?.path).toBe('cells.1.result.n');
    expect((await client.call('studyData.get', { studyId: ben.id })).results).toHaveLength(0);
    const saved = await client.call('results.setMany', { cells: [cell(arm1.id, 3, 40), cell(arm2.id, 2, 41)] });
    expect(saved.map((r) => r?.result)).toMatchObject([{ mean: 3 }, { mean: 2 }]);
    expect((await client.call('history.status', {})).undoLabel).toBe('Enter 2 results');
    await client.call('history.undo', {});
    expect((await client.call('studyData.get', { studyId: ben.id })).results).toHaveLength(0);
  });

  it('counts values per field and refuses a type change that would orphan them', async () => {
    const { client } = example();
    const counts = await client.call('characteristics.counts', {});
    expect(counts[SEED_FORM_IDS.randomised]).toBe(8);
    expect(counts[SEED_FORM_IDS.followUp]).toBe(6);
    const form = await client.call('form.get', {});
    const changed = {
      ...form,
      fields: form.fields.map((f) => (f.id === SEED_FORM_IDS.country ? { ...f, type: 'integer' as const } : f)),
    };
    const e = await rejects(client.call('form.update', { form: changed }));
    expect(e.message).toMatch(/8 extracted values do not fit "Country" as changed/);
    // A change every value fits is fine: whole numbers are numbers too.
    const widened = {
      ...form,
      fields: form.fields.map((f) => (f.id === SEED_FORM_IDS.randomised ? { ...f, type: 'number' as const } : f)),
    };
    expect((await client.call('form.update', { form: widened })).fields.find((f) => f.id === SEED_FORM_IDS.randomised)?.type).toBe(
      'number',
    );
  });
});
