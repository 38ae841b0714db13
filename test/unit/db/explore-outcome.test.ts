import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient, type ApiError } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { createExampleReview } from '../../../db/src/example/create-example.ts';
import { tempDir } from '../../support/temp.ts';
import reference from '../../stats/fixtures/beyond-revman-reference.json' with { type: 'json' };

// Issue 17 in the workbench's API: trim-and-fill, the cumulative meta-analysis and the
// influence diagnostics of one outcome of the analysis model, with the outcome's own model,
// against metafor (trimfill, cumul, influence on dat.fleiss1993cont with DerSimonian–Laird,
// the Fleiss example's model), and its methods paragraph.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function fleiss() {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'f.grove');
  createExampleReview(file, { example: 'fleiss1993' }).close();
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file);
  cleanups.push(() => {
    backend.closeFile();
    cleanup();
  });
  return inProcessClient(backend);
}

const metafor = reference.pooled['fleiss1993cont/MD'];
const dl = metafor.results['DL/z'];
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(b)));

describe('analyses.explore on the Fleiss example (metafor dat.fleiss1993cont, DL)', () => {
  it('gives trim-and-fill, the cumulative analysis and influence as metafor does, and the methods paragraph', async () => {
    const client = fleiss();
    const id = (await client.call('outcomes.outline', {}))[0]!.outcomes[0]!.id;
    const detail = await client.call('outcomes.get', { id });
    // The example's rows are metafor's data set in the same order.
    const ys = detail.analysis.result!.rows.map((r) => r.estimate);
    ys.forEach((y, i) => close(y!, metafor.y[i]!));

    const x = await client.call('analyses.explore', { outcomeId: id, trimFill: { estimator: 'L0' }, cumulative: true, influence: true });
    expect(x.ratio).toBe(false);
    const tf = x.trimFill!;
    if ('error' in tf) throw new Error(tf.error);
    const want = dl.trimfill['L0/auto'];
    expect(tf.k0).toBe(want.k0);
    expect(tf.side).toBe(want.side);
    close(tf.estimate, want.beta);
    close(tf.ciLower, want.ci_lb);
    close(tf.ciUpper, want.ci_ub);
    close(tf.tau2, want.tau2);
    tf.filled.forEach((f, i) => {
      close(f.estimate, want.filled.yi[i]!);
      close(f.se * f.se, want.filled.vi[i]!);
    });

    const cu = x.cumulative!;
    if ('error' in cu) throw new Error(cu.error);
    expect(cu.map((s) => s.k)).toEqual([1, 2, 3, 4, 5]);
    cu.forEach((s, i) => {
      close(s.estimate, dl.cumul.estimate[i]!);
      close(s.ciLower, dl.cumul.ci_lb[i]!);
      close(s.ciUpper, dl.cumul.ci_ub[i]!);
    });

    const inf = x.influence!;
    if ('error' in inf) throw new Error(inf.error);
    inf.forEach((e, i) => close(e.rstudent, dl.influence.rstudent[i]!));

    expect(x.methodsText).toMatch(/mean differences/i);
    expect(x.methodsText).toMatch(/DerSimonian/);
    expect(x.methodsText).toMatch(/trim-and-fill method \(L0 estimator\)/);
    expect(x.methodsText).toMatch(/cumulative meta-analysis/);
    expect(x.methodsText).toMatch(/We ran the analyses in Grove \d+\.\d+/);
  });

  it('says why a block cannot run in its own place, and names an unknown outcome', async () => {
    const client = fleiss();
    const id = (await client.call('outcomes.outline', {}))[0]!.outcomes[0]!.id;
    const plain = await client.call('analyses.explore', { outcomeId: id });
    expect(plain.trimFill).toBeUndefined();
    expect(plain.methodsText).not.toMatch(/trim-and-fill/);
    // The GLMM models event counts: on the example's continuous outcome it says so in its place.
    const glmm = await client.call('analyses.explore', { outcomeId: id, glmm: true, influence: true });
    expect(glmm.glmm).toEqual({ error: 'glmm: needs dichotomous data (events and totals); this analysis has continuous data' });
    expect(Array.isArray(glmm.influence)).toBe(true);
    const missing = await client.call('analyses.explore', { outcomeId: 'CMP-009.09' }).catch((e: ApiError) => e);
    expect((missing as ApiError).code).toBe('NOT_FOUND');
    expect((missing as ApiError).message).toContain('CMP-009.09');
  });
});
