import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { IMPORTERS, arbitraryCase, buildSeeds, checkCase } from '../../fuzz/importer-fuzz.ts';
import { tempDir } from '../../support/temp.ts';

// The fuzzing sample in `npm test` (issue 11): a few dozen generated or mutated inputs per
// importer, fixed seed. test/fuzz/run.ts runs 10,000 per importer.

const { dir, cleanup } = tempDir('grove-fuzz-');
afterAll(cleanup);
const seeds = buildSeeds(dir);
const work = path.join(dir, 'work');
fs.mkdirSync(work);

describe('importers under fuzzing', () => {
  it.each(IMPORTERS)(
    '%s: every input is imported or refused cleanly, naming the input, leaving nothing behind',
    (importer) => {
      const failures: string[] = [];
      fc.assert(
        fc.property(arbitraryCase(importer, seeds), (c) => {
          const failure = checkCase(c, work);
          if (failure) failures.push(failure);
          return true;
        }),
        { numRuns: 40, seed: 11 },
      );
      expect(failures).toEqual([]);
    },
    120_000,
  );
});

describe('the invalid input issue 11 lists, named with element, id and line', () => {
  it('an .rm5 with a duplicate STUDY, CI_STUDY="-0" and a negative total', async () => {
    const { loadRm5Bytes } = await import('../../../db/src/rm5/load-rm5.ts');
    const { latin1Bytes } = await import('@grove/shared/rm5/xml-tree');
    const study = /<STUDY [^>]*?(\/>|>[\s\S]*?<\/STUDY>)/.exec(seeds.rm5)![0];
    let xml = seeds.rm5.replace(study, `${study}\n${study}`);
    xml = xml.replace(/CI_STUDY="[^"]*"/, 'CI_STUDY="-0"').replace(/TOTAL_1="\d+"/, 'TOTAL_1="-5"');
    let message = '';
    try {
      loadRm5Bytes('bad.rm5', latin1Bytes(xml));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^bad\.rm5: /);
    expect(message).toMatch(/STUDY \S+ \(line \d+\): the ID "[^"]+" is used by more than one STUDY element/);
    expect(message).toMatch(/[A-Z]+_OUTCOME \S+ \(line \d+\): CI_STUDY="-0" is not a confidence level between 0 and 100/);
    expect(message).toMatch(/DICH_DATA #1 \(STUDY_ID "[^"]+"\) \(line \d+\): TOTAL_1="-5" cannot be negative/);
  });

  it('a review document with duplicate ids and a mean on a dichotomous row', async () => {
    const { createReviewFromDocument } = await import('../../../db/src/document/import-review.ts');
    // The seed is an .rm5 import's document: it has a RevMan section with data rows.
    const doc = structuredClone(seeds.json) as {
      protocol: { timepointCategories: unknown[] };
      revman: { comparisons: unknown[]; analyses: unknown[]; rows: Array<{ kind: string; mean1: number | null }> };
    };
    const category = { id: 'tc-post', name: 'Post', definition: '', afterWeeksMin: null, afterWeeksMax: 0, selection: 'end-of-treatment' };
    doc.protocol.timepointCategories.push(category, { ...category, name: 'Again' });
    doc.revman.comparisons.push(doc.revman.comparisons[0]);
    doc.revman.analyses.push(doc.revman.analyses[0]);
    const dich = doc.revman.rows.find((r) => r.kind === 'DICH')!;
    dich.mean1 = 1.5;
    const out = path.join(dir, 'dupes.grove');
    expect(() => createReviewFromDocument(out, 'dupes.json', doc)).toThrow(/dupes\.json is not a valid Grove review document: /);
    let message = '';
    try {
      createReviewFromDocument(out, 'dupes.json', doc);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/a DICH row has no mean1/);
    expect(message).not.toMatch(/constraint failed/);
    expect(fs.existsSync(out)).toBe(false);
    // Without the mean, the duplicates are reported with their paths and ids.
    dich.mean1 = null;
    try {
      createReviewFromDocument(out, 'dupes.json', doc);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/protocol\.timepointCategories\.1\.id: duplicate id tc-post \(also at protocol\.timepointCategories\.0\.id\)/);
    expect(message).toMatch(/revman\.comparisons\.\d+\.id: duplicate id \S+ \(also at revman\.comparisons\.0\.id\)/);
    expect(message).toMatch(/revman\.analyses\.\d+\.id: duplicate id/);
  });
});
