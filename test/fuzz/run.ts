// Fuzzing at scale (issue 11): N generated or mutated inputs per importer (default 10,000):
// the review importers (grove-json, rm5, revman-package) and `grove import` of each records
// format (records-ris, records-medline, records-wos, records-endnote-xml, records-bibtex,
// records-csv). Prints the counts and the first failures; exits 1 if any input broke a promise.
//
//   node cli/bin/run-ts.js test/fuzz/run.ts [N] [importer…]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { IMPORTERS, arbitraryCase, buildSeeds, checkCase, type FuzzCase, type Importer } from './importer-fuzz.ts';
import {
  RECORDS_IMPORTERS,
  RecordsImportTarget,
  arbitraryRecordsCase,
  buildRecordsSeeds,
  formatOf,
  type RecordsCase,
  type RecordsImporter,
} from './records-import-fuzz.ts';

type AnyImporter = Importer | RecordsImporter;
const ALL: readonly AnyImporter[] = [...IMPORTERS, ...RECORDS_IMPORTERS];
const isRecords = (i: AnyImporter): i is RecordsImporter => (RECORDS_IMPORTERS as readonly string[]).includes(i);

const n = Number(process.argv[2] ?? 10_000);
const chosen = (process.argv.slice(3) as AnyImporter[]).filter((i) => ALL.includes(i));
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-fuzz-'));
let broken = 0;
try {
  const seeds = buildSeeds(root);
  const recordsSeeds = buildRecordsSeeds();
  const work = path.join(root, 'work');
  fs.mkdirSync(work);
  // Fastest first, so a run on a busy machine completes as many importers as it can.
  for (const importer of chosen.length ? chosen : (['grove-json', 'rm5', 'revman-package', ...RECORDS_IMPORTERS] as const)) {
    const started = performance.now();
    const failures = new Map<string, number>();
    let done = 0;
    let target: RecordsImportTarget | null = null;
    let arbitrary: fc.Arbitrary<FuzzCase | RecordsCase>;
    let check: (c: FuzzCase | RecordsCase) => string | null;
    if (isRecords(importer)) {
      const origins = [...new Set(recordsSeeds[formatOf(importer)].map((s) => s.origin))];
      console.log(`  ${importer}: seeds ${origins.join(', ')}`);
      const t = (target = new RecordsImportTarget(work));
      arbitrary = arbitraryRecordsCase(importer, recordsSeeds);
      check = (c) => t.check(c as RecordsCase);
    } else {
      arbitrary = arbitraryCase(importer, seeds);
      check = (c) => checkCase(c as FuzzCase, work);
    }
    fc.assert(
      fc.property(arbitrary, (c) => {
        const failure = check(c);
        // Progress, so that a run cut short still says how far it got.
        if (++done % 500 === 0)
          console.log(`  ${importer}: ${done} inputs, ${[...failures.values()].reduce((a, b) => a + b, 0)} broken so far`);
        if (failure !== null) {
          // Group by message shape (numbers and quoted values stripped) to count kinds, not instances.
          const kind = failure.replace(/"[^"]*"|\d+(\.\d+)?/g, '…').slice(0, 160);
          failures.set(kind, (failures.get(kind) ?? 0) + 1);
        }
        return true;
      }),
      { numRuns: n, seed: 20261206 + importer.length },
    );
    target?.close();
    for (const f of fs.readdirSync(work)) fs.rmSync(path.join(work, f), { recursive: true, force: true });
    const bad = [...failures.values()].reduce((a, b) => a + b, 0);
    broken += bad;
    console.log(
      `${importer.padEnd(20)} ${n} inputs: ${n - bad} handled (imported or refused cleanly), ${bad} broken  (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
    if (target) console.log(`    ${target.imported} imported, ${target.refused} refused`);
    for (const [kind, count] of [...failures.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${count} × ${kind}`);
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
process.exitCode = broken ? 1 : 0;
