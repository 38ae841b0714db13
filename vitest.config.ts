import { defineConfig } from 'vitest/config';

// Four suites, run separately by the npm scripts:
//  unit         pure functions and the backend against real SQLite files (fast)
//  renderer     React components in jsdom against the real backend, in process
//  integration  the CLI and the HTTP host as child processes
//  e2e          real Chromium driven by Playwright against `grove serve`
//  conformance  reads ../shared/corpus (GROVE_CORPUS); skips cleanly when absent
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Pure renderer logic is tested beside its code (renderer/src/**/x.test.ts).
          include: ['test/unit/**/*.test.ts', 'test/stats/**/*.test.ts', 'renderer/src/**/*.test.ts'],
          environment: 'node',
          // Many open a real review file and import the backend on first use: well under a
          // second alone, but CI saw 5 s pass on a 2-core machine under load (safe-text's
          // .rm5 re-import). A hung test still fails.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          // Each test mounts the whole app over the real backend (a SQLite file per test) and
          // walks a user's path through it: a few seconds alone, more on a busy 2-core machine.
          testTimeout: 30_000,
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          // expect.poll waits for the page and the backend; on a busy 2-core CI machine a
          // round trip plus a re-render can exceed vitest's default of one second.
          expect: { poll: { timeout: 10_000, interval: 50 } },
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
        },
      },
    ],
  },
});
