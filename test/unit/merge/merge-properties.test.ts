import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { arbitraryHistories, checkHistories, makeBase } from '../../merge/merge-properties.ts';
import { tempDir } from '../../support/temp.ts';

// A small, fixed sample of the merge properties (test/merge/merge-properties.ts) for
// npm test; `node cli/bin/run-ts.js test/merge/run.ts [N]` runs many more.

const { dir, cleanup } = tempDir('grove-merge-props-');
afterAll(cleanup);

describe('merging random edit histories of three copies', () => {
  it('is order-independent, idempotent, loses no incoming value and keeps slot rows', { timeout: 120_000 }, () => {
    const base = makeBase(dir);
    fc.assert(
      fc.property(arbitraryHistories, (h) => {
        checkHistories(base, path.join(dir, 'work'), h);
      }),
      { numRuns: 25, seed: 16016 },
    );
  });
});
