import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { cleanupTemp, exampleCopy, launchBrowser, startServe, type Served } from './harness.ts';
import { servedRpc } from './served-rpc.ts';

// The setup most e2e files share: a review file, `grove serve` on it and one Chromium.
// `useServedReview` registers the vitest hooks that start them before the file's tests and
// stop them (and remove the temporary files) after, and hands back accessors for the tests.

export interface ServedReview {
  /** The review file being served. */
  readonly file: string;
  readonly served: Served;
  readonly browser: Browser;
  /** One API call over the served review's HTTP host; a refusal throws with the method's name. */
  rpc<T>(method: string, args: unknown): Promise<T>;
}

export interface ServedReviewOptions {
  /** Extra environment for `grove serve`. */
  env?: NodeJS.ProcessEnv;
  /** How long the setup may take (making a large review takes longer than the default hook timeout). */
  timeoutMs?: number;
}

/**
 * Serves the review `make` creates (by default a copy of the bundled example review) for the
 * tests of the calling file. Read the fields inside tests or hooks, not at module level:
 * they exist once the file's beforeAll has run.
 */
export function useServedReview(make: () => Promise<string> = () => exampleCopy(), options: ServedReviewOptions = {}): ServedReview {
  let state: { file: string; served: Served; browser: Browser } | null = null;
  let served: Served | null = null;
  let browser: Browser | null = null;
  beforeAll(async () => {
    const file = await make();
    served = await startServe(file, options.env);
    browser = await launchBrowser();
    state = { file, served, browser };
  }, options.timeoutMs);
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    cleanupTemp();
  });
  const ready = () => {
    if (!state) throw new Error('useServedReview: the review is not served yet (read it inside a test, after beforeAll).');
    return state;
  };
  return {
    get file() {
      return ready().file;
    },
    get served() {
      return ready().served;
    },
    get browser() {
      return ready().browser;
    },
    rpc: (method, args) => servedRpc(ready().served, method, args),
  };
}
