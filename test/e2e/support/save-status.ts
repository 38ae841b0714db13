import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Waits until the status bar says every edit made so far is stored ("Saved"). */
export async function saved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toBe('Saved');
}
