// The crash harness at scale (issue 11): every scenario of crash-scenarios.ts, N times each
// (default 50), with the kill spread uniformly over 0..1.2 of a complete run. Prints the
// counts; exits 1 if any run broke a promise.
//
//   node cli/bin/run-ts.js test/crash/run.ts [N] [scenario…]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCENARIOS, prepareFixture, rng, runScenario, type ScenarioName } from './crash-scenarios.ts';

const n = Number(process.argv[2] ?? 50);
const chosen = (process.argv.slice(3) as ScenarioName[]).filter((s) => SCENARIOS.includes(s));
const scenarios = chosen.length ? chosen : SCENARIOS;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-crash-'));
let failed = 0;
try {
  const fixture = await prepareFixture(root);
  for (const name of scenarios) {
    const random = rng(0x9e3779b9 ^ (name.length * 7919) ^ name.charCodeAt(0));
    let killed = 0;
    let bad = 0;
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      const seed = Math.floor(random() * 2 ** 31);
      const at = random() * 1.2;
      const outcome = await runScenario(name, fixture, path.join(root, `${name}-${i}`), at, seed);
      if (outcome.killed) killed++;
      if (outcome.problems.length) {
        bad++;
        console.log(`  ${name} #${i} (kill at ${at.toFixed(2)}, seed ${seed}): ${outcome.problems.join('; ')}`);
      }
      fs.rmSync(path.join(root, `${name}-${i}`), { recursive: true, force: true });
    }
    failed += bad;
    console.log(
      `${name.padEnd(18)} ${n} runs: ${killed} killed mid-way, ${n - killed} finished first; ${n - bad} ok, ${bad} broken  (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
