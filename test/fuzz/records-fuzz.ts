import fc from 'fast-check';
import { FORMATS, formatProperties, noiseProperty } from './records-properties.ts';

// The long fuzzing run (issue 13): 10,000 cases of each property of every parser.
//   node cli/bin/run-ts.js test/fuzz/records-fuzz.ts [RUNS]
// Prints cases, failures and time per property; exit code 1 on any failure.

const runs = Number(process.argv[2] ?? 10_000);
let failed = 0;
const properties = [...FORMATS.flatMap(formatProperties), noiseProperty];
for (const { name, check } of properties) {
  const t0 = performance.now();
  const details = check(runs);
  const ms = performance.now() - t0;
  const ok = !details.failed;
  if (!ok) failed++;
  process.stdout.write(
    `${ok ? 'ok  ' : 'FAIL'} ${String(details.numRuns).padStart(6)} cases  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}\n`,
  );
  if (!ok)
    process.stdout.write(
      `     counterexample: ${fc.stringify(details.counterexample)}\n     ${String(details.errorInstance).split('\n')[0]}\n`,
    );
}
process.stdout.write(`${properties.length} properties × ${runs} cases: ${failed === 0 ? 'no failure' : `${failed} failed`}\n`);
process.exitCode = failed === 0 ? 0 : 1;
