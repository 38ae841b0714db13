import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { SCENARIOS, prepareFixture, runScenario, type Fixture } from '../crash/crash-scenarios.ts';
import { tempDir } from '../support/temp.ts';

// The crash harness's fixed sample (issue 11): each scenario once, killed with SIGKILL at
// a fixed point of its run. test/crash/run.ts runs 50 of each at random points.

const { dir, cleanup } = tempDir('grove-crash-');
let fixture: Fixture;
beforeAll(async () => {
  fixture = await prepareFixture(dir, 200);
}, 120_000);
afterAll(cleanup);

describe('SIGKILL at a fixed point', () => {
  it.each(SCENARIOS.map((s, i) => [s, [0.5, 0.8, 0.65][i % 3]!] as const))(
    '%s (killed at %s of a run) leaves a file that opens, with nothing lost or half-written',
    async (name, at) => {
      const outcome = await runScenario(name, fixture, path.join(dir, name), at, 12345);
      expect(outcome.problems).toEqual([]);
    },
    180_000,
  );
});
