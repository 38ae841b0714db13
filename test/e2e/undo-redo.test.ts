import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readReviewDb } from './support/harness.ts';
import { useServedReview } from './support/served-review.ts';

// Issue 12, item 5: redo (Ctrl+Shift+Z, Ctrl+Y, the status bar's Redo) kept in the file like
// undo, toasts that say what was undone or redone, and Esc in a dialog with typed text asks
// before discarding it.

const review = useServedReview();

function studyCount(label: string): number {
  const db = readReviewDb(review.file);
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM study WHERE label = ?').get(label) as { n: number }).n;
  } finally {
    db.close();
  }
}

async function openStudies(page: Page): Promise<void> {
  await page.getByLabel('Title', { exact: true }).waitFor();
  await page.keyboard.press('Alt+4');
  await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();
}

describe('undo, redo and Esc (e2e)', () => {
  it('redoes with Ctrl+Shift+Z, Ctrl+Y and the Redo button, says what it did, and redoes after a reload', async () => {
    const page = await review.browser.newPage();
    try {
      await page.goto(review.served.url);
      await openStudies(page);
      await page.getByRole('button', { name: /Add study/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Add study' });
      await dialog.getByLabel('Study name').fill('Redo 2024');
      await dialog.getByRole('button', { name: 'Add study' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Redo 2024' }).waitFor();
      const redoButton = page.getByRole('contentinfo', { name: 'Status' }).getByRole('button', { name: 'Redo' });
      expect(await redoButton.isDisabled()).toBe(true);

      await page.locator('body').press('Control+z');
      await page.getByText('Undid: Add study "Redo 2024"', { exact: true }).first().waitFor();
      await page.getByRole('button', { name: 'Redo 2024' }).waitFor({ state: 'detached' });
      expect(studyCount('Redo 2024')).toBe(0);

      await page.locator('body').press('Control+Shift+Z');
      await page.getByText('Redid: Add study "Redo 2024"', { exact: true }).first().waitFor();
      await page.getByRole('button', { name: 'Redo 2024' }).waitFor();
      expect(studyCount('Redo 2024')).toBe(1);

      // Undo again, then reload: the redo is still there, from the file.
      await page.locator('body').press('Control+z');
      await page.getByRole('button', { name: 'Redo 2024' }).waitFor({ state: 'detached' });
      await page.reload();
      await openStudies(page);
      await expect.poll(() => redoButton.isDisabled()).toBe(false);
      expect(await redoButton.getAttribute('title')).toContain('Add study "Redo 2024"');
      await page.locator('body').press('Control+y');
      await page.getByText('Redid: Add study "Redo 2024"', { exact: true }).first().waitFor();
      await page.getByRole('button', { name: 'Redo 2024' }).waitFor();
      expect(studyCount('Redo 2024')).toBe(1);

      // The button does the same; a new change then leaves nothing to redo.
      await page.locator('body').press('Control+z');
      await page.getByRole('button', { name: 'Redo 2024' }).waitFor({ state: 'detached' });
      await redoButton.click();
      await page.getByRole('button', { name: 'Redo 2024' }).waitFor();
      await expect.poll(() => redoButton.isDisabled()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('asks before Esc discards typed text in a dialog, and closes at once when nothing was typed', async () => {
    const page = await review.browser.newPage();
    try {
      await page.goto(review.served.url);
      await openStudies(page);
      const dialog = page.getByRole('dialog', { name: 'Add study' });

      await page.getByRole('button', { name: /Add study/ }).click();
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      await page.getByRole('button', { name: /Add study/ }).click();
      await dialog.getByLabel('Study name').fill('Typed 2020');
      await page.keyboard.press('Escape');
      const ask = page.getByRole('alertdialog', { name: 'Discard what you typed?' });
      await ask.waitFor();
      await ask.getByRole('button', { name: 'Cancel' }).click();
      await ask.waitFor({ state: 'detached' });
      expect(await dialog.getByLabel('Study name').inputValue()).toBe('Typed 2020');

      await dialog.getByLabel('Study name').press('Escape');
      await ask.getByRole('button', { name: 'Discard' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(studyCount('Typed 2020')).toBe(0);
    } finally {
      await page.close();
    }
  });
});
