import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, type ApiClient, type ApiError, type FormField } from '@grove/shared';
import { analyze, type AnalysisInput, type MetaRegressionResult } from '@grove/shared/stats/index';
import { createBackend } from '../../../db/src/backend.ts';
import { createExampleReview } from '../../../db/src/example/create-example.ts';
import { tempDir } from '../../support/temp.ts';
import reference from '../../stats/fixtures/meta-regression-workbench-reference.json' with { type: 'json' };

// Issue 17 in the workbench's API: meta-regression of an outcome on extraction fields
// (analyses.metaRegression). On the Fleiss example with a number field and a single-choice
// field entered per study, against metafor (meta-regression-workbench-reference.R: rma REML,
// z and Knapp–Hartung, on the same study effects) and against the core run on the same rows;
// and every reason it cannot run, named by study and field.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const AGE: FormField = {
  id: 'field-age',
  sectionId: 'section-participants',
  label: 'Mean age',
  type: 'number',
  unit: 'years',
  options: [],
  help: '',
};
const CARE: FormField = {
  id: 'field-care',
  sectionId: 'section-study',
  label: 'Care setting',
  type: 'singleChoice',
  unit: '',
  options: [
    { id: 'care-in', label: 'inpatient' },
    { id: 'care-out', label: 'outpatient' },
  ],
  help: '',
};
const BLIND: FormField = {
  id: 'field-blind',
  sectionId: 'section-study',
  label: 'Blinded',
  type: 'yesNoUnclear',
  unit: '',
  options: [],
  help: '',
};

async function fleiss() {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'f.grove');
  createExampleReview(file, { example: 'fleiss1993' }).close();
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file);
  cleanups.push(() => {
    backend.closeFile();
    cleanup();
  });
  const client = inProcessClient(backend);
  const form = await client.call('form.get', {});
  await client.call('form.update', { form: { ...form, fields: [...form.fields, AGE, CARE, BLIND] } });
  const studies = await client.call('studies.list', {});
  const idOf = (label: string) => studies.find((s) => s.label === label)!.id;
  for (const [i, label] of reference.study.entries()) {
    await client.call('characteristics.set', {
      studyId: idOf(label),
      fieldId: AGE.id,
      content: { status: 'value', value: reference.age[i]! },
    });
    const care = reference.setting[i] === 'inpatient' ? 'care-in' : 'care-out';
    await client.call('characteristics.set', { studyId: idOf(label), fieldId: CARE.id, content: { status: 'value', value: care } });
  }
  const outcomeId = (await client.call('outcomes.outline', {}))[0]!.outcomes[0]!.id;
  return { client, outcomeId, idOf };
}

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(b)));

async function rejects(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected the call to fail');
}

async function failure(client: ApiClient, args: Parameters<ApiClient['call']>[1]) {
  return rejects(client.call('analyses.metaRegression', args as never));
}

