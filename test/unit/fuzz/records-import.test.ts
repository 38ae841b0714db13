import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RECORDS_IMPORTERS, RecordsImportTarget, arbitraryRecordsCase, buildRecordsSeeds } from '../../fuzz/records-import-fuzz.ts';
import { tempDir } from '../../support/temp.ts';

// The sample of `grove import` fuzzing in `npm test` (issues 11 and 13): a few dozen damaged
// exports of each format (seeded from the corpus when present), fixed seed, imported into a
// review. test/fuzz/run.ts runs 10,000 a format.

const { dir, cleanup } = tempDir('grove-records-fuzz-');
const target = new RecordsImportTarget(dir);
afterAll(() => {
  target.close();
  cleanup();
});
const seeds = buildRecordsSeeds();

describe('grove import of damaged database exports', () => {
  it.each(RECORDS_IMPORTERS)(
    '%s: every file is imported whole or refused with its name and line, writing nothing',
    (importer) => {
      const failures: string[] = [];
      const before = { imported: target.imported, refused: target.refused };
      fc.assert(
        fc.property(arbitraryRecordsCase(importer, seeds), (c) => {
          const failure = target.check(c);
          if (failure) failures.push(failure);
        }),
        { numRuns: 30, seed: 13 },
      );
      expect(failures).toEqual([]);
      // Imports are exercised, not only refusals: most damage is read past, with the record skipped or warned about.
      expect(target.imported - before.imported + (target.refused - before.refused)).toBe(30);
      expect(target.imported).toBeGreaterThan(before.imported);
    },
    120_000,
  );
});
