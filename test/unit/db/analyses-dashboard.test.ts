import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { createExampleReview } from '../../../db/src/example/create-example.ts';
import { tempDir } from '../../support/temp.ts';

// analyses.dashboard: the dashboard's short rows carry the same numbers as the whole
// analyses (analyses.list), in a fraction of the bytes.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function review(example: 'fleiss1993' | 'peer-support') {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'r.grove');
  createExampleReview(file, { example }).close();
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file);
  cleanups.push(() => {
    backend.closeFile();
    cleanup();
  });
  return inProcessClient(backend);
}

describe('analyses.dashboard', () => {
  it('gives each outcome with data its k, N, pooled estimate, P, I², study CIs and sentence, as analyses.list computes them', async () => {
    const client = review('fleiss1993');
    const [full, dash] = await Promise.all([client.call('analyses.list', {}), client.call('analyses.dashboard', {})]);
    expect(dash.map((d) => d.id)).toEqual(full.map((f) => f.id));
    expect(dash.length).toBeGreaterThan(0);
    for (const [i, d] of dash.entries()) {
      const a = full[i]!.analysis;
      const o = a.result!.overall!;
      if (!o.estimable) throw new Error('the Fleiss example pools');
      expect(d).toMatchObject({
        outcomeName: a.outcomeName,
        categoryName: a.categoryName,
        effectMeasure: a.effectMeasure,
        synthesis: 'meta-analysis',
        studies: a.contributions.filter((c) => c.included).length,
        participants: a.participants,
        pooled: { estimate: o.estimate, ciLower: o.ciLower, ciUpper: o.ciUpper, p: o.p, i2: o.i2 },
        ratio: a.result!.methods.ratio,
        sentence: full[i]!.sentence,
      });
      expect(d.spark!.rows).toEqual(
        a.result!.rows.filter((r) => r.estimable).map((r) => ({ estimate: r.estimate, ciLower: r.ciLower, ciUpper: r.ciUpper })),
      );
      expect(d.spark!.overall).toEqual({ estimate: o.estimate, ciLower: o.ciLower, ciUpper: o.ciUpper });
      // The point of it: far smaller than the whole analysis.
      expect(JSON.stringify(d).length * 5).toBeLessThan(JSON.stringify(full[i]).length);
    }
  });

  it('is empty for a review whose studies have no outcome data', async () => {
    const client = review('peer-support');
    expect(await client.call('analyses.dashboard', {})).toEqual([]);
  });
});
