// Fuzzing at scale (issue 11): N generated or mutated inputs per importer (default 10,000).
// Prints the counts and the first failures; exits 1 if any input broke a promise.
//
//   node cli/bin/run-ts.js test/fuzz/run.ts [N] [importer…]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { IMPORTERS, arbitraryCase, buildSeeds, checkCase, type Importer } from './importer-fuzz.ts';

const n = Number(process.argv[2] ?? 10_000);
const chosen = (process.argv.slice(3) as Importer[]).filter((i) => IMPORTERS.includes(i));
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-fuzz-'));
let broken = 0;
try {
  const seeds = buildSeeds(root);
  const work = path.join(root, 'work');
  fs.mkdirSync(work);
  // Fastest first, so a run on a busy machine completes as many importers as it can.
  for (const importer of chosen.length ? chosen : (['grove-json', 'rm5', 'revman-package'] as const)) {
    const started = performance.now();
    const failures = new Map<string, number>();
    let done = 0;
    fc.assert(
      fc.property(arbitraryCase(importer, seeds), (c) => {
        const failure = checkCase(c, work);
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
    const bad = [...failures.values()].reduce((a, b) => a + b, 0);
    broken += bad;
    console.log(
      `${importer.padEnd(15)} ${n} inputs: ${n - bad} handled (created or refused cleanly), ${bad} broken  (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
    for (const [kind, count] of [...failures.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${count} × ${kind}`);
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
process.exitCode = broken ? 1 : 0;
