import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cleanupTemp, launchBrowser, newReview, startServe, type Served } from './harness.ts';
import { importScreeningRecords, openScreeningAs } from './screening-records.ts';

// Several reviewers screening one served review: a new review with `records` screening
// records, one `grove serve` and one browser, each reviewer in a browser context of their
// own (their own reviewer and undo), on the Screening stage.

export interface ScreeningSession {
  readonly served: Served;
  /** A new browser context opened as reviewer `name` (added on first use), on the Screening stage. */
  reviewerPage(name: string): Promise<Page>;
  /** Closes the contexts, the browser and the server, and removes the temporary files. */
  close(): Promise<void>;
}

export async function screeningSession(title: string, records: number): Promise<ScreeningSession> {
  const file = await newReview(title);
  await importScreeningRecords(file, records);
  const served = await startServe(file);
  let browser: Browser | null = null;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await served.stop();
    throw err;
  }
  const open: Browser = browser;
  const contexts: BrowserContext[] = [];
  return {
    served,
    async reviewerPage(name) {
      const context = await open.newContext({ viewport: { width: 1366, height: 860 } });
      contexts.push(context);
      const page = await context.newPage();
      await openScreeningAs(page, served.url, name);
      return page;
    },
    async close() {
      for (const c of contexts) await c.close();
      await open.close();
      await served.stop();
      cleanupTemp();
    },
  };
}