describe('analyses.metaRegression on the Fleiss example', () => {
  it.each([
    ['age', 'z'],
    ['age', 'knha'],
    ['setting', 'z'],
    ['setting', 'knha'],
  ] as const)('matches metafor rma(mods = ~ %s, test = "%s", REML)', async (mod, test) => {
    const { client, outcomeId } = await fleiss();
    const want = reference.models[`${mod}/${test}`];
    const got = await client.call('analyses.metaRegression', { outcomeId, moderators: [mod === 'age' ? AGE.id : CARE.id], test });
    expect(got.tau2Estimator).toBe('REML');
    expect(got.k).toBe(5);
    expect(got.df).toBe(want.df);
    expect(got.coefficients.map((c) => c.term)).toEqual(
      mod === 'age' ? ['Intercept', 'Mean age'] : ['Intercept', 'Care setting: outpatient'],
    );
    expect(got.moderators[0]!.reference).toBe(mod === 'age' ? null : 'inpatient');
    got.coefficients.forEach((c, i) => {
      close(c.estimate, want.beta[i]!);
      close(c.se, want.se[i]!);
      close(c.ciLower, want.ci_lb[i]!);
      close(c.ciUpper, want.ci_ub[i]!);
      close(c.p, want.pval[i]!);
    });
    close(got.tau2, want.tau2);
    close(got.qm, want.QM);
    close(got.pQm, want.QMp);
    close(got.qe, want.QE);
    close(got.pQe, want.QEp);
    close(got.r2, want.R2);
    if (mod === 'age') {
      // The bubble plot: metafor's study effects and variances against the entered ages, and the fitted line.
      const bubble = got.bubble!;
      expect(bubble.studies.map((s) => s.study)).toEqual(reference.study);
      bubble.studies.forEach((s, i) => {
        expect(s.x).toBe(reference.age[i]);
        close(s.y, reference.yi[i]!);
        close(s.v, reference.vi[i]!);
      });
      close(bubble.fit.intercept, want.beta[0]!);
      close(bubble.fit.slope, want.beta[1]!);
      close(bubble.fit.vcov.vIntercept, want.se[0]! ** 2);
      close(bubble.fit.vcov.vSlope, want.se[1]! ** 2);
      expect(bubble.xLabel).toBe('Mean age (years)');
    } else {
      expect(got.bubble).toBeNull();
    }
  });

  it('gives what the core gives on the same rows with both moderators', async () => {
    const { client, outcomeId } = await fleiss();
    const got = await client.call('analyses.metaRegression', { outcomeId, moderators: [AGE.id, CARE.id], test: 'knha' });
    const input = (await client.call('outcomes.get', { id: outcomeId })).analysis.input as AnalysisInput;
    const rows = input.rows.map((r, i) => ({ ...r, covariates: { age: reference.age[i]!, care: reference.setting[i]! } }));
    const core = analyze({
      ...input,
      rows,
      extensions: { metaRegression: { moderators: ['age', 'care'], test: 'knha', tau2Estimator: 'REML' } },
    } as AnalysisInput).metaRegression as MetaRegressionResult;
    expect(got.coefficients.map((c) => c.estimate)).toEqual(core.coefficients.map((c) => c.estimate));
    expect(got.coefficients.map((c) => c.se)).toEqual(core.coefficients.map((c) => c.se));
    expect(got.coefficients.map((c) => c.p)).toEqual(core.coefficients.map((c) => c.p));
    expect([got.tau2, got.qm, got.pQm, got.qe, got.pQe, got.r2, got.df]).toEqual([
      core.tau2,
      core.qm,
      core.pQm,
      core.qe,
      core.pQe,
      core.r2,
      core.df,
    ]);
    expect(got.coefficients.map((c) => c.term)).toEqual(['Intercept', 'Mean age', 'Care setting: outpatient']);
    // Two moderators: no bubble plot.
    expect(got.bubble).toBeNull();
  });

  it('names the study and the field when a value is missing or not reported', async () => {
    const { client, outcomeId, idOf } = await fleiss();
    await client.call('characteristics.set', { studyId: idOf('Hart'), fieldId: AGE.id, content: null });
    const missing = await failure(client, { outcomeId, moderators: [AGE.id], test: 'z' });
    expect(missing.code).toBe('VALIDATION');
    expect(missing.message).toMatch(/Study "Hart" has no value for the extraction field "Mean age"/);
    await client.call('characteristics.set', { studyId: idOf('Hart'), fieldId: AGE.id, content: { status: 'not-reported' } });
    expect((await failure(client, { outcomeId, moderators: [AGE.id], test: 'z' })).message).toMatch(
      /Study "Hart" has "Mean age" marked not reported/,
    );
  });

  it('refuses a categorical moderator with one level, too few studies, and fields that cannot be moderators', async () => {
    const { client, outcomeId, idOf } = await fleiss();
    for (const label of reference.study) {
      await client.call('characteristics.set', { studyId: idOf(label), fieldId: BLIND.id, content: { status: 'value', value: 'yes' } });
    }
    const one = await failure(client, { outcomeId, moderators: [BLIND.id], test: 'z' });
    expect(one.code).toBe('VALIDATION');
    expect(one.message).toMatch(/"Blinded" has only one level \("Yes"\)/);
    // Three levels of "Blinded", two of "Care setting" and the age: 5 coefficients from 5 studies.
    await client.call('characteristics.set', { studyId: idOf('Hart'), fieldId: BLIND.id, content: { status: 'value', value: 'no' } });
    await client.call('characteristics.set', { studyId: idOf('Gruen'), fieldId: BLIND.id, content: { status: 'value', value: 'unclear' } });
    const few = await failure(client, { outcomeId, moderators: [AGE.id, CARE.id, BLIND.id], test: 'z' });
    expect(few.message).toMatch(/5 coefficients .* needs at least 6 studies with an estimate; this outcome has 5/);
    const text = await failure(client, { outcomeId, moderators: ['field-country'], test: 'z' });
    expect(text.message).toMatch(/"Country" cannot be a moderator/);
    expect((await failure(client, { outcomeId, moderators: ['field-nope'], test: 'z' })).code).toBe('NOT_FOUND');
    expect((await failure(client, { outcomeId: 'CMP-999.99', moderators: [AGE.id], test: 'z' })).code).toBe('NOT_FOUND');
    expect((await failure(client, { outcomeId, moderators: [], test: 'z' })).code).toBe('VALIDATION');
    expect((await failure(client, { outcomeId, subgroupId: 'no-such-subgroup', moderators: [AGE.id], test: 'z' })).message).toMatch(
      /no subgroup "no-such-subgroup"/,
    );
    expect((await failure(client, { outcomeId, moderators: [AGE.id, AGE.id], test: 'z' })).message).toMatch(/chosen twice/);
  });
});

