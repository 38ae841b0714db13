import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

// Screenshots for looking at a page after a change: set GROVE_SHOTS=/some/dir when running
// an e2e test and every `shot` lands there as NAME.png; without it, `shot` does nothing.

/** The folder GROVE_SHOTS names, or undefined when screenshots are off. */
export const SHOTS_DIR: string | undefined = process.env.GROVE_SHOTS;

export interface ShotOptions {
  /** The whole scrollable page rather than the viewport. */
  fullPage?: boolean;
  /** Only this element (a figure, a table) rather than the page. */
  of?: Locator;
}

/** Saves a screenshot of the page (or of one element) as NAME.png in GROVE_SHOTS. */
export async function shot(page: Page, name: string, options: ShotOptions = {}): Promise<void> {
  if (!SHOTS_DIR) return;
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, `${name}.png`);
  if (options.of) await options.of.screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
}
