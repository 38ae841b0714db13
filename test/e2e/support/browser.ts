import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { tempDir } from '../../support/temp.ts';
import { cleanupTemp, launchBrowser } from './harness.ts';

// For e2e files that serve several reviews of their own: one Chromium and a temporary folder
// for what the tests write (downloads, PDFs), started before the file's tests and removed after.

export interface BrowserSession {
  readonly browser: Browser;
  /** A temporary folder for the file's outputs. */
  readonly dir: string;
}

/** Registers the hooks; read the fields inside tests, once the file's beforeAll has run. */
export function useBrowser(tempPrefix: string): BrowserSession {
  let state: BrowserSession | null = null;
  let browser: Browser | null = null;
  let cleanupDir: (() => void) | null = null;
  beforeAll(async () => {
    const t = tempDir(tempPrefix);
    cleanupDir = t.cleanup;
    browser = await launchBrowser();
    state = { browser, dir: t.dir };
  });
  afterAll(async () => {
    await browser?.close();
    cleanupDir?.();
    cleanupTemp();
  });
  const ready = () => {
    if (!state) throw new Error('useBrowser: the browser is not started yet (read it inside a test, after beforeAll).');
    return state;
  };
  return {
    get browser() {
      return ready().browser;
    },
    get dir() {
      return ready().dir;
    },
  };
}
