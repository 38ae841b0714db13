// The merge properties at scale (issue 16): N random sets of three copies' histories
// (default 500). Prints the count and the first failure; exits 1 if a property broke.
//
//   node cli/bin/run-ts.js test/merge/run.ts [N] [seed]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { arbitraryHistories, checkHistories, makeBase } from './merge-properties.ts';

const n = Number(process.argv[2] ?? 500);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-merge-run-'));
const started = performance.now();
let done = 0;
try {
  const base = makeBase(root);
  const result = fc.check(
    fc.property(arbitraryHistories, (h) => {
      checkHistories(base, path.join(root, 'work'), h);
      if (++done % 50 === 0) console.log(`  ${done} histories`);
    }),
    { numRuns: n, seed },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.failed) {
    console.log(`merge properties: FAILED after ${result.numRuns} of ${n} (seed ${seed}, ${seconds} s)`);
    console.log(`  counterexample: ${JSON.stringify(result.counterexample)}`);
    console.log(`  ${String(result.errorInstance instanceof Error ? result.errorInstance.message : result.errorInstance)}`);
    process.exitCode = 1;
  } else console.log(`merge properties: ${n} histories of three copies, all hold (seed ${seed}, ${seconds} s)`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