describe('analyses.metaRegression on one subgroup of an outcome', () => {
  it("runs on the subgroup's rows only; without it on every row, across subgroups, and says so", async () => {
    const { client, idOf } = await fleiss();
    const cmp = await client.call('outline.add', { kind: 'comparison', name: 'Generic' });
    const outcome = await client.call('outline.add', {
      kind: 'outcome',
      comparisonId: cmp.id,
      name: 'Entered as estimate and SE',
      dataType: 'generic',
    });
    await client.call('outcomes.update', { id: outcome.id, settings: { model: 'random' } });
    const s1 = await client.call('outline.add', { kind: 'subgroup', outcomeId: outcome.id, name: 'First four' });
    const s2 = await client.call('outline.add', { kind: 'subgroup', outcomeId: outcome.id, name: 'The last' });
    for (const [i, label] of reference.study.entries()) {
      await client.call('outcomes.rows.create', {
        outcomeId: outcome.id,
        studyId: idOf(label),
        subgroupId: i < 4 ? s1.id : s2.id,
        values: { kind: 'generic', estimate: reference.yi[i]!, se: Math.sqrt(reference.vi[i]!) },
      });
    }
    // All five rows: metafor's fit of the same study effects.
    const all = await client.call('analyses.metaRegression', { outcomeId: outcome.id, moderators: [AGE.id], test: 'z' });
    const want = reference.models['age/z'];
    expect(all.k).toBe(5);
    all.coefficients.forEach((c, i) => close(c.estimate, want.beta[i]!));
    expect(all.notes.join(' ')).toMatch(/across subgroups/);

    const sub = await client.call('analyses.metaRegression', { outcomeId: outcome.id, subgroupId: s1.id, moderators: [AGE.id], test: 'z' });
    expect(sub.k).toBe(4);
    expect(sub.bubble!.studies.map((s) => s.study)).toEqual(reference.study.slice(0, 4));
    const input = (await client.call('outcomes.get', { id: outcome.id })).analysis.input as AnalysisInput;
    const rows = input.rows.slice(0, 4).map((r, i) => ({ ...r, subgroup: undefined, covariates: { age: reference.age[i]! } }));
    const core = analyze({
      ...input,
      rows,
      extensions: { metaRegression: { moderators: ['age'], test: 'z', tau2Estimator: 'REML' } },
    } as AnalysisInput).metaRegression as MetaRegressionResult;
    expect(sub.coefficients.map((c) => c.estimate)).toEqual(core.coefficients.map((c) => c.estimate));
    expect([sub.tau2, sub.qe, sub.r2]).toEqual([core.tau2, core.qe, core.r2]);
    // One study in the other subgroup: too few for an intercept and a slope.
    const few = await failure(client, { outcomeId: outcome.id, subgroupId: s2.id, moderators: [AGE.id], test: 'z' });
    expect(few.message).toMatch(/needs at least 3 studies with an estimate; this outcome has 1/);
  });
});
