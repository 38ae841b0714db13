import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReviewDocument } from '@grove/shared';
import { checkCase, mutateJson } from '../../fuzz/importer-fuzz.ts';
import { screenedReview } from '../../support/screening-document-fixtures.ts';
import { tempDir } from '../../support/temp.ts';

// The JSON importer's fuzzing sample (issue 11's property) aimed at the version-5 sections:
// mutations of a screened review's screening, full-text and study-link sections are each
// imported or refused cleanly, naming the input and leaving nothing behind.

const { dir, cleanup } = tempDir('grove-fuzz-screening-');
afterAll(cleanup);
const work = path.join(dir, 'work');
fs.mkdirSync(work);

const mutation = fc.record({
  path: fc.nat(),
  op: fc.constantFrom('set' as const, 'set' as const, 'duplicate' as const, 'delete' as const),
  value: fc.oneof(
    fc.constantFrom('', 'final', '-1', null, 0, 'include', 'full-text'),
    fc.jsonValue({ maxDepth: 2 }),
    fc.integer({ min: -5, max: 5 }),
  ),
});

describe('the review document importer under fuzzing of its screening sections', () => {
  it('imports or refuses every mutated document cleanly', async () => {
    const r = await screenedReview();
    const doc = (await r.client.call('review.export', {})) as ReviewDocument;
    r.cleanup();
    const { screening, fullTexts, studyLinkRejections, ...rest } = doc;
    const sections = { screening, fullTexts, studyLinkRejections };
    const failures: string[] = [];
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
        const input = { ...rest, ...(mutateJson(sections, ms) as object) };
        const failure = checkCase({ importer: 'grove-json', input }, work);
        if (failure) failures.push(failure);
        return true;
      }),
      { numRuns: 60, seed: 14 },
    );
    expect(failures).toEqual([]);
  }, 120_000);
});
